"""A word typed with the accents of one name and not another's: `sucre` is the sugar, not "Jus
sucré" nor "Lait concentré sucré" (their keys are one, their words are not); `sucré` is those
two. Without accents typed, a name written with them is still found when no other name writes
the word plain (`cafe`: "Café Touba")."""

from __future__ import annotations

import pytest

from intents import IntentMatcher, Product

_NAMES = [
    ("SUCRE-1KG", "Sucre en poudre 1kg", "paquet"),
    ("JUS-SUCRE", "Jus sucré 1L", "bouteille"),
    ("LAIT-SUCRE", "Lait concentré sucré 397g", "boîte"),
    ("CAFE", "Café Touba 250g", "sachet"),
    ("RIZ", "Riz brisé 50kg", "sac"),
]
# As a store imported without aliases holds them (its skus are aliases: `JUS-SUCRE`).
SHOP = IntentMatcher([Product(sku, name, (sku,), unit) for sku, name, unit in _NAMES])
TWO_SUGARS = IntentMatcher(
    [
        *(Product(sku, name, (), unit) for sku, name, unit in _NAMES),
        Product("SUCRE-MORCEAUX", "Sucre morceaux", (), "boîte"),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("vendu 3 sucre", "SUCRE-1KG"),
        ("stock sucre", "SUCRE-1KG"),
        ("commande 10 SUCRE", "SUCRE-1KG"),
        ("2 sucres vendus", "SUCRE-1KG"),
        ("sucre", "SUCRE-1KG"),
        ("vendu 2 jus sucre", "JUS-SUCRE"),  # the other words still name theirs
        ("lait sucre", "LAIT-SUCRE"),
        ("vendu 2 cafe", "CAFE"),
        ("stock riz brise", "RIZ"),
    ],
)
def test_the_name_written_as_typed_is_the_one_meant(text: str, sku: str) -> None:
    assert SHOP.parse(text).product == sku, SHOP.parse(text)


@pytest.mark.parametrize(
    ("matcher", "text", "candidates"),
    [
        (SHOP, "vendu 2 sucré", ["JUS-SUCRE", "LAIT-SUCRE"]),
        (TWO_SUGARS, "vendu 3 sucre", ["SUCRE-1KG", "SUCRE-MORCEAUX"]),
    ],
)
def test_names_written_alike_are_still_asked(
    matcher: IntentMatcher, text: str, candidates: list[str]
) -> None:
    parsed = matcher.parse(text)
    assert (parsed.product, sorted(parsed.candidates)) == (None, candidates), parsed


HEADS = IntentMatcher(
    [
        Product("PATE-ARA", "Pâte d'arachide 500g", (), "pot"),
        Product("PATE-DENT", "Pate dentifrice", (), "tube"),
        Product("CREME-F", "Crème fraîche", (), "pot"),
        Product("CREME-G", "Creme glacée", (), "pot"),
    ]
)


@pytest.mark.parametrize(
    ("text", "candidates"),
    [("vendu 2 pate", ["PATE-ARA", "PATE-DENT"]), ("vendu 2 creme", ["CREME-F", "CREME-G"])],
)
def test_a_word_first_in_both_names_is_still_asked(text: str, candidates: list[str]) -> None:
    """Typed plain, the first word of a name written with its accent may be a missed accent:
    both asked (it picked the toothpaste, the ice cream)."""
    parsed = HEADS.parse(text)
    assert (parsed.product, sorted(parsed.candidates)) == (None, candidates), parsed
