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
        # what is running out (it was not understood)
        ("wetin dey finish", Intent.LOW_STOCK, None),
        ("what is finishing", Intent.LOW_STOCK, None),
    ],
)
def test_pidgin(store: IntentMatcher, text: str, intent: Intent, sku: str | None) -> None:
    parsed = store.parse(text)
    assert (parsed.intent, parsed.product) == (intent, sku), parsed


@pytest.mark.parametrize(
    ("text", "intent", "sku", "quantity"),
    [
        # an amount said gone is sold (before: the stock of it was shown)
        ("2 sugar finish", Intent.SALE, "SUCRE-50", 2),
        ("3 rice gone", Intent.SALE, "RIZ-BRISE-50", 3),
        ("5 bags rice don finish", Intent.SALE, "RIZ-BRISE-50", 5),
        ("2 sugar finished", Intent.SALE, "SUCRE-50", 2),
        # goods got are an arrival (before: the stock was shown, the 10 lost)
        ("we get 10 bags rice", Intent.RECEIPT, "RIZ-BRISE-50", 10),
        ("i don get 4 sugar", Intent.RECEIPT, "SUCRE-50", 4),
        # no amount: none left, a stock stated (the conversation offers a count of 0)
        ("sugar finish", Intent.STOCK_QUERY, "SUCRE-50", None),
        ("sold out of sugar", Intent.STOCK_QUERY, "SUCRE-50", None),
        # asked, not told
        ("rice almost finish", Intent.STOCK_QUERY, "RIZ-BRISE-50", None),
        ("can i get 5 rice", Intent.STOCK_QUERY, "RIZ-BRISE-50", None),
    ],
)
def test_goods_gone_or_got(
    store: IntentMatcher, text: str, intent: Intent, sku: str, quantity: int | None
) -> None:
    parsed = store.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (intent, sku, quantity), parsed


def test_gone_written_once_for_every_item(store: IntentMatcher) -> None:
    """`2 rice and 3 soap gone`: two sales (the rice was a stock question, its 2 lost)."""
    items = store.parse_many("2 rice and 3 sugar gone")
    assert [(i.intent, i.product, i.quantity) for i in items] == [
        (Intent.SALE, "RIZ-BRISE-50", 2),
        (Intent.SALE, "SUCRE-50", 3),
    ]
