"""`corrected_words`: what a correction says is right, without the words that open it."""

from __future__ import annotations

import pytest

from intents.answers import corrected_words


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("non c'est 4 cafe et 1 savon", "4 cafe et 1 savon"),
        ("non fer 10", "fer 10"),
        ("pardon c'etait du fer 10 pas 8", "fer 10"),
        ("erreur c'est fanta pas coca", "fanta"),
        ("pas coca, fanta", "fanta"),
        ("je me suis trompé c'était le riz parfumé", "riz parfumé"),
        ("my mistake it was fanta not coca", "fanta"),
        ("juum naa, fanta la", "fanta la"),
        ("4 cafe 1 savon", "4 cafe 1 savon"),
        ("non c'est", ""),
    ],
)
def test_the_right_words(typed: str, right: str) -> None:
    assert corrected_words(typed) == right
