"""The transitions machine alone: expiry on entering a question, context dropped on leaving."""

from __future__ import annotations

import pytest
from transitions import MachineError

from state import ConversationSnapshot, Reply, State
from state.machine import LEFT_KEY, LEFT_MAX, Left, running
from tests.state.conftest import NOW, TIMEOUT


@pytest.mark.parametrize(
    ("trigger", "state"),
    [
        ("ask_store", State.AWAITING_STORE),
        ("ask_product", State.AWAITING_PRODUCT),
        ("ask_quantity", State.AWAITING_QUANTITY),
        ("ask_confirmation", State.AWAITING_CONFIRMATION),
    ],
)
def test_every_question_is_reachable_from_every_state_and_sets_the_expiry(
    trigger: str, state: State
) -> None:
    for start in State:
        with running(ConversationSnapshot(state=start.value), NOW, TIMEOUT) as conv:
            getattr(conv, trigger)()
            assert conv.state == state
            assert conv.expires_at == NOW + TIMEOUT


def test_finish_returns_to_idle_and_clears_the_expiry_but_keeps_counters() -> None:
    snapshot = ConversationSnapshot(
        state="awaiting_quantity",
        context={"action": "sale", "sku": "RIZ", "misses": 1, "asked": 4},
        expires_at=NOW,
    )
    with running(snapshot, NOW, TIMEOUT) as conv:
        conv.leaving = Left.ANSWERED
        conv.finish()
        assert conv.state == State.IDLE
        assert conv.expires_at is None
        assert conv.context == {"misses": 1, "asked": 4}
        assert conv.effects == []


@pytest.mark.parametrize("why", [Left.REPLACED, Left.CANCELLED, Left.EXPIRED])
def test_a_question_left_unanswered_is_remembered_with_why(why: Left) -> None:
    question = {"action": "sale", "sku": "RIZ", "token": "7-4", "question": {"text": "?"}}
    snapshot = ConversationSnapshot(
        state="awaiting_quantity", context={**question, "asked": 4}, expires_at=NOW
    )
    with running(snapshot, NOW, TIMEOUT) as conv:
        if why is not Left.REPLACED:  # the default: a new command took its place
            conv.leaving = why
        conv.ask_product()
        left = {"action": "sale", "sku": "RIZ", "token": "7-4", "state": "awaiting_quantity"}
        entry = {**left, "why": why.value, "expires": NOW.isoformat()}  # when it would expire
        assert conv.context == {"asked": 4, LEFT_KEY: [entry]}
        assert conv.leaving is Left.REPLACED  # for the next question


def test_only_the_latest_questions_left_are_remembered() -> None:
    with running(ConversationSnapshot(), NOW, TIMEOUT) as conv:
        for token in range(LEFT_MAX + 2):
            conv.ask_confirmation()
            conv.context["token"] = str(token)
        conv.finish()
        tokens = [old["token"] for old in conv.context[LEFT_KEY]]
        assert tokens == [str(t) for t in range(2, LEFT_MAX + 2)]


def test_expire_only_leaves_a_waiting_state() -> None:
    with running(ConversationSnapshot(), NOW, TIMEOUT) as conv, pytest.raises(MachineError):
        conv.expire()
    with running(ConversationSnapshot(state="awaiting_product"), NOW, TIMEOUT) as conv:
        conv.expire()
        assert conv.state == State.IDLE


def test_leaving_a_question_asks_for_no_effect() -> None:
    """Nothing is created before a question is answered, so leaving one undoes nothing."""
    context = {"flow": "move", "draft": {"action": "restock", "lines": []}, "token": "7-1"}
    snapshot = ConversationSnapshot(state="awaiting_confirmation", context=context)
    with running(snapshot, NOW, TIMEOUT) as conv:
        conv.ask_product()
        assert conv.effects == []
        assert conv.context[LEFT_KEY][-1]["why"] == "replaced"


def test_a_snapshot_round_trips_and_an_unknown_state_restores_as_idle() -> None:
    snapshot = ConversationSnapshot(
        state="awaiting_quantity", context={"sku": "RIZ"}, expires_at=NOW, version=3
    )
    with running(snapshot, NOW, TIMEOUT) as conv:
        assert conv.snapshot() == snapshot
    with running(ConversationSnapshot(state="gone_state"), NOW, TIMEOUT) as conv:
        assert conv.state == State.IDLE


def test_steps_take_turns_on_one_model_and_nothing_of_a_step_stays_for_the_next() -> None:
    from state.machine import _MACHINE

    with running(ConversationSnapshot(), NOW, TIMEOUT) as conv:
        conv.ask_product()
        conv.context["token"] = "1"
        conv.leaving = Left.ANSWERED
        conv.actions.append(Reply("?"))
    with running(ConversationSnapshot(), NOW, TIMEOUT) as conv:
        assert conv.state == State.IDLE and conv.expires_at is None
        assert conv.context == {} and conv.actions == [] and conv.leaving is Left.REPLACED
    assert len([m for m in _MACHINE.models if m is not _MACHINE]) == 1
