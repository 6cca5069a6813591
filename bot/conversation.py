"""The conversation layer's entry point: one typed inbound message in, the replies to queue out.

Called by the inbound processor inside the transaction that marks the message processed, so the
stock change a message causes, its replies, the conversation state and the processed mark
commit together (or not at all).

    message → event → state.step(snapshot, event, catalog view, now) → replies and effects
    effect → bot.dialogue.effects (stock movements, orders, lookups) → result event → step …

An effect's result is stepped at once, so what it says reads where the effect stood among the
replies. An alert push is a question like any other: a tap on its buttons is a choice, and when
the manager's conversation has not moved since a push reached them, the push is restored as the
question waiting before their message is read (`bot.dialogue.pushes`); a message quoting a push
answers that push, even while another question waits (dropped, said so).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot.db.models import Manager
from bot.dialogue.effects import run_effect
from bot.dialogue.order_template import note_confirming
from bot.dialogue.pushes import pending_push, quoted_push
from bot.dialogue.render import render
from bot.dialogue.storage import lock_conversation, save_conversation, snapshot_of
from bot.dialogue.view import current_store, load_view
from bot.inbound.models import (
    ButtonReply,
    InboundMessageEvent,
    ListReply,
    ReactionMessage,
    TextMessage,
)
from bot.outbound.messages import OutgoingMessage
from bot.outbound.outbox import text_limit_for
from bot.settings import Settings
from state import (
    CatalogView,
    ChoiceIn,
    ConversationSnapshot,
    Event,
    FindPace,
    FindStoreNamed,
    OrderPlaced,
    OtherIn,
    Reply,
    TextIn,
    step,
)
from state.machine import (
    DECLINED_KEY,
    DONE_KEY,
    LEFT_KEY,
    PUSHED_KEY,
    UNCLEAR_KEY,
    Left,
    running,
)

# Results feed new steps; a step never needs more than a few, this only bounds a bug.
_MAX_STEPS = 16
# The conversation context key naming the inbound message that raised the question waiting.
RAISED_BY = "raised_by"
# session.info key of the `TurnSeen` of the last `respond` of a session.
TURN_SEEN = "stockbot.turn_seen"
# The context keys `bot.inbound.turns` reads after a turn (`TurnSeen.after`).
OBSERVED = ("misses", LEFT_KEY, DONE_KEY, UNCLEAR_KEY, DECLINED_KEY)
# session.info key of the replies that ask the question waiting, by inbound message id.
_ASKING = "stockbot.asking"


@dataclass(frozen=True, slots=True)
class Asking:
    """The replies to a message that ask the question it left waiting (its `token`): held when
    the window is closed, they are worth sending later only while that question still waits."""

    token: str
    messages: list[OutgoingMessage]


@dataclass(frozen=True, slots=True)
class TurnSeen:
    """What the last `respond` of a session read its message with, and the conversation's
    stored context before and after it, as the database holds it (a hook for
    `bot.inbound.turns`, which counts intents with the same matcher and tells how the turn
    ended without reading the conversation again; of `after`, only the keys it reads,
    `OBSERVED`)."""

    view: CatalogView
    before: dict[str, Any]
    after: dict[str, Any]


def respond(
    session: Session,
    manager: Manager,
    message: InboundMessageEvent,
    *,
    settings: Settings,
    now: datetime,
) -> list[OutgoingMessage]:
    """Replies to `message` from the registered, active `manager`."""
    if isinstance(message, ReactionMessage):
        return []
    assert manager.id is not None
    row = lock_conversation(session, manager.id)
    steps = _Steps(
        session,
        manager,
        settings,
        now,
        snapshot=snapshot_of(row),
        view=_view(session, manager, settings),
    )
    stored = steps.snapshot
    before = dict(stored.context)
    first = _event_of(message)
    # Whether the latest push was looked up (see `_unchanged`).
    looked_up = isinstance(first, TextIn) and stored.state == "idle"
    quoted = message.context.message_id if message.context is not None else ""
    replies: list[Reply] = []
    if looked_up or (isinstance(first, TextIn) and quoted):
        # A row just created has not moved yet: any recent push may be what this answers.
        since = row.updated_at if row.version else None
        seen = int(steps.snapshot.context.get(PUSHED_KEY) or 0)
        found = quoted_push(session, manager, quoted, now=now) if quoted else None
        if found is None and looked_up:
            found = pending_push(session, manager, since=since, after=seen, now=now)
        if found is not None and found[1] is not None:  # else a push quoted, too old
            outbox_id, asked = found[0], found[1]
            steps.snapshot = _with(steps.snapshot, **{PUSHED_KEY: max(outbox_id, seen)})
            # The push is not asked again; a question it replaced is said dropped (quoted).
            replies = [r for r in steps.feed(asked) if not _asks(r, asked.question)]
    token = steps.snapshot.context.get("token")
    replies += steps.feed(first)
    context = steps.snapshot.context
    if context.get("token") != token and steps.snapshot.state != "idle":
        steps.snapshot = _with(steps.snapshot, **{RAISED_BY: message.message_id})
    if not (looked_up and _unchanged(stored, steps.snapshot)):
        save_conversation(session, row, steps.snapshot, now=now)
    session.info[TURN_SEEN] = TurnSeen(steps.view, before, _as_stored(steps.snapshot.context))
    limit = text_limit_for(settings)
    rendered = [render(reply, text_limit=limit) for reply in replies]
    question = context.get("question") if steps.snapshot.state != "idle" else None
    if isinstance(question, dict) and context.get("token"):
        waiting = Reply.from_dict(question)
        pairs = zip(replies, rendered, strict=True)
        asking = [m for reply, out in pairs if _asks(reply, waiting) for m in out]
        if asking:
            session.info.setdefault(_ASKING, {})[message.message_id] = Asking(
                str(context["token"]), asking
            )
    return [message for out in rendered for message in out]


def _as_stored(context: Mapping[str, Any]) -> dict[str, Any]:
    """The keys of `context` that `bot.inbound.turns` reads, as the JSON column stores them
    (tuples become lists): the rest, a question's draft and words, is not encoded for it, nor
    are counts alone (most turns)."""
    kept = {k: context[k] for k in OBSERVED if k in context}
    if all(v is None or isinstance(v, int | str) for v in kept.values()):
        return kept  # stored as they are
    return json.loads(json.dumps(kept))  # type: ignore[no-any-return]


def take_asking(session: Session, message_id: str) -> Asking | None:
    """The replies to `message_id` that ask the question it left waiting, if any (taken once)."""
    asking: Asking | None = session.info.get(_ASKING, {}).pop(message_id, None)
    return asking


def _asks(reply: Reply, question: Reply) -> bool:
    """Whether `reply` is the question, or the question repeated after a hint."""
    return (
        reply.buttons == question.buttons
        and reply.rows == question.rows
        and reply.text.endswith(question.text)
    )


def take_turn(session: Session) -> TurnSeen | None:
    """What the last `respond` in `session` saw (see `TurnSeen`), if any; forgotten once taken."""
    seen = session.info.pop(TURN_SEEN, None)
    return seen if isinstance(seen, TurnSeen) else None


def drop_question(
    session: Session, manager: Manager, *, raised_by: str, settings: Settings, now: datetime
) -> bool:
    """Cancel quietly the question waiting when the inbound message `raised_by` raised it (the
    manager deleted or edited that message); True when one was dropped. The question is left
    like a cancelled one: a later tap on its buttons says nothing was recorded.

    (A hook for `bot.inbound.treatment`: edits and deletions of messages.)"""
    assert manager.id is not None
    row = lock_conversation(session, manager.id)
    snapshot = snapshot_of(row)
    timeout = timedelta(minutes=settings.conversation_timeout_minutes)
    with running(snapshot, now, timeout) as conversation:
        if (
            not conversation.waiting
            or conversation.expired
            or conversation.context.get(RAISED_BY) != raised_by
        ):
            return False
        conversation.leaving = Left.CANCELLED
        conversation.finish()
        dropped = conversation.snapshot()
    save_conversation(session, row, dropped, now=now)
    return True


def _unchanged(stored: ConversationSnapshot, new: ConversationSnapshot) -> bool:
    """Whether a message whose latest push was looked up left its conversation as stored (a
    greeting, a repeated question): its save is skipped, one statement less.

    Nothing is lost: the state, the context and the expiry are those stored, and the version
    and the time of the last save are read only by the push lookup (`since`, and whether the
    row ever moved), which finds the same push with or without this save. A push this message's
    lookup passed over is older than the last save, or already restored, or past `ANSWERABLE`,
    and stays so; any push after it is newer than this message either way. (Taps and messages
    read while a question waits did not look the push up: they are saved as before.)"""
    return (
        new.state == stored.state
        and new.expires_at == stored.expires_at
        and new.context == stored.context
    )


def _view(session: Session, manager: Manager, settings: Settings) -> CatalogView:
    view = load_view(session, manager)
    if settings.whatsapp_provider == "twilio" and not (
        settings.twilio_content_sid_buttons and settings.twilio_content_sid_list
    ):
        view = replace(view, numbered=True)  # choices go as numbered lines
    return view


def _with(snapshot: ConversationSnapshot, **values: object) -> ConversationSnapshot:
    return ConversationSnapshot(
        state=snapshot.state,
        context={**snapshot.context, **values},
        expires_at=snapshot.expires_at,
        version=snapshot.version,
    )


def _event_of(message: InboundMessageEvent) -> Event:
    if isinstance(message, TextMessage):
        return TextIn(message.body)
    if isinstance(message, ButtonReply | ListReply):
        return ChoiceIn(message.id)
    return OtherIn(message.type)


@dataclass
class _Steps:
    """The steps one message leads to, over the manager's snapshot and catalog view."""

    session: Session
    manager: Manager
    settings: Settings
    now: datetime
    snapshot: ConversationSnapshot
    view: CatalogView
    taken: int = 0

    def feed(self, event: Event) -> list[Reply]:
        """Step `event`; run each effect as it comes and step its result in place."""
        if self.taken == _MAX_STEPS:
            return []
        self.taken += 1
        timeout = timedelta(minutes=self.settings.conversation_timeout_minutes)
        outcome = step(self.snapshot, event, self.view, self.now, timeout=timeout)
        self.snapshot = outcome.snapshot
        replies: list[Reply] = []
        for action in outcome.actions:
            if isinstance(action, Reply):
                replies.append(action)
                continue
            _, store = current_store(self.session, self.manager)
            result = run_effect(
                self.session, self.manager, store, action, settings=self.settings, now=self.now
            )
            # A lookup changes nothing the view shows.
            if not isinstance(action, FindPace | FindStoreNamed):
                self.view = _view(self.session, self.manager, self.settings)
            said = self.feed(result)
            if isinstance(result, OrderPlaced):  # what the order-confirmation template repeats
                limit = text_limit_for(self.settings)
                note_confirming(
                    self.session, [m for reply in said for m in render(reply, text_limit=limit)]
                )
            replies += said
        if outcome.replay is not None:
            replies += self.feed(TextIn(outcome.replay))
        return replies
