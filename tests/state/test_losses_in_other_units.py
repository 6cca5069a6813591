"""A loss typed in another unit than the product's (`3 bouteilles de gazelle cassées`, beer
counted in casiers) is asked about as a sale is: how many of the product's unit that makes; the
answer (`2`, `12 par casier`, `pareil`) is the amount lost, never the count left nor a number
of casiers read off `12 par casier` (it recorded the loss of 12 casiers). The same holds after
[Modifier] under a loss (`36 bouteilles`, then `3`: 3 lost, not a count of 3)."""

from __future__ import annotations

import pytest

from state import SetCount
from tests.state.conftest import Row, Runner, make_view, texts

DEPOT: list[Row] = [
    ("GAZELLE", "Bière Gazelle 63cl", ["gazelle", "biere"], "casier", 22, 8, 10),
    ("KIRENE", "Eau Kirène 1.5L", ["kirene", "eau"], "pack", 60, 20, 30),
]


def _set(runner: Runner) -> list[tuple[str, int]]:
    assert runner.last is not None
    counts = [e for e in runner.last.effects if isinstance(e, SetCount)]
    return [line for count in counts for line in count.lines]


@pytest.mark.parametrize(
    ("answer", "lost"),
    [("12 par casier", 2), ("2", 2), ("2 casiers", 2), ("un casier fait 12", 2)],
)
def test_a_loss_in_another_unit_asks_what_it_makes(answer: str, lost: int) -> None:
    runner = Runner(make_view(rows=DEPOT))
    asked = texts(runner.say("24 bouteilles de gazelle cassees"))
    assert "24 bouteilles de Bière Gazelle 63cl, ça fait combien de casiers" in asked, asked
    confirmed = texts(runner.say(answer))
    assert f"perte de {lost} casiers" in confirmed and f"22 → {22 - lost}" in confirmed, confirmed
    runner.say("oui")
    assert _set(runner) == [("GAZELLE", 22 - lost)]


def test_no_whole_casier_is_asked_again_not_recorded() -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("3 bouteilles de gazelle cassees")
    again = texts(runner.say("12 par casier"))
    assert "combien de casiers" in again and "perte de 12" not in again, again
    dropped = texts(runner.say("stock kirene"))
    assert "perte de 3 bouteilles" in dropped, dropped  # not "14 casiers", the count it left


def test_same_means_as_many_lost() -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("5 bouteilles de gazelle cassees")
    confirmed = texts(runner.say("pareil"))
    assert "perte de 5 casiers" in confirmed and "22 → 17" in confirmed, confirmed


def test_modifier_under_a_loss_then_another_unit_is_the_amount_lost() -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("j'ai perdu 2 casiers de gazelle")
    runner.say("2")  # [Modifier]
    asked = texts(runner.say("36 bouteilles"))
    assert "36 bouteilles de Bière Gazelle 63cl, ça fait combien de casiers" in asked, asked
    confirmed = texts(runner.say("3"))
    assert "perte de 3 casiers" in confirmed and "22 → 19" in confirmed, confirmed
    runner.say("oui")
    assert _set(runner) == [("GAZELLE", 19)]


def test_more_lost_than_the_stock_is_refused() -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("300 bouteilles de gazelle cassees")
    refused = texts(runner.say("25 casiers"))
    assert "22 casiers" in refused and "→" not in refused, refused
