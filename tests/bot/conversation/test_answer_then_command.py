"""An answer and a command in one message (`oui et ajoute 10 sucre`) under a yes/no question:
the answer answers the question, the rest is read next as a command of its own. Before, the
yes was lost: under a low-stock push the message became the arrival alone (nothing ordered),
under a sale's confirmation the arrival became a line of the sale."""

from __future__ import annotations

import pytest

from bot.db.models import OrderStatus
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders, quantity


def _low_rice(chat: Chat) -> None:
    chat.say("vendu 33 riz brisé")
    assert "Vente enregistrée" in chat.say("oui")  # 9 sacs left: the push waits


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("oui et reçu 10 sucre en poudre", "Enregistrer l'arrivage de 10 sacs de Sucre en"),
        ("ok et vendu 2 savon", "Enregistrer la vente de 2 cartons de Savon"),
        ("waaw te jaay naa 2 saabu", "Enregistrer la vente de 2 cartons de Savon"),
        ("oui merci et stock sucre en poudre", "Sucre en poudre 50kg : 12 sacs"),
    ],
)
def test_a_yes_to_the_push_orders_and_the_rest_is_read_next(
    chat: Chat, typed: str, asked: str
) -> None:
    _low_rice(chat)
    out = chat.say(typed)
    assert "Commande n°" in out and "20 sacs de Riz brisé 50kg" in out, out
    assert asked in out, out
    (order,) = orders(chat.session)
    assert order.quantity == 20 and order.status == OrderStatus.CONFIRMED


def test_english_yes_and_a_sale_under_the_push(chat: Chat) -> None:
    chat.say("english")
    chat.say("sold 33 broken rice")
    assert "Sale recorded" in chat.say("yes")
    out = chat.say("yes and sold 2 soap")
    assert "Order #" in out and "Record the sale of 2 cartons of Savon" in out, out
    assert len(orders(chat.session)) == 1


def test_a_no_to_the_push_puts_it_off_and_the_rest_is_read_next(chat: Chat) -> None:
    _low_rice(chat)
    out = chat.say("non et ajoute 10 sucre en poudre")
    assert "Je vous le rappellerai" in out and "l'arrivage de 10 sacs de Sucre" in out, out
    assert not orders(chat.session)


def test_a_yes_to_a_sale_records_it_and_the_arrival_is_asked_apart(chat: Chat) -> None:
    chat.say("vendu 2 savon")
    out = chat.say("oui et reçu 10 riz brisé")
    assert "Vente enregistrée : 2 cartons de Savon" in out, out
    assert "Enregistrer l'arrivage de 10 sacs de Riz brisé 50kg ?" in out, out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 52


def test_a_no_to_a_sale_drops_it_and_the_rest_is_read_next(chat: Chat) -> None:
    chat.say("vendu 2 savon")
    out = chat.say("non et reçu 10 riz brisé")
    assert "Enregistrer l'arrivage de 10 sacs de Riz brisé 50kg ?" in out, out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15


def test_the_questions_own_product_is_still_its_answer(chat: Chat) -> None:
    _low_rice(chat)
    out = chat.say("oui et commande 30 riz brisé")
    assert "30 sacs de Riz brisé 50kg" in out, out
    assert [o.quantity for o in orders(chat.session)] == [30]


@pytest.mark.parametrize("typed", ["non, 3 savon", "non vendu 3 savon"])
def test_a_no_and_a_sale_without_et_still_corrects(chat: Chat, typed: str) -> None:
    chat.say("vendu 2 savon")
    out = chat.say(typed)
    assert "3 cartons de Savon" in out, out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15


def test_a_yes_to_a_large_quantity_records_it_and_reads_the_rest(chat: Chat) -> None:
    """The yes to « c'est beaucoup : vous confirmez ? » is to the arrival: recorded, not asked
    again and dropped by the sale that follows."""
    chat.say("reçu 500 riz brisé")
    out = chat.say("oui et vendu 2 savon")
    assert out.startswith("✅ Arrivage enregistré : 500 sacs de Riz brisé 50kg"), out
    assert "annulé" not in out and "Enregistrer la vente de 2 cartons de Savon" in out, out
    assert quantity(chat.session, "RIZ-BRISE-50") == 542


@pytest.mark.parametrize(
    ("draft", "typed", "asked"),
    [
        ("vendu 2 riz brisé", "oui et ajoute 2 savon", "Enregistrer la vente : 2 sacs de Riz"),
        (
            "commande 20 riz brisé",
            "oui et ajoute 10 savon",
            "20 sacs de Riz brisé 50kg, 10 cartons",
        ),
        ("sold 2 broken rice", "yes and add 2 soap", "Record the sale: 2 bags of Riz"),
    ],
)
def test_a_yes_and_an_addition_under_a_draft_adds_to_it(
    chat: Chat, draft: str, typed: str, asked: str
) -> None:
    """`ajoute`, `add` while a sale or an order waits add to it (as they do without the yes):
    it recorded the sale, then asked an arrival of soap that never came."""
    chat.say(draft)
    out = chat.say(typed)
    assert asked in out and ("Savon" in out), out
    assert "arrivage" not in out and "delivery" not in out, out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


@pytest.mark.parametrize("then", ["stock sucre en poudre", "annule"])
def test_the_movement_set_aside_is_said_dropped_with_the_first(chat: Chat, then: str) -> None:
    """`vendu 2 riz et reçu 10 savon` promises the arrival right after the sale; when the sale
    is replaced or cancelled, the arrival goes with it, said so (it was silently forgotten)."""
    asked = chat.say("vendu 2 riz brisé et reçu 10 savon")
    assert "reçu 10 savon" in asked, asked
    out = chat.say(then)
    assert "« reçu 10 savon » n'est pas enregistré non plus" in out, out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
