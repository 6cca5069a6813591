"""What each kind of inbound event gets, before and around the conversation layer.

The conversation (`bot.conversation.respond`) reads what managers type and tap. Around it:

- a photo, video or document with a caption is read as its caption (the media stays stored by
  id in the inbound row);
- a voice note, photo, sticker… without text gets one short notice saying what the bot reads,
  at most once per `MEDIA_NOTICE_INTERVAL` per manager (so a batch of several gets one), with the
  pending question repeated after it when there is one, so nobody has to scroll for it;
- a reaction, a location, shared contacts, a type WhatsApp does not support, a system message:
  no reply;
- a button or list reply whose id the bot never gives (another tool's template, a Twilio
  `ButtonText` without payload) is read as if its title had been typed;
- a 👍 (or ✅, 👌) reaction to the message of the confirmation question waiting is its "yes"
  button tapped; any other reaction asks for nothing;
- an edit of the manager's last message, while the question that message raised still waits, is
  read in its place (the question is dropped quietly first); any other edit is ignored quietly;
- deleting the message that raised the question waiting cancels that question quietly.

Replies to a message that arrives after its 24-hour window closed (a late re-delivery, or a
backlog after an outage) are not attempted, since they could only fail: they are kept on the
message's row and sent before the replies to the sender's next message (`deliver_replies`).
A held question is sent then only if it still waits: one answered since (a late "oui" after a
late order), replaced, expired or cancelled is not sent, and stays on its row under `MOOT_KEY`
with the reason.
A batch's windows, and which of its senders have replies held, are read by the statement that
marks its messages processed (on SQLite, by one statement right after it: a subquery of
RETURNING uses no index there), `windows_known`, kept for the transaction: the windows until it
writes their table, which senders have replies held until it holds or releases some (only
`deliver_replies` does, and other writes to the inbound rows, such as a turn kept for the
owner, leave it true).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from bot.alerts.ids import parse_button_id
from bot.conversation import Asking, drop_question, respond
from bot.db.cache import transaction_cache
from bot.db.models import Contact, Conversation, InboundMessage, Manager, OutboundMessage
from bot.dialogue.view import load_view
from bot.inbound.models import (
    ButtonReply,
    EditMessage,
    InboundMessageEvent,
    ListReply,
    MediaMessage,
    ReactionMessage,
    RevokeMessage,
    TextMessage,
)
from bot.inbound.notices import media_notice
from bot.inbound.turns import Turn, observe
from bot.outbound.messages import OutgoingMessage, Template, from_payload, kind_of, to_payload
from bot.outbound.outbox import SIMULATOR_PROVIDER, enqueue, enqueue_many
from bot.outbound.policy import window_open
from bot.settings import Settings
from state.choices import parse_choice_id
from state.machine import LEFT_KEY, Left

MEDIA_NOTICE_INTERVAL = timedelta(minutes=10)
# Reactions that say yes (skin tones and variation selectors are ignored).
YES_EMOJIS = frozenset({"👍", "✅", "👌", "✔"})
_MODIFIERS = "\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
AWAITING_CONFIRMATION = "awaiting_confirmation"
HELD_KEY = "held"  # InboundMessage.payload key of the replies kept for the next message
# InboundMessage.payload key of the replies not sent because the order template said it all
CONFIRMED_BY_TEMPLATE_KEY = "confirmed_by_template"
# InboundMessage.payload key of the held questions not sent because they no longer waited
MOOT_KEY = "moot"


@dataclass(frozen=True, slots=True)
class Answer:
    """The replies to a message, and what the conversation made of it (None when the message
    did not go to the conversation: a reaction, a photo without text…)."""

    replies: list[OutgoingMessage]
    turn: Turn | None = None


def replies_to(
    session: Session,
    manager: Manager,
    message: InboundMessageEvent,
    *,
    settings: Settings,
    now: datetime,
) -> Answer:
    """The replies `message` from the active `manager` gets (see the module docstring)."""
    readable = as_typed(message)
    if readable is not None:
        return _converse(session, manager, readable, settings=settings, now=now)
    if isinstance(message, MediaMessage):
        return Answer(_media_without_text(session, manager, message, settings=settings, now=now))
    if isinstance(message, ReactionMessage):
        tap = reaction_as_yes(session, manager, message, now=now)
        if tap is None:
            return Answer([])
        return _converse(session, manager, tap, settings=settings, now=now)
    if isinstance(message, EditMessage):
        return _edited(session, manager, message, settings=settings, now=now)
    if isinstance(message, RevokeMessage):
        drop_question(
            session, manager, raised_by=message.original_message_id, settings=settings, now=now
        )
    return Answer([])  # locations, contacts, unsupported, system messages


def _converse(
    session: Session,
    manager: Manager,
    message: InboundMessageEvent,
    *,
    settings: Settings,
    now: datetime,
) -> Answer:
    text = message.body if isinstance(message, TextMessage) else None
    replies, turn = observe(
        session,
        manager,
        text,
        lambda: respond(session, manager, message, settings=settings, now=now),
    )
    return Answer(replies, turn)


def as_typed(message: InboundMessageEvent) -> InboundMessageEvent | None:
    """The message as the conversation reads it, or None when it reads nothing in it."""
    if isinstance(message, TextMessage):
        return message
    if isinstance(message, MediaMessage):
        caption = message.caption.strip()
        return _typed(message, caption) if caption else None
    if isinstance(message, ButtonReply | ListReply):
        if is_our_choice(message.id):
            return message
        title = message.title.strip()
        return _typed(message, title) if title else None
    return None


def is_our_choice(choice_id: str) -> bool:
    """Whether a button or list row id is one the bot gives (a question's choice, an alert's
    button), whatever its age: a tap on an old one is told it was already handled."""
    return parse_choice_id(choice_id) is not None or parse_button_id(choice_id) is not None


def _typed(message: InboundMessageEvent, body: str) -> TextMessage:
    common = {
        field.name: getattr(message, field.name)
        for field in dataclasses.fields(TextMessage)
        if field.name != "body"
    }
    return TextMessage(body=body, **common)


def _media_without_text(
    session: Session,
    manager: Manager,
    message: MediaMessage,
    *,
    settings: Settings,
    now: datetime,
) -> list[OutgoingMessage]:
    last = manager.media_notice_at
    if last is not None and now - last < MEDIA_NOTICE_INTERVAL:
        return []
    manager.media_notice_at = now
    session.add(manager)
    matcher = load_view(session, manager).matcher  # read once per transaction
    replies: list[OutgoingMessage] = [media_notice(manager.language, message.media.value, matcher)]
    if question_pending(session, manager, now):
        # The conversation repeats its question to anything it cannot read.
        replies += respond(session, manager, message, settings=settings, now=now)
    return replies


def reaction_as_yes(
    session: Session, manager: Manager, reaction: ReactionMessage, *, now: datetime
) -> ButtonReply | None:
    """The tap a 👍 on the confirmation question waiting stands for, or None.

    Only when the reaction is a yes, on the very message that asked the question waiting (the
    outbox row Meta gave that message id, to this manager), and that question is a confirmation
    whose "yes" button is among the row's buttons."""
    emoji = reaction.emoji.strip(_MODIFIERS)
    if emoji not in YES_EMOJIS or not reaction.reacted_message_id:
        return None
    row = session.exec(select(Conversation).where(Conversation.manager_id == manager.id)).first()
    if row is None or row.state != AWAITING_CONFIRMATION:
        return None
    if row.expires_at is not None and row.expires_at <= now:
        return None
    question = row.context.get("question") if isinstance(row.context, dict) else None
    asked = {c[0] for c in question.get("buttons", ())} if isinstance(question, dict) else set()
    sent = session.exec(
        select(OutboundMessage).where(
            OutboundMessage.provider_message_id == reaction.reacted_message_id,
            col(OutboundMessage.kind) == "buttons",
        )
    ).first()
    if sent is None or sent.recipient not in (manager.phone, reaction.sender):
        return None
    for button in sent.payload.get("buttons", ()):
        choice = parse_choice_id(str(button.get("id", "")))
        if choice is not None and choice.value == "yes" and button["id"] in asked:
            return ButtonReply(
                id=button["id"], title=str(button.get("title", "")), **_common(reaction)
            )
    return None


def _edited(
    session: Session,
    manager: Manager,
    edit: EditMessage,
    *,
    settings: Settings,
    now: datetime,
) -> Answer:
    """Read the new text of the last message in its place, while its question still waits."""
    if not edit.body.strip() or not _is_last_message(session, edit):
        return Answer([])
    if not drop_question(
        session, manager, raised_by=edit.original_message_id, settings=settings, now=now
    ):
        return Answer([])
    return _converse(session, manager, _typed(edit, edit.body), settings=settings, now=now)


def _is_last_message(session: Session, edit: EditMessage) -> bool:
    """Whether the edited message is the sender's latest (edits and reactions aside)."""
    original = session.exec(
        select(InboundMessage).where(
            InboundMessage.provider == edit.provider,
            InboundMessage.provider_message_id == edit.original_message_id,
        )
    ).first()
    if original is None:
        return False
    later = session.exec(
        select(InboundMessage.id).where(
            InboundMessage.sender == original.sender,
            col(InboundMessage.type).not_in(("edit", "revoke", "reaction", "system")),
            col(InboundMessage.id) != original.id,
            (col(InboundMessage.sent_at) > original.sent_at)
            | (
                (col(InboundMessage.sent_at) == original.sent_at)
                & (col(InboundMessage.id) > original.id)
            ),
        )
    ).first()
    return later is None


def _common(message: InboundMessageEvent) -> dict[str, Any]:
    return {
        field.name: getattr(message, field.name)
        for field in dataclasses.fields(ButtonReply)
        if field.name not in ("id", "title", "from_template")
    }


def question_pending(session: Session, manager: Manager, now: datetime) -> bool:
    """Whether the bot waits for an answer from `manager` (a question not yet expired)."""
    row = session.exec(select(Conversation).where(Conversation.manager_id == manager.id)).first()
    if row is None or row.state == "idle":
        return False
    return row.expires_at is None or row.expires_at > now


# ---------------------------------------------------------------- replies outside the window


def deliver_replies(
    session: Session,
    row: InboundMessage,
    recipient: str,
    replies: list[OutgoingMessage],
    *,
    now: datetime,
    confirmation: Template | None = None,
    repeated: Sequence[OutgoingMessage] = (),
    asking: Asking | None = None,
) -> None:
    """Queue `replies` to `recipient` when its 24-hour window is open, after the replies kept
    for earlier messages of the same sender; keep them on `row` when the window is closed.

    `confirmation`: the order-confirmation template of the orders the message placed
    (`bot.dialogue.order_template`), and `repeated`: the replies among `replies` that only say
    what it says. Window closed: the template is queued now and the replies it repeats are not
    kept for later (the manager would read the same confirmation twice, a day apart); they stay
    on `row` under `CONFIRMED_BY_TEMPLATE_KEY`, the reason they never went. The turn's other
    replies are still held for the next message: they tell something the template does not (a
    warning, a question), and dropping them would lose it. Window open: the first repeated
    reply (the first reply when none is) carries the template as its fallback, should the window
    close before it goes; the repeated replies after it then fail with the window, so only one
    confirmation arrives either way.

    `asking`: the replies among `replies` that ask the question the message left waiting; held,
    they are sent with the next message only if that question still waits then."""
    if not window_open(_last_inbound(session, recipient), now):
        if confirmation is not None:
            enqueue(session, recipient, confirmation, inbound_message_id=row.id, now=now)
            replies, dropped = _without(replies, repeated)
            if dropped:
                row.payload = row.payload | {
                    CONFIRMED_BY_TEMPLATE_KEY: [_stored(reply) for reply in dropped]
                }
                session.add(row)
        if replies:
            row.payload = row.payload | {HELD_KEY: [_held(reply, asking) for reply in replies]}
            row.replies_held = True
            transaction_cache(session, _HELD_SENDERS)[row.sender] = True
            session.add(row)
        return
    if row.provider != SIMULATOR_PROVIDER:  # the simulator's rows are captured, never sent
        _release_held(session, row, recipient, now)
    carrier = _carrier(replies, repeated) if confirmation is not None else None
    if carrier is None:
        enqueue_many(
            session, ((recipient, reply) for reply in replies), inbound_message_id=row.id, now=now
        )
        return
    before, after = replies[:carrier], replies[carrier + 1 :]
    enqueue_many(
        session, ((recipient, reply) for reply in before), inbound_message_id=row.id, now=now
    )
    enqueue(
        session,
        recipient,
        replies[carrier],
        inbound_message_id=row.id,
        now=now,
        fallback=confirmation,
    )
    enqueue_many(
        session, ((recipient, reply) for reply in after), inbound_message_id=row.id, now=now
    )


def _without(
    replies: list[OutgoingMessage], repeated: Sequence[OutgoingMessage]
) -> tuple[list[OutgoingMessage], list[OutgoingMessage]]:
    """`replies` less those in `repeated` (each once), and those taken out."""
    kept, dropped, left = [], [], list(repeated)
    for reply in replies:
        if reply in left:
            left.remove(reply)
            dropped.append(reply)
        else:
            kept.append(reply)
    return kept, dropped


def _carrier(replies: list[OutgoingMessage], repeated: Sequence[OutgoingMessage]) -> int | None:
    """The index of the reply that carries the confirmation template as its fallback."""
    if not replies:
        return None
    return next((i for i, reply in enumerate(replies) if reply in repeated), 0)


def windows_known(session: Session, known: dict[str, tuple[datetime | None, bool]]) -> None:
    """The senders' windows and whether replies are held for them, read by another statement of
    this transaction (the processor's claim or mark, or on SQLite the read after the mark:
    `SENDER_LAST_INBOUND`, `SENDER_HOLDING`), kept for `deliver_replies`: by sender, the last
    inbound moment and whether replies are held."""
    windows = transaction_cache(session, _CONTACT_TABLES)
    held = transaction_cache(session, _HELD_SENDERS)
    for sender, (last_inbound, holding) in known.items():
        windows[sender] = last_inbound
        held[sender] = holding


def _release_held(session: Session, row: InboundMessage, recipient: str, now: datetime) -> None:
    if transaction_cache(session, _HELD_SENDERS).get(row.sender) is False:
        return  # read ahead: none held for this sender
    held = session.execute(_HELD, {"sender": row.sender, "id": row.id}).all()
    waiting: _Waiting | None = None
    for earlier_id, payload in held:
        moot = []
        for stored in payload.get(HELD_KEY, []):
            if "asks" in stored:
                waiting = waiting or _question_waiting(session, row.sender, now)
                why = waiting.moot(stored["asks"])
                if why is not None:
                    moot.append({**stored, "why": why})
                    continue
            enqueue(
                session,
                recipient,
                from_payload(stored["kind"], stored["payload"]),
                inbound_message_id=earlier_id,
                now=now,
            )
        kept = {k: v for k, v in payload.items() if k != HELD_KEY}
        if moot:
            kept[MOOT_KEY] = [*kept.get(MOOT_KEY, []), *moot]
        session.execute(
            update(InboundMessage)
            .where(col(InboundMessage.id) == earlier_id)
            .values(replies_held=False, payload=kept)
        )


@dataclass(frozen=True, slots=True)
class _Waiting:
    """The question a manager's conversation waits for (its token), and why the last questions
    left unanswered were left (`state.machine.LEFT_KEY`), by token."""

    token: str | None
    left: dict[str, str]

    def moot(self, token: str) -> str | None:
        """Why the question `token` no longer waits (None when it still does): how it was left,
        else answered (an answered question is not remembered)."""
        if token == self.token:
            return None
        return self.left.get(token, Left.ANSWERED.value)


def _question_waiting(session: Session, sender: str, now: datetime) -> _Waiting:
    found = session.execute(_CONVERSATION_OF, {"phone": sender}).first()
    if found is None:
        return _Waiting(None, {})
    state, context, expires_at = found
    context = context if isinstance(context, dict) else {}
    left = {
        str(old.get("token")): str(old.get("why", ""))
        for old in context.get(LEFT_KEY, ())
        if isinstance(old, dict)
    }
    open_ = state != "idle" and (expires_at is None or expires_at > now)
    token = context.get("token") if open_ else None
    return _Waiting(str(token) if token else None, left)


def _held(reply: OutgoingMessage, asking: Asking | None) -> dict[str, Any]:
    stored = _stored(reply)
    if asking is not None and reply in asking.messages:
        stored["asks"] = asking.token  # sent later only while this question waits
    return stored


def _stored(reply: OutgoingMessage) -> dict[str, Any]:
    return {"kind": kind_of(reply), "payload": to_payload(reply)}


def _last_inbound(session: Session, sender: str) -> datetime | None:
    windows = transaction_cache(session, _CONTACT_TABLES)
    if sender in windows:
        ahead: datetime | None = windows[sender]
        return ahead
    moment: datetime | None = session.execute(_LAST_INBOUND, {"phone": sender}).scalar()
    return moment


# Built once: these run for every message answered.
_INBOUND = InboundMessage.__table__  # type: ignore[attr-defined]
_CONTACT = Contact.__table__  # type: ignore[attr-defined]
_HELD = (
    select(_INBOUND.c.id, _INBOUND.c.payload)
    .where(
        _INBOUND.c.sender == bindparam("sender"),
        _INBOUND.c.replies_held.is_(True),
        _INBOUND.c.id != bindparam("id"),
        _INBOUND.c.provider != SIMULATOR_PROVIDER,
    )
    .order_by(_INBOUND.c.sent_at, _INBOUND.c.id)
)
_CONVERSATION = Conversation.__table__  # type: ignore[attr-defined]
_MANAGER = Manager.__table__  # type: ignore[attr-defined]
_CONVERSATION_OF = (
    select(_CONVERSATION.c.state, _CONVERSATION.c.context, _CONVERSATION.c.expires_at)
    .join(_MANAGER, _MANAGER.c.id == _CONVERSATION.c.manager_id)
    .where(_MANAGER.c.phone == bindparam("phone"))
)
_LAST_INBOUND = select(_CONTACT.c.last_inbound_at).where(_CONTACT.c.phone == bindparam("phone"))
# For a statement over inbound_message (the processor's claim or mark, or its read of the rows
# marked): the row's sender's window, and whether replies are held for them (`windows_known`).
SENDER_LAST_INBOUND = (
    select(_CONTACT.c.last_inbound_at)
    .where(_CONTACT.c.phone == _INBOUND.c.sender)
    .scalar_subquery()
    .label("last_inbound_at")
)
_HELD_ROW = _INBOUND.alias("held")
SENDER_HOLDING = (
    select(_HELD_ROW.c.id)
    .where(
        _HELD_ROW.c.sender == _INBOUND.c.sender,
        _HELD_ROW.c.replies_held.is_(True),
        _HELD_ROW.c.provider != SIMULATOR_PROVIDER,
    )
    .exists()
    .label("holding")
)
# A write to one of these in the transaction forgets what was read ahead from it.
_CONTACT_TABLES = frozenset({"contact"})
# Not a table: no statement forgets it (but SQL the cache cannot read); kept by hand, above.
_HELD_SENDERS = frozenset({"inbound_message.replies_held"})
