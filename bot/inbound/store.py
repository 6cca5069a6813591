"""Persisting what webhooks receive, provider-neutral, inside the caller's transaction.

Deduplication is the database's job: `InboundMessage` is unique per (provider, message id) and
`DeliveryStatus` per (provider, message id, status), and every insert is an
`INSERT … ON CONFLICT DO NOTHING`, so a re-delivery (same bytes or re-serialised) or two copies
arriving at two processes at once leave exactly one row. Messages are written in the order of
their timestamps, ties kept in delivery order: the processor takes one sender's messages by
(timestamp, id), and Meta's timestamps are whole seconds. Every copy of a delivery is written in
the same order, so concurrent PostgreSQL transactions storing it take their locks in that order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from bot.db.models import Contact, DeliveryStatus, InboundMessage, WebhookEvent
from bot.inbound.batch import ReceivedMessage, ReceivedStatus, WebhookBatch
from bot.inbound.statuses import DeliveryFailure, apply_statuses


def store_batch(
    session: Session, batch: WebhookBatch, body: bytes, *, now: datetime
) -> list[DeliveryFailure]:
    """Store a parsed delivery: its messages, its statuses (applying the new ones), and its raw
    `body` as a `WebhookEvent` when part of it could not be used.

    Returns the sends that the new statuses marked failed (the hook for re-sending as a template
    after 131047).
    """
    if batch.problems:
        store_webhook_event(session, batch.provider, body, "; ".join(batch.problems), now=now)
    store_inbound(session, batch.messages, now=now)
    new_statuses = store_statuses(session, batch.statuses, now=now)
    return apply_statuses(session, [s.status for s in new_statuses], now=now)


def store_inbound(session: Session, messages: Sequence[ReceivedMessage], *, now: datetime) -> int:
    """Insert each message once as an `InboundMessage` (pending processing); update contacts.

    Returns how many were new. The payload keeps the typed message (`message`, rebuilt by the
    processor with `message_from_dict`), the provider's JSON (`raw`) and contact (`contact`).
    """
    unique = {(m.message.provider, m.message.message_id): m for m in messages}
    rows = [
        {
            "provider": m.message.provider,
            "provider_message_id": m.message.message_id,
            "phone_number_id": m.message.phone_number_id[:64],
            "sender": m.message.sender,
            "sender_name": m.message.sender_name[:200],
            "type": m.message.type,
            "payload": {
                "message": m.message.to_dict(),
                "raw": dict(m.raw),
                "contact": dict(m.contact) if m.contact is not None else None,
            },
            "sent_at": m.message.timestamp,
            "received_at": now,
            "attempts": 0,
        }
        for m in sorted(unique.values(), key=lambda m: m.message.timestamp)
    ]
    if not rows:
        return 0
    statement = (
        _insert(session, InboundMessage)
        .on_conflict_do_nothing(index_elements=["provider", "provider_message_id"])
        .returning(col(InboundMessage.id))
    )
    stored = len(session.execute(statement, rows).all())
    touch_contacts(session, messages, now=now)
    return stored


def touch_contacts(session: Session, messages: Sequence[ReceivedMessage], *, now: datetime) -> None:
    """Create or update each sender's `Contact`: ids, profile name, and `last_inbound_at` (the
    start of the 24-hour window; never moved backwards, never later than `now`)."""
    latest: dict[str, dict[str, Any]] = {}
    for item in messages:
        m = item.message
        moment = min(m.timestamp, now)
        row = latest.get(m.sender)
        if row is None or moment > row["last_inbound_at"]:
            latest[m.sender] = {
                "phone": m.sender,
                "wa_id": m.wa_id[:64],
                "user_id": m.user_id[:128],
                "profile_name": m.sender_name[:200],
                "last_inbound_at": moment,
                "created_at": now,
            }
    if not latest:
        return
    insert = _insert(session, Contact)
    new = insert.excluded
    last = col(Contact.last_inbound_at)
    newer = or_(last.is_(None), new.last_inbound_at >= last)
    statement = insert.on_conflict_do_update(
        index_elements=["phone"],
        set_={
            "wa_id": _unless_empty(new.wa_id, col(Contact.wa_id)),
            "user_id": _unless_empty(new.user_id, col(Contact.user_id)),
            # A late copy of an older message does not bring back an older profile name.
            "profile_name": case(
                (newer, _unless_empty(new.profile_name, col(Contact.profile_name))),
                else_=col(Contact.profile_name),
            ),
            "last_inbound_at": case((newer, new.last_inbound_at), else_=last),
        },
    )
    session.execute(statement, [latest[k] for k in sorted(latest)])


def store_statuses(
    session: Session, statuses: Sequence[ReceivedStatus], *, now: datetime
) -> list[ReceivedStatus]:
    """Insert each status once as a `DeliveryStatus` (kept even for unknown message ids).

    Returns the statuses that were new, in the order given.
    """
    unique = {(s.status.provider, s.status.message_id, s.status.raw_status): s for s in statuses}
    rows = [
        {
            "provider": s.status.provider,
            "provider_message_id": s.status.message_id,
            "status": s.status.raw_status,
            "recipient": s.status.recipient[:64],
            "error_code": (s.status.errors[0].code[:32] or None) if s.status.errors else None,
            "error_title": s.status.errors[0].title if s.status.errors else None,
            "payload": dict(s.raw),
            "occurred_at": s.status.timestamp,
            "received_at": now,
        }
        for _, s in sorted(unique.items())
    ]
    if not rows:
        return []
    statement = (
        _insert(session, DeliveryStatus)
        .on_conflict_do_nothing(index_elements=["provider", "provider_message_id", "status"])
        .returning(
            col(DeliveryStatus.provider),
            col(DeliveryStatus.provider_message_id),
            col(DeliveryStatus.status),
        )
    )
    new = {(p, i, s) for p, i, s in session.execute(statement, rows)}
    return [s for key, s in unique.items() if key in new]


def store_webhook_event(
    session: Session, provider: str, body: bytes, error: str, *, now: datetime
) -> None:
    """Keep a delivery's raw body with why it was not (fully) used."""
    text = body.decode("utf-8", "replace").replace("\x00", "\ufffd")
    session.add(WebhookEvent(provider=provider, body=text, error=error[:2000], received_at=now))


def _insert(session: Session, table: Any) -> Any:
    """The dialect's INSERT, which has `on_conflict_do_nothing` / `_do_update`."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _unless_empty(new: Any, old: Any) -> ColumnElement[str]:
    return func.coalesce(func.nullif(new, ""), old)
