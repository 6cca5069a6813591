"""The conversation state machine, defined once (`transitions`), over one step's working copy.

States are the questions the bot can be waiting for. Entering a waiting state sets its expiry;
leaving one drops its context (and cancels a restock order proposed but never answered);
entering `idle` clears the expiry. A new command is accepted from every state.
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

from state.effects import DecideOrder, Effect
from state.values import ConversationSnapshot


class State(StrEnum):
    IDLE = "idle"
    AWAITING_STORE = "awaiting_store"
    AWAITING_PRODUCT = "awaiting_product"
    AWAITING_QUANTITY = "awaiting_quantity"
    AWAITING_CONFIRMATION = "awaiting_confirmation"


WAITING = tuple(s for s in State if s is not State.IDLE)
# Context keys that outlive a question: misunderstandings in a row, questions asked so far, and
# the last question that expired.
EXPIRED_KEY = "expired"
PERSISTENT_KEYS = ("misses", "asked", EXPIRED_KEY)

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
# `add_model`/`remove_model` change the machine's model list: one step at a time per process.
_MACHINE_LOCK = threading.Lock()


class Conversation:
    """One step's mutable working copy of a snapshot; the machine drives its `state`."""

    state: str
    # Triggers added by the machine (typed here for mypy).
    ask_store: Any
    ask_product: Any
    ask_quantity: Any
    ask_confirmation: Any
    finish: Any
    expire: Any

    def __init__(self, snapshot: ConversationSnapshot, now: datetime, timeout: timedelta) -> None:
        self.context: dict[str, Any] = dict(snapshot.context)
        self.expires_at = snapshot.expires_at
        self.version = snapshot.version
        self.now = now
        self.timeout = timeout
        self.effects: list[Effect] = []

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
        order_id = self.context.get("order_id")
        if self.context.get("action") == "restock" and order_id and not self.context.get("decided"):
            # A proposed order nobody answered does not stay pending forever.
            self.effects.append(DecideOrder(order_id=int(order_id), confirm=False))
        self.context = {k: v for k, v in self.context.items() if k in PERSISTENT_KEYS}


@contextmanager
def running(
    snapshot: ConversationSnapshot, now: datetime, timeout: timedelta
) -> Iterator[Conversation]:
    """The snapshot restored into the machine for one step (`add_model(conv, initial=state)`)."""
    conversation = Conversation(snapshot, now, timeout)
    initial = snapshot.state if snapshot.state in {s.value for s in State} else State.IDLE.value
    with _MACHINE_LOCK:
        _MACHINE.add_model(conversation, initial=initial)
        try:
            yield conversation
        finally:
            _MACHINE.remove_model(conversation)
