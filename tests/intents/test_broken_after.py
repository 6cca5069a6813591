"""English `broken` (`eaten`, `torn`, `dead`) closing the goods counted says a loss (`2 packs of
coca broken`); before a name it is the product's (`2 broken rice`), and French `riz cassé` is
a product wherever it stands."""

from __future__ import annotations

import pytest

from intents.requests import RequestKind, read_request


@pytest.mark.parametrize(
    ("text", "rest", "change"),
    [("2 packs of coca broken", "pack coca", -2), ("3 chickens dead", "chicken", -3)],
)
def test_broken_after_the_goods_is_a_loss(text: str, rest: str, change: int) -> None:
    request = read_request(text)
    assert request is not None
    assert (request.kind, request.rest, request.quantity, request.out) == (
        RequestKind.COUNT,
        rest,
        change,
        "loss",
    )


@pytest.mark.parametrize("text", ["2 broken rice", "2 riz cassé", "stock broken rice"])
def test_a_products_own_word_is_no_loss(text: str) -> None:
    request = read_request(text)
    assert request is None or request.out is None
