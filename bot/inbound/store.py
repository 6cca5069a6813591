"""Persisting what webhooks receive, provider-neutral, inside the caller's transaction.

Deduplication is the database's job: `InboundMessage` is unique per (provider, message id) and
`DeliveryStatus` per (provider, message id, status), and every insert is an
`INSERT … ON CONFLICT DO NOTHING`, so a re-delivery (same bytes or re-serialised) or two copies
arriving at two processes at once leave exactly one row. Messages are written in the order of
their timestamps, ties kept in delivery order: the processor takes one sender's messages by
(timestamp, id), and Meta's timestamps are whole seconds. Every copy of a delivery is written in
the same order, so concurrent PostgreSQL transactions storing it take their locks in that order.

This is the webhooks' hot path: the statements are built once per dialect and run on the
session's connection (SQLAlchemy Core, no ORM bookkeeping), and the deliveries grouped into one
transaction by `bot.inbound.ingest` are written with one statement per table (on PostgreSQL with
all the rows as one JSON parameter, `bot.db.rows`: one round trip, one prepared text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from bot.db.models import Contact, DeliveryStatus, InboundMessage, WebhookEvent
from bot.db.rows import ManyRows
from bot.inbound.batch import ReceivedMessage, ReceivedStatus, WebhookBatch
from bot.inbound.statuses import DeliveryFailure, apply_statuses
from bot.operations.events import other_numbers, record_operator_events, remember_display_number
from bot.outbound.redelivery import after_account_error


def store_batch(
    session: Session, batch: WebhookBatch, body: bytes, *, now: datetime
) -> list[DeliveryFailure]:
    """Store a parsed delivery: its messages, its statuses (applying the new ones), its operator
    events, the account's rate limit it reports (`bot.outbound.redelivery.after_account_error`),
    and its raw `body` as a `WebhookEvent` when part of it could not be used, is of a
    kind stockbot does not handle, or is an event about another number of the account (once per
    distinct body).

    Returns the sends that the new statuses marked failed.
    """
    [failures] = store_batches(session, [(batch, body)], now=now)
    return failures


def store_batches(
    session: Session, deliveries: Sequence[tuple[WebhookBatch, bytes]], *, now: datetime
) -> list[list[DeliveryFailure]]:
    """`store_batch` for several deliveries at once, with one statement per table; returns the
    failures of each delivery, in order."""
    for batch, _ in deliveries:
        remember_display_number(session, batch.display_number, now=now)
    events = [e for batch, _ in deliveries for e in batch.operator_events]
    others = {id(event): number for event, number in other_numbers(session, events)}
    for batch, body in deliveries:
        not_ours = [
            f"{event.field} for {others[id(event)]}, another number: not applied"
            for event in batch.operator_events
            if id(event) in others
        ]
        if batch.keep_raw or not_ours:
            why = "; ".join((*batch.problems, *batch.ignored, *not_ours))
            store_webhook_event(session, batch.provider, body, why, now=now)
    operator_events = [event for event in events if id(event) not in others]
    if operator_events:
        record_operator_events(session, operator_events, now=now)
    store_inbound(session, [m for batch, _ in deliveries for m in batch.messages], now=now)
    new = store_statuses(session, [s for batch, _ in deliveries for s in batch.statuses], now=now)
    for batch, _ in deliveries:
        for error in batch.errors:
            after_account_error(
                session, provider=batch.provider, code=error.code, title=error.title, now=now
            )
    fresh = {id(s) for s in new}
    return [
        apply_statuses(session, [s.status for s in batch.statuses if id(s) in fresh], now=now)
        for batch, _ in deliveries
    ]


def store_inbound(session: Session, messages: Sequence[ReceivedMessage], *, now: datetime) -> None:
    """Insert each message once as an `InboundMessage` (pending processing); update contacts.

    The payload keeps the typed message (`message`, rebuilt by the processor with
    `message_from_dict`), the provider's JSON (`raw`) and contact (`contact`).
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
        return
    _run(session, _INBOUND_INSERT, rows)
    touch_contacts(session, messages, now=now)


def touch_contacts(session: Session, messages: Sequence[ReceivedMessage], *, now: datetime) -> None:
    """Create or update each sender's `Contact`: ids, profile name, and `last_inbound_at` (the
    start of the 24-hour window; never moved backwards, never later than `now`). A late copy of
    an older message does not bring back an older profile name."""
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
    if latest:
        _run(session, _CONTACT_UPSERT, [latest[k] for k in sorted(latest)])


def store_statuses(
    session: Session, statuses: Sequence[ReceivedStatus], *, now: datetime
) -> list[ReceivedStatus]:
    """Insert each status once as a `DeliveryStatus` (kept even for unknown message ids).

    Returns the statuses that were new, in the order given (the first of repeated ones).
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
    new = {(p, i, s) for p, i, s in _run(session, _STATUS_INSERT, rows)}
    first: dict[tuple[str, str, str], ReceivedStatus] = {}
    for s in statuses:
        first.setdefault((s.status.provider, s.status.message_id, s.status.raw_status), s)
    return [s for key, s in first.items() if key in new]


def store_webhook_event(
    session: Session, provider: str, body: bytes, error: str, *, now: datetime
) -> None:
    """Keep a delivery's raw body with why it was not (fully) used, once per distinct body: a
    re-delivery of the same bytes adds nothing."""
    text = body.decode("utf-8", "replace").replace("\x00", "\ufffd")
    row = {
        "provider": provider,
        "body": text,
        "error": error[:2000],
        "digest": hashlib.sha256(body).hexdigest(),
        "received_at": now,
    }
    _run(session, _RAW_INSERT, [row])


# ---------------------------------------------------------------- statements, built once

_INBOUND_INSERT = "inbound"
_CONTACT_UPSERT = "contact"
_STATUS_INSERT = "status"
_RAW_INSERT = "raw"


def _run(session: Session, which: str, rows: list[dict[str, Any]]) -> Any:
    """Execute a prebuilt statement with `rows`: one statement, the rows as one parameter, on
    PostgreSQL; an `executemany` on SQLite (`bot.db.rows`)."""
    return _statement(which).execute(session.connection(), rows)


_NAMES = {
    _INBOUND_INSERT: (
        "provider",
        "provider_message_id",
        "phone_number_id",
        "sender",
        "sender_name",
        "type",
        "payload",
        "sent_at",
        "received_at",
        "attempts",
    ),
    _CONTACT_UPSERT: ("phone", "wa_id", "user_id", "profile_name", "last_inbound_at", "created_at"),
    _STATUS_INSERT: (
        "provider",
        "provider_message_id",
        "status",
        "recipient",
        "error_code",
        "error_title",
        "payload",
        "occurred_at",
        "received_at",
    ),
    _RAW_INSERT: ("provider", "body", "error", "digest", "received_at"),
}
_TABLES: dict[str, Any] = {
    _INBOUND_INSERT: InboundMessage.__table__,  # type: ignore[attr-defined]
    _CONTACT_UPSERT: Contact.__table__,  # type: ignore[attr-defined]
    _STATUS_INSERT: DeliveryStatus.__table__,  # type: ignore[attr-defined]
    _RAW_INSERT: WebhookEvent.__table__,  # type: ignore[attr-defined]
}


@cache
def _statement(which: str) -> ManyRows:
    table, names = _TABLES[which], _NAMES[which]
    return ManyRows(
        table,
        names,
        lambda v: _finish(which, postgresql.insert(table).from_select(names, select(*v.c))),
        _finish(which, sqlite.insert(table)),
    )


def _finish(which: str, insert: Any) -> Any:
    """The conflict handling (and RETURNING) of the insert `which`."""
    table = _TABLES[which]
    if which == _INBOUND_INSERT:
        # Without RETURNING (nothing reads the ids).
        return insert.on_conflict_do_nothing(index_elements=["provider", "provider_message_id"])
    if which == _RAW_INSERT:
        return insert.on_conflict_do_nothing(index_elements=["digest"])
    if which == _STATUS_INSERT:
        return insert.on_conflict_do_nothing(
            index_elements=["provider", "provider_message_id", "status"]
        ).returning(table.c.provider, table.c.provider_message_id, table.c.status)
    new, old = insert.excluded, table.c
    newer = or_(old.last_inbound_at.is_(None), new.last_inbound_at >= old.last_inbound_at)
    return insert.on_conflict_do_update(
        index_elements=["phone"],
        set_={
            "wa_id": _unless_empty(new.wa_id, old.wa_id),
            "user_id": _unless_empty(new.user_id, old.user_id),
            "profile_name": case(
                (newer, _unless_empty(new.profile_name, old.profile_name)), else_=old.profile_name
            ),
            "last_inbound_at": case((newer, new.last_inbound_at), else_=old.last_inbound_at),
        },
    )


def _unless_empty(new: Any, old: Any) -> ColumnElement[str]:
    return func.coalesce(func.nullif(new, ""), old)
