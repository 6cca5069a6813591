"""A correction in a unit the line's product is not counted in, when a product near it is
those goods packed in that unit (`non c'est 3 cartons` under "3 pièces de Savon Dermo 125g",
the shop keeping Savon Dermo carton apart): the line moves to that product, as `vendu 3 cartons
savon dermo` would have read; it asked how many pièces 3 cartons make. Without such a product
(or with one counted in cartons that does not say so in its name) the unit is still asked."""

from __future__ import annotations

import pytest

from state import RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("DERMO", "Savon Dermo 125g", [], "pièce", 80, 20, 40),
    ("DERMO-CARTON", "Savon Dermo carton", [], "carton", 6, 2, 4),
    ("PRESSEA-1L", "Jus Presséa orange 1L", [], "bouteille", 48, 12, 24),
    ("PRESSEA-25", "Jus Presséa mangue 25cl", [], "carton", 14, 5, 10),
]


def _recorded(runner: Runner) -> list[tuple[str, int]]:
    out = runner.say("oui")
    return [line for e in out.effects if isinstance(e, RecordMovement) for line in e.lines]


@pytest.mark.parametrize(
    ("typed", "quantity"),
    [
        ("non c'est 3 cartons", 3),
        ("pardon 3 cartons pas 3 pieces", 3),
        ("non 2 cartons", 2),
    ],
)
def test_the_unit_of_a_packed_sibling_moves_the_line_to_it(typed: str, quantity: int) -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 3 savon dermo")
    asked = texts(runner.say(typed))
    assert f"vente de {quantity} cartons de Savon Dermo carton" in asked, asked
    assert _recorded(runner) == [("DERMO-CARTON", quantity)]


def test_a_sibling_not_named_by_the_unit_leaves_the_question() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 3 bouteilles pressea orange")
    asked = texts(runner.say("non c'est 3 cartons"))
    assert "3 cartons de Jus Presséa orange 1L, ça fait combien de bouteilles" in asked, asked
