"""Counts typed beside a name that holds a number: thousands written with a space, and a count
marked ``x3`` / ``3x``, on a shop the bot never saw (phone credit, memory cards, coffee)."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product
from intents.models import CONFIDENT

SHOP = IntentMatcher(
    [
        Product(sku="OR-1000", name="Crédit Orange 1000", unit="carte"),
        Product(sku="OR-2000", name="Crédit Orange 2000", unit="carte"),
        Product(sku="OR-5000", name="Crédit Orange 5000", unit="carte"),
        Product(sku="FREE-2000", name="Crédit Free 2000", unit="carte"),
        Product(sku="CAFE", name="Café Touba 250g", unit="sachet"),
        Product(sku="SD-32", name="Carte mémoire 32Go", unit="pièce"),
        Product(sku="SD-64", name="Carte mémoire 64Go", unit="pièce"),
    ]
)


@pytest.mark.parametrize(
    "text", ["reçu 1 250 café", "recu 1 250 cafe touba", "j'ai reçu 1 250 sachets de café"]
)
def test_thousands_before_the_only_product_of_that_number_are_one_count(text: str) -> None:
    """« reçu 1 250 café » (one coffee, "Café Touba 250g") read 1 coffee: the 250 taken for
    the name's, when it tells nothing apart; a manager writes 1 250 for one thousand two
    hundred and fifty."""
    item = SHOP.parse(text)
    assert (item.intent, item.product, item.quantity) == (Intent.RECEIPT, "CAFE", 1250)


def test_the_number_of_one_name_among_several_still_names_it() -> None:
    """`vendu 2 1000 orange`: with cards of 1000, 2000 and 5000, 2 of the 1000."""
    item = SHOP.parse("vendu 2 1000 orange")
    assert (item.product, item.quantity) == ("OR-1000", 2)


@pytest.mark.parametrize(
    "text",
    [
        "vendu orange 5000 x3",
        "vendu 3x orange 5000",
        "vendu orange 5000 x 3",
        "vendu 3 x orange 5000",
    ],
)
def test_a_count_marked_with_x_is_no_unknown_word(text: str) -> None:
    """« vendu orange 5000 x3 » asked « Vouliez-vous dire … ? »: the x of x3 counted as a word
    the bot did not know, which lowered its confidence."""
    item = SHOP.parse(text)
    assert (item.product, item.quantity) == ("OR-5000", 3)
    assert item.score >= CONFIDENT, item
