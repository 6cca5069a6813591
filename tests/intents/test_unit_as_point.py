"""A decimal written with its unit as the point (`2m50` of fabric, `coca 1l5`, `1kg500`) is one
size: 2,50 m, 1,5 l, 1,5 kg. It was cut into `2m` and `50`: « vendu 2m50 bazin » sold 50
metres, and `coca 1l5` named no bottle of 1.5L."""

from __future__ import annotations

import pytest

from intents import IntentMatcher
from intents import Product as Entry
from intents.normalize import tokenize

FABRIC = IntentMatcher([
    Entry("BAZIN-BLANC", "Bazin riche blanc", [], "mètre"),
    Entry("BAZIN-BLEU", "Bazin riche bleu", [], "mètre"),
])  # fmt: skip
DRINKS = IntentMatcher([
    Entry("COCA-15", "Coca-Cola 1.5L", [], "pack"),
    Entry("COCA-33", "Coca-Cola 33cl canette", [], "pack"),
])  # fmt: skip


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("2m50", ["2.5m"]),
        ("2M50", ["2.5m"]),
        ("1m5", ["1.5m"]),
        ("1l5", ["1.5l"]),
        ("1kg500", ["1.5kg"]),
        ("3m bazin", ["3m", "bazin"]),  # a whole size is left alone
        ("12v 45ah", ["12", "v", "45", "ah"]),
    ],
)
def test_the_unit_as_the_point_is_one_size(text: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(text)] == keys


@pytest.mark.parametrize("text", ["vendu 2m50 bazin blanc", "vendu 2m50 de bazin blanc"])
def test_metres_and_centimetres_are_no_count_of_50(text: str) -> None:
    parsed = FABRIC.parse(text)
    assert parsed.product == "BAZIN-BLANC"
    assert parsed.quantity != 50
    assert parsed.quantity_issue == "decimal"


def test_a_litre_and_a_half_names_the_bottle() -> None:
    parsed = DRINKS.parse("vendu 3 packs coca 1l5")
    assert (parsed.product, parsed.quantity) == ("COCA-15", 3)
