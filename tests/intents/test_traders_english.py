"""West African traders' English: a question mark makes Pidgin `get` a have (`we get 10 bags
rice?` asks whether they are there; it was recorded as a delivery); what the manager `bought`
came in, as Wolof `jënd naa` (`I bought 10 bags of rice` showed the stock, `j'ai acheté` was an
order), what must be bought is an order, and a customer who bought took goods out."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher


@pytest.mark.parametrize(
    "text", ["we get 10 bags rice?", "we get 10 bags rice ?", "we don get 4 sugar?"]
)
def test_get_asked_is_no_arrival(store: IntentMatcher, text: str) -> None:
    parsed = store.parse(text)
    assert parsed.intent is Intent.STOCK_QUERY, parsed


@pytest.mark.parametrize(
    ("text", "intent", "quantity"),
    [
        ("I bought 10 bags of rice", Intent.RECEIPT, 10),
        ("we bought 10 bags rice", Intent.RECEIPT, 10),
        ("I have bought 10 bags of rice", Intent.RECEIPT, 10),
        ("j'ai acheté 10 sacs de riz", Intent.RECEIPT, 10),
        ("on a déjà acheté 10 sacs de riz", Intent.RECEIPT, 10),
        ("jënd naa 10 sac ceeb", Intent.RECEIPT, 10),
        ("il faut acheter 10 sacs de riz", Intent.RESTOCK, 10),
        ("buy 10 bags rice", Intent.RESTOCK, 10),
        ("a man bought 2 bags of rice", Intent.SALE, 2),
        ("she bought 2 bags rice", Intent.SALE, 2),
        ("customer bought 2 bags rice", Intent.SALE, 2),
    ],
)
def test_who_bought(store: IntentMatcher, text: str, intent: Intent, quantity: int) -> None:
    parsed = store.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (
        intent,
        "RIZ-BRISE-50",
        quantity,
    ), parsed


@pytest.mark.parametrize(
    "text",
    [
        "10 bags rice enter today",
        "10 bags rice don enter",
        "10 bags rice entered",
        "dugg na 10 sac ceeb",
        "10 sac ceeb dugg na",
    ],
)
def test_goods_that_entered_came_in(store: IntentMatcher, text: str) -> None:
    """`enter` (as French `entré`) and Wolof `dugg` (went in): the stock was shown."""
    parsed = store.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (
        Intent.RECEIPT,
        "RIZ-BRISE-50",
        10,
    ), parsed
