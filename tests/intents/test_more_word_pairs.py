"""English words of a pharmacy, a drinks depot and a fabric shop found in French catalogues:
`diapers size 4` is Couches taille 4 (the 4 was lost: which diapers?), `coke` the Coca-Cola,
`beer` the bière, `lace` the dentelle, `thread` the fil, `wipes` the lingettes."""

from __future__ import annotations

import pytest

from intents import IntentMatcher
from intents import Product as Entry

SHOP = IntentMatcher([
    Entry("COUCHE-3", "Couches Softcare taille 3", [], "paquet"),
    Entry("COUCHE-4", "Couches Softcare taille 4", [], "paquet"),
    Entry("LINGETTE", "Lingettes bébé Softcare", [], "paquet"),
    Entry("COCA", "Coca-Cola 33cl canette", [], "pack"),
    Entry("GAZELLE", "Bière Gazelle 63cl", [], "casier"),
    Entry("DENTELLE", "Dentelle", [], "mètre"),
    Entry("FIL-NOIR", "Fil à coudre noir", [], "bobine"),
])  # fmt: skip


@pytest.mark.parametrize(
    ("text", "sku", "quantity"),
    [
        ("sold 2 packs of diapers size 4", "COUCHE-4", 2),
        ("how many coke left", "COCA", None),
        ("sold 3 crates of beer", "GAZELLE", 3),
        ("how much lace left", "DENTELLE", None),
        ("sold 2 black thread", "FIL-NOIR", 2),
        ("sold 4 baby wipes", "LINGETTE", 4),
    ],
)
def test_the_english_word_finds_the_french_name(text: str, sku: str, quantity: int | None) -> None:
    parsed = SHOP.parse(text)
    assert (parsed.product, parsed.quantity) == (sku, quantity), parsed
