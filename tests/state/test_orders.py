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
from tests.state.conftest import TIMEOUT, Runner, texts


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
    out = runner.feed(OrderQuantityAsked(9, "LAIT", 36))
    assert texts(out) == "Combien de boîtes pour la commande n°9 (Lait en poudre 400g) ?"
    assert runner.state == State.AWAITING_QUANTITY
    out = runner.say("48")
    assert out.effects == (ChangeOrderQuantity(9, 48),)
    done = runner.feed(OrderChanged(9, "LAIT", 48))
    assert texts(done) == "✅ Commande n°9 : 48 boîtes de Lait en poudre 400g."


def test_cancel_on_the_alert_order_question_keeps_the_confirmed_order(runner: Runner) -> None:
    runner.feed(OrderQuantityAsked(9, "LAIT", 36))
    out = runner.say("ANNULER")
    assert out.effects == ()
    assert texts(out) == "D'accord, la commande n°9 reste de 36 boîtes de Lait en poudre 400g."
    assert runner.state == State.IDLE


def test_the_alert_order_question_expires_keeping_the_order(runner: Runner) -> None:
    runner.feed(OrderQuantityAsked(9, "LAIT", 36))
    runner.now += TIMEOUT
    out = runner.say("48")
    assert out.effects == ()
    assert texts(out) == "Cette question a expiré : la commande n°9 reste de 36 boîtes."


def test_a_tap_on_an_expired_order_proposal_orders_nothing(runner: Runner) -> None:
    _propose(runner, "commander savon", 5)
    runner.now += TIMEOUT
    out = runner.feed(ChoiceIn("restock:v1:5:yes"))
    # The proposal is cancelled; the tap is told why nothing was ordered, never "already handled".
    assert out.effects == (DecideOrder(5, confirm=False),)
    assert texts(out) == (
        "Cette question a expiré, rien n'a été enregistré. "
        "Renvoyez « COMMANDER Savon de Marseille 10 »."
    )
    done = runner.feed(OrderDecided(5, "SAVON", 10, confirmed=False))
    assert texts(done) == "Commande n°5 annulée (10 cartons de Savon de Marseille)."
    later = runner.feed(ChoiceIn("restock:v1:5:no"))
    assert later.effects == ()
    assert texts(later) == "Commande n°5 annulée (10 cartons de Savon de Marseille)."
