"""Quantities said relative to another: `inventaire gants 2 de plus` (the stock and 2 more),
`2 de plus` under a question of quantity (the line's and 2 more, else the stock's for a count),
`non 2 de plus` under "Enregistrer l'inventaire ?" (the count offered and 2 more). Before, the
number was read as the count itself (`inventaire riz 2 de plus` set 42 sacs to 2) or the
confirmation was cancelled."""

from __future__ import annotations

import pytest

from state import RecordMovement, SetCount
from state.drafts import Line
from tests.state.conftest import Row, Runner, make_view, texts

DEPOT: list[Row] = [
    ("SIROP-TOUX", "Sirop toux 125ml", ["sirop", "sirop toux"], "flacon", 4, 2, 12),
    ("GANTS-M", "Gants latex M", ["gants"], "boîte", 9, 3, 10),
    ("COTON-50", "Coton hydrophile 50g", ["coton"], "paquet", 0, 5, 20),
]


def _counted(runner: Runner) -> list[tuple[str, int]]:
    assert runner.last is not None
    return [ln for e in runner.last.effects if isinstance(e, SetCount) for ln in e.lines]


def _sold(runner: Runner) -> list[tuple[str, int]]:
    assert runner.last is not None
    return [ln for e in runner.last.effects if isinstance(e, RecordMovement) for ln in e.lines]


@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("inventaire gants 2 de plus", 11),
        ("compte gant 3 de moin", 6),
        ("count gants 2 more", 11),
        ("gants il y a 2 boites de plus que prevu", 11),
        ("j'ai compté 2 boîtes de gants en plus", 11),
        ("inventaire gants il en manque 4", 5),
    ],
)
def test_a_count_said_relative_to_the_stock(typed: str, counted: int) -> None:
    runner = Runner(make_view(rows=DEPOT, language="en" if "count " in typed else "fr"))
    shown = texts(runner.say(typed))
    assert f"9 → {counted}" in shown, shown
    runner.say("yes" if "count " in typed else "oui")
    assert _counted(runner) == [("GANTS-M", counted)]


def test_a_count_below_zero_asks_the_whole_number() -> None:
    runner = Runner(make_view(rows=DEPOT))
    shown = texts(runner.say("inventaire gants 12 de moins"))
    assert "9" in shown and "en tout" in shown and "→" not in shown, shown
    assert "9 → 0" in texts(runner.say("0"))
    runner.say("oui")
    assert _counted(runner) == [("GANTS-M", 0)]


@pytest.mark.parametrize("typed", ["non 2 de plus", "il y en a 2 de plus", "en vrai 2 de plus"])
def test_a_change_at_the_confirmation_moves_the_count_offered(typed: str) -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("inventaire gants 5")
    shown = texts(runner.say(typed))
    assert "9 → 7" in shown and "[" in shown, shown
    runner.say("oui")
    assert _counted(runner) == [("GANTS-M", 7)]


def test_a_change_under_the_count_asked_counts_from_the_stock() -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("vendu 12 gants")  # 9 left, insisted on, then counted
    runner.say("12")
    assert "comptage" in texts(runner.say("compter"))
    shown = texts(runner.say("3 de moins"))
    assert "9 → 6" in shown, shown


def test_a_change_under_a_sale_refused_moves_its_quantity() -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("vendu 6 sirop")  # 4 left: the quantity asked again
    shown = texts(runner.say("2 de moins"))
    assert "4 flacons" in shown, shown
    runner.say("oui")
    assert _sold(runner) == [("SIROP-TOUX", 4)]


def test_a_change_with_nothing_to_count_from_asks_the_whole_number() -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("vendu gants")
    shown = texts(runner.say("2 de plus"))
    assert "Écrivez le nombre de boîtes de Gants latex M" in shown, shown
    assert not _sold(runner)


def test_another_product_named_is_no_change_of_the_line() -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("inventaire gants 5")
    shown = texts(runner.say("sirop 2 de plus"))
    assert "9 → 7" not in shown, shown


def test_a_change_waiting_is_kept_with_the_draft() -> None:
    assert Line.from_dict(Line(sku="GANTS-M", change=-2).to_dict()).change == -2
    assert Line.from_dict(Line(sku="GANTS-M", quantity=3).to_dict()).change is None
