"""The labelled examples of the shared guide, and our larger labelled set over a store catalog."""

from __future__ import annotations

from typing import Any

import pytest

from intents import IntentMatcher

from .conftest import load_examples

SHARED = load_examples("examples.jsonl")
STORE = load_examples("store_examples.jsonl")
QUANTITY_INTENTS = {"restock", "sale", "receipt"}


def _check(matcher: IntentMatcher, example: dict[str, Any]) -> None:
    result = matcher.parse(example["text"])
    assert result.intent == example["intent"]
    assert result.product == example["product"]
    assert sorted(result.candidates) == sorted(example.get("candidates", []))
    if example["intent"] in QUANTITY_INTENTS:
        assert result.quantity == example["quantity"]


@pytest.mark.parametrize("example", SHARED, ids=[e["text"] for e in SHARED])
def test_shared_example(sample: IntentMatcher, example: dict[str, Any]) -> None:
    _check(sample, example)


@pytest.mark.parametrize("example", STORE, ids=[e["text"] for e in STORE])
def test_store_example(store: IntentMatcher, example: dict[str, Any]) -> None:
    _check(store, example)


def test_store_set_is_large_and_covers_every_intent() -> None:
    assert len(STORE) >= 400
    assert {e["intent"] for e in STORE} == {
        "stock_query", "stock_overview", "low_stock", "restock", "sale", "receipt", "help",
        "cancel", "yes", "no", "greeting", "unknown",
    }  # fmt: skip
