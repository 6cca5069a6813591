"""A "later" typed in a sentence (intents.answers.answer): the phrases are compared as keys
(`vais` is keyed `vai`, `plus` is `plu`), and the usual ways to put a question off."""

from __future__ import annotations

import pytest

from intents.answers import Answer, answer, puts_off


@pytest.mark.parametrize(
    "text",
    [
        "attend un peu je vais voir",
        "d'accord plus tard merci beaucoup chef",
        "pas pour l'instant",
        "pas pour le moment merci",
        "laisse pour le moment",
        "plutard",
        "plus tard stp",
        "je verrai",
        "not for now",
    ],
)
def test_put_off_in_a_sentence_is_later(text: str) -> None:
    assert answer(text) is Answer.LATER, text


@pytest.mark.parametrize("text", ["oui", "non", "vendu 2 riz", "stock sucre", "c'est tout"])
def test_other_replies_are_not_later(text: str) -> None:
    assert answer(text) is not Answer.LATER, text


@pytest.mark.parametrize(
    ("text", "off"),
    [
        ("plus tard", True),
        ("pas maintenant", True),
        ("non pas pour l'instant", True),
        ("demain", True),
        ("not now", True),
        ("attends", False),
        ("attends je vérifie", False),
        ("wait a bit", False),
        ("attends je vais voir", False),
        ("oui", False),
    ],
)
def test_a_put_off_is_told_from_a_wait(text: str, off: bool) -> None:
    assert puts_off(text) is off, text
