"""`vendu 2 huile 1l et 3 de 5l`: a piece of an amount and a size only, after an item naming
a product, is the same product in that size, its own item (it was joined to the first item,
which then named both sizes: the 3 of 5 L were lost)."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product

DRINKS = IntentMatcher(
    [
        Product("EAU-05", "Eau Kirène 0,5L", ["eau", "kirene", "eau 0,5l"], "bouteille"),
        Product("EAU-15", "Eau Kirène 1,5L", ["eau", "kirene", "eau 1,5l"], "bouteille"),
        Product("EAU-10", "Eau Kirène 10L", ["eau", "kirene", "eau 10l"], "bidon"),
        Product("BISSAP-1", "Bissap 1L", ["bissap"], "bouteille"),
        Product("RIZ-25", "Riz 25kg", ["riz"], "sac"),
        Product("RIZ-50", "Riz 50kg", ["riz"], "sac"),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendu 2 kirene 1,5l et 3 de 10l", [("EAU-15", 2), ("EAU-10", 3)]),
        ("vendu 4 eau 10l, 6 de 0,5l", [("EAU-10", 4), ("EAU-05", 6)]),
        ("recu 5 riz 25kg et 2 de 50kg", [("RIZ-25", 5), ("RIZ-50", 2)]),
    ],
)
def test_an_amount_of_another_size_is_the_same_product_in_it(
    text: str, expected: list[tuple[str, int]]
) -> None:
    items = DRINKS.parse_many(text)
    assert [(i.product, i.quantity) for i in items] == expected
    assert len({i.intent for i in items}) == 1 and items[0].intent in (Intent.SALE, Intent.RECEIPT)


def test_an_amount_alone_still_goes_with_the_item_before() -> None:
    (item,) = DRINKS.parse_many("commande de bissap, 40 bouteilles")
    assert (item.product, item.quantity) == ("BISSAP-1", 40)
