"""A product named in French found by a message in English, and the other way round
(`intents.word_pairs`): `sold 5 cards 2000` about "Carte de recharge 2000", whose aliases are
French only, was "I can't find « card »"."""

from __future__ import annotations

import pytest

from state import ChoiceIn, RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

CARDS: list[Row] = [
    ("RECH-2000", "Carte de recharge 2000", ["recharge 2000"], "pièce", 50, 10, 50),
    ("RECH-1000", "Carte de recharge 1000", ["recharge 1000"], "pièce", 50, 10, 50),
    ("SAVON", "Savon de Marseille", ["savon"], "carton", 15, 5, 10),
]
ENGLISH_NAMES: list[Row] = [
    ("SOAP", "Soap Lux", ["lux"], "carton", 15, 5, 10),
    ("RICE", "Broken rice 50kg", ["broken rice"], "sac", 40, 10, 20),
]


def _recorded(runner: Runner) -> tuple[tuple[str, int], ...]:
    (effect,) = runner.feed(ChoiceIn(runner.choice("yes"))).effects
    assert isinstance(effect, RecordMovement), effect
    return effect.lines


@pytest.mark.parametrize(
    ("typed", "sku"),
    [
        ("sold 5 cards 2000", "RECH-2000"),
        ("sold 5 card 2000", "RECH-2000"),
        ("sold 5 cards 1000", "RECH-1000"),
        ("sold 5 recharge cards 2000", "RECH-2000"),
        ("sold 5 soaps", "SAVON"),
    ],
)
def test_english_words_find_french_names(typed: str, sku: str) -> None:
    runner = Runner(make_view(rows=CARDS, language="en"))
    out = runner.say(typed)
    assert texts(out).startswith("Record the sale of 5 "), texts(out)
    assert _recorded(runner) == ((sku, 5),)


def test_an_english_word_naming_several_asks_which() -> None:
    out = Runner(make_view(rows=CARDS, language="en")).say("sold 5 cards")
    assert texts(out).startswith("Which product?"), texts(out)
    offered = {c.id.rsplit(":", 1)[1] for r in out.replies for c in r.choices}
    assert offered == {"RECH-2000", "RECH-1000"}
    assert out.effects == ()


@pytest.mark.parametrize(("typed", "sku"), [("vendu 2 savon", "SOAP"), ("vendu 2 riz", "RICE")])
def test_french_words_find_english_names(typed: str, sku: str) -> None:
    runner = Runner(make_view(rows=ENGLISH_NAMES))
    out = runner.say(typed)
    assert texts(out).startswith("Enregistrer la vente de 2 "), texts(out)
    assert _recorded(runner) == ((sku, 2),)


def test_the_article_the_is_no_tea() -> None:
    """`the` is never read as the folded French `thé`."""
    rows: list[Row] = [("THE", "Thé vert", ["thé"], "paquet", 50, 20, 50), *CARDS]
    out = Runner(make_view(rows=rows, language="en")).say("sold the soap")
    assert "Thé vert" not in texts(out), texts(out)
