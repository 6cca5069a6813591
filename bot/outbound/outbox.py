"""Queueing into the durable outbox, inside the caller's transaction.

Nothing is sent here: a row is written beside the change that caused it and the worker sends it
(see `bot/outbound/worker.py`). A text longer than the provider's limit becomes several rows, in
order (the worker never sends a row before an earlier unsent one to the same recipient); the
second and later parts carry the first part's id under `SPLIT_KEY`, so that when one part fails
for good the parts after it fail too, with the reason, rather than arrive without their start.

A free-form message may carry a `fallback` template: the worker sends it instead when the
recipient's 24-hour window is closed (or Meta answers 131047). It is kept in the row's payload
under the reserved key `FALLBACK_KEY`; `from_payload` ignores it. A message that tells of
several alerts at once (an import that opens them together, a reminder) lists them under
`ALERTS_KEY`, so that their `sent_whatsapp` flag follows its delivery as a single alert's follows
its row's `alert_id`.

`enqueue` writes the rows of one message through the ORM and returns them; `enqueue_many` writes
the rows of many (an alert to every manager of a store) with one multi-row INSERT, held for the
transaction with the other `enqueue_many` rows until something names the outbox table, a
savepoint begins or the transaction commits (`bot.db.held`). On PostgreSQL
either wakes the `stockbot worker` processes when the transaction commits
(`bot.outbound.wakeup`).

Inside `captured(session)` (the back office's simulator) rows are written as already sent by the
`simulator` provider: recorded like any other, never claimed by a worker, never sent to WhatsApp.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlmodel import Session

from bot.clock import utcnow
from bot.db.held import held_rows
from bot.db.models import OutboundMessage, OutboundStatus
from bot.db.rows import ManyRows
from bot.errors import ValidationError
from bot.outbound.messages import (
    TEXT_MAX,
    TWILIO_BODY_MAX,
    OutgoingMessage,
    Template,
    Text,
    kind_of,
    to_payload,
)
from bot.outbound.text import split_text
from bot.outbound.wakeup import notify_queued
from bot.settings import Settings
from state.values import text_length

FALLBACK_KEY = "_fallback"
REPLACED_KEY = "_replaced"  # what a row held before the worker swapped in its fallback template
SPLIT_KEY = "_split"  # on the later parts of a split text: the id of its first part
ALERTS_KEY = "_alerts"  # on the first part of a message telling of several alerts: their ids

# Characters per text message (UTF-16 units, see bot/outbound/text.py): Meta 4,096, Twilio 1,600.
TEXT_LIMITS = {"meta": TEXT_MAX, "sandbox": TEXT_MAX, "twilio": TWILIO_BODY_MAX}
EMPTY_TEXT = "le texte du message est vide"

SIMULATOR_PROVIDER = "simulator"
_CAPTURED = "stockbot.captured_sends"  # session.info key, set by `captured`


@contextmanager
def captured(session: Session) -> Iterator[None]:
    """Rows queued in the block are the simulator's: recorded as sent, never sent."""
    session.info[_CAPTURED] = True
    try:
        yield
    finally:
        session.info.pop(_CAPTURED, None)


def _capture(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    if session.info.get(_CAPTURED):
        values.update(
            status=OutboundStatus.SENT.value,
            provider=SIMULATOR_PROVIDER,
            provider_message_id=f"{SIMULATOR_PROVIDER}-{uuid.uuid4().hex}",
            sent_at=values["created_at"],
        )
    return values


def text_limit_for(settings: Settings) -> int:
    """The text limit of the configured provider, for `enqueue(..., text_limit=...)`."""
    return TEXT_LIMITS[settings.whatsapp_provider]


def enqueue(
    session: Session,
    recipient: str,
    message: OutgoingMessage | str,
    *,
    alert_id: int | None = None,
    inbound_message_id: int | None = None,
    now: datetime | None = None,
    fallback: Template | None = None,
    text_limit: int = TEXT_MAX,
) -> list[OutboundMessage]:
    """Queue `message` for `recipient` (E.164) in `session`'s transaction; returns the rows.

    A `str` (or a `Text` longer than `text_limit`) is split into ordered parts, one row each; a
    `fallback` template goes with the first part only (the later parts would need the window
    anyway and fail with that reason if it is closed).
    """
    moment = now or utcnow()
    first, *later = _payloads(message, fallback, text_limit)
    first_values = _values(recipient, *first, moment, alert_id, inbound_message_id)
    rows = [OutboundMessage(**_capture(session, first_values))]
    session.add(rows[0])
    session.flush()  # its id is the later parts' SPLIT_KEY
    for kind, payload in later:
        values = _values(
            recipient, kind, payload | {SPLIT_KEY: rows[0].id}, moment, alert_id, inbound_message_id
        )
        rows.append(OutboundMessage(**_capture(session, values)))
        session.add(rows[-1])
    if later:
        session.flush()  # in insertion order: ids, hence the order of the parts, follow it
    _wake_workers(session)
    return rows


def enqueue_many(
    session: Session,
    messages: Iterable[tuple[str, OutgoingMessage | str]],
    *,
    alert_id: int | None = None,
    alert_ids: Sequence[int] = (),
    inbound_message_id: int | None = None,
    now: datetime | None = None,
    fallback: Template | None = None,
    text_limit: int = TEXT_MAX,
) -> int:
    """Queue each `(recipient, message)` as `enqueue` would, with one multi-row INSERT, in order.

    `alert_ids`: the alerts a grouped message tells of (kept under `ALERTS_KEY`).

    For fan-outs (an alert to thousands of managers) inside the caller's transaction, where an
    ORM object and flush per row would cost seconds, and for the replies to one inbound message
    (one statement, not an ORM flush per reply). Give the same message object to many
    recipients: it is validated and serialised once. Returns the number of rows written.
    """
    moment = now or utcnow()
    # By id, with the message kept alive beside its payloads: an id is only unique among live
    # objects, and a generator's messages are freed one after the other.
    rendered: dict[int, tuple[OutgoingMessage | str, list[tuple[str, dict[str, Any]]]]] = {}
    pending: list[dict[str, Any]] = []
    written = 0
    for recipient, message in messages:
        known = rendered.get(id(message))
        if known is not None and known[0] is message:
            payloads = known[1]
        else:
            payloads = _payloads(message, fallback, text_limit)
            if alert_ids:
                payloads[0][1][ALERTS_KEY] = list(alert_ids)
            rendered[id(message)] = (message, payloads)
        if len(payloads) > 1:  # a split text: its later parts need the first part's id
            written += _insert(session, pending)
            pending = []
            rows = enqueue(
                session,
                recipient,
                message,
                alert_id=alert_id,
                inbound_message_id=inbound_message_id,
                now=moment,
                fallback=fallback,
                text_limit=text_limit,
            )
            if alert_ids:
                rows[0].payload = rows[0].payload | {ALERTS_KEY: list(alert_ids)}
            written += len(rows)
            continue
        kind, payload = payloads[0]
        values = _values(recipient, kind, payload, moment, alert_id, inbound_message_id)
        pending.append(_capture(session, values))
    written += _insert(session, pending)
    if written:
        _wake_workers(session)
    return written


def _wake_workers(session: Session) -> None:
    """Rows to send were queued: `stockbot worker` is woken when the transaction commits."""
    if not session.info.get(_CAPTURED):
        notify_queued(session)


def _insert(session: Session, rows: list[dict[str, Any]]) -> int:
    """Core, not the ORM's bulk insert: a fraction of its cost per row; held for the transaction
    and written with the rows the other messages of a batch queue, in one statement
    (`bot.db.held`), before anything names the outbox table: the ORM rows `enqueue` flushes are
    written after them, so ids (the order of sending) still follow the order queued."""
    if rows:
        held_rows(session, _HELD_INSERTS, _OUTBOX_INSERT, "outbound_message").extend(rows)
    return len(rows)


_OUTBOX = OutboundMessage.__table__  # type: ignore[attr-defined]
# All written in one statement (`bot.db.rows`); a simulated send's rows add the last two. The
# rows of one transaction all carry the same keys (SQLite's executemany takes those of the first).
_OUTBOX_COLUMNS = (
    "recipient",
    "kind",
    "payload",
    "status",
    "provider",
    "attempts",
    "alert_id",
    "inbound_message_id",
    "next_attempt_at",
    "created_at",
    "updated_at",
    "provider_message_id",
    "sent_at",
)
_OUTBOX_INSERT = ManyRows(
    _OUTBOX,
    _OUTBOX_COLUMNS,
    lambda v: insert(_OUTBOX).from_select(_OUTBOX_COLUMNS, select(*v.c)),
    insert(_OUTBOX),
)
_HELD_INSERTS = "stockbot.outbox_inserts"


def _values(
    recipient: str,
    kind: str,
    payload: dict[str, Any],
    moment: datetime,
    alert_id: int | None,
    inbound_message_id: int | None,
) -> dict[str, Any]:
    return {
        "recipient": recipient,
        "kind": kind,
        "payload": payload,
        "status": OutboundStatus.QUEUED.value,
        "provider": "",
        "attempts": 0,
        "alert_id": alert_id,
        "inbound_message_id": inbound_message_id,
        "next_attempt_at": moment,
        "created_at": moment,
        "updated_at": moment,
    }


def _payloads(
    message: OutgoingMessage | str, fallback: Template | None, limit: int
) -> list[tuple[str, dict[str, Any]]]:
    """(kind, payload) of each row `message` becomes, in order."""
    parts = _parts(message, limit)
    if not parts:
        raise ValidationError(EMPTY_TEXT)
    payloads = []
    for index, part in enumerate(parts):
        payload = to_payload(part)
        if fallback is not None and index == 0 and not isinstance(part, Template):
            payload[FALLBACK_KEY] = to_payload(fallback)
        payloads.append((kind_of(part), payload))
    return payloads


def _parts(message: OutgoingMessage | str, limit: int) -> list[OutgoingMessage]:
    if isinstance(message, str):
        return [Text(part) for part in split_text(message, limit)]
    if isinstance(message, Text) and text_length(message.body) > limit:
        return [Text(part, message.preview_url) for part in split_text(message.body, limit)]
    return [message]


def fallback_payload(kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """The payload of the fallback template a row carries (keeping what it replaces), or None."""
    template = payload.get(FALLBACK_KEY)
    if not template:
        return None
    original = {k: v for k, v in payload.items() if k != FALLBACK_KEY}
    swapped = dict(template) | {REPLACED_KEY: {"kind": kind, "payload": original}}
    if ALERTS_KEY in payload:
        swapped[ALERTS_KEY] = payload[ALERTS_KEY]
    return swapped


def switch_to_fallback(row: OutboundMessage, now: datetime | None = None) -> bool:
    """Turn `row` into its fallback template, queued again now; False when it has none.

    For status webhooks that report 131047 after the fact (the worker does the same itself).
    """
    payload = fallback_payload(row.kind, row.payload)
    if payload is None:
        return False
    moment = now or utcnow()
    row.payload = payload
    row.kind = "template"
    row.status = OutboundStatus.QUEUED.value
    row.provider_message_id = None  # late statuses of the refused send must not match the template
    row.next_attempt_at = moment
    row.updated_at = moment
    row.locked_until = None
    row.locked_by = None
    return True


def split_group(row_id: int, kind: str, payload: dict[str, Any]) -> int | None:
    """The id of the first part of the split text this row belongs to (None: not a text)."""
    if kind != "text" or not isinstance(payload, dict):
        return None
    group = payload.get(SPLIT_KEY, row_id)
    return group if isinstance(group, int) else None


def fail_later_parts(
    connection: Connection,
    *,
    recipient: str,
    group: int,
    after: int,
    code: str,
    reason: str,
    now: datetime,
) -> int:
    """Fail the queued parts of split text `group` that come after row `after`, which failed for
    good: they would arrive without what came before. Returns how many."""
    table = OutboundMessage.__table__  # type: ignore[attr-defined]
    result = connection.execute(
        update(table)
        .where(
            table.c.recipient == recipient,
            table.c.id > after,
            table.c.status == OutboundStatus.QUEUED.value,
            table.c.payload[SPLIT_KEY].as_integer() == group,
        )
        .values(
            status=OutboundStatus.FAILED.value,
            last_error_code=code[:32],
            last_error_text=f"partie précédente en échec : {reason}"[:1000],
            updated_at=now,
        )
    )
    return int(result.rowcount)


def requeue_later_parts(
    connection: Connection,
    *,
    recipient: str,
    group: int,
    after: int,
    code: str,
    now: datetime,
) -> int:
    """Queue again the parts of split text `group` after row `after` that went out (or are going
    out) already, now that row `after` is queued again: they go once more, after it, so that the
    text arrives whole and in order (at the cost of those parts twice). Returns how many.

    A part being sent by a worker at this moment still goes out, and again after `after`: the
    worker's outcome no longer matches the row (it is no longer locked by it).
    """
    table = OutboundMessage.__table__  # type: ignore[attr-defined]
    went = [
        OutboundStatus.SENDING.value,
        OutboundStatus.SENT.value,
        OutboundStatus.DELIVERED.value,
        OutboundStatus.READ.value,
    ]
    result = connection.execute(
        update(table)
        .where(
            table.c.recipient == recipient,
            table.c.id > after,
            table.c.status.in_(went),
            table.c.payload[SPLIT_KEY].as_integer() == group,
        )
        .values(
            status=OutboundStatus.QUEUED.value,
            next_attempt_at=now,  # behind row `after` anyway: never before it
            provider_message_id=None,  # late statuses of the earlier send must not match
            sending_started_at=None,  # sent again in any case, not settled by a status
            delivered_at=None,
            read_at=None,
            locked_until=None,
            locked_by=None,
            last_error_code=code[:32],
            last_error_text="renvoyé après la partie précédente, renvoyée elle aussi",
            updated_at=now,
        )
    )
    return int(result.rowcount)


__all__ = [
    "ALERTS_KEY",
    "FALLBACK_KEY",
    "REPLACED_KEY",
    "SPLIT_KEY",
    "TEXT_LIMITS",
    "enqueue",
    "enqueue_many",
    "fail_later_parts",
    "fallback_payload",
    "requeue_later_parts",
    "split_group",
    "switch_to_fallback",
    "text_limit_for",
]
