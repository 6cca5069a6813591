"""Issue 12 §6: orders followed in chat — listed, received (in full or in part), cancelled — and
received once whatever the path (chat, button, API)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from bot.clock import utcnow
from bot.db.models import MovementSource
from bot.orders import OrderClosed, receive_order
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, movements, orders, quantity


def _order(chat: Chat, text: str = "commander riz 20") -> int:
    chat.say(text)
    chat.say("oui")
    return int(orders(chat.session)[-1].id or 0)


@pytest.mark.parametrize(
    "typed", ["mes commandes", "commandes en cours", "my orders", "où en est ma commande de riz ?"]
)
def test_the_open_orders_are_listed_to_tap(chat: Chat, typed: str) -> None:
    rice = _order(chat)
    sugar = _order(chat, "commander sucre 5")
    out = chat.say(typed)
    assert f"n°{rice}" in out or f"#{rice}" in out, out
    if "riz" not in typed:
        assert f"n°{sugar}" in out or f"#{sugar}" in out
    assert chat.ids()  # one can be tapped


@pytest.mark.parametrize(
    "typed",
    [
        "elle arrive quand la commande ?",
        "when will my order arrive",
        "est-ce que la commande est arrivée",
        "komande bi kañ lay agsi",
    ],
)
def test_a_question_about_an_order_shows_it_and_receives_nothing(chat: Chat, typed: str) -> None:
    rice = _order(chat)
    out = chat.say(typed)
    assert f"n°{rice}" in out or f"#{rice}" in out, out
    assert "?" not in out.split("\n")[0]  # not "enregistrer l'arrivage … ?"
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []


def test_a_question_about_another_order_is_not_an_answer_about_this_one(chat: Chat) -> None:
    rice = _order(chat)
    sugar = _order(chat, "commander sucre en poudre 5")
    chat.say("mes commandes")
    assert "Que faire de cette commande ?" in chat.say(str(1))  # the rice order, first listed
    out = chat.say("la commande de sucre est arrivée ?")
    assert f"n°{sugar}" in out and f"n°{rice}" not in out, out
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []


def test_no_open_order(chat: Chat) -> None:
    assert chat.say("mes commandes") == "Aucune commande en cours."


@pytest.mark.parametrize(
    "typed",
    [
        "la commande n°{id} est arrivée",
        "commande {id} reçue",
        "reçu la commande de riz",
        "commande 20 sacs de riz reçue",  # 20 is the quantity, not the order's number
    ],
)
def test_an_order_arrived_is_confirmed_then_received_once(chat: Chat, typed: str) -> None:
    order_id = _order(chat)
    asked = chat.say(typed.format(id=order_id))
    assert f"n°{order_id}" in asked and "20 sacs" in asked and "?" in asked, asked
    done = chat.say("oui")
    assert done.startswith(f"✅ Commande n°{order_id} reçue : 20 sacs de Riz brisé 50kg."), done
    assert quantity(chat.session, "RIZ-BRISE-50") == 62
    [order] = orders(chat.session)
    assert (order.status, order.received_quantity) == ("received", 20)
    [receipt] = movements(chat.session, "RIZ-BRISE-50")[1:]
    assert receipt == ("RIZ-BRISE-50", "receipt", 20)
    # The API's `received` afterwards counts nothing more.
    with pytest.raises(OrderClosed):
        receive_order(
            chat.session,
            order_id,
            source=MovementSource.API,
            settings=chat.settings,
            now=utcnow(),
        )
    assert quantity(chat.session, "RIZ-BRISE-50") == 62


def test_a_partial_delivery_keeps_the_rest_or_closes_as_chosen(chat: Chat) -> None:
    order_id = _order(chat)
    asked = chat.say(f"reçu 18 sacs sur les 20 de la commande {order_id}")
    assert "18 sacs" in asked and "20" in asked
    part = chat.say("oui")
    assert "Il manque 2 sacs" in part
    assert (
        chat.say("on attend le reste")
        == f"D'accord, la commande n°{order_id} attend encore 2 sacs."
    )
    [order] = orders(chat.session)
    assert (order.status, order.received_quantity) == ("confirmed", 18)
    assert quantity(chat.session, "RIZ-BRISE-50") == 60
    # The rest arrives another day: only 2 awaited now.
    assert "2 sacs" in chat.say(f"commande {order_id} reçue")
    chat.say("oui")
    [order] = orders(chat.session)
    assert (order.status, order.received_quantity) == ("received", 20)
    assert quantity(chat.session, "RIZ-BRISE-50") == 62
    assert balanced(chat.session)


def test_a_partial_delivery_closed(chat: Chat) -> None:
    order_id = _order(chat)
    chat.say(f"reçu 15 sur 20 de la commande {order_id}")
    chat.say("oui")
    closed = chat.tap(chat.button("close"))
    assert closed == f"Commande n°{order_id} clôturée : reçu 15 sacs sur 20 sacs."
    [order] = orders(chat.session)
    assert (order.status, order.received_quantity) == ("received", 15)


def test_received_by_the_api_first_then_typed_in_chat(chat: Chat, session: Session) -> None:
    order_id = _order(chat)
    receive_order(
        session, order_id, source=MovementSource.API, settings=chat.settings, now=utcnow()
    )
    session.commit()
    assert chat.say(f"commande {order_id} reçue") == f"La commande n°{order_id} est déjà reçue."
    assert quantity(chat.session, "RIZ-BRISE-50") == 62


def test_a_plain_receipt_while_an_order_is_open_asks_if_it_is_the_order(chat: Chat) -> None:
    order_id = _order(chat)
    asked = chat.say("reçu 20 sacs de riz")
    assert f"commande n°{order_id}" in asked and "?" in asked
    assert chat.say("oui").startswith(f"✅ Commande n°{order_id} reçue")
    [order] = orders(chat.session)
    assert order.status == "received"
    # Not the order: a plain receipt after one more question, the order stays open.
    second = _order(chat, "commander riz 10")
    chat.say("reçu 5 sacs de riz")
    assert chat.say("non").startswith("Enregistrer l'arrivage de 5 sacs de Riz brisé 50kg ?")
    chat.say("oui")
    assert [(o.id, o.status) for o in orders(chat.session)][-1] == (second, "confirmed")
    assert quantity(chat.session, "RIZ-BRISE-50") == 67


def test_an_order_is_cancelled_after_confirmation(chat: Chat) -> None:
    order_id = _order(chat)
    asked = chat.say(f"annule la commande {order_id}")
    assert asked.startswith(f"Annuler la commande n°{order_id} (20 sacs de Riz brisé 50kg) ?")
    assert chat.say("oui") == f"Commande n°{order_id} annulée (20 sacs de Riz brisé 50kg)."
    [order] = orders(chat.session)
    assert order.status == "cancelled"
    assert chat.say(f"commande {order_id} reçue") == f"La commande n°{order_id} est annulée."


def test_a_tap_on_a_listed_order_offers_its_actions(chat: Chat) -> None:
    order_id = _order(chat)
    chat.say("mes commandes")
    actions = chat.pick(chat.ids()[0]) if len(chat.ids()) > 3 else chat.tap(chat.ids()[0])
    assert "Que faire de cette commande ?" in actions
    chat.tap(chat.button("received"))
    chat.say("oui")
    [order] = orders(chat.session)
    assert (order.id, order.status) == (order_id, "received")


@pytest.mark.parametrize(
    "typed", ["reçu 12 seulement", "on a reçu 12", "arrivé 12 sacs", "we got 12", "12"]
)
def test_the_quantity_really_received_answers_the_arrival_question(chat: Chat, typed: str) -> None:
    order_id = _order(chat)
    assert "20 sacs" in chat.say(f"la commande {order_id} est arrivée")
    asked = chat.say(typed)
    assert "12 sacs" in asked and "20" in asked, asked
    assert "Il manque 8 sacs" in chat.say("oui")
    [order] = orders(chat.session)
    assert (order.status, order.received_quantity) == ("confirmed", 12)
    assert quantity(chat.session, "RIZ-BRISE-50") == 54
    assert balanced(chat.session)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        (False, "la commande {id} est arrivée"),
        (False, "the order {id} arrived"),
        (False, "it arrived"),
        (False, "tout est arrivé"),
        (False, "komande bi agsi na"),
        (True, "la commande {id} est arrivée"),
        (True, "order {id} has arrived"),
        (True, "reçu la commande {id}"),
    ],
)
def test_an_arrival_typed_while_its_order_is_shown_asks_to_receive_it(
    chat: Chat, listed: bool, typed: str
) -> None:
    """While the list of orders, or one order's actions, waits, a typed arrival of that order is
    the receipt (asked once to confirm), not the same question again."""
    order_id = _order(chat)
    _order(chat, "commander sucre en poudre 5")
    chat.say("mes commandes")
    if not listed:
        assert "Que faire de cette commande ?" in chat.say("1")
    asked = chat.say(typed.format(id=order_id))
    if any(word in typed for word in ("order", "it")):  # answered in the language written
        assert f"#{order_id}" in asked and "20 bags" in asked, asked
        assert "What to do" not in asked, asked
        assert chat.say("yes").startswith(f"✅ Order #{order_id} received: 20 bags"), chat.last
        return
    assert f"n°{order_id}" in asked and "20 sacs" in asked, asked
    assert "Que faire" not in asked, asked
    assert chat.say("oui").startswith(f"✅ Commande n°{order_id} reçue : 20 sacs"), chat.last


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        (True, "reçu 12 sacs de riz"),
        (True, "arrivée de 12 riz"),
        (False, "reçu 12 sacs de riz"),
        (False, "we got 12 bags of rice"),
        (False, "reçu 12"),
    ],
)
def test_a_receipt_with_its_amount_typed_while_orders_are_shown_keeps_it(
    chat: Chat, listed: bool, typed: str
) -> None:
    """It was read as the order tapped (the list) or `Tout reçu` (its actions): the amount was
    lost, the actions asked again or the whole order offered."""
    order_id = _order(chat)
    chat.say("mes commandes")
    if not listed:
        assert "Que faire de cette commande ?" in chat.say("1")
    asked = chat.say(typed)
    if typed.startswith("we"):  # answered in the language written
        assert f"#{order_id}" in asked and "12 bags" in asked and "What to do" not in asked, asked
        assert "8 bags" in chat.say("yes"), chat.last
    else:
        assert f"n°{order_id}" in asked and "12 sacs" in asked and "Que faire" not in asked, asked
        assert "Il manque 8 sacs" in chat.say("oui"), chat.last
    [order] = orders(chat.session)
    assert (order.status, order.received_quantity) == ("confirmed", 12)
    assert quantity(chat.session, "RIZ-BRISE-50") == 54


@pytest.mark.parametrize(
    "typed", ["annule la commande {id}", "cancel order {id}", "annule la commande"]
)
def test_a_cancel_typed_while_its_order_is_shown_asks_to_cancel_it(chat: Chat, typed: str) -> None:
    order_id = _order(chat)
    _order(chat, "commander sucre en poudre 5")
    chat.say("mes commandes")
    assert "Que faire de cette commande ?" in chat.say("1")
    asked = chat.say(typed.format(id=order_id))
    number = f"#{order_id}" if typed.startswith("cancel") else f"n°{order_id}"  # as written
    assert number in asked and "Que faire" not in asked and "What to do" not in asked, asked
    chat.say("oui")
    assert [o.status for o in orders(chat.session)] == ["cancelled", "confirmed"]


def test_yes_order_twenty_after_a_stock_question_orders_that_product(chat: Chat) -> None:
    chat.say("stock tomate")
    assert chat.say("oui commande 20") == (
        "✅ Commande n°1 confirmée : 20 cartons de Concentré de tomate 400g."
    )
    assert [(o.quantity, o.status) for o in orders(chat.session)] == [(20, "confirmed")]


@pytest.mark.parametrize(("typed", "received"), [("non c'est 10", 10), ("actually it was 14", 14)])
def test_a_correction_to_the_rest_question_corrects_what_arrived(
    chat: Chat, typed: str, received: int
) -> None:
    order_id = _order(chat)
    chat.say(f"la commande {order_id} est arrivée")
    chat.say("12 seulement")
    assert "Il manque 8 sacs" in chat.say("oui")
    asked = chat.say(typed)
    if typed.startswith("actually"):  # answered in the language written
        assert asked.startswith("Correct the delivery of 12 bags of Riz brisé 50kg"), asked
        assert f"to {received} bags?" in asked
    else:
        assert asked.startswith("Corriger l'arrivage de 12 sacs de Riz brisé 50kg"), asked
        assert f"en {received} sacs ?" in asked
    chat.say("oui")
    [order] = orders(chat.session)
    assert (order.status, order.received_quantity) == ("confirmed", received)
    assert quantity(chat.session, "RIZ-BRISE-50") == 42 + received
    assert balanced(chat.session)


@pytest.mark.parametrize("typed", ["non c'est 12", "actually it was 12", "12"])
def test_a_correction_to_is_it_the_order_changes_the_quantity_not_the_order(
    chat: Chat, typed: str
) -> None:
    _order(chat)
    assert "est-ce la commande" in chat.say("reçu 15 riz")
    asked = chat.say(typed)
    english = typed.startswith("actually")  # answered in the language written
    assert asked.startswith(
        "Delivery of 12 bags of Riz brisé 50kg: is it order"
        if english
        else "Arrivage de 12 sacs de Riz brisé 50kg : est-ce la commande"
    ), asked
    said = chat.say("oui")
    assert ("8 bags" if english else "Il manque 8 sacs") in said, said
    [order] = orders(chat.session)
    assert (order.status, order.received_quantity) == ("confirmed", 12)
    assert quantity(chat.session, "RIZ-BRISE-50") == 54


def test_yes_with_the_same_quantity_to_a_large_one_is_a_yes(chat: Chat) -> None:
    asked = chat.say("reçu 900 riz")
    assert "c'est beaucoup" in asked, asked
    assert chat.say("oui 900").startswith("Enregistrer l'arrivage de 900 sacs")


@pytest.mark.parametrize(
    "typed",
    [
        "les 2 autres viendront demain",
        "le fournisseur amène le reste demain",
        "il va livrer le reste la semaine prochaine",
    ],
)
def test_the_rest_told_to_come_is_awaited(chat: Chat, typed: str) -> None:
    """Under « Il manque 2 sacs. On attend le reste ou on clôture ? », the rest told to come is
    awaited (`les 2 autres viendront demain` was not understood)."""
    order_id = _order(chat)
    chat.say(f"reçu 18 sacs sur les 20 de la commande {order_id}")
    assert "Il manque 2 sacs" in chat.say("oui")
    assert chat.say(typed) == f"D'accord, la commande n°{order_id} attend encore 2 sacs."


@pytest.mark.parametrize(
    ("typed", "yes"),
    [
        ("le riz est arrivé", "oui"),
        ("j'ai reçu le riz", "oui"),
        ("riz bien reçu", "oui"),
        ("the rice has arrived", "yes"),
        ("ceeb bi agsi na", "waaw"),
    ],
)
def test_goods_said_arrived_while_the_orders_are_listed_receive_their_order(
    chat: Chat, typed: str, yes: str
) -> None:
    """The list of orders waits and the manager says which goods came: that order's arrival is
    asked to confirm (it showed the order's actions, and « oui » then showed them again)."""
    order_id = _order(chat)
    _order(chat, "commander sucre en poudre 5")
    chat.say("mes commandes")
    asked = chat.say(typed)
    assert ("20 sacs" in asked or "20 bags" in asked) and str(order_id) in asked, asked
    assert "Que faire" not in asked and "What to do" not in asked, asked
    done = chat.say(yes)
    assert "✅" in done and str(order_id) in done, done
    [rice, _] = orders(chat.session)
    assert (rice.status, rice.received_quantity) == ("received", 20)
    assert quantity(chat.session, "RIZ-BRISE-50") == 62
