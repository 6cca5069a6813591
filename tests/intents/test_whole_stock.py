"""The whole stock said as the amount (`intents.whole_stock`), and the loss of it read as a
request (`tout le lait a tourné`: a count of 0 of the milk, said as a loss); they were no
amount (a stock question, or nothing)."""

from __future__ import annotations

import pytest

from intents.requests import RequestKind, read_request
from intents.whole_stock import all_of_it


def _bissap(word: str) -> bool:
    return word in {"bissap", "rouge"}


@pytest.mark.parametrize(
    "typed",
    [
        "vendu tout le stock de bissap",
        "j'ai tout vendu le bissap rouge",
        "tout le bissap est vendu",
        "sold all the bissap",
        "sold everything of the bissap",
        "jaay naa bissap bi lépp",
        "j'ai vendu tous les bissap",
        "les clients ont tout pris le bissap",
        "tout",
        "lépp",
    ],
)
def test_all_of_it_beside_the_products_words(typed: str) -> None:
    assert all_of_it(typed, names=_bissap)


@pytest.mark.parametrize(
    "typed",
    [
        "vendu bissap tout à l'heure",
        "vendu du bissap à tout le monde",
        "vendu bissap pas du tout",
        "vendu tout le bissap au voisin",
        "vendu bissap",
        "vendu bissap tous les jours",
        "je vends le bissap tout le temps",
        "sold bissap all day",
    ],
)
def test_tout_in_another_sense_is_no_amount(typed: str) -> None:
    assert not all_of_it(typed, names=_bissap)


@pytest.mark.parametrize(
    ("typed", "rest"),
    [
        ("tout le lait a tourné", "lait"),
        ("all the bread got spoiled", "bread"),
        ("j'ai perdu tout le stock de pain", "pain"),
        ("tout le coca a été volé", "coca"),
        ("all the milk is spoiled", "milk"),
        ("tout le thé est périmé", "the"),  # `thé`, an English function word alone
    ],
)
def test_a_loss_of_all_of_it_is_a_count_of_nothing_left(typed: str, rest: str) -> None:
    request = read_request(typed)
    assert request is not None and request.kind is RequestKind.COUNT, request
    assert rest in request.rest.split(), request  # the product's words (its articles too)
    assert (request.quantity, request.out, request.change) == (0, "loss", False)


@pytest.mark.parametrize(
    "typed", ["j'ai perdu tout à l'heure du pain", "tout est arrivé", "tout le riz est arrivé"]
)
def test_no_loss_of_all_without_a_loss_of_all(typed: str) -> None:
    request = read_request(typed)
    assert request is None or request.out is None, request
