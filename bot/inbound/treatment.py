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
  `ButtonText` without payload) is read as if its title had been typed.

Replies to a message that arrives after its 24-hour window closed (a late re-delivery, or a
backlog after an outage) are not attempted, since they could only fail: they are kept on the
message's row and sent before the replies to the sender's next message (`deliver_replies`).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.alerts.ids import parse_button_id
from bot.conversation import respond
from bot.db.models import Contact, Conversation, InboundMessage, Manager
from bot.inbound.models import (
    ButtonReply,
    InboundMessageEvent,
    ListReply,
    MediaMessage,
    TextMessage,
)
from bot.inbound.notices import media_notice
from bot.outbound.messages import OutgoingMessage, from_payload, kind_of, to_payload
from bot.outbound.outbox import SIMULATOR_PROVIDER, enqueue
from bot.outbound.policy import window_open
from bot.settings import Settings
from state.choices import parse_choice_id

MEDIA_NOTICE_INTERVAL = timedelta(minutes=10)
HELD_KEY = "held"  # InboundMessage.payload key of the replies kept for the next message


def replies_to(
    session: Session,
    manager: Manager,
    message: InboundMessageEvent,
    *,
    settings: Settings,
    now: datetime,
) -> list[OutgoingMessage]:
    """The replies `message` from the active `manager` gets (see the module docstring)."""
    readable = as_typed(message)
    if readable is not None:
        return respond(session, manager, readable, settings=settings, now=now)
    if isinstance(message, MediaMessage):
        return _media_without_text(session, manager, message, settings=settings, now=now)
    return []  # reactions, locations, contacts, unsupported, system, edits, deletions


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
    replies: list[OutgoingMessage] = [media_notice(manager.language, message.media.value)]
    if question_pending(session, manager, now):
        # The conversation repeats its question to anything it cannot read.
        replies += respond(session, manager, message, settings=settings, now=now)
    return replies


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
) -> None:
    """Queue `replies` to `recipient` when its 24-hour window is open, after the replies kept
    for earlier messages of the same sender; keep them on `row` when the window is closed."""
    if not window_open(_last_inbound(session, recipient), now):
        if replies:
            row.payload = row.payload | {HELD_KEY: [_stored(reply) for reply in replies]}
            row.replies_held = True
            session.add(row)
        return
    if row.provider != SIMULATOR_PROVIDER:  # the simulator's rows are captured, never sent
        _release_held(session, row, recipient, now)
    for reply in replies:
        enqueue(session, recipient, reply, inbound_message_id=row.id, now=now)


def _release_held(session: Session, row: InboundMessage, recipient: str, now: datetime) -> None:
    held = session.exec(
        select(InboundMessage)
        .where(
            col(InboundMessage.sender) == row.sender,
            col(InboundMessage.replies_held).is_(True),
            col(InboundMessage.id) != row.id,
            col(InboundMessage.provider) != SIMULATOR_PROVIDER,
        )
        .order_by(col(InboundMessage.sent_at), col(InboundMessage.id))
    ).all()
    for earlier in held:
        for stored in earlier.payload.get(HELD_KEY, []):
            enqueue(
                session,
                recipient,
                from_payload(stored["kind"], stored["payload"]),
                inbound_message_id=earlier.id,
                now=now,
            )
        session.execute(
            update(InboundMessage)
            .where(col(InboundMessage.id) == earlier.id)
            .values(
                replies_held=False,
                payload={k: v for k, v in earlier.payload.items() if k != HELD_KEY},
            )
        )


def _stored(reply: OutgoingMessage) -> dict[str, Any]:
    return {"kind": kind_of(reply), "payload": to_payload(reply)}


def _last_inbound(session: Session, sender: str) -> datetime | None:
    return session.exec(select(Contact.last_inbound_at).where(Contact.phone == sender)).first()
