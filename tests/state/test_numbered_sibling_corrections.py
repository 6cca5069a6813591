"""A correction whose number follows the word it follows in a sibling's name (`non taille 4`
under "2 paquets de Couches Softcare taille 3", `c'est la pointure 42`) moves the line to that
sibling and keeps its quantity: it sold 4 packets of the size 3 diapers. A bare number (`non
4`) is still the quantity."""

from __future__ import annotations

import pytest

from state import RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("COUCHE-3", "Couches Softcare taille 3", [], "paquet", 20, 6, 10),
    ("COUCHE-4", "Couches Softcare taille 4", [], "paquet", 18, 6, 10),
    ("COUCHE-5", "Couches Softcare taille 5", [], "paquet", 7, 6, 10),
    ("LINGETTE", "Lingettes bébé Softcare", [], "paquet", 30, 10, 10),
    ("SANDALE-40", "Sandales cuir pointure 40", [], "paire", 10, 2, 5),
    ("SANDALE-42", "Sandales cuir pointure 42", [], "paire", 10, 2, 5),
]


def _recorded(runner: Runner) -> list[tuple[str, int]]:
    out = runner.say("oui")
    return [line for e in out.effects if isinstance(e, RecordMovement) for line in e.lines]


@pytest.mark.parametrize(
    "typed",
    ["non taille 4", "non la taille 4", "non c'est la taille 4", "taille 4", "plutot taille 4"],
)
def test_the_number_of_a_sibling_name_picks_it(typed: str) -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 2 couches taille 3")
    asked = texts(runner.say(typed))
    assert "2 paquets de Couches Softcare taille 4" in asked, asked
    assert _recorded(runner) == [("COUCHE-4", 2)]


def test_another_name_word_too() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 3 paires sandales pointure 40")
    asked = texts(runner.say("non pointure 42"))
    assert "3 paires de Sandales cuir pointure 42" in asked, asked
    assert _recorded(runner) == [("SANDALE-42", 3)]


@pytest.mark.parametrize("typed", ["non 4", "non c'est 4", "non 4 paquets"])
def test_a_bare_number_is_still_the_quantity(typed: str) -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 2 couches taille 3")
    asked = texts(runner.say(typed))
    assert "4 paquets de Couches Softcare taille 3" in asked, asked
    assert _recorded(runner) == [("COUCHE-3", 4)]


@pytest.mark.parametrize(
    "typed",
    ["non taille 4 pas taille 3", "non la taille 4 pas la taille 3", "non c'est taille 4 pas 3"],
)
def test_the_wrong_and_the_right_numbers_of_names(typed: str) -> None:
    """Both numbers name products (it sold 3, or 4, packets of the size 3)."""
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 2 couches taille 3")
    asked = texts(runner.say(typed))
    assert "2 paquets de Couches Softcare taille 4" in asked, asked
    assert _recorded(runner) == [("COUCHE-4", 2)]


def test_the_english_word_of_the_name_too() -> None:
    """`no size 5` under "2 packets of Couches Softcare taille 4": the size 5 (it sold 5 packets
    of the size 4)."""
    runner = Runner(make_view(rows=ROWS, language="en"))
    runner.say("sold 2 packs of couches taille 4")
    asked = texts(runner.say("no size 5"))
    assert "2 packets of Couches Softcare taille 5" in asked, asked
    assert [
        line for e in runner.say("yes").effects if isinstance(e, RecordMovement) for line in e.lines
    ] == [("COUCHE-5", 2)]


def test_the_initial_of_the_word_too() -> None:
    """`non t4` under "2 paquets de Couches Softcare taille 3": the size 4."""
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 2 couches taille 3")
    asked = texts(runner.say("non t4"))
    assert "2 paquets de Couches Softcare taille 4" in asked, asked
    assert _recorded(runner) == [("COUCHE-4", 2)]
