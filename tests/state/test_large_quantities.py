"""A quantity far above the product's usual movements is confirmed with a warning first: above
100 and above 10 times its largest movement of the last 30 days, or, with no movement in that
time, 10 times the quantity the store orders at a time (its reorder quantity)."""

from __future__ import annotations

from state import Pace
from tests.state.conftest import Runner, texts

WARNING = "c'est beaucoup : vous confirmez ?"


def test_without_history_a_receipt_within_ten_orders_is_not_warned(runner: Runner) -> None:
    # Riz brisé 50kg is reordered by 20: 150 sacs is a big delivery, not a typo.
    out = texts(runner.say("reçu 150 sacs de riz"))
    assert out.startswith("Enregistrer l'arrivage de 150 sacs"), out


def test_without_history_far_above_ten_orders_is_warned(runner: Runner) -> None:
    out = texts(runner.say("reçu 5000 sacs de riz"))
    assert out.startswith("5\u00a0000 sacs de Riz brisé 50kg, " + WARNING), out


def test_with_history_the_largest_movement_is_the_reference(runner: Runner) -> None:
    runner.paces["RIZ"] = Pace("RIZ", None, 12)  # 150 is over 10 times 12
    out = texts(runner.say("reçu 150 sacs de riz"))
    assert out.startswith("150 sacs de Riz brisé 50kg, " + WARNING), out


def test_a_hundred_or_less_is_never_warned(runner: Runner) -> None:
    runner.paces["RIZ"] = Pace("RIZ", None, 1)
    assert texts(runner.say("reçu 100 sacs de riz")).startswith("Enregistrer l'arrivage")
