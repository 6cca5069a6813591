"""With several orders open, an order said arrived (`commande reçue`, `order received`) asks which
one arrived, the question waiting until it is answered by a tap, a number or a product, and the
chosen one is received (the orders were listed under « Touchez une commande pour la recevoir ou
l'annuler »); and `annule` right after several orders were placed in one message is about them
(it answered « Rien à annuler »)."""

from __future__ import annotations

import pytest

from bot.db.models import OrderStatus
from bot.outbound.messages import Buttons, ListMessage
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, orders, quantity

_WHICH = "Quelle commande est arrivée ?"


def _place(chat: Chat, typed: str) -> list[int]:
    chat.say(typed)
    assert "confirmée" in chat.say("oui"), chat.last
    return [int(o.id or 0) for o in orders(chat.session)]


def _statuses(chat: Chat) -> list[str]:
    return [o.status for o in orders(chat.session)]


@pytest.mark.parametrize(
    "typed",
    ["commande reçue", "la commande est arrivée", "j'ai reçu la commande", "reçu la commande"],
)
def test_an_arrival_with_several_orders_open_asks_which(chat: Chat, typed: str) -> None:
    rice, soap = _place(chat, "commander 10 riz brisé et 5 savon")
    asked = chat.say(typed)
    assert asked.startswith(_WHICH), asked
    assert f"n°{rice}" in asked and f"n°{soap}" in asked
    [buttons] = [m for m in chat.last if isinstance(m, Buttons)]
    assert len(buttons.buttons) == 2
    confirm = chat.tap(chat.ids()[1])
    assert confirm.startswith(f"Commande n°{soap} arrivée"), confirm
    assert chat.say("oui").startswith(f"✅ Commande n°{soap} reçue : 5 cartons")
    assert _statuses(chat) == [OrderStatus.CONFIRMED, OrderStatus.RECEIVED]
    assert quantity(chat.session, "SAVON-MARSEILLE") == 20


@pytest.mark.parametrize("answer", ["le savon", "celle du savon", "la 2", "la deuxième"])
def test_the_question_waits_for_a_typed_answer(chat: Chat, answer: str) -> None:
    _, soap = _place(chat, "commander 10 riz brisé et 5 savon")
    assert chat.say("commande reçue").startswith(_WHICH)
    assert chat.say(answer).startswith(f"Commande n°{soap} arrivée"), chat.last
    chat.say("oui")
    assert _statuses(chat) == [OrderStatus.CONFIRMED, OrderStatus.RECEIVED]


def test_the_product_named_picks_its_order(chat: Chat) -> None:
    rice, _ = _place(chat, "commander 10 riz brisé et 5 savon")
    asked = chat.say("commande riz brisé reçue")
    assert asked.startswith(f"Commande n°{rice} arrivée : enregistrer l'arrivage de 10 sacs")
    chat.say("oui")
    assert _statuses(chat) == [OrderStatus.RECEIVED, OrderStatus.CONFIRMED]


def test_no_order_of_the_product_named_asks_which_of_the_others(chat: Chat) -> None:
    _place(chat, "commander 10 riz brisé et 5 savon")
    out = chat.say("commande de café reçue")
    assert "Aucune commande en cours pour Café Touba 250g." in out, out
    assert _WHICH in out and len(chat.ids()) == 2


def test_more_than_three_are_a_list_of_at_most_ten_short_rows(chat: Chat) -> None:
    for typed in (
        "commander 10 riz brisé, 5 savon, 3 café",
        "commander 4 farine, 6 thé, 2 bouillon",
        "commander 5 huile jadida 5l, 2 gaz 12kg, 3 tomate",
        "commander 4 lait, 2 riz parfumé, 3 sucre en poudre",
    ):
        placed = _place(chat, typed)
    assert len(placed) == 12
    asked = chat.say("la commande est arrivée")
    assert asked.startswith(_WHICH), asked
    [listed] = [m for m in chat.last if isinstance(m, ListMessage)]
    assert len(listed.rows) == 10
    assert all(len(row.title) <= 24 for row in listed.rows)
    # The last, not among the rows, is still named by its number.
    assert chat.say(f"n°{placed[-1]}").startswith(f"Commande n°{placed[-1]} arrivée")


# --- `annule` right after several orders were placed --------------------------------------


def _after_a_sale(chat: Chat) -> list[int]:
    chat.say("vendu 2 café")
    chat.say("oui")
    return _place(chat, "commander 10 riz brisé et 5 savon")


@pytest.mark.parametrize(
    "typed", ["annule", "annuler", "cancel", "laisse tomber", "je me suis trompé"]
)
def test_a_bare_cancel_after_several_orders_asks_to_cancel_them(chat: Chat, typed: str) -> None:
    rice, soap = _after_a_sale(chat)
    sold = movements(chat.session)
    asked = chat.say(typed)
    assert asked.startswith("Annuler ces 2 commandes ?"), asked
    assert f"n°{rice}" in asked and f"n°{soap}" in asked
    assert _statuses(chat) == [OrderStatus.CONFIRMED] * 2  # asked first
    done = chat.say("oui")
    assert f"Commande n°{rice} annulée" in done and f"Commande n°{soap} annulée" in done, done
    assert _statuses(chat) == [OrderStatus.CANCELLED] * 2
    assert movements(chat.session) == sold  # the sale before them stays


def test_one_of_them_named_is_the_one_cancelled(chat: Chat) -> None:
    _, soap = _after_a_sale(chat)
    chat.say("annule")
    assert chat.say("juste le savon").startswith(f"Annuler la commande n°{soap} (5 cartons")
    chat.say("oui")
    assert _statuses(chat) == [OrderStatus.CONFIRMED, OrderStatus.CANCELLED]


def test_just_one_lists_them_to_pick(chat: Chat) -> None:
    rice, _ = _after_a_sale(chat)
    chat.say("annule")
    assert chat.tap(chat.button("one")).startswith("Quelle commande annuler ?")
    assert chat.tap(chat.ids()[0]).startswith(f"Annuler la commande n°{rice}")
    chat.say("oui")
    assert _statuses(chat) == [OrderStatus.CANCELLED, OrderStatus.CONFIRMED]


def test_no_keeps_them_all(chat: Chat) -> None:
    _after_a_sale(chat)
    chat.say("annule")
    assert chat.say("non") == "D'accord, les 2 commandes restent en cours."
    assert _statuses(chat) == [OrderStatus.CONFIRMED] * 2


@pytest.mark.parametrize(
    ("typed", "which"),
    [
        ("pas toutes", "Quelle commande annuler ?"),
        ("not all", "Which order should I cancel?"),  # in the language written
        ("pas les deux", "Quelle commande annuler ?"),
    ],
)
def test_not_all_of_them_asks_which_and_cancels_none_yet(
    chat: Chat, typed: str, which: str
) -> None:
    _after_a_sale(chat)
    chat.say("annule")
    assert chat.say(typed).startswith(which)
    assert _statuses(chat) == [OrderStatus.CONFIRMED] * 2


@pytest.mark.parametrize("typed", ["annule tout", "annule les deux", "cancel all"])
def test_a_cancel_of_all_of_them_under_the_question_cancels_them(chat: Chat, typed: str) -> None:
    _after_a_sale(chat)
    chat.say("annule")
    chat.say(typed)
    assert _statuses(chat) == [OrderStatus.CANCELLED] * 2


def test_a_cancel_naming_one_under_the_question_asks_for_that_one(chat: Chat) -> None:
    _, soap = _after_a_sale(chat)
    chat.say("annule")
    assert chat.say("annule juste le savon").startswith(f"Annuler la commande n°{soap}")


def test_a_cancel_naming_the_product_of_an_order_just_placed_is_about_that_order(
    chat: Chat,
) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    chat.say("commande 20 riz")
    chat.say("oui")
    asked = chat.say("annule le riz")  # not the rice sold before it
    assert asked.startswith("Annuler la commande n°"), asked


def test_an_arrival_in_english_with_several_orders_open_asks_which_in_english(chat: Chat) -> None:
    _place(chat, "commander 10 riz brisé et 5 savon")
    assert chat.say("order received").startswith("Which order arrived?")


@pytest.mark.parametrize(
    ("typed", "asked", "done"),
    [
        ("annule les commandes", "Annuler ces 3 commandes ?", "oui"),
        ("annule toutes les commandes", "Annuler ces 3 commandes ?", "oui"),
        ("supprime toutes mes commandes", "Annuler ces 3 commandes ?", "oui"),
        ("cancel all orders", "Cancel these 3 orders?", "yes"),
        ("cancel the orders", "Cancel these 3 orders?", "yes"),
        ("neenal komande yi yepp", "Annuler ces 3 commandes ?", "waaw"),
        ("annule les trois commandes", "Annuler ces 3 commandes ?", "oui"),
    ],
)
def test_the_orders_in_the_plural_are_all_cancelled(
    chat: Chat, typed: str, asked: str, done: str
) -> None:
    """`annule les commandes` after orders placed one by one: all of them, confirmed once (it
    asked « Quelle commande annuler ? » as for one)."""
    for placed in ("commander 10 riz brisé", "commander 4 savon", "commander 6 farine"):
        _place(chat, placed)
    out = chat.say(typed)
    assert out.startswith(asked), out
    assert _statuses(chat) == [OrderStatus.CONFIRMED] * 3  # asked first
    chat.say(done)
    assert _statuses(chat) == [OrderStatus.CANCELLED] * 3


def test_fewer_orders_said_than_open_asks_which(chat: Chat) -> None:
    """`les 2 commandes` with 3 open: which, asked (never all 3)."""
    for placed in ("commander 10 riz brisé", "commander 4 savon", "commander 6 farine"):
        _place(chat, placed)
    assert chat.say("annule les 2 commandes").startswith("Quelle commande annuler ?")


def test_the_order_in_the_singular_is_still_asked_which(chat: Chat) -> None:
    for placed in ("commander 10 riz brisé", "commander 4 savon"):
        _place(chat, placed)
    assert chat.say("annule la commande").startswith("Quelle commande annuler ?")


@pytest.mark.parametrize(
    ("typed", "which"),
    [
        ("la commande de riz est là", "riz"),
        ("le riz commandé est arrivé", "riz"),
        ("la livraison de savon est arrivée", "savon"),
        ("les cartons de savon commandés sont arrivés", "savon"),
        ("the rice order is here", "riz"),
        ("the soap delivery arrived", "savon"),
    ],
)
def test_what_was_ordered_said_arrived_is_its_order(chat: Chat, typed: str, which: str) -> None:
    """`la commande de riz est là` is the rice's order arrived, as `commande riz reçue` is (it
    drafted a new order of rice)."""
    rice, soap = _place(chat, "commander 10 riz brisé et 5 savon")
    asked = chat.say(typed)
    order = rice if which == "riz" else soap
    assert asked.startswith((f"Commande n°{order} arrivée", f"Order #{order} arrived")), asked
    chat.say("oui" if asked.startswith("Commande") else "yes")
    assert [o.status for o in orders(chat.session)].count(OrderStatus.RECEIVED) == 1
    assert len(orders(chat.session)) == 2  # no new order


def test_a_delivery_of_what_was_not_ordered_is_an_arrival(chat: Chat) -> None:
    _place(chat, "commander 10 riz brisé")
    asked = chat.say("la livraison de 3 cartons de savon est arrivée")
    assert asked.startswith("Enregistrer l'arrivage de 3 cartons de Savon de Marseille ?"), asked


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("annule toutes les commandes sauf le riz", ["riz"]),
        ("annule la commande sauf le riz", ["riz"]),
        ("cancel all orders except the soap", ["savon"]),
        ("annule toutes les commandes sauf celle du riz et du savon", ["riz", "savon"]),
    ],
)
def test_the_orders_said_kept_stay_open(chat: Chat, typed: str, kept: list[str]) -> None:
    """`sauf le riz`: every other order cancelled (it asked to cancel the rice's)."""
    placed = {
        "riz": _place(chat, "commander 10 riz brisé")[-1],
        "savon": _place(chat, "commander 4 savon")[-1],
        "farine": _place(chat, "commander 6 farine")[-1],
    }
    chat.say(typed)
    chat.say("oui" if "annule" in typed else "yes")
    cancelled = {o.id for o in orders(chat.session) if o.status == OrderStatus.CANCELLED}
    assert cancelled == {n for name, n in placed.items() if name not in kept}


def test_a_kept_product_the_shop_has_not_asks_which(chat: Chat) -> None:
    for placed in ("commander 10 riz brisé", "commander 4 savon"):
        _place(chat, placed)
    asked = chat.say("annule toutes les commandes sauf le mil")
    assert asked.startswith("Quelle commande annuler ?"), asked
