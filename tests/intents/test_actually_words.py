"""Words meaning "actually" (`intents.answers.ACTUALLY`): one set, read alike by every reader of
a correction."""

from __future__ import annotations

import pytest

from intents.answers import keys_of, quantity_fix, says_actually
from intents.requests import RequestKind, read_request

PHRASES = (
    "en vrai",
    "en réalité",
    "en realite",
    "réellement",
    "finalement",
    "en fait",
    "in fact",
    "actually",
    "dafa doon",
)


@pytest.mark.parametrize("phrase", PHRASES)
def test_each_phrase_says_actually(phrase: str) -> None:
    assert says_actually(keys_of(f"{phrase} 3 sacs"))


@pytest.mark.parametrize("phrase", PHRASES)
def test_each_phrase_makes_a_number_a_correction(phrase: str) -> None:
    # `finalement 4` under "Quel produit ?" corrects the quantity, as `en fait 4` did.
    found = quantity_fix(f"{phrase} 4")
    assert found is not None and found.quantity == 4, phrase


@pytest.mark.parametrize("phrase", PHRASES)
def test_each_phrase_states_a_count_and_names_no_product(phrase: str) -> None:
    request = read_request(f"il y a 30 sacs de riz {phrase}")
    assert request is not None and request.kind is RequestKind.COUNT, phrase
    assert request.options[0][0] == "sac riz", phrase


@pytest.mark.parametrize("phrase", PHRASES)
def test_an_undo_leaves_the_phrase_out_of_the_product(phrase: str) -> None:
    request = read_request(f"je me suis trompé, {phrase} c'était 3 riz")
    assert request is not None and request.kind is RequestKind.CORRECT, phrase
    assert request.rest == "riz", phrase
