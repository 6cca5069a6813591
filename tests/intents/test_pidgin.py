"""Nigerian and Ghanaian Pidgin as traders write it: `wetin remain for store` (what is left),
`rice don finish?` (is the rice finished?), `oga, how far` (hello); `wetin`, `don`, `oga` were
words not understood."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher


@pytest.mark.parametrize(
    ("text", "intent", "sku"),
    [
        ("wetin remain for store", Intent.STOCK_OVERVIEW, None),
        ("oga, rice don finish?", Intent.STOCK_QUERY, "RIZ-BRISE-50"),
        ("oga how far", Intent.GREETING, None),
        ("how far", Intent.GREETING, None),
    ],
)
def test_pidgin(store: IntentMatcher, text: str, intent: Intent, sku: str | None) -> None:
    parsed = store.parse(text)
    assert (parsed.intent, parsed.product) == (intent, sku), parsed
