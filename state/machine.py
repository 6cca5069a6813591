"""The conversation state machine, defined once (`transitions`), over one step's working copy.

States are the questions the bot can be waiting for. Entering a waiting state sets its expiry;
leaving one drops its context and, unless it was answered, remembers it (a tap on it later is told
that nothing was done, and why); entering `idle` clears the expiry. A new command is accepted from
every state.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from transitions import Machine

from state.effects import Effect
from state.values import ConversationSnapshot, Reply


class State(StrEnum):
    IDLE = "idle"
    AWAITING_STORE = "awaiting_store"
    AWAITING_PRODUCT = "awaiting_product"
    AWAITING_QUANTITY = "awaiting_quantity"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    AWAITING_CHOICE = "awaiting_choice"  # a list to pick from: orders, lines to change…


class Left(StrEnum):
    """Why the question waiting is left."""

    ANSWERED = "answered"
    EXPIRED = "expired"
    REPLACED = "replaced"  # by a new command (or another flow's question)
    CANCELLED = "cancelled"  # ANNULER


WAITING = tuple(s for s in State if s is not State.IDLE)
# Context keys that outlive a question: misunderstandings in a row, questions asked so far, the
# last questions left unanswered (newest last, each with its `state` and `why`), the last thing
# recorded (for a correction right after it) and a guided stock count under way.
LEFT_KEY = "left"
LEFT_MAX = 5
DONE_KEY = "done"
TOUR_KEY = "tour"
# What a flow that asked for an effect needs to read its result (the question is over by then).
MEMO_KEY = "memo"
# The last alert push restored as the question waiting (`bot/` never restores one twice).
PUSHED_KEY = "pushed"
# Running counts, for the owner's insight (`bot/inbound/turns.py`): answers to a question that
# were not understood, confirmations declined.
UNCLEAR_KEY = "unclear"
DECLINED_KEY = "declined"
# The one product the last answer was about (a stock answer, a recording), and when: what `j'en
# ai vendu 3` or `sold 2 of them` right after it refers to (`Turn.subject`).
SUBJECT_KEY = "subject"
# The report last answered (what moved, over which period, of which product), and when: what
# `et hier ?`, `et le sucre ?` right after it change (`state.flows.reports.followed`).
REPORT_KEY = "report"
# The language the manager was last seen clearly writing (`state.flows.languages.follow`): once
# there is one, leaving the language answered in takes a clearer message.
WRITTEN_KEY = "written"
PERSISTENT_KEYS = (
    WRITTEN_KEY,
    "misses",
    "asked",
    LEFT_KEY,
    DONE_KEY,
    TOUR_KEY,
    MEMO_KEY,
    PUSHED_KEY,
    UNCLEAR_KEY,
    DECLINED_KEY,
    SUBJECT_KEY,
    REPORT_KEY,
)

_STATES: list[dict[str, Any]] = [
    {"name": State.IDLE.value, "on_enter": "_enter_idle"},
    *(
        {"name": s.value, "on_enter": "_enter_waiting", "on_exit": "_leave_question"}
        for s in WAITING
    ),
]
_TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "ask_store", "source": "*", "dest": State.AWAITING_STORE.value},
    {"trigger": "ask_product", "source": "*", "dest": State.AWAITING_PRODUCT.value},
    {"trigger": "ask_quantity", "source": "*", "dest": State.AWAITING_QUANTITY.value},
    {"trigger": "ask_confirmation", "source": "*", "dest": State.AWAITING_CONFIRMATION.value},
    {"trigger": "ask_choice", "source": "*", "dest": State.AWAITING_CHOICE.value},
    {"trigger": "finish", "source": "*", "dest": State.IDLE.value},
    {"trigger": "expire", "source": [s.value for s in WAITING], "dest": State.IDLE.value},
]

# transitions logs every callback at INFO: far too much for a step per message.
logging.getLogger("transitions").setLevel(logging.WARNING)

_MACHINE = Machine(
    model=None,
    states=_STATES,
    transitions=_TRANSITIONS,
    initial=State.IDLE.value,
    auto_transitions=False,
)
# One model, added once, restored for each step: `add_model` (a trigger and a check per state
# attached to the object) cost more than a step's own work. One step at a time per process.
_MACHINE_LOCK = threading.Lock()
_MODEL: Conversation | None = None
_STATE_NAMES = frozenset(s.value for s in State)


class Conversation:
    """One step's mutable working copy of a snapshot; the machine drives its `state`."""

    state: str
    # Triggers added by the machine (typed here for mypy).
    ask_store: Any
    ask_product: Any
    ask_quantity: Any
    ask_confirmation: Any
    ask_choice: Any
    finish: Any
    expire: Any

    def __init__(self, snapshot: ConversationSnapshot, now: datetime, timeout: timedelta) -> None:
        self.restore(snapshot, now, timeout)

    def restore(self, snapshot: ConversationSnapshot, now: datetime, timeout: timedelta) -> None:
        """Start over from `snapshot` (the machine sets `state`)."""
        self.context: dict[str, Any] = dict(snapshot.context)
        self.expires_at = snapshot.expires_at
        self.version = snapshot.version
        self.now = now
        self.timeout = timeout
        # Replies and effects in the order they happen: an effect's result is told where it
        # stands (an order cancelled on the way reads before the next question).
        self.actions: list[Reply | Effect] = []
        # Why the question waiting will be left; set before the transition that leaves it.
        self.leaving = Left.REPLACED

    @property
    def effects(self) -> list[Effect]:
        return [a for a in self.actions if not isinstance(a, Reply)]

    @property
    def waiting(self) -> bool:
        return self.state != State.IDLE

    @property
    def expired(self) -> bool:
        return self.waiting and (self.expires_at is None or self.expires_at <= self.now)

    def snapshot(self) -> ConversationSnapshot:
        return ConversationSnapshot(
            state=self.state,
            context=dict(self.context),
            expires_at=self.expires_at,
            version=self.version,
        )

    def _enter_idle(self) -> None:
        self.expires_at = None

    def _enter_waiting(self) -> None:
        self.expires_at = self.now + self.timeout

    def _leave_question(self) -> None:
        why, self.leaving = self.leaving, Left.REPLACED
        kept = {k: v for k, v in self.context.items() if k in PERSISTENT_KEYS}
        if why is not Left.ANSWERED:
            question = {
                k: v
                for k, v in self.context.items()
                if k not in (*PERSISTENT_KEYS, "question", "wording")
            }
            expires = self.expires_at.isoformat() if self.expires_at is not None else None
            entry = {**question, "state": self.state, "why": why.value, "expires": expires}
            left = [*kept.get(LEFT_KEY, ()), entry]
            kept[LEFT_KEY] = left[-LEFT_MAX:]
        self.context = kept


@contextmanager
def running(
    snapshot: ConversationSnapshot, now: datetime, timeout: timedelta
) -> Iterator[Conversation]:
    """The snapshot restored into the machine's model for one step; the model is this step's
    inside the block only (the next step restores its own snapshot into it)."""
    global _MODEL
    initial = snapshot.state if snapshot.state in _STATE_NAMES else State.IDLE.value
    with _MACHINE_LOCK:
        if _MODEL is None:
            _MODEL = Conversation(snapshot, now, timeout)
            _MACHINE.add_model(_MODEL, initial=initial)
        else:
            _MODEL.restore(snapshot, now, timeout)
            _MACHINE.set_state(initial, model=_MODEL)
        yield _MODEL
