"""What a reply to a confirmation corrects (`intents.answers.correction`): a number after an
article may name a product by its size (`non le 15`), a bare one is a quantity (`non 15`)."""

from __future__ import annotations

import pytest

from intents.answers import correction


@pytest.mark.parametrize("text", ["non le 15", "c'est le 250", "no, the 5", "non la 25"])
def test_a_number_after_an_article_may_be_a_size(text: str) -> None:
    found = correction(text)
    assert found is not None and found.sized, found


@pytest.mark.parametrize(
    "text", ["non celle de 5000", "c'est celui de 64", "non celui à 2000", "no, the one of 64"]
)
def test_a_number_after_a_pronoun_and_of_names_a_product(text: str) -> None:
    """« non celle de 5000 » under a sale of 3 Orange 1000 F cards was 5 000 cards."""
    found = correction(text)
    assert found is not None and found.sized, found


@pytest.mark.parametrize(
    "text",
    [
        "non de 5000",
        "non c'est 3 de plus",
        "non 15",
        "non c'est 4",
        "4",
        "no, 4",
        "3 pas 5",
        "pas le 8, le 12",
    ],
)
def test_a_bare_number_or_two_numbers_are_no_size(text: str) -> None:
    found = correction(text)
    assert found is not None and not found.sized, found


@pytest.mark.parametrize(
    ("text", "quantity", "rest"),
    [
        ("non la 20w50", None, "20 w 50"),  # a grade of oil, not "50 instead of 20"
        ("non c'est la r14", None, "r 14"),
        ("non c'est 4 bidons 15w40", 4, "15 w 40"),
        ("non 20sacs", 20, ""),  # glued to a unit: a count
        ("non c'est 4", 4, ""),
    ],
)
def test_numbers_inside_a_code_name_the_product(text: str, quantity: int | None, rest: str) -> None:
    found = correction(text)
    assert found is not None and (found.quantity, found.rest) == (quantity, rest)


@pytest.mark.parametrize("text", ["c'etait 3", "c'était 3", "cetait 3", "it was 3", "non c'est 3"])
def test_it_was_is_a_plain_correction(text: str) -> None:
    found = correction(text)
    assert found is not None
    assert (found.quantity, found.rest, found.marked) == (3, "", True)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("non c'est 8mm pas 10", "8mm"),
        ("non c'est du 8mm pas du 10", "8mm"),
        ("c'est 4L pas 20", "4l"),
        ("non pas le 10, le 8mm", "8mm"),
    ],
)
def test_a_number_denied_beside_a_size_is_the_size_it_was(text: str, rest: str) -> None:
    """`non c'est 8mm pas 10`: the 10 is the size corrected (Fer 10mm), not an amount."""
    found = correction(text)
    assert found is not None and (found.quantity, found.rest) == (None, rest), found


@pytest.mark.parametrize(("text", "quantity"), [("non pas 5", 5), ("non c'est 8 pas 10", 8)])
def test_a_number_denied_without_a_size_is_an_amount(text: str, quantity: int) -> None:
    found = correction(text)
    assert found is not None and found.quantity == quantity, found
