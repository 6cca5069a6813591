"""A lone letter before a number a name writes after a word of that initial stands for that
word: `couches t4` is Couches taille 4 (it was "which diapers?", or the 4 a count), `T42` the
pointure 42; a name that writes the letter itself (`NGK C7HSA`) keeps it."""

from __future__ import annotations

import pytest

from intents import IntentMatcher
from intents import Product as Entry

SHOP = IntentMatcher([
    Entry("COUCHE-3", "Couches Softcare taille 3", [], "paquet"),
    Entry("COUCHE-4", "Couches Softcare taille 4", [], "paquet"),
    Entry("COUCHE-5", "Couches Softcare taille 5", [], "paquet"),
    Entry("SANDALE-42", "Sandales cuir pointure 42", [], "paire"),
    Entry("SANDALE-40", "Sandales cuir pointure 40", [], "paire"),
    Entry("BOUGIE-C7", "Bougie NGK C7HSA", ["bougie c7"], "pièce"),
    Entry("BOUGIE-B6", "Bougie NGK BKR6E", ["bougie b6"], "pièce"),
])  # fmt: skip


@pytest.mark.parametrize(
    ("text", "sku", "quantity"),
    [
        ("vendu 2 couches t4", "COUCHE-4", 2),
        ("vendu 2 couches T3", "COUCHE-3", 2),
        ("vendu 2 couches t 5", "COUCHE-5", 2),
        ("stock couche t5", "COUCHE-5", None),
        ("vendu 1 sandales p42", "SANDALE-42", 1),
        ("vendu 3 bougies c7", "BOUGIE-C7", 3),
    ],
)
def test_the_letter_stands_for_the_word_of_the_name(
    text: str, sku: str, quantity: int | None
) -> None:
    parsed = SHOP.parse(text)
    assert (parsed.product, parsed.quantity) == (sku, quantity), parsed


def test_a_letter_the_names_write_is_kept() -> None:
    from intents.normalize import spelled_initial

    assert spelled_initial("c", "7", SHOP.name_numbers) is None
    assert spelled_initial("t", "4", SHOP.name_numbers) == "taille"
    assert spelled_initial("t", "9", SHOP.name_numbers) is None  # no size 9
