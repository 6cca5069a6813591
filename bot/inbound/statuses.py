"""Delivery statuses applied to the outbox, in the caller's transaction.

Statuses arrive out of order and more than once. Each is applied with one conditional UPDATE
(compare-and-set on the current status), so a status never moves backwards even when two
deliveries for one message are applied at the same moment by two processes: read then a late
delivered stays read; failed only replaces queued/sending/sent. Every status still fills its own
timestamp (`sent_at`, `delivered_at`, `read_at`) if it is empty; `played` (a voice message
listened to) counts as read. `sent` or later sets the alert's `sent_whatsapp` flag. What a status
says about the message's price (`pricing`: billable, category, model, type; `conversation`: id,
origin) is kept on the row, for usage reports. A status for a message id we do not know changes
nothing (it is kept as a `DeliveryStatus` by the store).

A failed send is then classified by its error code like a refused send, for both providers
(`bot.outbound.redelivery`): outside the 24-hour window (Meta's 131047, which often comes only
in a status; Twilio's 63016) it is queued again as its fallback template when it has one; a rate
limit or temporary error (130429, 131056, 63018…) queues it again after a backoff; a permanent
error leaves it failed with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, update
from sqlmodel import Session, col

from bot.db.models import Alert, DeliveryStatus, OutboundMessage, OutboundStatus
from bot.inbound.models import DeliveryState, ProviderError, StatusUpdate
from bot.outbound.outbox import ALERTS_KEY
from bot.outbound.redelivery import after_failed_delivery

_OUTBOX = OutboundMessage.__table__  # type: ignore[attr-defined]

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
    DeliveryState.PLAYED: ("read_at", OutboundStatus.READ),
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
    queued again, as their template or for a retry, included)."""
    failures: list[DeliveryFailure] = []
    for status in updates:
        if status.status in _ADVANCING:
            _advance(session, status, now)
        elif status.status is DeliveryState.FAILED:
            failed = _fail(session, status, now)
            _act_on_failures(session, status.provider, failed, now)
            failures.extend(failed)
    return failures


def _act_on_failures(
    session: Session, provider: str, failed: list[DeliveryFailure], now: datetime
) -> None:
    for failure in failed:
        row = session.get(OutboundMessage, failure.outbound_id, with_for_update=True)
        if row is not None and row.status == OutboundStatus.FAILED:
            after_failed_delivery(
                session, row, provider=provider, code=failure.code, title=failure.title, now=now
            )


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
                **pricing_values(status),
            }
        )
    )
    if result.rowcount:  # type: ignore[attr-defined]
        _flag_alerts_sent(session, status.message_id)


def _flag_alerts_sent(session: Session, provider_message_id: str) -> None:
    """Set `sent_whatsapp` on the alerts the message tells of: its row's `alert_id`, or the
    alerts a grouped message lists under `ALERTS_KEY`."""
    told = session.execute(
        select(_OUTBOX.c.alert_id, _OUTBOX.c.payload[ALERTS_KEY]).where(
            _OUTBOX.c.provider_message_id == provider_message_id
        )
    ).all()
    alert_ids = {alert_id for alert_id, _ in told if alert_id is not None}
    for _, listed in told:
        if isinstance(listed, list):
            alert_ids.update(i for i in listed if isinstance(i, int))
    if alert_ids:
        session.execute(
            update(Alert)
            .where(col(Alert.id).in_(alert_ids), col(Alert.sent_whatsapp).is_(False))
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
            **pricing_values(status),
        )
        .returning(
            col(OutboundMessage.id), col(OutboundMessage.recipient), col(OutboundMessage.alert_id)
        )
    )
    return [
        DeliveryFailure(outbound_id=i, recipient=r, alert_id=a, code=code, title=title)
        for i, r, a in result
    ]


def pricing_values(status: StatusUpdate) -> dict[str, object]:
    """The outbox columns a status's `pricing` and `conversation` fill (only those it gives)."""
    values: dict[str, object] = {}
    if status.billable is not None:
        values["billable"] = status.billable
    for column, value, limit in (
        ("pricing_category", status.pricing_category, 32),
        ("pricing_model", status.pricing_model, 16),
        ("pricing_type", status.pricing_type, 32),
        ("conversation_id", status.conversation_id, 128),
        ("conversation_origin", status.conversation_origin, 32),
    ):
        if value:
            values[column] = value[:limit]
    return values


def _from_row(row: DeliveryStatus) -> StatusUpdate:
    try:
        state = DeliveryState(row.status)
    except ValueError:
        state = DeliveryState.UNKNOWN
    errors: tuple[ProviderError, ...] = ()
    if row.error_code is not None:
        errors = (ProviderError(code=row.error_code, title=row.error_title or ""),)
    payload = row.payload if isinstance(row.payload, dict) else {}
    pricing = _dict(payload.get("pricing"))
    conversation = _dict(payload.get("conversation"))
    origin = conversation.get("origin")
    billable = pricing.get("billable")
    return StatusUpdate(
        provider=row.provider,
        message_id=row.provider_message_id,
        status=state,
        raw_status=row.status,
        timestamp=row.occurred_at,
        recipient=row.recipient,
        errors=errors,
        conversation_id=_str(conversation.get("id")),
        conversation_origin=_str(origin.get("type") if isinstance(origin, dict) else None),
        pricing_category=_str(pricing.get("category")),
        pricing_model=_str(pricing.get("pricing_model")),
        pricing_type=_str(pricing.get("type")),
        billable=billable if isinstance(billable, bool) else None,
    )


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""
