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


RAYON = IntentMatcher(
    [
        Product(sku="VOILE", name="Voile", unit="mètre"),
        Product(sku="FIL", name="Fil à coudre", unit="bobine"),
        Product(sku="RIZ-25", name="Riz parfumé 25kg", aliases=["riz"], unit="sac"),
        Product(sku="RIZ-50", name="Riz brisé 50kg", aliases=["riz"], unit="sac"),
        Product(sku="SUCRE-1", name="Sucre morceaux 1kg", aliases=["sucre"], unit="paquet"),
        Product(sku="SUCRE-50", name="Sucre en poudre 50kg", aliases=["sucre"], unit="sac"),
        Product(sku="HUILE-1", name="Huile Jadida 1L", aliases=["huile"], unit="bouteille"),
        Product(sku="HUILE-5", name="Huile Jadida 5L", aliases=["huile"], unit="bidon"),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendu 2 voile fil", [(["VOILE"], 2), (["FIL"], None)]),
        ("vendu 3 riz sucre", [(["RIZ-25", "RIZ-50"], 3), (["SUCRE-1", "SUCRE-50"], None)]),
    ],
)
def test_products_named_back_to_back_after_one_count_are_two_items(
    text: str, expected: list[tuple[list[str], int | None]]
) -> None:
    """« vendu 2 voile fil » was one item of the voile (the thread a word left out), or a
    choice between the two."""
    items = RAYON.parse_many(text)
    assert [(sorted([i.product] if i.product else i.candidates), i.quantity) for i in items] == (
        expected
    )


@pytest.mark.parametrize("text", ["vendu 2 huile jadida", "vendu 2 sucre morceaux"])
def test_words_of_one_product_stay_one_item(text: str) -> None:
    assert len(RAYON.parse_many(text)) == 1


@pytest.mark.parametrize("text", ["recu 2 huile 5l, 3 bidons", "recu 2 huile 5l, 3"])
def test_an_amount_after_a_counted_item_is_an_item_of_its_own(text: str) -> None:
    """« recu 2 huile 20l, 3 bidons » was one item of 2 (the 3 folded into the oil's and lost):
    an item without product, for the caller to ask about."""
    items = RAYON.parse_many(text)
    assert [(i.product, i.quantity) for i in items] == [("HUILE-5", 2), (None, 3)]


def test_an_amount_after_an_item_with_none_is_its_amount() -> None:
    """`commande de riz brisé, 40 sacs`: the amount of the rice, as before."""
    (item,) = RAYON.parse_many("commande de riz brisé, 40 sacs")
    assert (item.product, item.quantity) == ("RIZ-50", 40)


def test_a_count_of_unknown_words_after_an_item_is_an_item_of_its_own() -> None:
    """« vendu 2 voile 3 pelles »: the 3 pelles (sold nowhere here) were dropped."""
    items = RAYON.parse_many("vendu 2 voile 3 pelles")
    assert [(i.product, i.quantity) for i in items] == [("VOILE", 2), (None, 3)]


def test_a_name_holding_another_product_s_word_is_not_cut() -> None:
    """`vendu eau sans gaz 4`: one product, "Eau minérale sans gaz", not water and gas."""
    matcher = IntentMatcher(
        [
            Product(sku="EAU", name="Eau minérale sans gaz 1.5L", unit="pack"),
            Product(sku="GAZ-6", name="Gaz 6kg", aliases=["gaz"], unit="bouteille"),
            Product(sku="GAZ-12", name="Gaz 12kg", aliases=["gaz"], unit="bouteille"),
        ]
    )
    (item,) = matcher.parse_many("vendu eau sans gaz 4")
    assert "EAU" in (item.product, *item.candidates) and item.quantity == 4
