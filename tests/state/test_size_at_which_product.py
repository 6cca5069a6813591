"""A size typed at "Quel produit ?" (`la 6`, `le 5`): the product of that size, never a position
when a product offered comes in it (the buttons and rows carry no numbers on a phone), and
never the quantity too (before, `la 5` among oils of 1, 5 and 20 L sold 5 of the 5 L)."""

from __future__ import annotations

import pytest

from state import RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

GAS: list[Row] = [
    ("GAZ-2", "Gaz butane 2,75kg", ["gaz", "gaz 2,75"], "bouteille", 20, 5, 10),
    ("GAZ-3", "Gaz butane 3kg", ["gaz", "gaz 3"], "bouteille", 20, 5, 10),
    ("GAZ-6", "Gaz butane 6kg", ["gaz", "gaz 6"], "bouteille", 20, 5, 10),
    ("GAZ-9", "Gaz butane 9kg", ["gaz", "gaz 9"], "bouteille", 20, 5, 10),
    ("GAZ-12", "Gaz butane 12,5kg", ["gaz", "gaz 12,5"], "bouteille", 20, 5, 10),
    ("GAZ-38", "Gaz butane 38kg", ["gaz", "gaz 38"], "bouteille", 20, 5, 10),
    ("JUS-1", "Jus bissap 1L", ["jus", "bissap"], "bouteille", 30, 5, 10),
    ("JUS-5", "Jus bissap 5L", ["jus", "bissap"], "bidon", 30, 5, 10),
    ("JUS-20", "Jus bissap 20L", ["jus", "bissap"], "bidon", 30, 5, 10),
]


def _recorded(runner: Runner) -> list[tuple[str, int]]:
    assert runner.last is not None
    return [ln for e in runner.last.effects if isinstance(e, RecordMovement) for ln in e.lines]


@pytest.mark.parametrize(
    ("typed", "sku"),
    [("la 6", "GAZ-6"), ("le 3", "GAZ-3"), ("la 9", "GAZ-9"), ("celle de 6", "GAZ-6")],
)
def test_a_size_is_no_position(typed: str, sku: str) -> None:
    runner = Runner(make_view(rows=GAS))
    asked = texts(runner.say("vendu 2 gaz"))
    assert "Quel" in asked, asked
    runner.say(typed)
    runner.say("oui")
    assert _recorded(runner) == [(sku, 2)]


def test_an_ordinal_is_still_a_position() -> None:
    runner = Runner(make_view(rows=GAS))
    runner.say("vendu 2 gaz")
    out = texts(runner.say("le 6e"))
    assert "38kg" in out, out


@pytest.mark.parametrize("typed", ["la 5", "le 5", "celui de 5"])
def test_the_size_keeps_the_quantity_said(typed: str) -> None:
    runner = Runner(make_view(rows=GAS))
    runner.say("vendu 3 bissap")
    out = texts(runner.say(typed))
    assert "3 bidons de Jus bissap 5L" in out, out


def test_the_size_asks_the_quantity_not_said() -> None:
    runner = Runner(make_view(rows=GAS))
    runner.say("vendu bissap")
    out = texts(runner.say("la 5"))
    assert "Jus bissap 5L" in out and "combien" in out, out


def test_a_bare_number_is_still_a_position() -> None:
    """`1` among sugars of 50 kg and 1 kg: the first one offered, as before."""
    runner = Runner(make_view(rows=GAS))
    runner.say("vendu 2 gaz")
    out = texts(runner.say("1"))
    assert "2,75kg" in out, out
