"""`12 au lieu de 20`, `commande 12 au lieu de 20`, `vendu 5 au lieu de 3`, `4 pas 2` right after
something was recorded or ordered, with no `non` before: the number replaced is the quantity
just recorded, so the message corrects it. Before, the order was « Je ne trouve pas « lieu » »,
the bare `12 au lieu de 20` was not understood, `commander 12 pas 20` asked a second order; and
under the alert a sale raised, `35 au lieu de 33` (the sale's 33) ordered 35 sacs at once.

Beside them, what right after a recording is no correction of it (`le savon il en reste 6`), and
a correction naming its line by size (`la petite c'était 2`)."""

from __future__ import annotations

import pytest

from bot.db.models import OrderStatus
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders, quantity


def _ordered_20_rice(chat: Chat) -> None:
    chat.say("commander 20 riz")
    assert "Commande n°1 confirmée" in chat.say("oui")


@pytest.mark.parametrize(
    "typed",
    [
        "commande 12 au lieu de 20",
        "12 au lieu de 20",
        "commander 12 pas 20",
        "c'est 12 au lieu de 20",
        "order 12 instead of 20",
    ],
)
def test_the_order_just_placed_is_changed(chat: Chat, typed: str) -> None:
    _ordered_20_rice(chat)
    asked = chat.say(typed)
    assert asked.startswith(("Passer la commande n°1 à 12 sacs", "Change order #1 to 12 bags"))
    chat.tap(chat.button("yes"))
    (order,) = orders(chat.session)
    assert (order.quantity, order.status) == (12, OrderStatus.CONFIRMED)


@pytest.mark.parametrize("typed", ["vendu 5 au lieu de 3", "5 au lieu de 3", "5 pas 3"])
def test_the_sale_just_recorded_is_corrected(chat: Chat, typed: str) -> None:
    chat.say("vendu 3 sucre en poudre")
    assert "Vente enregistrée" in chat.say("oui")
    before = quantity(chat.session, "SUCRE-50")
    asked = chat.say(typed)
    assert asked.startswith("Corriger la vente de 3 sacs de Sucre")
    assert "en 5 sacs" in asked
    chat.tap(chat.button("yes"))
    assert quantity(chat.session, "SUCRE-50") == before - 2


def test_a_number_that_is_not_the_one_recorded_is_no_correction(chat: Chat) -> None:
    chat.say("vendu 3 sucre en poudre")
    chat.say("oui")
    assert not chat.say("5 au lieu de 4").startswith("Corriger")


def test_under_the_alert_a_sale_raised_its_quantity_replaced_corrects_the_sale(
    chat: Chat,
) -> None:
    chat.say("vendu 33 riz")
    assert "Vente enregistrée" in chat.say("oui")  # 9 sacs left: "Commander 20 sacs ?" pushed
    asked = chat.say("35 au lieu de 33")
    assert asked.startswith("Corriger la vente de 33 sacs de Riz brisé 50kg")
    assert not orders(chat.session)


def test_under_the_alert_the_offered_quantity_replaced_is_the_order(chat: Chat) -> None:
    chat.say("vendu 33 riz")
    chat.say("oui")
    chat.say("30 au lieu de 20")
    (order,) = orders(chat.session)
    assert order.quantity == 30


def test_a_sale_typed_instead_of_a_number_names_no_product_lieu(chat: Chat) -> None:
    assert "lieu" not in chat.say("vendu 3 au lieu de 2")


@pytest.mark.parametrize("typed", ["le savon il en reste 6", "savon il en reste 6 cartons"])
def test_another_products_stock_told_after_a_sale_is_its_count(chat: Chat, typed: str) -> None:
    """`il en reste 6` was read as a correction (its `en` taken for `en fait`): the sale of rice
    was offered to become a sale of 6 soaps."""
    chat.say("vendu 2 riz")
    assert "Vente enregistrée" in chat.say("oui")
    asked = chat.say(typed)
    assert asked.startswith("Savon de Marseille") and "→ 6 cartons" in asked, asked
    assert "Corriger" not in asked


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("la petite c'était 3", "Corriger la vente de 2 bouteilles d'Huile Jadida 1L"),
        ("non la grande c'est 3", "Corriger la vente de 1 bidon d'Huile Jadida 5L"),
        ("the big one was 3", "Correct the sale of 1 can of Huile Jadida 5L"),
    ],
)
def test_a_line_of_the_sale_just_recorded_named_by_its_size(
    chat: Chat, typed: str, line: str
) -> None:
    """`la petite` among the lines just recorded is the smaller of them, not the smallest
    product of the shop (a sale of coffee recorded before was corrected)."""
    chat.say("vendu 2 café")
    chat.say("oui")
    chat.say("vendu 2 huile 1l et 1 huile 5l")
    assert "Vente enregistrée" in chat.say("oui")
    assert chat.say(typed).startswith(line)
