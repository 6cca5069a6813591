"""Numbers that are no count as typed: one glued to a word through brackets or markup
(`alert(1)`, `<b>2</b>`, `f(3)`) under "Quel produit ?", and vulgar fractions (`½`, `1½`, `¾`),
read as the fraction they are (no decimal quantity), never as an unknown sign."""

from __future__ import annotations

import pytest

from state import State
from tests.state.conftest import Runner, texts

INVALID = "Il faut un nombre entier plus grand que zéro, par exemple 3."


@pytest.mark.parametrize("junk", ["foo(1)", "<b>1</b>", "f(2)", "bla{1}"])
def test_a_number_glued_through_markup_is_no_amount_at_which_product(
    runner: Runner, junk: str
) -> None:
    runner.say("vendu 3 huile")
    out = texts(runner.say(junk))
    assert "noté" not in out and "C'est noté" not in out
    assert runner.state == State.AWAITING_PRODUCT
    out = texts(runner.say("Huile Jadida 5L"))
    assert "3 bidons" in out  # the 3 typed first still stands


@pytest.mark.parametrize("told", ["x2", "2x", "il en a pris 2", "(il en a pris 2)"])
def test_a_count_told_at_which_product_is_still_noted(runner: Runner, told: str) -> None:
    runner.say("vendu 3 huile")
    assert "C'est noté : 2" in texts(runner.say(told))


@pytest.mark.parametrize("typed", ["½", "¾", "1½", "2 ½", "1⁄2", "1/2"])
def test_a_vulgar_fraction_is_refused_as_a_decimal(runner: Runner, typed: str) -> None:
    out = runner.say(f"vendu {typed} riz")
    assert texts(out) == INVALID + "\nRiz brisé 50kg : combien de sacs ?"
    assert runner.state == State.AWAITING_QUANTITY


@pytest.mark.parametrize("typed", ["½", "1½"])
def test_a_vulgar_fraction_shows_in_a_line_label_as_typed(runner: Runner, typed: str) -> None:
    out = texts(runner.say(f"vendu {typed} huile, 2 riz"))
    assert "?" not in out.split("Quel")[0], out  # never « 1 ? huile »
    assert "1/2 huile" in out


def test_a_vulgar_fraction_answering_how_many_is_refused(runner: Runner) -> None:
    runner.say("vendu riz")
    out = runner.say("½")
    assert texts(out) == INVALID + "\nRiz brisé 50kg : combien de sacs ?"


@pytest.mark.parametrize("junk", ["foo(2)", "<b>2</b>", "f(2)"])
def test_a_number_glued_through_markup_is_no_answer_to_how_many(runner: Runner, junk: str) -> None:
    runner.say("vendu riz")
    out = texts(runner.say(junk))
    assert "2 sacs" not in out
    assert runner.state == State.AWAITING_QUANTITY


@pytest.mark.parametrize("typed", ["riz(3)", "ceeb(3)", "riz[3]"])
def test_a_count_in_brackets_after_the_product_answers_how_many(runner: Runner, typed: str) -> None:
    """`riz(3)`: the count glued in brackets to a word of a product's name (as lists are typed:
    `riz(3), savon(2)`) is its count; `foo(2)` stays junk (above)."""
    runner.say("vendu riz")
    out = texts(runner.say(typed))
    assert "3 sacs de Riz brisé 50kg" in out, out
    assert runner.state == State.AWAITING_CONFIRMATION
