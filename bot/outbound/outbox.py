"""Queueing into the durable outbox, inside the caller's transaction.

Nothing is sent here: a row is written beside the change that caused it and the worker sends it
(see `bot/outbound/worker.py`).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.clock import utcnow
from bot.db.models import OutboundMessage
from bot.outbound.messages import OutgoingMessage, kind_of, to_payload


def enqueue(
    session: Session,
    recipient: str,
    message: OutgoingMessage,
    *,
    alert_id: int | None = None,
    inbound_message_id: int | None = None,
    now: datetime | None = None,
) -> list[OutboundMessage]:
    """Queue `message` for `recipient` (E.164) in `session`'s transaction; returns the rows."""
    moment = now or utcnow()
    row = OutboundMessage(
        recipient=recipient,
        kind=kind_of(message),
        payload=to_payload(message),
        alert_id=alert_id,
        inbound_message_id=inbound_message_id,
        next_attempt_at=moment,
        created_at=moment,
        updated_at=moment,
    )
    session.add(row)
    return [row]
