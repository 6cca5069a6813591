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


DEMO_LIKE = IntentMatcher([
    Entry("SUCRE-M", "Sucre morceaux 1kg", ["sucre", "sucre en morceaux"], "paquet"),
    Entry("SUCRE-P", "Sucre en poudre 50kg", ["sucre"], "sac"),
    Entry("JUMBO", "Bouillon Jumbo", ["bouillon", "cube", "cubes"], "carton"),
])  # fmt: skip


@pytest.mark.parametrize("text", ["morceaux", "stock morceaux", "vendu 3 morceaux"])
def test_a_word_of_a_name_beats_the_translation_that_is_another_products_alias(
    text: str,
) -> None:
    """`morceaux` named Bouillon Jumbo: its English `cube`, Jumbo's whole alias, outweighed the
    word of "Sucre morceaux" itself."""
    assert DEMO_LIKE.parse(text).product == "SUCRE-M", DEMO_LIKE.parse(text)


def test_the_alias_itself_still_names_its_product() -> None:
    assert DEMO_LIKE.parse("vendu 2 cubes").product == "JUMBO"


REVIEWED = IntentMatcher([
    Entry("SUCRE-P", "Sucre en poudre", ["sucre"], "sac"),
    Entry("SUCRE-M", "Sucre morceaux", ["sucre", "sugar cubes"], "paquet"),
    Entry("HUILE-1", "Huile 1L", ["huile", "oil bottle"], "bouteille"),
    Entry("HUILE-5", "Huile 5L", ["huile"], "bidon"),
])  # fmt: skip


@pytest.mark.parametrize(
    ("text", "skus"),
    [
        ("stock sugar", {"SUCRE-P", "SUCRE-M"}),
        ("sold 2 oil", {"HUILE-1", "HUILE-5"}),
    ],
)
def test_a_translation_that_is_the_alias_of_the_words_own_products_still_widens(
    text: str, skus: set[str]
) -> None:
    """`stock sugar` showed only the cubes, `sold 2 oil` picked the 1 L: `sucre` and `huile`,
    whole aliases of both, were left out with the word's own products among them."""
    parsed = REVIEWED.parse(text)
    assert set(parsed.candidates) == skus and parsed.product is None, parsed
