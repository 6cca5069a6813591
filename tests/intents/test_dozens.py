"""`2 douzaines` in digits is 24, as `deux douzaines` is: « vendu 2 douzaines de brosses à dents »
sold 12 (the dozen alone). `une douzaine` stays 12."""

from __future__ import annotations

import pytest

from intents import IntentMatcher, read_quantity
from intents import Product as Entry

SHOP = IntentMatcher([Entry("BROSSE", "Brosse à dents", ["brosse"], "pièce")])


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("vendu 2 douzaines de brosses a dents", 24),
        ("vendu 2 douzaine brosse", 24),
        ("recu 10 douzaines de brosses", 120),
        ("vendu deux douzaines de brosses", 24),
        ("vendu une douzaine de brosses", 12),
        ("sold 3 dozen brushes", 36),
    ],
)
def test_a_number_of_dozens_is_multiplied(text: str, quantity: int) -> None:
    assert SHOP.parse(text).quantity == quantity


def test_an_answer_in_dozens() -> None:
    assert read_quantity("3 douzaines").value == 36
