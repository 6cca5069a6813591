"""`pas le thé le café`, `not the oil the coffee`: at a confirmation, a no, the wrong product and
the right one with its article swap the product as the comma form does (`pas le thé, le café`);
`pas le thé` alone still means what it meant (pure `step`, no database)."""

from __future__ import annotations

import pytest

from state import ChoiceIn, RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("THE", "Thé vert Chinois", ["thé", "ataaya", "tea"], "paquet", 40, 10, 20),
    ("CAFE", "Café Touba 250g", ["café", "coffee"], "sachet", 30, 10, 30),
    ("HUILE", "Huile Niinal 1L", ["huile", "oil"], "bouteille", 60, 10, 48),
    ("LAIT", "Lait caillé Jaboot", ["lait", "milk"], "pot", 25, 5, 20),
    ("THIOF", "Thiof frais", ["thiof", "mérou"], "kg", 30, 5, 20),
    ("CAPITAINE", "Capitaine", ["capitaine"], "kg", 12, 3, 10),
]


def _recorded(runner: Runner) -> tuple[tuple[str, int], ...]:
    (effect,) = runner.feed(ChoiceIn(runner.choice("yes"))).effects
    assert isinstance(effect, RecordMovement), effect
    return effect.lines


@pytest.mark.parametrize(("language", "opening", "typed", "sku"), [
    ("fr", "vendu 3 thé", "pas le thé le café", "CAFE"),
    ("fr", "vendu 3 huile", "pas l'huile le lait", "LAIT"),
    ("fr", "vendu 3 huile", "non pas l'huile la lait", "LAIT"),
    ("fr", "recu 3 kg thiof", "pas le thiof le capitaine", "CAPITAINE"),
    ("fr", "vendu 3 thé", "pas le thé, le café", "CAFE"),
    ("en", "sold 3 oil", "not the oil the milk", "LAIT"),
    ("en", "sold 3 tea", "no not the tea the coffee", "CAFE"),
])  # fmt: skip
def test_a_no_the_wrong_and_the_right_product_swaps_it(
    language: str, opening: str, typed: str, sku: str
) -> None:
    runner = Runner(make_view(language=language, rows=ROWS))
    runner.say(opening)
    out = runner.say(typed)
    assert out.effects == ()
    assert " 3 " in texts(out), texts(out)
    assert _recorded(runner) == ((sku, 3),)


def test_a_no_and_one_line_s_product_still_removes_that_line() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 3 thé et 2 café")
    out = runner.say("pas le thé")
    assert texts(out).startswith("« Thé vert Chinois » enlevé."), texts(out)
    assert _recorded(runner) == (("CAFE", 2),)


@pytest.mark.parametrize(
    ("language", "opening", "typed", "lines"),
    [
        ("fr", "vendu 3 thé et 2 huile", "pas l'huile, le café", (("THE", 3), ("CAFE", 2))),
        ("fr", "vendu 3 thé et 2 huile", "non pas le thé le café", (("CAFE", 3), ("HUILE", 2))),
        ("en", "sold 3 tea and 2 oil", "not oil, coffee", (("THE", 3), ("CAFE", 2))),
        ("en", "sold 3 tea and 2 oil", "not the tea the coffee", (("CAFE", 3), ("HUILE", 2))),
    ],
)
def test_the_product_said_wrong_among_several_lines_is_the_one_swapped(
    language: str, opening: str, typed: str, lines: tuple[tuple[str, int], ...]
) -> None:
    """It asked which line to change (the comma form) or removed the wrong line and dropped
    the right product (without a comma)."""
    runner = Runner(make_view(rows=ROWS, language=language))
    runner.say(opening)
    shown = texts(runner.say(typed))
    assert shown.startswith(("Enregistrer la vente :", "Record the sale:")), shown
    assert _recorded(runner) == lines
