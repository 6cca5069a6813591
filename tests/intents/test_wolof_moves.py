"""Wolof said of the stock: `dugal naa 10 sac ceeb` (I put 10 bags in) is an arrival; `ndax`
after a command tells why (`… delloo 2 saabu ndax dafa yàqu`: returned because spoiled), not
more of it. Both were read as something else (a stock question, a « Vouliez-vous dire … ? »)."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher


@pytest.mark.parametrize(
    ("text", "intent", "sku", "quantity"),
    [
        ("dugal naa 10 sac ceeb", Intent.RECEIPT, "RIZ-BRISE-50", 10),
        ("duggal naa 5 saabu", Intent.RECEIPT, "SAVON-MARSEILLE", 5),
        ("kiliyaan bi dafa delloo 2 saabu ndax dafa yàqu", Intent.RECEIPT, "SAVON-MARSEILLE", 2),
        ("jaay naa 3 ceeb ndax kiliyaan bi dafa gaaw", Intent.SALE, "RIZ-BRISE-50", 3),
    ],
)
def test_wolof_moves(
    store: IntentMatcher, text: str, intent: Intent, sku: str, quantity: int
) -> None:
    parsed = store.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (intent, sku, quantity), parsed
    assert parsed.score >= 0.85, parsed


@pytest.mark.parametrize(
    "text", ["ndax am nga ceeb?", "salam, ndax am nga ceeb ?", "bonjour, ndax am nga ceeb"]
)
def test_ndax_opening_a_message_still_asks(store: IntentMatcher, text: str) -> None:
    """After a greeting too (it was cut there: the greeting alone was answered)."""
    parsed = store.parse(text)
    assert (parsed.intent, parsed.product) == (Intent.STOCK_QUERY, "RIZ-BRISE-50"), parsed
