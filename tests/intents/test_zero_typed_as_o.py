"""A zero typed as the letter O (`vendu 1O foulards`, `2OO`): it was read 1 (the `o` dropped),
and a `oui` recorded 1 foulard instead of 10."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product
from intents.normalize import tokenize

SHOP = IntentMatcher(
    [
        Product("FOULARD", "Foulard en soie", ["foulard"], "pièce"),
        Product("HUILE", "Huile moteur 5W30", ["huile"], "bidon"),
    ]
)


@pytest.mark.parametrize(
    ("text", "quantity"),
    [("vendu 1O foulards", 10), ("vendu 2OO foulard", 200), ("vendu 1o0 foulards", 100)],
)
def test_a_zero_typed_as_o_is_a_zero(text: str, quantity: int) -> None:
    parsed = SHOP.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (Intent.SALE, "FOULARD", quantity)


@pytest.mark.parametrize(
    ("text", "keys"), [("5oz", ["5", "oz"]), ("o2", ["o", "2"]), ("1ok", ["1", "ok"])]
)
def test_other_letters_after_a_number_stay_letters(text: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(text)] == keys
