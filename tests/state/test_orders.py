"""Restock orders: proposed with the reorder quantity by default, confirmed or cancelled."""

from __future__ import annotations

from state import (
    ChangeOrderQuantity,
    ChoiceIn,
    DecideOrder,
    OrderChanged,
    OrderDecided,
    OrderProposed,
    OrderQuantityAsked,
    ProposeOrder,
    State,
)
from tests.state.conftest import Runner, texts


def _propose(runner: Runner, text: str, order_id: int) -> None:
    out = runner.say(text)
    (effect,) = out.effects
    assert isinstance(effect, ProposeOrder)
    runner.feed(OrderProposed(order_id, effect.sku, effect.quantity))


def test_an_order_defaults_to_the_reorder_quantity(runner: Runner) -> None:
    out = runner.say("COMMANDER SAVON")
    assert out.effects == (ProposeOrder("SAVON", 10),)
    out = runner.feed(OrderProposed(5, "SAVON", 10))
    assert texts(out) == (
        "Commander 10 cartons de Savon de Marseille ? (commande n°5)\n[Oui]\n[Non]"
    )
    assert [c.id for c in out.replies[0].buttons] == ["restock:v1:5:yes", "restock:v1:5:no"]
    assert runner.state == State.AWAITING_CONFIRMATION


def test_yes_confirms_and_no_cancels(runner: Runner) -> None:
    _propose(runner, "commander savon 30", 5)
    out = runner.feed(ChoiceIn("restock:v1:5:yes"))
    assert out.effects == (DecideOrder(5, confirm=True),)
    done = runner.feed(OrderDecided(5, "SAVON", 30, confirmed=True))
    assert texts(done) == "✅ Commande n°5 confirmée : 30 cartons de Savon de Marseille."
    _propose(runner, "commander savon 30", 6)
    out = runner.say("non")
    assert out.effects == (DecideOrder(6, confirm=False),)
    assert runner.state == State.IDLE


def test_a_tap_on_another_order_changes_nothing(runner: Runner) -> None:
    _propose(runner, "commander savon", 5)
    before = runner.snapshot
    out = runner.feed(ChoiceIn("restock:v1:4:yes"))
    assert texts(out) == "Cette demande a déjà été traitée."
    assert out.effects == ()
    assert runner.snapshot == before


def test_a_new_command_or_cancel_drops_the_proposed_order(runner: Runner) -> None:
    _propose(runner, "commander savon", 5)
    out = runner.say("stock riz")
    assert out.effects == (DecideOrder(5, confirm=False),)
    assert texts(out).startswith("Riz brisé")
    _propose(runner, "commander savon", 6)
    out = runner.say("annuler")
    assert out.effects == (DecideOrder(6, confirm=False),)
    assert texts(runner.feed(OrderDecided(6, "SAVON", 10, confirmed=False))) == (
        "Commande n°6 annulée (10 cartons de Savon de Marseille)."
    )


def test_an_alert_order_quantity_question_takes_the_next_number(runner: Runner) -> None:
    out = runner.feed(OrderQuantityAsked(9, "LAIT"))
    assert texts(out) == "Combien de boîtes pour la commande n°9 (Lait en poudre 400g) ?"
    assert runner.state == State.AWAITING_QUANTITY
    out = runner.say("48")
    assert out.effects == (ChangeOrderQuantity(9, 48),)
    done = runner.feed(OrderChanged(9, "LAIT", 48))
    assert texts(done) == "✅ Commande n°9 : 48 boîtes de Lait en poudre 400g."
