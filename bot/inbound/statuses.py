"""Delivery statuses applied to the outbox, in the caller's transaction.

Statuses arrive out of order and more than once. Each is applied with one conditional UPDATE
(compare-and-set on the current status), so a status never moves backwards even when two
deliveries for one message are applied at the same moment by two processes: read then a late
delivered stays read; failed only replaces queued/sending/sent. Every status still fills its own
timestamp (`sent_at`, `delivered_at`, `read_at`) if it is empty. `sent` or later sets the alert's
`sent_whatsapp` flag. A status for a message id we do not know changes nothing (it is kept as a
`DeliveryStatus` by the store).

A free-form message that the provider reports failed because the recipient's 24-hour window was
closed (Meta's 131047, which often comes only in a status; Twilio's 63016) is queued again as its
fallback template when it has one, as the worker does when a send is refused synchronously.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlmodel import Session, col

from bot.db.models import Alert, DeliveryStatus, OutboundMessage, OutboundStatus
from bot.inbound.models import DeliveryState, ProviderError, StatusUpdate
from bot.outbound.outbox import switch_to_fallback
from bot.transports._graph import OUTSIDE_WINDOW as META_OUTSIDE_WINDOW
from bot.transports.twilio import OUTSIDE_WINDOW_CODES as TWILIO_OUTSIDE_WINDOW

# Per provider, the error codes of a failed status that mean "outside the 24-hour window".
OUTSIDE_WINDOW = {
    "meta": frozenset(str(code) for code in META_OUTSIDE_WINDOW),
    "twilio": frozenset(str(code) for code in TWILIO_OUTSIDE_WINDOW),
}

_RANK = {
    OutboundStatus.QUEUED: 0,
    OutboundStatus.SENDING: 0,
    OutboundStatus.SENT: DeliveryState.SENT.rank,
    OutboundStatus.DELIVERED: DeliveryState.DELIVERED.rank,
    OutboundStatus.READ: DeliveryState.READ.rank,
    OutboundStatus.FAILED: DeliveryState.FAILED.rank,
}
_ADVANCING = {
    DeliveryState.SENT: ("sent_at", OutboundStatus.SENT),
    DeliveryState.DELIVERED: ("delivered_at", OutboundStatus.DELIVERED),
    DeliveryState.READ: ("read_at", OutboundStatus.READ),
}
# A failure ends an attempt that has not been delivered yet.
_FAILABLE = [OutboundStatus.QUEUED, OutboundStatus.SENDING, OutboundStatus.SENT]


@dataclass(frozen=True, slots=True)
class DeliveryFailure:
    """A send that a `failed` status marked failed, with the provider's reason.

    The outbox may act on it (131047: outside the 24-hour window, re-send as a template).
    """

    outbound_id: int
    recipient: str
    alert_id: int | None
    code: str
    title: str


def apply_statuses(
    session: Session, updates: Sequence[StatusUpdate], *, now: datetime
) -> list[DeliveryFailure]:
    """Apply `updates` to the matching `OutboundMessage` rows; returns the new failures (those
    re-queued as their template included)."""
    failures: list[DeliveryFailure] = []
    for status in updates:
        if status.status in _ADVANCING:
            _advance(session, status, now)
        elif status.status is DeliveryState.FAILED:
            failed = _fail(session, status, now)
            if status.errors and status.errors[0].code in OUTSIDE_WINDOW.get(status.provider, ()):
                _resend_as_templates(session, failed, now)
            failures.extend(failed)
    return failures


def _resend_as_templates(session: Session, failed: list[DeliveryFailure], now: datetime) -> None:
    for failure in failed:
        row = session.get(OutboundMessage, failure.outbound_id, with_for_update=True)
        if row is not None and row.status == OutboundStatus.FAILED:
            switch_to_fallback(row, now)


def apply_recorded_statuses(
    session: Session, provider_message_id: str, *, now: datetime
) -> list[DeliveryFailure]:
    """Apply the statuses already received for `provider_message_id`.

    For the outbox worker, right after it stores the id a send returned: a status webhook can
    arrive before that, and would otherwise have matched no row.
    """
    rows = session.scalars(
        select(DeliveryStatus).where(col(DeliveryStatus.provider_message_id) == provider_message_id)
    )
    return apply_statuses(session, [_from_row(row) for row in rows], now=now)


def _advance(session: Session, status: StatusUpdate, now: datetime) -> None:
    moment_column, target = _ADVANCING[status.status]
    lower = [s.value for s, rank in _RANK.items() if rank < _RANK[target]]
    moment = getattr(OutboundMessage, moment_column)
    result = session.execute(
        update(OutboundMessage)
        .where(col(OutboundMessage.provider_message_id) == status.message_id)
        .values(
            {
                "status": case(
                    (col(OutboundMessage.status).in_(lower), target.value),
                    else_=col(OutboundMessage.status),
                ),
                moment_column: func.coalesce(moment, status.timestamp),
                "updated_at": now,
            }
        )
    )
    if result.rowcount:  # type: ignore[attr-defined]
        sent_by = select(col(OutboundMessage.alert_id)).where(
            col(OutboundMessage.provider_message_id) == status.message_id,
            col(OutboundMessage.alert_id).is_not(None),
        )
        session.execute(
            update(Alert)
            .where(col(Alert.id).in_(sent_by), col(Alert.sent_whatsapp).is_(False))
            .values(sent_whatsapp=True)
        )


def _fail(session: Session, status: StatusUpdate, now: datetime) -> list[DeliveryFailure]:
    error = status.errors[0] if status.errors else None
    code = error.code if error else ""
    title = (error.title or error.details) if error else ""
    result = session.execute(
        update(OutboundMessage)
        .where(
            col(OutboundMessage.provider_message_id) == status.message_id,
            col(OutboundMessage.status).in_([s.value for s in _FAILABLE]),
        )
        .values(
            status=OutboundStatus.FAILED.value,
            last_error_code=code[:32] or None,
            last_error_text=title or None,
            updated_at=now,
        )
        .returning(
            col(OutboundMessage.id), col(OutboundMessage.recipient), col(OutboundMessage.alert_id)
        )
    )
    return [
        DeliveryFailure(outbound_id=i, recipient=r, alert_id=a, code=code, title=title)
        for i, r, a in result
    ]


def _from_row(row: DeliveryStatus) -> StatusUpdate:
    try:
        state = DeliveryState(row.status)
    except ValueError:
        state = DeliveryState.UNKNOWN
    errors: tuple[ProviderError, ...] = ()
    if row.error_code is not None:
        errors = (ProviderError(code=row.error_code, title=row.error_title or ""),)
    return StatusUpdate(
        provider=row.provider,
        message_id=row.provider_message_id,
        status=state,
        raw_status=row.status,
        timestamp=row.occurred_at,
        recipient=row.recipient,
        errors=errors,
    )
