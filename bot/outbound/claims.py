"""The outbox table as the worker sees it: claim due rows under a lease, record what happened.

Claiming is one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …`, so on
PostgreSQL several workers never take the same row, and on SQLite the statement holds the write
lock. A row is claimable when it is due, not leased (or its lease expired: its worker died), and
no earlier row (lower id) to the same recipient is still queued or sending: the parts of a reply
go out in order, one at a time per recipient, whatever the retries.

In the claim transaction, before anything is sent, each claimed row also goes through the rules
that need the database: too old (failed), outside the 24-hour window (swapped for its fallback
template, or failed), the recipient's pair rate (put back until its time).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, bindparam, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from bot.db.models import Contact, OutboundMessage, OutboundStatus
from bot.errors import SendError
from bot.outbound.outbox import FALLBACK_KEY, fallback_payload
from bot.outbound.pacing import pair_lookback, pair_next_allowed
from bot.outbound.policy import NEEDS_WINDOW, NO_TEMPLATE, window_open
from bot.phones import mask_phone
from bot.settings import Settings

logger = logging.getLogger(__name__)

T = OutboundMessage.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]
PENDING = (OutboundStatus.QUEUED.value, OutboundStatus.SENDING.value)


@dataclass(frozen=True, slots=True)
class Claim:
    """A row leased to this worker, ready to send."""

    id: int
    recipient: str
    kind: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ClaimBatch:
    """Rows to send now, and how many claimed rows failed before sending (too old, no window)."""

    claims: list[Claim]
    failed: int


@dataclass(frozen=True, slots=True)
class Done:
    """A row that went out."""

    id: int
    provider: str
    provider_message_id: str
    sent_at: datetime


@dataclass(frozen=True, slots=True)
class Retry:
    id: int
    next_attempt_at: datetime
    error: SendError
    count_attempt: bool = True  # False when sending was paused: the row is not to blame


@dataclass(frozen=True, slots=True)
class Fail:
    id: int
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class UseFallback:
    """Meta answered 131047: send the row's fallback template instead, now."""

    id: int


Outcome = Done | Retry | Fail | UseFallback


def claim_due(
    connection: Connection,
    settings: Settings,
    *,
    worker_id: str,
    now: datetime,
    limit: int,
) -> ClaimBatch:
    """Lease up to `limit` due rows and apply the pre-send rules; run inside a transaction."""
    earlier = aliased(T)
    head_of_line = ~exists().where(
        earlier.c.recipient == T.c.recipient,
        earlier.c.id < T.c.id,
        earlier.c.status.in_(PENDING),
    )
    due = (
        select(T.c.id)
        .where(
            T.c.status.in_(PENDING),
            T.c.next_attempt_at <= now,
            or_(T.c.locked_until.is_(None), T.c.locked_until <= now),
            head_of_line,
        )
        .order_by(T.c.next_attempt_at, T.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    lease = now + timedelta(seconds=settings.outbox_lease_seconds)
    claim = (
        update(T)
        .where(T.c.id.in_(due.scalar_subquery()))
        .values(
            status=OutboundStatus.SENDING.value,
            locked_until=lease,
            locked_by=worker_id,
            updated_at=now,
        )
        .returning(T.c.id, T.c.recipient, T.c.kind, T.c.payload, T.c.attempts, T.c.created_at)
    )
    rows = [Claim(*row) for row in connection.execute(claim)]
    rows.sort(key=lambda row: row.id)
    claimed = len(rows)
    rows = _drop_expired(connection, settings, rows, now)
    rows = _apply_window(connection, rows, now)
    failed = claimed - len(rows)
    return ClaimBatch(_apply_pair_rate(connection, settings, rows, now), failed)


def _drop_expired(
    connection: Connection, settings: Settings, rows: list[Claim], now: datetime
) -> list[Claim]:
    max_age = timedelta(hours=settings.outbox_max_age_hours)
    expired = [row for row in rows if now - row.created_at > max_age]
    reason = f"expired: not sent within {settings.outbox_max_age_hours:g} h"
    _fail(connection, [Fail(row.id, "expired", reason) for row in expired], now, count=False)
    return [row for row in rows if now - row.created_at <= max_age]


def _apply_window(connection: Connection, rows: list[Claim], now: datetime) -> list[Claim]:
    free_form = [row for row in rows if row.kind in NEEDS_WINDOW]
    if not free_form:
        return rows
    recipients = {row.recipient for row in free_form}
    query = select(C.c.phone, C.c.last_inbound_at).where(C.c.phone.in_(recipients))
    last_inbound: dict[str, datetime | None] = {}
    for phone, moment in connection.execute(query):
        last_inbound[phone] = moment
    kept: list[Claim] = []
    failed: list[Fail] = []
    for row in rows:
        if row.kind not in NEEDS_WINDOW or window_open(last_inbound.get(row.recipient), now):
            kept.append(row)
        elif row.payload.get(FALLBACK_KEY):
            kept.append(_swap_for_fallback(connection, row, now))
        else:
            failed.append(Fail(row.id, "window", NO_TEMPLATE))
    _fail(connection, failed, now, count=False)
    return kept


def _swap_for_fallback(connection: Connection, row: Claim, now: datetime) -> Claim:
    payload = fallback_payload(row.kind, row.payload)
    assert payload is not None
    connection.execute(
        update(T).where(T.c.id == row.id).values(kind="template", payload=payload, updated_at=now)
    )
    logger.info(
        "outbox: %s outside the 24 h window, sending the template", mask_phone(row.recipient)
    )
    return Claim(row.id, row.recipient, "template", payload, row.attempts, row.created_at)


def _apply_pair_rate(
    connection: Connection, settings: Settings, rows: list[Claim], now: datetime
) -> list[Claim]:
    interval, burst = settings.outbox_pair_interval_seconds, settings.outbox_pair_burst
    if interval <= 0 or not rows:
        return rows
    recipients = {row.recipient for row in rows}
    since = now - pair_lookback(interval, burst)
    query = select(T.c.recipient, T.c.sent_at).where(
        T.c.recipient.in_(recipients), T.c.sent_at.is_not(None), T.c.sent_at >= since
    )
    sends: dict[str, list[datetime]] = defaultdict(list)
    for recipient, sent_at in connection.execute(query):
        sends[recipient].append(sent_at)
    kept: list[Claim] = []
    later: list[dict[str, Any]] = []
    for row in rows:
        allowed = pair_next_allowed(sends[row.recipient], now, interval=interval, burst=burst)
        if allowed <= now:
            kept.append(row)
        else:
            later.append({"b_id": row.id, "b_at": allowed})
    if later:
        connection.execute(
            update(T)
            .where(T.c.id == bindparam("b_id"))
            .values(
                status=OutboundStatus.QUEUED.value,
                next_attempt_at=bindparam("b_at"),
                locked_until=None,
                locked_by=None,
                updated_at=now,
            ),
            later,
        )
    return kept


def record_outcomes(
    connection: Connection,
    outcomes: list[Outcome],
    *,
    worker_id: str,
    provider: str,
    now: datetime,
) -> None:
    """Write what happened to sent rows; only rows this worker still holds are touched."""
    mine = and_(T.c.id == bindparam("b_id"), T.c.locked_by == worker_id)
    released = {"locked_until": None, "locked_by": None, "updated_at": now}
    done = [
        {"b_id": o.id, "b_mid": o.provider_message_id, "b_sent": o.sent_at}
        for o in outcomes
        if isinstance(o, Done)
    ]
    if done:
        statement = update(T).where(mine, T.c.status == OutboundStatus.SENDING.value)
        values = {
            "status": OutboundStatus.SENT.value,
            "provider": provider,
            "provider_message_id": bindparam("b_mid"),
            "sent_at": bindparam("b_sent"),
            "attempts": T.c.attempts + 1,
        }
        connection.execute(statement.values(**values, **released), done)
    retries = [o for o in outcomes if isinstance(o, Retry)]
    for counted in (True, False):
        batch = [
            {
                "b_id": o.id,
                "b_at": o.next_attempt_at,
                "b_code": str(o.error.code or "")[:32],
                "b_text": str(o.error)[:1000],
            }
            for o in retries
            if o.count_attempt is counted
        ]
        if batch:
            values = {
                "status": OutboundStatus.QUEUED.value,
                "next_attempt_at": bindparam("b_at"),
                "last_error_code": bindparam("b_code"),
                "last_error_text": bindparam("b_text"),
                "attempts": T.c.attempts + 1 if counted else T.c.attempts,
            }
            connection.execute(update(T).where(mine).values(**values, **released), batch)
    for fallback in (o for o in outcomes if isinstance(o, UseFallback)):
        _use_fallback(connection, fallback.id, worker_id, now)
    _fail(connection, [o for o in outcomes if isinstance(o, Fail)], now, worker_id=worker_id)


def _use_fallback(connection: Connection, row_id: int, worker_id: str, now: datetime) -> None:
    row = connection.execute(
        select(T.c.kind, T.c.payload).where(T.c.id == row_id, T.c.locked_by == worker_id)
    ).first()
    if row is None:
        return
    template = fallback_payload(*row)
    if template is None:
        _fail(connection, [Fail(row_id, "131047", NO_TEMPLATE)], now, worker_id=worker_id)
        return
    connection.execute(
        update(T)
        .where(T.c.id == row_id)
        .values(
            kind="template",
            payload=template,
            status=OutboundStatus.QUEUED.value,
            next_attempt_at=now,
            attempts=T.c.attempts + 1,
            last_error_code="131047",
            last_error_text="outside the 24 h window: sending the template",
            locked_until=None,
            locked_by=None,
            updated_at=now,
        )
    )


def _fail(
    connection: Connection,
    failures: list[Fail],
    now: datetime,
    *,
    worker_id: str | None = None,
    count: bool = True,
) -> None:
    if not failures:
        return
    where = T.c.id == bindparam("b_id")
    if worker_id is not None:
        where = and_(where, T.c.locked_by == worker_id)
    connection.execute(
        update(T)
        .where(where)
        .values(
            status=OutboundStatus.FAILED.value,
            last_error_code=bindparam("b_code"),
            last_error_text=bindparam("b_text"),
            attempts=T.c.attempts + 1 if count else T.c.attempts,
            locked_until=None,
            locked_by=None,
            updated_at=now,
        ),
        [{"b_id": f.id, "b_code": f.code[:32], "b_text": f.reason[:1000]} for f in failures],
    )
    for failure in failures:
        logger.warning(
            "outbox: message %d failed (%s): %s", failure.id, failure.code, failure.reason
        )


def next_due_at(connection: Connection) -> datetime | None:
    """When the earliest pending row can next be claimed (None when nothing is pending)."""
    queued = select(func.min(T.c.next_attempt_at)).where(T.c.status == OutboundStatus.QUEUED.value)
    leased = select(func.min(func.coalesce(T.c.locked_until, T.c.next_attempt_at))).where(
        T.c.status == OutboundStatus.SENDING.value
    )
    moments = [connection.execute(query).scalar() for query in (queued, leased)]
    return min((m for m in moments if m is not None), default=None)


def count_pending(connection: Connection) -> int:
    query = select(func.count()).select_from(T).where(T.c.status.in_(PENDING))
    return int(connection.execute(query).scalar() or 0)
