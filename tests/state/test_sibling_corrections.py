"""A correction naming a sibling by its size (`non le 5` under "2 bouteilles d'Huile Jadida
1L") or by its unit (`c'est le bidon`): the same quantity on that product, never that size
read as a quantity."""

from __future__ import annotations

import pytest

from tests.state.conftest import Runner, texts


def test_a_size_after_an_article_moves_the_line_to_that_sibling(runner: Runner) -> None:
    runner.say("vendu 2 bouteilles huile 1l")
    out = texts(runner.say("non le 5"))
    assert out.startswith("Enregistrer la vente de 2 bidons d'Huile Jadida 5L ?"), out


@pytest.mark.parametrize("typed", ["non 5", "non c'est 5"])
def test_a_bare_number_stays_the_quantity(runner: Runner, typed: str) -> None:
    runner.say("vendu 2 bouteilles huile 1l")
    out = texts(runner.say(typed))
    assert out.startswith("Enregistrer la vente de 5 bouteilles d'Huile Jadida 1L ?"), out


def test_a_number_that_is_no_sibling_size_stays_the_quantity(runner: Runner) -> None:
    runner.say("vendu 5 sacs de riz")
    out = texts(runner.say("non les 4"))
    assert out.startswith("Enregistrer la vente de 4 sacs de Riz brisé 50kg ?"), out


@pytest.mark.parametrize("typed", ["c'est le bidon", "le bidon", "non le bidon"])
def test_a_unit_alone_moves_the_line_to_the_sibling_sold_so(runner: Runner, typed: str) -> None:
    runner.say("vendu 2 bouteilles huile 1l")
    out = texts(runner.say(typed))
    assert out.startswith("Enregistrer la vente de 2 bidons d'Huile Jadida 5L ?"), out


def test_the_line_own_unit_changes_nothing(runner: Runner) -> None:
    runner.say("vendu 2 bouteilles huile 1l")
    out = texts(runner.say("la bouteille"))
    assert out.startswith("Je n'ai pas compris"), out
