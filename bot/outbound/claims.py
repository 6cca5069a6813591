"""The outbox table as the worker sees it before sending: claim due rows under a lease, renew it.

Claiming is one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …`, so on
PostgreSQL several workers never take the same row, and on SQLite the statement holds the write
lock. A row is claimable when it is due, not leased (or its lease expired: its worker died), and
no earlier row (lower id) to the same recipient is still queued or sending: the parts of a reply
go out in order, one at a time per recipient, whatever the retries. A worker renews the leases
of the rows it still holds (`renew_leases`, its heartbeat), so a row waiting in its queue is never
taken by another worker (nor by itself, a second time), and the leases can be short: the rows of
a worker that died are taken back seconds later. Just before each send the worker marks the row
in flight in its own commit (`mark_in_flight`; a lone row due at once, in its claim's commit):
a row taken back without that mark was never sent and goes at once; one with it is in doubt
(see `bot.outbound.in_doubt`): settled as sent by a status that confirms it, else held back
until the grace period after its timeout, then sent again.

In the claim transaction, before anything is sent, each claimed row also goes through the rules
that need the database: too old or out of attempts (failed), outside the 24-hour window (swapped
for its fallback template, or failed), a template Meta does not allow now (rejected, paused,
disabled…: failed with the reason, see `bot.operations.templates`), the recipient's pair rate (put
back until its time).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, bindparam, case, exists, func, or_, select, update

from bot.db.lists import any_of, likely
from bot.db.models import Contact, OutboundMessage, OutboundStatus
from bot.operations.templates import template_problem
from bot.outbound.in_doubt import confirmations, resend_at, settle
from bot.outbound.outbox import (
    FALLBACK_KEY,
    REPLACED_KEY,
    fail_later_parts,
    fallback_payload,
    split_group,
)
from bot.outbound.pacing import pair_lookback, pair_next_allowed
from bot.outbound.policy import NEEDS_WINDOW, NO_TEMPLATE, expired_reason, window_open
from bot.phones import mask_phone
from bot.settings import Settings

logger = logging.getLogger(__name__)

T = OutboundMessage.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]
PENDING = (OutboundStatus.QUEUED.value, OutboundStatus.SENDING.value)
# Kinds that change nothing when they arrive twice (a mark as read, the same reaction again): never
# held in doubt.
IDEMPOTENT = frozenset({"read", "reaction"})


@dataclass(frozen=True, slots=True)
class Claim:
    """A row leased to this worker, ready to send."""

    id: int
    recipient: str
    kind: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime
    last_error_text: str | None = None
    started_at: datetime | None = None  # its last send started with no answer recorded


@dataclass(frozen=True, slots=True)
class Fail:
    """A row that will not be sent; `split` is the split text it opens or belongs to, if any."""

    id: int
    code: str
    reason: str
    recipient: str = ""
    split: int | None = None

    @classmethod
    def of(cls, claim: Claim, code: str, reason: str) -> Fail:
        split = split_group(claim.id, claim.kind, claim.payload)
        return cls(claim.id, code, reason, claim.recipient, split)


@dataclass(frozen=True, slots=True)
class ClaimBatch:
    """Rows to send now, and how many claimed rows failed before sending (too old, no window)."""

    claims: list[Claim]
    failed: int
    failures: tuple[Fail, ...] = ()  # those rows, with their code and reason


# The statements below run for every claim, renewal and outcome: built once (building one costs
# more CPU than running it), with their parameters bound at each call.
_NOW = bindparam("now", type_=T.c.updated_at.type)
_EARLIER = T.alias("earlier")
# No earlier row (lower id) to the same recipient is still queued or sending.
_HEAD_OF_LINE = ~exists().where(
    _EARLIER.c.recipient == T.c.recipient,
    _EARLIER.c.id < T.c.id,
    _EARLIER.c.status.in_(PENDING),
)
_DUE = (
    select(T.c.id)
    .where(
        T.c.status.in_(PENDING),
        T.c.next_attempt_at <= _NOW,
        or_(T.c.locked_until.is_(None), T.c.locked_until <= _NOW),
        _HEAD_OF_LINE,
    )
    .order_by(T.c.next_attempt_at, T.c.id)
    .limit(bindparam("limit"))
    .with_for_update(skip_locked=True)
)
_CLAIM = (
    update(T)
    .where(T.c.id.in_(_DUE.scalar_subquery()))
    .values(
        status=OutboundStatus.SENDING.value,
        locked_until=bindparam("until", type_=T.c.locked_until.type),
        locked_by=bindparam("worker"),
        updated_at=_NOW,
    )
    .returning(
        T.c.id,
        T.c.recipient,
        T.c.kind,
        T.c.payload,
        T.c.attempts,
        T.c.created_at,
        T.c.last_error_text,
        T.c.sending_started_at,
    )
)
_LAST_INBOUND = select(C.c.phone, C.c.last_inbound_at).where(any_of(C.c.phone, "phones"))
_RECENT_SENDS = select(T.c.recipient, T.c.sent_at).where(
    any_of(T.c.recipient, "phones"),
    T.c.sent_at.is_not(None),
    T.c.sent_at >= bindparam("since", type_=T.c.sent_at.type),
)
# Put back until `b_at` (the row's in-flight mark, if any, is kept).
_LATER = (
    update(T)
    .where(T.c.id == bindparam("b_id"))
    .values(
        status=OutboundStatus.QUEUED.value,
        next_attempt_at=bindparam("b_at", type_=T.c.next_attempt_at.type),
        locked_until=None,
        locked_by=None,
        updated_at=_NOW,
    )
)
_HELD = (
    select(T.c.id)
    .where(
        any_of(T.c.id, "ids"),
        T.c.locked_by == bindparam("worker"),
        likely(T.c.status == OutboundStatus.SENDING.value),
    )
    .with_for_update(skip_locked=True)
)
_RENEW = (
    update(T)
    .where(T.c.id.in_(_HELD.scalar_subquery()))
    .values(locked_until=bindparam("until", type_=T.c.locked_until.type), updated_at=_NOW)
    .returning(T.c.id)
)
_MARK = (
    update(T)
    .where(
        any_of(T.c.id, "ids"),
        T.c.locked_by == bindparam("worker"),
        likely(T.c.status == OutboundStatus.SENDING.value),
        T.c.locked_until > _NOW,
    )
    .values(
        sending_started_at=_NOW,
        locked_until=bindparam("until", type_=T.c.locked_until.type),
        updated_at=_NOW,
    )
    .returning(T.c.id)
)


def claim_due(
    connection: Connection,
    settings: Settings,
    *,
    worker_id: str,
    now: datetime,
    limit: int,
) -> ClaimBatch:
    """Lease up to `limit` due rows and apply the pre-send rules; run inside a transaction."""
    until = now + timedelta(seconds=settings.outbox_lease_seconds)
    result = connection.execute(
        _CLAIM, {"now": now, "limit": limit, "until": until, "worker": worker_id}
    )
    rows = sorted((Claim(*row) for row in result), key=lambda row: row.id)
    failures: list[Fail] = []
    rows = _resolve_in_doubt(connection, settings, rows, now)
    rows = _drop_exhausted(connection, settings, rows, now, failures)
    rows = _apply_window(connection, rows, now, failures)
    rows = _drop_unsendable_templates(connection, rows, now, failures)
    pending = _apply_pair_rate(connection, settings, rows, now)
    return ClaimBatch(pending, len(failures), tuple(failures))


def renew_leases(
    connection: Connection, ids: list[int], *, worker_id: str, until: datetime, now: datetime
) -> set[int]:
    """Extend to `until` the leases of those of `ids` this worker still holds; returns them.

    A row locked by another transaction at that moment (the worker's own writer recording it)
    is skipped, not waited for: it keeps its lease until the next renewal, and the renewal can
    never deadlock with the writer.
    """
    if not ids:
        return set()
    parameters = {"ids": ids, "worker": worker_id, "until": until, "now": now}
    return set(connection.execute(_RENEW, parameters).scalars())


def mark_in_flight(
    connection: Connection, ids: list[int], *, worker_id: str, until: datetime, now: datetime
) -> set[int]:
    """Mark those of `ids` this worker still holds (lease not ended) as being sent since `now`,
    renewing their lease to `until`; returns them. Commit it before sending: a row taken back
    with this mark is in doubt, one without it was never sent."""
    if not ids:
        return set()
    parameters = {"ids": ids, "worker": worker_id, "until": until, "now": now}
    return set(connection.execute(_MARK, parameters).scalars())


def _resolve_in_doubt(
    connection: Connection, settings: Settings, rows: list[Claim], now: datetime
) -> list[Claim]:
    """Settle the claimed rows in doubt that a status confirms, put back those still within
    their grace period, and keep the rest (sent again)."""
    doubtful = [row for row in rows if row.started_at is not None and row.kind not in IDEMPOTENT]
    if not doubtful:
        return rows
    confirmed = confirmations(connection, doubtful)
    settle(connection, confirmed, now=now)
    waiting: dict[int, datetime] = {}
    for row in doubtful:
        assert row.started_at is not None
        again = resend_at(row.started_at, settings)
        if row.id in confirmed:
            continue
        if again > now:
            waiting[row.id] = again
        else:
            logger.warning(
                "outbox: message %d to %s was in doubt and no status confirmed it: sent again",
                row.id,
                mask_phone(row.recipient),
            )
    if waiting:
        later = [{"b_id": i, "b_at": at, "now": now} for i, at in sorted(waiting.items())]
        connection.execute(_LATER, later)
    return [row for row in rows if row.id not in confirmed and row.id not in waiting]


def _drop_exhausted(
    connection: Connection,
    settings: Settings,
    rows: list[Claim],
    now: datetime,
    failures: list[Fail],
) -> list[Claim]:
    """Fail rows too old to send, or out of attempts (a row a delivery failure queued again)."""
    max_age = timedelta(hours=settings.outbox_max_age_hours)
    kept, failed = [], []
    for row in rows:
        if now - row.created_at > max_age:
            failed.append(Fail.of(row, "expired", expired_reason(settings.outbox_max_age_hours)))
        elif row.attempts >= settings.outbox_max_attempts:
            reason = f"abandonné après {row.attempts} essais : {row.last_error_text or '?'}"
            failed.append(Fail.of(row, "attempts", reason))
        else:
            kept.append(row)
    fail_rows(connection, failed, now, count=False)
    failures.extend(failed)
    return kept


def last_inbound_of(connection: Connection, phones: list[str]) -> dict[str, datetime | None]:
    """When each of `phones` last wrote to us (absent: an unknown contact)."""
    last_inbound: dict[str, datetime | None] = dict(
        connection.execute(_LAST_INBOUND, {"phones": phones}).all()
    )
    return last_inbound


def _apply_window(
    connection: Connection, rows: list[Claim], now: datetime, failures: list[Fail]
) -> list[Claim]:
    free_form = [row for row in rows if row.kind in NEEDS_WINDOW]
    if not free_form:
        return rows
    last_inbound = last_inbound_of(connection, sorted({row.recipient for row in free_form}))
    kept: list[Claim] = []
    failed: list[Fail] = []
    for row in rows:
        if row.kind not in NEEDS_WINDOW or window_open(last_inbound.get(row.recipient), now):
            kept.append(row)
        elif row.payload.get(FALLBACK_KEY):
            kept.append(_swap_for_fallback(connection, row, now))
        else:
            failed.append(Fail.of(row, "window", NO_TEMPLATE))
    fail_rows(connection, failed, now, count=False)
    failures.extend(failed)
    return kept


def _drop_unsendable_templates(
    connection: Connection, rows: list[Claim], now: datetime, failures: list[Fail]
) -> list[Claim]:
    """Fail the template rows whose template Meta would refuse now, saying why."""
    kept: list[Claim] = []
    failed: list[Fail] = []
    for row in rows:
        problem = None
        if row.kind == "template":
            name, language = row.payload.get("name"), row.payload.get("language")
            if isinstance(name, str) and isinstance(language, str):
                problem = template_problem(connection, name, language)
        if problem is None:
            kept.append(row)
            continue
        if REPLACED_KEY in row.payload:  # the fallback of a message the window no longer allows
            problem = f"hors de la fenêtre de 24 h, et {problem}"
        failed.append(Fail.of(row, "template", problem))
    fail_rows(connection, failed, now, count=False)
    failures.extend(failed)
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
    recipients = sorted({row.recipient for row in rows})
    since = now - pair_lookback(interval, burst)
    sends: dict[str, list[datetime]] = defaultdict(list)
    for recipient, sent_at in connection.execute(
        _RECENT_SENDS, {"phones": recipients, "since": since}
    ):
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
        connection.execute(_LATER, [dict(row, now=now) for row in later])
    return kept


def fail_rows(
    connection: Connection,
    failures: list[Fail],
    now: datetime,
    *,
    worker_id: str | None = None,
    count: bool = True,
) -> None:
    """Mark rows failed with their code and reason (and the later parts of their split text)."""
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
            sending_started_at=None,
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
    split = {f.id: f for f in failures if f.split is not None}
    if not split:
        return
    # Only where the row did fail here (a row whose lease passed to another worker did not).
    failed = select(T.c.id).where(T.c.id.in_(split), T.c.status == OutboundStatus.FAILED.value)
    for row_id in connection.execute(failed).scalars():
        failure = split[row_id]
        assert failure.split is not None
        fail_later_parts(
            connection,
            recipient=failure.recipient,
            group=failure.split,
            after=failure.id,
            code=failure.code,
            reason=failure.reason,
            now=now,
        )


def release_claims(connection: Connection, *, worker_id: str, keep: set[int], now: datetime) -> int:
    """Put back in the queue the rows this worker holds, but `keep` (a stopping worker: they were
    not sent), so that they go at once rather than when their lease ends; returns how many."""
    where = [T.c.locked_by == worker_id, T.c.status == OutboundStatus.SENDING.value]
    if keep:
        where.append(T.c.id.not_in(keep))
    statement = (
        update(T)
        .where(*where)
        .values(
            status=OutboundStatus.QUEUED.value,
            sending_started_at=None,  # marked, but its send never started: not in doubt
            locked_until=None,
            locked_by=None,
            updated_at=now,
        )
    )
    return int(connection.execute(statement).rowcount)


def next_due_at(connection: Connection) -> datetime | None:
    """When the earliest pending row can next be claimed (None when nothing is pending).

    Only rows at the head of their recipient's line count, as in `claim_due`: a row behind one
    retried in ten minutes is not due before it, whatever its own `next_attempt_at`. A row can be
    claimed once it is due and its lease (if any) has ended.
    """
    moment: datetime | None = connection.execute(_NEXT_DUE).scalar()
    return moment


def count_pending(connection: Connection) -> int:
    return int(connection.execute(_COUNT_PENDING).scalar() or 0)


_READY = case((T.c.locked_until > T.c.next_attempt_at, T.c.locked_until), else_=T.c.next_attempt_at)
_NEXT_DUE = select(func.min(_READY).label("ready")).where(T.c.status.in_(PENDING), _HEAD_OF_LINE)
_COUNT_PENDING = select(func.count()).select_from(T).where(T.c.status.in_(PENDING))
