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
from bot.outbound.claims import last_inbound_of
from bot.outbound.messages import OutgoingMessage, Template, kind_of
from bot.outbound.outbox import enqueue, text_limit_for
from bot.outbound.pause import pause_for
from bot.outbound.policy import NEEDS_WINDOW, window_open
from bot.phones import normalize_phone
from bot.settings import Settings

CLOSED_WINDOW = (
    "pas de message de ce numéro depuis 24 h : WhatsApp n'accepte alors qu'un modèle approuvé, "
    "et ce message n'en a pas"
)


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
    # Paused, but these settings hold other credentials: a worker started with them resumes.
    credentials_changed: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    oldest_queued_seconds: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "enabled": self.enabled,
            "paused": self.paused,
            "pause_reason": self.pause_reason,
            "paused_since": self.paused_since,
            "credentials_changed": self.credentials_changed,
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
        """Queue `message` to each number in `session`'s transaction (with the stock change).

        One result per number given: queued, or refused with the reason (an invalid number, the
        same number given twice, or a closed 24-hour window when `message` needs it and has no
        `fallback` template).
        """
        moment = now or utcnow()
        entries: list[BulkResult | tuple[str, str]] = []
        first_given: dict[str, str] = {}
        for number in numbers:
            try:
                recipient = normalize_phone(number, self.settings.default_region)
            except ValidationError as exc:
                entries.append(BulkResult(number, False, reason=str(exc)))
                continue
            if recipient in first_given:
                reason = f"en double : même numéro que « {first_given[recipient][:40]} »"
                entries.append(BulkResult(number, False, recipient, reason=reason))
                continue
            first_given[recipient] = number
            entries.append((number, recipient))
        closed: set[str] = set()
        if fallback is None and kind_of_message(message) in NEEDS_WINDOW:
            closed = _closed_windows(session, list(first_given), moment)
        results = []
        for entry in entries:
            if isinstance(entry, BulkResult):
                results.append(entry)
                continue
            number, recipient = entry
            if recipient in closed:
                results.append(BulkResult(number, False, recipient, reason=CLOSED_WINDOW))
                continue
            try:
                rows = enqueue(
                    session,
                    recipient,
                    message,
                    alert_id=alert_id,
                    fallback=fallback,
                    now=moment,
                    text_limit=text_limit_for(self.settings),
                )
            except ValidationError as exc:
                results.append(BulkResult(number, False, recipient, reason=str(exc)))
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
        """Read only: never changes the pause (only a sending worker or `--resume` lifts it)."""
        with transaction(self.engine) as session:
            pause = pause_for(session, self.settings)  # a superseded token shows paused
            table = OutboundMessage.__table__  # type: ignore[attr-defined]
            counts = {status.value: 0 for status in OutboundStatus}
            query = select(table.c.status, func.count()).group_by(table.c.status)
            for status, number in session.connection().execute(query):
                counts[status] = int(number)
            pending = (OutboundStatus.QUEUED.value, OutboundStatus.SENDING.value)
            oldest = (
                session.connection()
                .execute(select(func.min(table.c.created_at)).where(table.c.status.in_(pending)))
                .scalar()
            )
        age = None if oldest is None else round((utcnow() - oldest).total_seconds(), 1)
        return OutboxStatus(
            provider=self.settings.whatsapp_provider,
            enabled=self.settings.whatsapp_enabled,
            paused=pause is not None,
            pause_reason=f"{pause.code}: {pause.reason}" if pause else "",
            paused_since=pause.since if pause else "",
            credentials_changed=pause is not None and pause.credentials_changed(self.settings),
            counts=counts,
            oldest_queued_seconds=age,
        )


def kind_of_message(message: OutgoingMessage | str) -> str:
    return "text" if isinstance(message, str) else kind_of(message)


def _closed_windows(session: Session, recipients: list[str], now: datetime) -> set[str]:
    """Those of `recipients` whose 24-hour window is closed (unknown contacts included)."""
    last_inbound = last_inbound_of(session.connection(), recipients)
    return {r for r in recipients if not window_open(last_inbound.get(r), now)}
