"""An alimentation générale: Maggi and Jumbo sold by the cube, sugar in lumps (« morceaux »)
or powder. A unit word of the shop is no translated product word."""

from __future__ import annotations

import pytest

from intents import IntentMatcher
from intents import Product as Entry

GROCERY = IntentMatcher([
    Entry("SUCRE-M", "Sucre morceaux", [], "paquet"),
    Entry("SUCRE-P", "Sucre en poudre", [], "kg"),
    Entry("MAGGI", "Maggi", [], "cube"),
    Entry("JUMBO", "Jumbo", ["bouillon"], "cube"),
])  # fmt: skip


@pytest.mark.parametrize("text", ["vendu 3 cube", "vendu 3 cubes"])
def test_the_unit_other_products_are_sold_by_names_no_product_by_its_translation(
    text: str,
) -> None:
    """`3 cubes` where Maggi and Jumbo are sold by the cube: the unit of the amount, not
    "Sucre morceaux" (`cube` is the English of `morceau`)."""
    parsed = GROCERY.parse(text)
    assert (parsed.product, parsed.quantity) == (None, 3), parsed


def test_sugar_cubes_still_name_the_sugar() -> None:
    parsed = GROCERY.parse("vendu 2 cubes de sucre")
    assert "SUCRE-M" in [parsed.product, *parsed.candidates], parsed
