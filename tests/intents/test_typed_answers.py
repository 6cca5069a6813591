"""Yes and no typed with a typo (`oiu`, `nonn`, `dedet`) and none of the products offered
(`aucun`), read for a question that waits for them; the right words of a correction after a
second `c'est` (`c'est pas du sucre, c'est du café`)."""

from __future__ import annotations

import pytest

from intents import IntentMatcher
from intents import Product as Entry
from intents.answers import Answer, correction, says_none, typed_answer

CATALOG = [
    ("RIZ", "Riz brisé 50kg", ["riz", "ceeb"], "sac"),
    ("HUILE", "Huile Jadida 1L", ["huile", "diwlin"], "bouteille"),
    ("NOIX", "Noix de cajou", ["noix", "cajou"], "sachet"),
    ("NOTE", "Nota cahier", ["nota"], "piece"),
]


_MATCHER = IntentMatcher(Entry(*row) for row in CATALOG)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("oiu", Answer.YES),
        ("ois", Answer.YES),
        ("ouii", Answer.YES),
        ("waw", Answer.YES),
        ("okey", Answer.YES),
        ("yse", Answer.YES),
        ("nonn", Answer.NO),
        ("noo", Answer.NO),
        ("nop", Answer.NO),
        ("dedet", Answer.NO),
        ("nos", None),  # a function word
        ("noix", None),  # two letters off `non`
        ("bon", None),
        ("riz", None),  # the catalog's
        ("huile", None),
        ("ko", None),  # `ok` and `no`
        ("ui", None),  # its first letter lost
        ("now", None),
        ("oui merci", None),  # several words: `answer` reads them
        ("o", None),
        ("nota", None),  # a product's word two letters off `nope`
    ],
)
def test_typed_answer(typed: str, expected: Answer | None) -> None:
    assert typed_answer(typed, _MATCHER.knows) is expected


@pytest.mark.parametrize("typed", ["aucun", "aucune des deux", "none of them", "kenn", "nothing"])
def test_says_none(typed: str) -> None:
    assert says_none(typed)


@pytest.mark.parametrize("typed", ["non", "3 aucun", "le 2", "riz"])
def test_says_none_not(typed: str) -> None:
    assert not says_none(typed)


@pytest.mark.parametrize(
    ("typed", "rest"),
    [
        ("c'est pas du sucre c'est du cafe", "cafe"),
        ("ce n'est pas du sucre, c'est du café", "cafe"),
        ("not the sugar, it's the coffee", "coffee"),
        ("dangote pas sococim", "dangote"),  # the right words before `pas`
    ],
)
def test_the_right_words_of_a_correction(typed: str, rest: str) -> None:
    found = correction(typed)
    assert found is not None and found.rest == rest, found
