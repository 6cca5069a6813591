"""What happened to the rows a worker sent, written back to the outbox in small batches.

Only rows the worker still holds (`locked_by`) are touched, and a sent row whose lease ran out
while its send was in flight, as long as no other send of it started since (its in-flight mark
is still this send's); likewise a marked row whose send never started (`Unsent`), put back
unmarked. Every outcome clears the row's in-flight mark (`sending_started_at`) but
a retry after a send that got no answer (a timeout), which leaves the row in doubt (see
`bot.outbound.in_doubt`). A sent row gets the provider's
message id; statuses the provider reported for that id before it was stored (a webhook can beat
the worker's write) are applied right away (`bot.inbound.statuses.apply_recorded_statuses`), and
a canonical WhatsApp id different from the number is kept on the contact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Update, and_, bindparam, or_, select, text, update
from sqlmodel import Session

from bot.db.lists import any_of
from bot.db.models import Contact, DeliveryStatus, OutboundMessage, OutboundStatus
from bot.db.writes import WRITES
from bot.errors import SendError
from bot.inbound.statuses import apply_recorded_statuses
from bot.outbound.claims import PENDING, Fail, fail_rows
from bot.outbound.outbox import fallback_payload
from bot.outbound.policy import NO_TEMPLATE
from bot.phones import wa_digits

T = OutboundMessage.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]
D = DeliveryStatus.__table__  # type: ignore[attr-defined]
CATCH_UP_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Done:
    """A row that went out."""

    id: int
    provider: str
    provider_message_id: str
    sent_at: datetime
    recipient: str = ""
    wa_id: str = ""  # the canonical WhatsApp id the provider answered with
    started_at: datetime | None = None  # its in-flight mark


@dataclass(frozen=True, slots=True)
class Retry:
    id: int
    next_attempt_at: datetime
    error: SendError
    count_attempt: bool = True  # False when sending was paused or throttled: not the row's fault
    started_at: datetime | None = None  # the send got no answer (in doubt): its in-flight mark


@dataclass(frozen=True, slots=True)
class UseFallback:
    """Meta answered 131047: send the row's fallback template instead, now."""

    id: int


@dataclass(frozen=True, slots=True)
class Unsent:
    """A row marked in flight whose send never started (its lease ran out while it waited for
    its rate slot): back in the queue due at once, unmarked, no attempt counted."""

    id: int
    started_at: datetime  # its in-flight mark


Outcome = Done | Retry | Fail | UseFallback | Unsent


def record_outcomes(
    connection: Connection,
    outcomes: list[Outcome],
    *,
    worker_id: str,
    provider: str,
    now: datetime,
) -> None:
    """Write what happened to sent rows; run inside a transaction.

    Rows are written in id order, the order every other writer of the outbox takes them in.
    """
    outcomes = sorted(outcomes, key=lambda outcome: outcome.id)
    mine = {"b_worker": worker_id, "b_now": now}
    done = [o for o in outcomes if isinstance(o, Done)]
    if done:
        _write_sent(connection, done, worker_id=worker_id, provider=provider, now=now)
    retries = [o for o in outcomes if isinstance(o, Retry)]
    for counted, statement in ((True, _RETRY_COUNTED), (False, _RETRY_NOT_COUNTED)):
        batch = [
            {
                "b_id": o.id,
                "b_at": o.next_attempt_at,
                "b_code": o.error.code_text()[:32],
                "b_text": str(o.error)[:1000],
                "b_started": o.started_at,
            }
            | mine
            for o in retries
            if o.count_attempt is counted
        ]
        if batch:
            connection.execute(statement, batch)
    unsent = [
        {"b_id": o.id, "b_started": o.started_at} | mine for o in outcomes if isinstance(o, Unsent)
    ]
    if unsent:
        connection.execute(_UNSENT, unsent)
    for fallback in (o for o in outcomes if isinstance(o, UseFallback)):
        _use_fallback(connection, fallback.id, worker_id, now)
    fail_rows(connection, [o for o in outcomes if isinstance(o, Fail)], now, worker_id=worker_id)
    _keep_wa_ids(connection, done)
    _catch_up_statuses(connection, done, now)


# Built once (they run for every batch of outcomes), their parameters bound at each call.
_MINE = and_(T.c.id == bindparam("b_id"), T.c.locked_by == bindparam("b_worker"))
_RELEASED = {
    "locked_until": None,
    "locked_by": None,
    "updated_at": bindparam("b_now", type_=T.c.updated_at.type),
}
_STARTED = bindparam("b_started", type_=T.c.sending_started_at.type)

# The sent rows, all in one statement whatever their number: the rows' values as one parameter
# (a JSON array on SQLite, arrays on PostgreSQL) joined to the outbox by id. Each row is taken
# if this worker still holds it, or if its lease ran out during the send and another worker
# took it back (in doubt: queued or sending again, its in-flight mark still this send's).
# Written as text: one statement text to parse and prepare, nothing rendered per row (an
# `executemany` processed three datetimes a row through their types, 60 % of a write's cost).
# Named for the caches (`bot.db.writes.WRITES`): a text they cannot read would empty them all.
_OUTBOX_ONLY = frozenset({T.name})
_PENDING_SQL = ", ".join(f"'{status}'" for status in PENDING)
_SENT_SET = f""" SET status='{OutboundStatus.SENT.value}', provider=:provider,
    provider_message_id={{mid}}, sent_at = {{sent}}, attempts = {T.name}.attempts + 1,
    sending_started_at = NULL, locked_until = NULL, locked_by = NULL, updated_at = :now"""
# `{plus}`: "+" on SQLite, which then uses no index for the statuses: else its planner walks
# every row in flight by the status index (both sides of the OR) and looks each up in the list,
# rather than take each listed row by id (as `bot.db.lists.likely` avoids for the marks).
_SENT_WHERE = f"""
WHERE {T.name}.id = {{id}} AND (
    ({T.name}.locked_by = :worker AND {{plus}}{T.name}.status = '{OutboundStatus.SENDING.value}')
    OR ({T.name}.sending_started_at = {{started}}
        AND {{plus}}{T.name}.status IN ({_PENDING_SQL})))"""
_SENT_SQLITE = text(
    f"UPDATE {T.name}"
    + _SENT_SET.format(mid="json_extract(v.value, '$[1]')", sent="json_extract(v.value, '$[2]')")
    + "\nFROM json_each(:rows) AS v"
    + _SENT_WHERE.format(
        id="json_extract(v.value, '$[0]')", started="json_extract(v.value, '$[3]')", plus="+"
    )
).execution_options(**{WRITES: _OUTBOX_ONLY})
_SENT_POSTGRESQL = text(
    f"UPDATE {T.name}"
    + _SENT_SET.format(mid="v.mid", sent="v.sent")
    + "\nFROM unnest(CAST(:ids AS BIGINT[]), CAST(:mids AS VARCHAR[]),"
    " CAST(:sents AS TIMESTAMP[]), CAST(:starteds AS TIMESTAMP[])) AS v(id, mid, sent, started)"
    + _SENT_WHERE.format(id="v.id", started="v.started", plus="")
).execution_options(**{WRITES: _OUTBOX_ONLY})


def _naive_utc(moment: datetime | None) -> datetime | None:
    """As `UTCDateTime` stores it."""
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def _sqlite_moment(moment: datetime | None) -> str | None:
    """As SQLAlchemy's SQLite `DATETIME` stores a `UTCDateTime` (same text, compared as text)."""
    naive = _naive_utc(moment)
    return None if naive is None else naive.isoformat(" ", "microseconds")


def _write_sent(
    connection: Connection, done: list[Done], *, worker_id: str, provider: str, now: datetime
) -> None:
    """Write the rows that went out, in one statement."""
    common = {"provider": provider, "now": _naive_utc(now), "worker": worker_id}
    if connection.dialect.name == "postgresql":
        connection.execute(
            _SENT_POSTGRESQL,
            common
            | {
                "ids": [o.id for o in done],
                "mids": [o.provider_message_id for o in done],
                "sents": [_naive_utc(o.sent_at) for o in done],
                "starteds": [_naive_utc(o.started_at) for o in done],
            },
        )
        return
    rows = [
        (o.id, o.provider_message_id, _sqlite_moment(o.sent_at), _sqlite_moment(o.started_at))
        for o in done
    ]
    common["now"] = _sqlite_moment(now)
    connection.execute(_SENT_SQLITE, common | {"rows": json.dumps(rows)})


def _retry_statement(*, counted: bool) -> Update:
    return (
        update(T)
        .where(_MINE)
        .values(
            status=OutboundStatus.QUEUED.value,
            next_attempt_at=bindparam("b_at", type_=T.c.next_attempt_at.type),
            last_error_code=bindparam("b_code"),
            last_error_text=bindparam("b_text"),
            attempts=T.c.attempts + 1 if counted else T.c.attempts,
            sending_started_at=_STARTED,
            **_RELEASED,
        )
    )


# Only where the in-flight mark is still that send's (it never started, so clearing the mark
# cannot hide a send): the row still this worker's, or queued again by a worker that took it back
# and holds it back as in doubt. Not a row another worker holds (it marks it again before it
# sends), nor one a later send marked.
_UNSENT = (
    update(T)
    .where(
        T.c.id == bindparam("b_id"),
        T.c.sending_started_at == _STARTED,
        or_(
            and_(
                T.c.locked_by == bindparam("b_worker"), T.c.status == OutboundStatus.SENDING.value
            ),
            and_(T.c.locked_by.is_(None), T.c.status == OutboundStatus.QUEUED.value),
        ),
    )
    .values(
        status=OutboundStatus.QUEUED.value,
        next_attempt_at=bindparam("b_now", type_=T.c.next_attempt_at.type),
        sending_started_at=None,
        **_RELEASED,
    )
)
_RETRY_COUNTED = _retry_statement(counted=True)
_RETRY_NOT_COUNTED = _retry_statement(counted=False)
_STATUSES_FOR = (
    select(D.c.provider_message_id).where(any_of(D.c.provider_message_id, "ids")).distinct()
)


def _use_fallback(connection: Connection, row_id: int, worker_id: str, now: datetime) -> None:
    row = connection.execute(
        select(T.c.kind, T.c.payload).where(T.c.id == row_id, T.c.locked_by == worker_id)
    ).first()
    if row is None:
        return
    template = fallback_payload(*row)
    if template is None:
        fail_rows(connection, [Fail(row_id, "131047", NO_TEMPLATE)], now, worker_id=worker_id)
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
            last_error_text="hors de la fenêtre de 24 h : envoi du modèle",
            sending_started_at=None,
            locked_until=None,
            locked_by=None,
            updated_at=now,
        )
    )


def _keep_wa_ids(connection: Connection, done: list[Done]) -> None:
    """Keep the provider's canonical id on the contact when it is not the number's digits."""
    changed = [
        {"b_phone": o.recipient, "b_wa": o.wa_id[:64]}
        for o in done
        if o.wa_id and o.recipient and o.wa_id != wa_digits(o.recipient)
    ]
    if changed:
        statement = (
            update(C)
            .where(C.c.phone == bindparam("b_phone"), C.c.wa_id != bindparam("b_wa"))
            .values(wa_id=bindparam("b_wa"))
        )
        connection.execute(statement, changed)


def _catch_up_statuses(connection: Connection, done: list[Done], now: datetime) -> None:
    catch_up_statuses(connection, [o.provider_message_id for o in done], now)


def catch_up_statuses(connection: Connection, message_ids: list[str], now: datetime) -> None:
    """Apply the statuses stored for `message_ids` (sent rows); run inside a transaction.

    Right after a message id is stored, and again a few seconds later from the worker: on
    PostgreSQL a status webhook whose UPDATE ran before the id was committed matched no row, and
    when its own commit comes after the first catch-up read, only the second one sees it.
    Applying a status twice changes nothing (compare-and-set, see `bot.inbound.statuses`).
    """
    ids = sorted({m for m in message_ids if m})
    found: list[str] = []
    for start in range(0, len(ids), CATCH_UP_CHUNK):
        chunk = ids[start : start + CATCH_UP_CHUNK]
        found.extend(connection.execute(_STATUSES_FOR, {"ids": chunk}).scalars())
    if not found:
        return
    with Session(bind=connection) as session:  # joins the connection's transaction
        for message_id in sorted(set(found)):
            apply_recorded_statuses(session, message_id, now=now)
        session.flush()
