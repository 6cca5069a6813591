"""Matchers over the sample catalog of the shared guide and over a larger store catalog."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intents import IntentMatcher, read_products

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intents"


def load_matcher(csv_name: str) -> IntentMatcher:
    return IntentMatcher(read_products((FIXTURES / csv_name).read_text("utf-8").splitlines()))


def load_examples(name: str) -> list[dict[str, Any]]:
    lines = (FIXTURES / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def sample() -> IntentMatcher:
    """The 10-product catalog of ../shared/intents (copied into tests/fixtures)."""
    return load_matcher("catalog.csv")


@pytest.fixture(scope="session")
def store() -> IntentMatcher:
    """A 37-product store: two milks, two soaps, two juices, water next to bleach, thé vs the."""
    return load_matcher("store_catalog.csv")
