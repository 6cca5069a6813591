"""Wolof as typed in Dakar: the person marker glued to the verb (`jotna`, `agsina`, `yokknaa`,
`desna`) reads as the verb and its marker written apart; `indi` (brought) with an amount is goods
brought in. They showed the stock, or were not understood."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher


@pytest.mark.parametrize(
    ("text", "intent", "quantity"),
    [
        ("jotna 10 sac ceeb", Intent.RECEIPT, 10),
        ("agsina 10 sac ceeb", Intent.RECEIPT, 10),
        ("yokknaa 10 sac ceeb", Intent.RECEIPT, 10),
        ("indi nanu 10 sac ceeb", Intent.RECEIPT, 10),
        ("indi naa 10 sac ceeb", Intent.RECEIPT, 10),
        ("ceeb desna ñaata", Intent.STOCK_QUERY, None),
    ],
)
def test_wolof_verbs(store: IntentMatcher, text: str, intent: Intent, quantity: int | None) -> None:
    parsed = store.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (
        intent,
        "RIZ-BRISE-50",
        quantity,
    ), parsed
