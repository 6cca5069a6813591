"""A grouped low-stock push (several products in one message) as the question waiting: a yes
drafts one order of those still low, a no puts them off, anything else is read as if nothing
waited."""

from __future__ import annotations

import pytest

from state import (
    AlertsPostponed,
    AlertsToOrder,
    AnswerAlerts,
    ChoiceIn,
    PlaceOrder,
    Reply,
    State,
    SummaryPushed,
)
from tests.state.conftest import Runner, texts

ALERTS = (7, 8, 9)


def _summary(runner: Runner) -> None:
    body = "📋 Stock à surveiller\n• Lait\n• Riz parfumé\n• Huile 20L\n\nRépondez OUI"
    runner.feed(SummaryPushed(ALERTS, Reply(body)))
    assert runner.state == State.AWAITING_CONFIRMATION


@pytest.mark.parametrize(
    "typed",
    [
        "oui",
        "Oui",
        "ok",
        "okay",
        "waaw",
        "vas-y",
        "vas y",
        "yes go",
        "commande",
        "Commander",
        "ok merci",
        "daccord",
        "oui commande",
        "order",
    ],
)
def test_a_yes_asks_for_what_is_still_low(runner: Runner, typed: str) -> None:
    _summary(runner)
    out = runner.say(typed)
    assert out.effects == (AnswerAlerts(ALERTS, "order"),), typed
    assert runner.state == State.IDLE


@pytest.mark.parametrize("typed", ["non", "no", "plus tard", "deedeet", "later", "pas maintenant"])
def test_a_no_puts_them_off(runner: Runner, typed: str) -> None:
    _summary(runner)
    out = runner.say(typed)
    assert out.effects == (AnswerAlerts(ALERTS, "later"),), typed
    done = runner.feed(AlertsPostponed(3))
    assert texts(done) == "D'accord, je vous les rappellerai."


def test_the_products_still_low_are_one_order_with_their_reorder_quantities(
    runner: Runner,
) -> None:
    _summary(runner)
    runner.say("oui")
    out = runner.feed(AlertsToOrder((("LAIT", 36), ("HUILE-20L", 6))))
    assert "36 boîtes de Lait en poudre 400g" in texts(out)
    assert "6 bidons d'Huile d'arachide 20L" in texts(out)
    out = runner.feed(ChoiceIn(runner.choice("yes")))
    assert out.effects == (PlaceOrder((("LAIT", 36), ("HUILE-20L", 6))),)


@pytest.mark.parametrize("typed", ["stock riz", "vendu 2 savon", "merci", "bonjour", "blabla"])
def test_anything_else_is_read_as_if_nothing_waited(runner: Runner, typed: str) -> None:
    fresh = Runner(runner.view)
    expected = texts(fresh.say(typed))
    _summary(runner)
    out = runner.say(typed)
    assert not any(isinstance(e, AnswerAlerts) for e in out.effects)
    assert texts(out) == expected, typed


def test_a_command_naming_a_product_is_that_command(runner: Runner) -> None:
    _summary(runner)
    out = runner.say("oui commande 20 savon")
    assert out.effects == (PlaceOrder((("SAVON", 20),)),)


def test_a_yes_and_another_command_orders_them_and_reads_the_command_next(
    runner: Runner,
) -> None:
    """`oui et reçu 10 sucre`: the yes orders what the summary listed (placed at once, not
    asked again: the message went on), and the arrival is read next (`replay`)."""
    _summary(runner)
    out = runner.say("oui et reçu 10 sucre")
    assert out.effects == (AnswerAlerts(ALERTS, "order"),)
    assert out.replay == "reçu 10 sucre"
    placed = runner.feed(AlertsToOrder((("LAIT", 36), ("RIZ-P", 15)), ""))
    assert placed.effects == (PlaceOrder((("LAIT", 36), ("RIZ-P", 15))),), texts(placed)


@pytest.mark.parametrize("typed", ["oui et ajoute 10 sucre", "yes and add 10 sucre"])
def test_a_yes_and_an_addition_asks_the_order_with_it(runner: Runner, typed: str) -> None:
    """`oui et ajoute 10 sucre`: the sugar is added to the order the yes opens, asked once
    (it was ordered at once, then an arrival of sugar was asked)."""
    _summary(runner)
    out = runner.say(typed)
    assert out.effects == (AnswerAlerts(ALERTS, "order"),)
    assert out.replay is None
    asked = runner.feed(AlertsToOrder((("LAIT", 36), ("RIZ-P", 15)), ""))
    assert not asked.effects and runner.state == State.AWAITING_CONFIRMATION, texts(asked)
    shown = texts(asked)
    assert len([r for r in asked.replies if r.buttons]) == 1, shown
    assert "Lait" in shown and "Riz parfumé" in shown and "10 sacs de Sucre" in shown, shown
