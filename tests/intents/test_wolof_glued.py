"""Wolof as typed in Dakar: the person marker glued to the verb (`jotna`, `agsina`, `yokknaa`,
`desna`) reads as the verb and its marker written apart; `indi` (brought) with an amount is goods
brought in. They showed the stock, or were not understood. Leaving said (`mangi dem`, `i dey go`)
is a goodbye."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher
from intents.requests import RequestKind, read_request


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


@pytest.mark.parametrize(
    "text", ["mangi dem", "mangi dem, ba suba", "maa ngi dem", "i dey go", "ok i go come"]
)
def test_leaving_is_a_goodbye(text: str) -> None:
    """Wolof `mangi dem` (I am going), Pidgin `i dey go`, `i go come` (I will be back): they got
    the greeting (« Na nga def 👋 Laaj ma STOCK … ») or were not understood."""
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.THANKS, text


@pytest.mark.parametrize("text", ["i go come buy 10 sac ceeb", "dem na"])
def test_leaving_words_with_more_are_no_goodbye(text: str) -> None:
    request = read_request(text)
    assert request is None or request.kind is not RequestKind.THANKS
