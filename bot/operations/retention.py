"""Removing what stockbot no longer needs to keep: `stockbot purge`.

Raw webhook bodies (`WebhookEvent`), delivery statuses as received (`DeliveryStatus`, applied to
the outbox when they arrived) and processed inbound messages (their texts and payloads) older
than `RAW_EVENTS_RETENTION_DAYS` are deleted, in chunks so that a first purge of a big database
does not hold one long transaction. Outbox rows are never touched (usage reports read them), nor
unprocessed messages, nor a message whose reply is still to be sent, nor operator events (the
account's history). `stockbot serve` runs it daily by itself (`bot.operations.daily_purge`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, exists, select

from bot.db.engine import transaction
from bot.db.models import (
    DeliveryStatus,
    InboundMessage,
    OutboundMessage,
    OutboundStatus,
    WebhookEvent,
)

CHUNK = 5000


@dataclass(frozen=True, slots=True)
class PurgeReport:
    before: datetime  # what was received before this moment is gone
    raw_bodies: int
    statuses: int
    inbound_messages: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "before": self.before.isoformat(),
            "raw_bodies": self.raw_bodies,
            "statuses": self.statuses,
            "inbound_messages": self.inbound_messages,
        }


def purge_old_events(engine: Engine, *, days: int, now: datetime) -> PurgeReport:
    """Delete what was received more than `days` days before `now` (see the module docstring)."""
    before = now - timedelta(days=days)
    raw = WebhookEvent.__table__  # type: ignore[attr-defined]
    statuses = DeliveryStatus.__table__  # type: ignore[attr-defined]
    inbound = InboundMessage.__table__  # type: ignore[attr-defined]
    outbox = OutboundMessage.__table__  # type: ignore[attr-defined]
    unsent_reply = exists().where(
        outbox.c.inbound_message_id == inbound.c.id,
        outbox.c.status.in_((OutboundStatus.QUEUED.value, OutboundStatus.SENDING.value)),
    )
    return PurgeReport(
        before=before,
        raw_bodies=_delete(engine, raw, raw.c.received_at < before),
        statuses=_delete(engine, statuses, statuses.c.received_at < before),
        inbound_messages=_delete(
            engine,
            inbound,
            inbound.c.received_at < before,
            inbound.c.processed_at.is_not(None),
            ~unsent_reply,
        ),
    )


def _delete(engine: Engine, table: Any, *where: Any) -> int:
    removed = 0
    while True:
        with transaction(engine) as session:
            chunk = select(table.c.id).where(*where).limit(CHUNK)
            ids = list(session.connection().execute(chunk).scalars())
            if ids:
                session.connection().execute(delete(table).where(table.c.id.in_(ids)))
        removed += len(ids)
        if len(ids) < CHUNK:
            return removed
