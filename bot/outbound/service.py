"""The old guide's `AlertService` / `WhatsAppService` operations, on top of the outbox.

The seed sent synchronously, truncated long text and returned True/False. Here every operation
queues rows (in the caller's transaction, or in one of its own) and the worker sends them; the
results say what was queued or refused and why, one per number.

    service = AlertService(settings, engine)
    service.send_bulk_alerts(["+221771234567", "77 000"], "Rupture : riz")
    # [BulkResult(number='+221771234567', queued=True, message_ids=[12], ...),
    #  BulkResult(number='77 000', queued=False, reason='numéro de téléphone invalide …')]
    service.get_status()  # provider, enabled, paused and why, counts by status, oldest queued
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import OutboundMessage, OutboundStatus
from bot.errors import ValidationError
from bot.outbound.messages import OutgoingMessage, Template
from bot.outbound.outbox import enqueue, text_limit_for
from bot.outbound.pause import current_pause
from bot.phones import normalize_phone
from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class BulkResult:
    """One number's result: queued (with the outbox row ids) or refused (with the reason)."""

    number: str  # as given
    queued: bool
    recipient: str = ""  # E.164 when the number was valid
    message_ids: tuple[int, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class OutboxStatus:
    provider: str
    enabled: bool
    paused: bool
    pause_reason: str
    paused_since: str
    counts: dict[str, int] = field(default_factory=dict)
    oldest_queued_seconds: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "enabled": self.enabled,
            "paused": self.paused,
            "pause_reason": self.pause_reason,
            "paused_since": self.paused_since,
            "counts": dict(self.counts),
            "oldest_queued_seconds": self.oldest_queued_seconds,
        }


class AlertService:
    """Queue alerts and report on sending; nothing here talks to a provider."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine

    def send_alert_notifications(
        self,
        session: Session,
        numbers: Iterable[str],
        message: OutgoingMessage | str,
        *,
        alert_id: int | None = None,
        fallback: Template | None = None,
        now: datetime | None = None,
    ) -> list[BulkResult]:
        """Queue `message` to each number in `session`'s transaction (with the stock change)."""
        results = []
        for number in numbers:
            try:
                recipient = normalize_phone(number, self.settings.default_region)
                rows = enqueue(
                    session,
                    recipient,
                    message,
                    alert_id=alert_id,
                    fallback=fallback,
                    now=now,
                    text_limit=text_limit_for(self.settings),
                )
            except ValidationError as exc:
                results.append(BulkResult(number, False, reason=str(exc)))
                continue
            ids = tuple(row.id for row in rows if row.id is not None)
            results.append(BulkResult(number, True, recipient, ids))
        return results

    def send_bulk_alerts(
        self,
        numbers: Iterable[str],
        message: OutgoingMessage | str,
        *,
        fallback: Template | None = None,
    ) -> list[BulkResult]:
        """Queue `message` to every number in one transaction of its own; one result per number."""
        with transaction(self.engine) as session:
            return self.send_alert_notifications(session, numbers, message, fallback=fallback)

    def send_alert(self, recipient: str, message: OutgoingMessage | str) -> BulkResult:
        """The old single-number call: queues, never sends in the caller's time."""
        return self.send_bulk_alerts([recipient], message)[0]

    def get_status(self) -> OutboxStatus:
        with transaction(self.engine) as session:
            pause = current_pause(session, self.settings)
            table = OutboundMessage.__table__  # type: ignore[attr-defined]
            counts = {status.value: 0 for status in OutboundStatus}
            query = select(table.c.status, func.count()).group_by(table.c.status)
            for status, number in session.connection().execute(query):
                counts[status] = int(number)
            oldest = (
                session.connection()
                .execute(
                    select(func.min(table.c.created_at)).where(
                        table.c.status.in_(
                            (OutboundStatus.QUEUED.value, OutboundStatus.SENDING.value)
                        )
                    )
                )
                .scalar()
            )
        age = None if oldest is None else round((utcnow() - oldest).total_seconds(), 1)
        return OutboxStatus(
            provider=self.settings.whatsapp_provider,
            enabled=self.settings.whatsapp_enabled,
            paused=pause is not None,
            pause_reason=f"{pause.code}: {pause.reason}" if pause else "",
            paused_since=pause.since if pause else "",
            counts=counts,
            oldest_queued_seconds=age,
        )
