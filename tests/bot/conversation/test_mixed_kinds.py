"""One line, several kinds of movement (`vendu 2 riz et perdu 1 savon`): each kind its own
movement, asked in turn as a sale and an arrival are (« Une opération à la fois »), each with
its note in the history. The loss was recorded as one sale of both (the sales inflated, the
loss not noted « perte »), or read as a stock question; a supplier return beside a sale was
asked before the sale, as an arrival."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, last_move, movements, quantity

RIZ, SAVON, HUILE, SUCRE = "RIZ-BRISE-50", "SAVON-MARSEILLE", "HUILE-5L", "SUCRE-MORCEAU"
SALE = ("sale", -2, "")
LOSS = ("adjustment", -1, "perte")


def _moved(chat: Chat) -> list[tuple[str, str, int]]:
    return [m for m in movements(chat.session) if m[1] != "import"]


@pytest.mark.parametrize(
    ("typed", "yes", "later", "first", "second"),
    [
        (
            "vendu 2 riz et perdu 1 savon",
            "oui",
            "« perdu 1 savon » est demandé juste après",
            "Enregistrer la vente de 2 sacs de Riz brisé 50kg ?",
            "Enregistrer la perte de 1 carton de Savon de Marseille (stock 15 → 14 cartons) ?",
        ),
        (
            "vendu 2 riz, 1 savon s'est abîmé",
            "oui",
            "« 1 savon s'est abîmé » est demandé juste après",
            "Enregistrer la vente de 2 sacs de Riz brisé 50kg ?",
            "Enregistrer la perte de 1 carton de Savon de Marseille",
        ),
        (
            "sold 2 rice and lost 1 soap",
            "yes",
            "« lost 1 soap » is asked right after",
            "Record the sale of 2 bags of Riz brisé 50kg?",
            "Record the loss of 1 carton of Savon de Marseille (stock 15 → 14 cartons)?",
        ),
        (
            "sold 2 rice and 1 soap was stolen",
            "yes",
            "« 1 soap was stolen » is asked right after",
            "Record the sale of 2 bags of Riz brisé 50kg?",
            "Record the loss of 1 carton of Savon de Marseille",
        ),
        (
            "jaay naa 2 riz te 1 savon yàqu na",
            "waaw",
            "« 1 savon yàqu na »",
            "2 sacs de Riz brisé 50kg",
            "Enregistrer la perte de 1 carton de Savon de Marseille",
        ),
    ],
)
def test_a_sale_then_a_loss(
    chat: Chat, typed: str, yes: str, later: str, first: str, second: str
) -> None:
    asked = chat.say(typed)
    assert later in asked and first in asked, asked
    assert "Savon" not in asked.replace(later, ""), asked  # not one sale of both
    assert _moved(chat) == []  # nothing before the yes
    asked = chat.say(yes)
    assert second in asked, asked
    assert last_move(chat.session, RIZ) == SALE
    assert quantity(chat.session, SAVON) == 15  # the loss waits for its own yes
    assert "✅" in chat.say(yes)
    assert last_move(chat.session, SAVON) == LOSS
    assert balanced(chat.session)


@pytest.mark.parametrize(
    ("typed", "yes", "returned"),
    [
        (
            "vendu 2 riz, rendu 3 huile 5l au fournisseur",
            "oui",
            "Enregistrer le retour au fournisseur de 3 bidons d'Huile Jadida 5L (stock 18 → 15",
        ),
        (
            "sold 2 rice and returned 3 oil 5l to the supplier",
            "yes",
            "Record the return to the supplier of 3 cans of Huile Jadida 5L (stock 18 → 15",
        ),
        (
            "jaay naa 2 riz te delloo naa 3 huile 5l ci fournisseur bi",
            "waaw",
            "Enregistrer le retour au fournisseur de 3 bidons d'Huile Jadida 5L (stock 18 → 15",
        ),
    ],
)
def test_a_sale_then_a_return_to_the_supplier(
    chat: Chat, typed: str, yes: str, returned: str
) -> None:
    """The sale first, as written (the return was asked first, and as an arrival)."""
    asked = chat.say(typed)
    assert "2 sacs de Riz brisé 50kg" in asked or "2 bags of Riz" in asked, asked
    assert returned in chat.say(yes)
    chat.say(yes)
    assert _moved(chat) == [(RIZ, "sale", -2), (HUILE, "adjustment", -3)]
    assert last_move(chat.session, HUILE) == ("adjustment", -3, "retour fournisseur")


@pytest.mark.parametrize(
    ("typed", "yes", "first", "arrival"),
    [
        (
            "perdu 2 riz et reçu 10 savon",
            "oui",
            "Enregistrer la perte de 2 sacs de Riz brisé 50kg (stock 42 → 40 sacs) ?",
            "Enregistrer l'arrivage de 10 cartons de Savon de Marseille ?",
        ),
        (
            "lost 2 rice and received 10 soap",
            "yes",
            "Record the loss of 2 bags of Riz brisé 50kg (stock 42 → 40 bags)?",
            "Record the delivery of 10 cartons of Savon de Marseille?",
        ),
        (
            "2 riz yàqu na te jot naa 10 savon",
            "waaw",
            "2 sacs de Riz brisé 50kg (stock 42 → 40 sacs)",
            "10 cartons de Savon de Marseille",
        ),
    ],
)
def test_a_loss_then_an_arrival(chat: Chat, typed: str, yes: str, first: str, arrival: str) -> None:
    """Not one arrival of both (the lost rice came in)."""
    asked = chat.say(typed)
    assert first in asked, asked
    assert arrival in chat.say(yes)
    chat.say(yes)
    assert _moved(chat) == [(RIZ, "adjustment", -2), (SAVON, "receipt", 10)]
    assert last_move(chat.session, RIZ) == ("adjustment", -2, "perte")


def test_goods_after_a_loss_are_lost_too_one_product_at_a_time(chat: Chat) -> None:
    asked = chat.say("vendu 2 riz et perdu 1 savon et 2 sucre morceaux")
    assert "« perdu 1 savon ; perdu 2 sucre morceaux » est demandé juste après" in asked, asked
    assert "perte de 1 carton de Savon" in chat.say("oui")
    assert "perte de 2 paquets de Sucre morceaux 1kg" in chat.say("oui")
    chat.say("oui")
    assert _moved(chat) == [(RIZ, "sale", -2), (SAVON, "adjustment", -1), (SUCRE, "adjustment", -2)]
    assert last_move(chat.session, SUCRE) == ("adjustment", -2, "perte")


def test_two_losses_in_one_line(chat: Chat) -> None:
    """Was one loss of a product read from both (`1 savon riz`), the other forgotten."""
    asked = chat.say("perdu 1 savon, 2 riz")
    assert "perte de 1 carton de Savon de Marseille" in asked, asked
    assert "perte de 2 sacs de Riz brisé 50kg" in chat.say("oui")
    chat.say("oui")
    assert _moved(chat) == [(SAVON, "adjustment", -1), (RIZ, "adjustment", -2)]


def test_a_loss_of_all_of_it_beside_a_sale(chat: Chat) -> None:
    chat.say("vendu 2 riz et tout le thé est périmé")
    asked = chat.say("oui")
    assert "perte de 50 paquets de Thé vert Chinois 25g (stock 50 → 0" in asked, asked
    chat.say("oui")
    assert last_move(chat.session, "THE-VERT") == ("adjustment", -50, "perte")


def test_the_loss_is_asked_even_when_the_sale_is_declined(chat: Chat) -> None:
    chat.say("vendu 2 riz et perdu 1 savon")
    asked = chat.say("non")
    assert "vente non enregistrée" in asked and "perte de 1 carton" in asked, asked
    chat.say("oui")
    assert _moved(chat) == [(SAVON, "adjustment", -1)]


def test_cancelled_first_the_loss_is_said_dropped_too(chat: Chat) -> None:
    chat.say("vendu 2 riz et perdu 1 savon")
    told = chat.say("annule")
    assert "« perdu 1 savon » n'est pas enregistré non plus" in told, told
    assert _moved(chat) == []


def test_cancelled_after_the_sale_only_the_loss_is_dropped(chat: Chat) -> None:
    chat.say("vendu 2 riz et perdu 1 savon")
    chat.say("oui")
    told = chat.say("annule")
    assert "La perte de 1 carton de Savon de Marseille est annulée" in told, told
    assert _moved(chat) == [(RIZ, "sale", -2)]
    history = chat.say("historique riz")
    assert "vente -2" in history, history


def test_nothing_in_stock_to_lose_the_next_is_asked(chat: Chat) -> None:
    """`tout le lait a tourné` with no milk: said, and the arrival asked all the same."""
    asked = chat.say("tout le lait a tourné et reçu 10 savon")
    assert "est déjà à 0 : aucune perte à enregistrer" in asked, asked
    assert "Enregistrer l'arrivage de 10 cartons de Savon de Marseille ?" in asked, asked
