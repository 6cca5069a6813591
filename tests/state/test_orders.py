"""Restock orders: proposed with the reorder quantity by default, confirmed or cancelled."""

from __future__ import annotations

from dataclasses import replace

import pytest

from state import (
    ChangeOrderQuantity,
    ChoiceIn,
    DecideOrder,
    OrderChanged,
    OrderDecided,
    OrderProposed,
    OrderQuantityAsked,
    ProposeOrder,
    Reply,
    State,
)
from tests.state.conftest import TIMEOUT, Runner, make_view, texts


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


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("commander sucre 200000", "C'est trop : 100\u00a0000 au plus."),
        ("commander sucre -5", "Il faut un nombre entier plus grand que zéro, par exemple 3."),
        ("commander sucre 2.5", "Il faut un nombre entier plus grand que zéro, par exemple 3."),
    ],
)
def test_a_wrong_order_quantity_is_asked_again_not_replaced(
    runner: Runner, typed: str, problem: str
) -> None:
    out = runner.say(typed)
    # Never "C'est trop" then "Commander 10 sacs ? [Oui]": one tap would order 10.
    assert out.effects == ()
    assert texts(out) == problem + "\nCombien de sacs ?"
    assert runner.state == State.AWAITING_QUANTITY
    assert runner.say("20").effects == (ProposeOrder("SUCRE", 20),)


def test_a_cancelled_order_reads_before_the_next_question(runner: Runner) -> None:
    _propose(runner, "commander savon", 5)
    out = runner.say("stock")  # which product? the proposal is left unanswered
    cancel, question = out.actions
    assert cancel == DecideOrder(5, confirm=False)
    assert isinstance(question, Reply) and question.text.startswith("Quel produit ?")


def _with_order(order_id: int, quantity: int, *skus: str) -> Runner:
    view = make_view()
    products = tuple(
        replace(p, order_id=order_id, order_quantity=quantity) if p.sku in skus else p
        for p in view.products
    )
    return Runner(replace(view, products=products))


def test_an_order_on_its_way_is_mentioned_before_ordering_again() -> None:
    runner = _with_order(1, 5, "SUCRE")
    runner.say("commander sucre")
    out = runner.feed(OrderProposed(4, "SUCRE", 10))
    assert texts(out) == (
        "Commander 10 sacs de Sucre en poudre 50kg ? (commande n°4)\n"
        "Déjà en cours : commande n°1 (5 sacs).\n[Oui]\n[Non]"
    )


def test_alerts_mark_ordered_products_and_offer_only_the_others() -> None:
    runner = _with_order(3, 36, "LAIT")
    out = runner.say("alertes")
    assert texts(out).splitlines()[:3] == [
        "À recommander (3) :",
        "❌ Lait en poudre 400g : 0 boîte (seuil 12), commande n°3 en cours",
        "⚠️ Huile d'arachide 20L : 3 bidons (seuil 4)",
    ]
    assert [c.title for c in out.replies[-1].choices] == [
        "Huile d'arachide 20L",
        "Riz parfumé 25kg",
    ]
    everything = _with_order(3, 36, "LAIT", "HUILE-20L", "RIZ-P")
    out = everything.say("alertes")
    assert len(out.replies) == 1  # nothing left to order: no question
    assert everything.state == State.IDLE
