"""`second_thoughts`: a number taken back in the same message is replaced by the one after it."""

from __future__ import annotations

import pytest

from intents.second_thoughts import second_thoughts


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("3 non 4", "4"),
        ("10, pardon, 11", "11"),
        ("3... non 4", "4"),
        ("vendu 3 non 4 riz", "vendu 4 riz"),
        ("vendu 3 riz non 4", "vendu 4 riz"),
        ("j'ai vendu 3 sacs de riz, non 4 sacs", "j'ai vendu 4 sacs de riz"),
        ("sold 2 sorry 3 rice", "sold 3 rice"),
        ("5 I mean 6", "6"),
        ("jaay naa 2 deedeet 3 ceeb", "jaay naa 3 ceeb"),
        # the unit said with the right number replaces the one typed first
        ("vendu 5 kg de riz non 1 sac", "vendu 1 sac de riz"),
    ],
)
def test_the_later_number_is_meant(typed: str, meant: str) -> None:
    assert second_thoughts(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "non c'est 4",  # a correction of something asked before: read as such
        "non 3",
        "3 ou 4",  # a range: asked which
        "vendu 3 riz et 2 savon non 4",  # which of two numbers? left as typed
        "reçu 10 cartons non conformes",
        "stock riz non",
        "sold 3 rice no 4 soap",  # the soap instead? left as typed
        "vendu 3 riz le client a dit non 4",  # someone's no, far from the number
    ],
)
def test_nothing_taken_back(typed: str) -> None:
    assert second_thoughts(typed) == typed
