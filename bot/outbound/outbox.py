"""Queueing into the durable outbox, inside the caller's transaction.

Nothing is sent here: a row is written beside the change that caused it and the worker sends it
(see `bot/outbound/worker.py`). A text longer than the provider's limit becomes several rows, in
order (the worker never sends a row before an earlier unsent one to the same recipient).

A free-form message may carry a `fallback` template: the worker sends it instead when the
recipient's 24-hour window is closed (or Meta answers 131047). It is kept in the row's payload
under the reserved key `FALLBACK_KEY`; `from_payload` ignores it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.clock import utcnow
from bot.db.models import OutboundMessage
from bot.errors import ValidationError
from bot.outbound.messages import (
    TEXT_MAX,
    OutgoingMessage,
    Template,
    Text,
    kind_of,
    to_payload,
)
from bot.outbound.text import split_text
from bot.settings import Settings

FALLBACK_KEY = "_fallback"
REPLACED_KEY = "_replaced"  # what a row held before the worker swapped in its fallback template

# Characters per text message: Meta 4,096, Twilio 1,600.
TEXT_LIMITS = {"meta": TEXT_MAX, "sandbox": TEXT_MAX, "twilio": 1600}


def text_limit_for(settings: Settings) -> int:
    """The text limit of the configured provider, for `enqueue(..., text_limit=...)`."""
    return TEXT_LIMITS[settings.whatsapp_provider]


def enqueue(
    session: Session,
    recipient: str,
    message: OutgoingMessage | str,
    *,
    alert_id: int | None = None,
    inbound_message_id: int | None = None,
    now: datetime | None = None,
    fallback: Template | None = None,
    text_limit: int = TEXT_MAX,
) -> list[OutboundMessage]:
    """Queue `message` for `recipient` (E.164) in `session`'s transaction; returns the rows.

    A `str` (or a `Text` longer than `text_limit`) is split into ordered parts, one row each; a
    `fallback` template goes with the first part only (the later parts would need the window
    anyway and fail with that reason if it is closed).
    """
    moment = now or utcnow()
    messages = _parts(message, text_limit)
    if not messages:
        raise ValidationError("text body must not be empty")
    rows = []
    for index, part in enumerate(messages):
        payload: dict[str, Any] = to_payload(part)
        if fallback is not None and index == 0 and not isinstance(part, Template):
            payload[FALLBACK_KEY] = to_payload(fallback)
        row = OutboundMessage(
            recipient=recipient,
            kind=kind_of(part),
            payload=payload,
            alert_id=alert_id,
            inbound_message_id=inbound_message_id,
            next_attempt_at=moment,
            created_at=moment,
            updated_at=moment,
        )
        session.add(row)
        rows.append(row)
    # Ids are assigned in insertion order; flushing now fixes the order of the parts.
    session.flush()
    return rows


def _parts(message: OutgoingMessage | str, limit: int) -> list[OutgoingMessage]:
    if isinstance(message, str):
        return [Text(part) for part in split_text(message, limit)]
    if isinstance(message, Text) and len(message.body) > limit:
        return [Text(part, message.preview_url) for part in split_text(message.body, limit)]
    return [message]


def fallback_payload(kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """The payload of the fallback template a row carries (keeping what it replaces), or None."""
    template = payload.get(FALLBACK_KEY)
    if not template:
        return None
    original = {k: v for k, v in payload.items() if k != FALLBACK_KEY}
    return dict(template) | {REPLACED_KEY: {"kind": kind, "payload": original}}


def switch_to_fallback(row: OutboundMessage, now: datetime | None = None) -> bool:
    """Turn `row` into its fallback template, queued again now; False when it has none.

    For status webhooks that report 131047 after the fact (the worker does the same itself).
    """
    payload = fallback_payload(row.kind, row.payload)
    if payload is None:
        return False
    moment = now or utcnow()
    row.payload = payload
    row.kind = "template"
    row.status = "queued"
    row.next_attempt_at = moment
    row.updated_at = moment
    row.locked_until = None
    row.locked_by = None
    return True


__all__ = [
    "FALLBACK_KEY",
    "REPLACED_KEY",
    "TEXT_LIMITS",
    "enqueue",
    "fallback_payload",
    "switch_to_fallback",
    "text_limit_for",
]
