"""Goods lost in a measure (`on a jeté 4 kg de thiof`, `4 kg de riz perdus`): a loss of that
amount in its unit, which the conversation takes in the product's unit or asks about. The measure
was read as a size and the message as nothing at all."""

from __future__ import annotations

import pytest

from intents.requests import RequestKind, read_request


@pytest.mark.parametrize(
    ("text", "words", "amount"),
    [
        ("on a jeté 4 kg de thiof", "kg thiof", -4),
        ("on a jeté 4 kg de thiof, c'était gâté", "kg thiof", -4),
        ("4 kg de riz perdus", "kg riz", -4),
    ],
)
def test_an_amount_in_a_measure_is_lost(text: str, words: str, amount: int) -> None:
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.COUNT, request
    assert request.out == "loss" and request.counts == (((words, amount),),), request


@pytest.mark.parametrize("text", ["riz 50kg perdu", "le riz 25kg est pourri"])
def test_a_size_after_a_name_is_no_amount_lost(text: str) -> None:
    request = read_request(text)
    assert request is None or all(n > -25 for c in request.counts for _, n in c), request


@pytest.mark.parametrize(
    "text",
    [
        "the ice no melt, 5 ice block remain",
        "ice never melt, we still get 80 ice block",
        "2 sacs de riz ne sont pas perdus",
    ],
)
def test_a_loss_said_not_to_have_happened_is_none(text: str) -> None:
    """`the ice no melt, 5 ice block remain` offered a loss of 5 blocks."""
    request = read_request(text)
    assert request is None or request.out != "loss", request


def test_a_loss_with_a_correction_before_it_is_still_one() -> None:
    request = read_request("pas 3, 2 sacs perdus")
    assert request is not None and request.out == "loss", request
