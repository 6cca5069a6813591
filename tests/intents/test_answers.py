"""What a reply corrects while a question waits (intents.answers)."""

from __future__ import annotations

import pytest

from intents.answers import correction, opens_holding, quantity_fix


@pytest.mark.parametrize(
    ("text", "quantity", "rest"),
    [
        ("non c'est 4", 4, ""),
        ("non c'est 4 savon", 4, "savon"),
        ("no, its 12 soaps", 12, "soap"),
        ("deedeet 3 la", 3, ""),
        ("nan 7", 7, ""),
        ("en fait 25", 25, ""),
        ("actually 25", 25, ""),
        ("plutôt 30 sacs", 30, ""),
        ("I meant 6", 6, ""),
    ],
)
def test_a_no_and_a_number_is_a_quantity_to_correct(text: str, quantity: int, rest: str) -> None:
    found = quantity_fix(text)
    assert found is not None, text
    assert (found.quantity, found.rest) == (quantity, rest)


@pytest.mark.parametrize(
    "text",
    [
        "non, le 3",
        "no, number 2",
        "non option 1",
        "c'est 4",
        "4",
        "non",
        "non merci",
        "plutôt le 2",
        "actually number 3",
    ],
)
def test_a_position_or_no_negation_is_not_a_quantity_to_correct(text: str) -> None:
    assert quantity_fix(text) is None


@pytest.mark.parametrize("text", ["non c'est une autre livraison", "non, un autre", "no, one more"])
def test_an_article_is_no_quantity_in_a_correction(text: str) -> None:
    found = correction(text)
    assert found is None or found.quantity is None, found


@pytest.mark.parametrize(
    ("typed", "holding"),
    [
        ("attends le client hésite", True),
        ("attends j'ai oublié", True),  # something left out, no cancel
        ("wait, I forgot", True),
        ("attends, annule", False),
        ("attends laisse tomber", False),
        ("wait, cancel that", False),
        ("hold on, never mind", False),
        ("xaaral, bayyi", False),
        ("attends 2 minutes, le client compte", True),
        ("attends 2, le client compte", False),  # a number: no wait only
    ],
)
def test_a_wait_opened_then_cancelled_is_no_hold(typed: str, holding: bool) -> None:
    assert opens_holding(typed) is holding
