"""A size letter ending a name (`T-shirt blanc L`, `Pile D`) is the name's word, not the elided
article `l'` / `d'`: it was dropped, so "T-shirt blanc L" was named whole by `tshirt blanc` and
`vendu 2 tshirt blanc` recorded the L without asking which size."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product
from intents.answers import correction

SHIRTS = IntentMatcher(
    [
        Product("BL-S", "T-shirt blanc S", ["tshirt blanc s"], "pièce"),
        Product("BL-M", "T-shirt blanc M", ["tshirt blanc m"], "pièce"),
        Product("BL-L", "T-shirt blanc L", ["tshirt blanc l"], "pièce"),
        Product("NO-M", "T-shirt noir M", (), "pièce"),
        Product("NO-L", "T-shirt noir L", (), "pièce"),
        Product("PILE-D", "Pile D", (), "pièce"),
        Product("PILE-C", "Pile C", (), "pièce"),
        Product("HUILE", "Huile d'arachide 1L", ["huile"], "bouteille"),
    ]
)


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("vendu 2 tshirt blanc", ["BL-S", "BL-M", "BL-L"]),
        ("vendu 2 t-shirt blanc", ["BL-S", "BL-M", "BL-L"]),
        ("vendu 2 t-shirt noir", ["NO-M", "NO-L"]),
    ],
)
def test_a_name_without_its_size_letter_asks_which(text: str, candidates: list[str]) -> None:
    parsed = SHIRTS.parse(text)
    assert (parsed.product, sorted(parsed.candidates)) == (None, sorted(candidates))


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("vendu 2 tshirt blanc L", "BL-L"),
        ("vendu 2 t-shirt blanc l", "BL-L"),
        ("vendu 2 tshirt noir L", "NO-L"),
        ("vendu 2 tshirt blanc M", "BL-M"),
        ("vendu 2 pile D", "PILE-D"),
        ("vendu 2 huile d'arachide", "HUILE"),
        ("vendu 2 l'huile", "HUILE"),
    ],
)
def test_a_size_letter_typed_names_that_size(text: str, sku: str) -> None:
    parsed = SHIRTS.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (Intent.SALE, sku, 2)


@pytest.mark.parametrize(
    ("text", "rest"),
    [("non le L", "l"), ("non c'était le L", "l"), ("non le D", "d"), ("non l'autre", "")],
)
def test_a_size_letter_in_a_correction_is_what_it_names(text: str, rest: str) -> None:
    found = correction(text)
    assert found is not None and found.rest == rest, found
