"""Processing stored inbound messages, after the webhook was acknowledged.

Claim rule: for each sender, only the oldest unprocessed message by (sent_at, id), and only while
no message of that sender is leased (`locked_until` in the future) — so one message at a time per
sender, in timestamp order. A claim is a lease (`settings.inbound_lease_seconds`, 10 s): the rows
of a process that died are taken back when it expires, and a restarted app picks up whatever is
pending. The lease is short and never renewed: it only has to cover the moment from the claim to
the processing transaction's first statement, which marks the message processed (and, on
PostgreSQL, locks its row); a claim that outlives it costs at most a wasted claim elsewhere,
never a second processing (see below), and a sender's later message cannot overtake it (only
the oldest unprocessed message of a sender is ever claimable). On PostgreSQL the claim query
uses `FOR UPDATE SKIP LOCKED`, so several processes claim different rows without waiting on each
other (its limit counted after the rows others hold are skipped). In the app, PostgreSQL runs a
second pass while claims come back full (`run_backlog_pass`): a pass waits for the server a
good part of its time, the other computes meanwhile.

Exactly once: a message is processed in a transaction that first marks it processed with a
conditional UPDATE (`processed_at IS NULL`), then calls the conversation layer and queues the
replies; the database lets only one transaction do that for a row, whatever the leases say. A
failure rolls it all back and is recorded with a retry delay; after `MAX_ATTEMPTS` the message is
marked processed with its error and the manager gets a short apology.

Attempts: a claim counts the attempt it leases for (`attempts`), and commits it before the
processing begins, so that a message whose processing kills the process (nothing of its
transaction is written) is counted all the same, and given up once it has killed `MAX_ATTEMPTS`
of them. On PostgreSQL, the messages fresh to a processor are claimed in the transaction that
processes them instead (`process_fresh`: the claim is the mark; one transaction, no claim
committed apart): fresh is stored after the processor's mark (`stored_so_far`, the highest id
when it started) and never attempted. Their row locks keep the other processes off them while
the transaction runs (`SKIP LOCKED`), and a sender's next message waits behind them as behind a
lease (only the oldest unprocessed message of a sender is claimable). When that transaction
fails, its messages are claimed again by id, counted, and processed one per transaction as a
failed batch's are. When the process dies in it, nothing was counted; but whatever it held is
no longer fresh to a process started since (it was stored before their mark), so it is claimed
by a claim of its own from then on, each attempt counted: a message that kills its processor
is tried at most once uncounted per processor running when it arrived. (Not on SQLite: pysqlite
begins no transaction before a statement that starts with WITH, the claim would commit alone.)

Batches: the messages of one claim (different senders) are processed in one transaction, one
commit and a handful of statements for the whole batch on top of each message's own work: what
every message reads first (its manager, their stores and conversation, the recipient's 24-hour
window, replies held) is read for the whole batch at once, one statement each (`_read_ahead`). When
anything in it fails, the batch's transaction is rolled back (nothing of it was written) and its
messages are processed again one per transaction, so that the failure is recorded for the
message that caused it only, and every other message is processed once.

On SQLite a transaction holds the single writer from its first write (the mark) to its commit,
and the webhooks wait for it to store what they carry before they are acknowledged. There, the
transaction of a claim (up to `CLAIM_BATCH` messages) asks the writer gate after every message
whether the webhooks' group commit waits for the writer (`WriterGate.ingest_waiting`), and after
every `SQLITE_PART` messages whether a webhook is being received (`ARRIVALS.busy`: its group
commit will soon wait) or another writer waits (the outbox worker's claims and outcomes: replies
keep going out) and it has held the writer `SQLITE_HOLD_SECONDS`; when so, the messages not
processed yet are put back (not processed, leased to this process) and the transaction commits,
the rest of the claim going on in new ones of at most `SQLITE_PART` (each transaction marks and
reads ahead all it takes first: a commit after every message must not read the whole rest of
the claim again each time). While no webhook comes in, a whole claim is one transaction (one
mark, one read-ahead, one commit, and what a transaction reads once, a store's catalog say,
serves all of it); a group commit that waits for the writer waits for the message in progress
only (an early commit, and the reads ahead for the next part, are paid only then).
A failing transaction is rolled back whole, and its messages are processed again one per
transaction, as above.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, partial
from typing import TYPE_CHECKING

from sqlalchemy import (
    ARRAY,
    CTE,
    Engine,
    Executable,
    Integer,
    and_,
    any_,
    bindparam,
    case,
    cast,
    func,
    not_,
    or_,
    select,
    update,
)
from sqlmodel import Session, col

from bot.alerts import pushes_after
from bot.clock import utcnow
from bot.conversation import take_asking
from bot.db.engine import reading, transaction
from bot.db.lists import any_of
from bot.db.models import Contact, InboundMessage
from bot.db.writes import WriterGate, writer_gate
from bot.dialogue.order_template import order_confirmation, take_confirming, take_placed
from bot.dialogue.pushes import pushes_ahead
from bot.dialogue.storage import lock_conversations
from bot.dialogue.view import stores_ahead
from bot.inbound.arrivals import ARRIVALS
from bot.inbound.identity import (
    NUMBER_CHANGED,
    change_number,
    identify,
    identify_ahead,
    reply_recipient,
)
from bot.inbound.models import InboundMessageEvent, SystemMessage, message_from_dict
from bot.inbound.notices import REFUSAL, apology
from bot.inbound.treatment import (
    SENDER_HOLDING,
    SENDER_LAST_INBOUND,
    as_typed,
    deliver_replies,
    replies_to,
    windows_known,
)
from bot.inbound.turns import MISUNDERSTOOD, OUTCOMES, TURN_KEY, Turn
from bot.managers import find_manager
from bot.operations import metrics
from bot.outbound.outbox import SIMULATOR_PROVIDER, captured, enqueue
from bot.outbound.policy import window_open
from bot.phones import mask_phone
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
POLL_SECONDS = 1.0
PASS_LIMIT = 500  # messages a pass handles before the loop's turn (`run_processor`)
CLAIM_BATCH = 50
# SQLite: every this many messages, a claim's transaction looks whether a webhook is being
# received, or another writer (the outbox worker's) has waited while it held the writer longer
# than SQLITE_HOLD_SECONDS (a group commit waiting for the writer is looked for after every
# message: see the module docstring). Less lets them in sooner, but each early commit costs a
# transaction (the mark and the reads ahead again for the rest, the catalog read again).
SQLITE_PART = 8
SQLITE_HOLD_SECONDS = 0.05
MAX_RETRY_DELAY = timedelta(minutes=5)
CLAIMS_LOOKED_AT = 8  # PostgreSQL: a claim looks at this many claims' worth of rows (`_taken`)
REFUSAL_INTERVAL = timedelta(hours=24)


async def run_processor(ctx: AppContext) -> None:
    """Background loop: process pending messages when woken by a webhook, or every second. The
    outbox worker is woken as soon as a batch's replies are committed. A pass that stopped at
    `PASS_LIMIT` is followed by the next at once: no webhook may come to wake it (a backlog
    after a restart, the end of a burst), and waiting for the poll held the rest a second for
    every `PASS_LIMIT` messages. A claim that comes back full sets `ctx.backlog`
    (`run_backlog_pass`)."""
    loop = asyncio.get_running_loop()

    def claim_full() -> None:
        loop.call_soon_threadsafe(ctx.backlog.set)

    fresh_after: int | None = None
    while True:
        ctx.wake_processor.clear()
        try:
            handled, fresh_after = await _pass(ctx, fresh_after, on_full=claim_full)
        except Exception:
            logger.exception("inbound processing pass failed")
            handled = 0
        if handled >= PASS_LIMIT:
            continue
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ctx.wake_processor.wait(), POLL_SECONDS)


async def run_backlog_pass(ctx: AppContext) -> None:
    """PostgreSQL: a second pass, run while `run_processor`'s claims come back full. A pass
    waits for the server about a quarter of its time (its claims, statements, commits); this
    one computes meanwhile, on rows the other does not hold (`SKIP LOCKED`, as between two
    processes: one message at a time per sender, in order, each processed once). Not run for a
    lone message: a pass beside it would only claim nothing, a few round trips each time. It
    stops while webhooks keep coming in: two passes held the interpreter from the
    acknowledgements (a third fewer a second); it drains what they left."""
    fresh_after: int | None = None
    while True:
        await ctx.backlog.wait()
        ctx.backlog.clear()
        try:
            _, fresh_after = await _pass(ctx, fresh_after, beside=True)
        except Exception:
            logger.exception("inbound backlog pass failed")


async def _pass(
    ctx: AppContext,
    fresh_after: int | None,
    *,
    on_full: Callable[[], None] | None = None,
    beside: bool = False,
) -> tuple[int, int]:
    """One pass in a thread (`process_pending`), the outbox woken after each commit: how many
    messages it handled, and the loop's mark (`stored_so_far`, read on its first pass)."""
    loop = asyncio.get_running_loop()

    def replies_committed() -> None:
        loop.call_soon_threadsafe(ctx.wake_outbox.set)

    if fresh_after is None:
        fresh_after = await asyncio.to_thread(stored_so_far, ctx.engine)
    handled = await asyncio.to_thread(
        process_pending,
        ctx.engine,
        ctx.settings,
        limit=PASS_LIMIT,
        on_batch=replies_committed,
        on_full=on_full,
        beside=beside,
        fresh_after=fresh_after,
    )
    return handled, fresh_after


def process_pending(
    engine: Engine,
    settings: Settings,
    *,
    now: datetime | None = None,
    limit: int = PASS_LIMIT,
    on_batch: Callable[[], None] | None = None,
    fresh_after: int | None = None,
    on_full: Callable[[], None] | None = None,
    beside: bool = False,
) -> int:
    """Claim and process pending messages until none is claimable or `limit` were handled.

    `now` fixes the clock (tests); by default each pass reads it. `on_batch` is called after
    each transaction that processed messages is committed. `fresh_after`: this process's mark
    (`stored_so_far` when it started); the fresh messages are claimed in the transaction that
    processes them (see the module docstring), the others by a claim of their own. `on_full`
    is called when a claim came back full (more is waiting than one claim takes). `beside`: a
    pass beside another (`run_backlog_pass`), which ends when webhooks keep coming in (their
    acknowledgements share the interpreter with it; the other pass goes on). Returns how many
    were handled (processed, or failed and scheduled for a retry).
    """
    if engine.dialect.name != "postgresql":
        # pysqlite begins no transaction before a statement that starts with WITH: the claim
        # would commit on its own, marked processed before the processing.
        fresh_after = None
    handled = 0
    gate = writer_gate(engine)
    stop = partial(_make_way, gate) if gate is not None else None
    while handled < limit:
        # webhooks being received go first (`bot.inbound.arrivals`)
        if not ARRIVALS.give_way() and beside:
            break
        if fresh_after is not None:
            size = min(CLAIM_BATCH, limit - handled)
            taken, more = process_fresh(
                engine,
                settings,
                fresh_after,
                now=now or utcnow(),
                limit=size,
                on_commit=on_batch,
                on_full=on_full if size == CLAIM_BATCH else None,
            )
            handled += taken
            if not more:
                break
            if taken:
                continue
        moment = now or utcnow()
        claimed, more = claim_and_look(
            engine,
            now=moment,
            lease_seconds=settings.inbound_lease_seconds,
            limit=min(CLAIM_BATCH, limit - handled),
            fresh_after=fresh_after,
        )
        if not claimed:
            break
        if len(claimed) >= CLAIM_BATCH:
            _called(on_full)
        process_batch(engine, settings, claimed, now=now or utcnow(), stop=stop, on_commit=on_batch)
        handled += len(claimed)
        if not more:  # what was stored since the claim woke the processor: a pass of its own
            break
    return handled


def stored_so_far(engine: Engine) -> int:
    """The mark of a processor starting: the highest id stored (0 when none). The messages
    stored after it are fresh to this process."""
    with reading(engine) as connection:
        return int(
            connection.execute(select(func.coalesce(func.max(_INBOUND.c.id), 0))).scalar_one()
        )


def process_fresh(
    engine: Engine,
    settings: Settings,
    fresh_after: int,
    *,
    now: datetime,
    limit: int,
    on_commit: Callable[[], None] | None = None,
    on_full: Callable[[], None] | None = None,
) -> tuple[int, bool]:
    """Claim up to `limit` fresh messages (stored after `fresh_after`, never attempted) in the
    transaction that processes them; how many, and whether other messages were unprocessed.
    `on_full` is called as soon as the claim took `limit` (before they are processed).

    When the transaction fails, its messages are claimed again by id, each attempt counted and
    leased as a claim of their own would be, then processed one per transaction (`process_batch`
    after a failed batch). A process dying in it leaves them as they were: fresh to no process
    started since (see the module docstring). PostgreSQL only (`process_pending`): no single
    writer to make way for, so the claim is processed whole in one transaction.
    """
    cut = _Cut(until=now + timedelta(seconds=settings.inbound_lease_seconds))
    started = time.monotonic()
    taken: list[int] = []
    try:
        with transaction(engine) as session:
            rows, more = _claim_fresh(session, fresh_after, now, limit)
            taken = [row.id for row in rows if row.id is not None]
            if len(taken) >= limit:
                _called(on_full)
            done, _ = _handle(session, settings, rows, now, cut, started)
    except Exception as exc:  # nothing of this transaction was written
        if not taken:
            raise
        logger.warning(
            "inbound: a transaction of %d fresh messages failed (%s), processing each alone",
            len(taken),
            type(exc).__name__,
        )
        leased = _lease(engine, taken, now=now, lease_seconds=settings.inbound_lease_seconds)
        for row_id in leased:
            process_message(engine, settings, row_id, now=now)
        _called(on_commit)
        return len(taken), True
    if not taken:
        return 0, more
    count_processed(done, time.monotonic() - started)
    _called(on_commit)
    return len(taken), more


def _make_way(gate: WriterGate, handled: int, held: float) -> bool:
    """Whether a transaction that has processed `handled` messages and held SQLite's writer
    `held` seconds commits now: after any message, when the webhooks' group commit waits for
    the writer (its deliveries' acknowledgements wait for it); at the end of a part of
    `SQLITE_PART`, also when a webhook is being received (the processor gives way to it between
    two transactions) or another writer has waited long enough."""
    if gate.ingest_waiting():
        return True
    return handled % SQLITE_PART == 0 and (
        ARRIVALS.busy or (held >= SQLITE_HOLD_SECONDS and gate.writers_waiting())
    )


def claim(engine: Engine, *, now: datetime, lease_seconds: float, limit: int) -> list[int]:
    """Lease up to `limit` messages, at most one per sender (see the module docstring), in the
    order of their timestamps."""
    return claim_and_look(engine, now=now, lease_seconds=lease_seconds, limit=limit)[0]


def claim_and_look(
    engine: Engine,
    *,
    now: datetime,
    lease_seconds: float,
    limit: int,
    fresh_after: int | None = None,
) -> tuple[list[int], bool]:
    """`claim`, and whether any other message was unprocessed when it claimed (False: the pass
    can end after this batch, without claiming again for nothing).

    A lone message is a short claim: without this, every pass claimed a second time, a write
    transaction that met the outbox worker's claim of the reply at SQLite's single writer (and
    its CPU, on a busy core). A message stored after this claim is not missed: its webhook
    wakes the processor once committed, so another pass follows. When the claim is full, or a
    sender's next message waits behind the one claimed, or another process holds some, the pass
    claims again as before.

    With `fresh_after`, only the messages that are not fresh to this process (`process_fresh`
    takes those).
    """
    with engine.begin() as connection:
        parameters = {"now": now, "until": now + timedelta(seconds=lease_seconds), "limit": limit}
        if fresh_after is not None:
            parameters["mark"] = fresh_after
        taken = connection.execute(
            _claim_statement(connection.dialect.name, fresh_after is not None), parameters
        ).all()
        more = len(taken) >= limit or (
            connection.execute(_COUNT_UNPROCESSED).scalar_one() > len(taken)
        )
    ids = [row_id for row_id, _ in sorted(taken, key=lambda row: (row[1], row[0]))]
    return ids, more


@cache
def _claim_statement(dialect: str, stale_only: bool = False) -> Executable:
    """One UPDATE … RETURNING of the claimable rows (with `stale_only`, those that are not fresh
    to this process: `:mark`), leased and their attempt counted, built once per dialect."""
    me = _INBOUND
    return (
        update(me)
        .where(me.c.id.in_(select(_taken(dialect, False if stale_only else None).c.id)))
        .values(
            locked_until=bindparam("until", type_=me.c.locked_until.type),
            attempts=me.c.attempts + 1,
        )
        .returning(me.c.id, me.c.sent_at)
    )


@cache
def _fresh_statement(dialect: str) -> Executable:
    """One UPDATE … RETURNING of the claimable fresh rows (stored after `:mark`, never
    attempted), marked processed, their attempt counted (it commits with their processing),
    with how many other rows are unprocessed (counted apart from the rows taken: PostgreSQL's
    RETURNING sees the rows before the update, SQLite's after), and what `deliver_replies`
    reads for their senders (their windows, whether replies are held for them)."""
    taken = _taken(dialect, True)
    others = (
        select(func.count().label("n"))
        .where(_INBOUND.c.processed_at.is_(None), _INBOUND.c.id.not_in(select(taken.c.id)))
        .cte("others")
        .prefix_with("MATERIALIZED")
    )
    return (
        update(InboundMessage)
        .where(col(InboundMessage.id).in_(select(taken.c.id)))
        .values(
            processed_at=bindparam("now", type_=_INBOUND.c.sent_at.type),
            locked_until=None,
            attempts=col(InboundMessage.attempts) + 1,
        )
        .returning(
            InboundMessage,
            select(others.c.n).scalar_subquery(),
            SENDER_LAST_INBOUND,
            SENDER_HOLDING,
        )
        .execution_options(synchronize_session=False)
    )


def _taken(dialect: str, fresh: bool | None) -> CTE:
    """The claimable rows, locked: all of them, the fresh ones (`fresh`), or the others.

    Claimable: not processed, no earlier unprocessed message of the same sender, no message of
    the same sender leased (`locked_until` in the future, the message itself included). They are
    found in one pass over the unprocessed rows (the partial indexes of revision 0008), each
    sender's rows numbered in (sent_at, id) order beside whether any of them is leased, whatever
    the planner believes of the table: a plan with a sub-select per row, chosen when the
    statistics still describe an empty table (a burst after a quiet time), took 16 s to claim
    from a backlog of 200. The rows are then locked, checking again that they are not processed
    and not leased (compare-and-set: on PostgreSQL the lock re-reads a row another transaction
    changed meanwhile, and the rows another transaction is claiming or processing are skipped,
    `FOR UPDATE SKIP LOCKED`, not waited for), to be updated by primary key. On PostgreSQL the
    limit is counted after the skip, among `CLAIMS_LOOKED_AT` claims' worth of claimable rows:
    a pass running beside another (`run_backlog_pass`, or another process) takes the next rows
    while the other holds the oldest in its transaction; counted before, it found only rows
    held, took none and ended.
    """
    me = _INBOUND
    now = bindparam("now", type_=me.c.sent_at.type)
    by_sender = {"partition_by": me.c.sender}
    heads = (
        select(
            me.c.id,
            me.c.sent_at,
            me.c.attempts,
            func.row_number().over(**by_sender, order_by=(me.c.sent_at, me.c.id)).label("place"),
            func.max(case((me.c.locked_until > now, 1), else_=0)).over(**by_sender).label("leased"),
        )
        .where(me.c.processed_at.is_(None))
        .subquery("heads")
    )
    ready = select(heads.c.id).where(heads.c.place == 1, heads.c.leased == 0)
    if fresh is not None:
        is_fresh = and_(heads.c.id > bindparam("mark", type_=Integer), heads.c.attempts == 0)
        ready = ready.where(is_fresh if fresh else not_(is_fresh))
    limit = bindparam("limit", type_=Integer)
    looked_at = limit * CLAIMS_LOOKED_AT if dialect == "postgresql" else limit
    ready_cte = (
        ready.order_by(heads.c.sent_at, heads.c.id)
        .limit(looked_at)
        .cte("ready")
        .prefix_with("MATERIALIZED")  # computed once, never once per row of the update
    )
    if dialect == "postgresql":  # by primary key, the ids read once: `= ANY(array)`
        ids = select(func.array_agg(ready_cte.c.id)).scalar_subquery()
        chosen = me.c.id == any_(cast(ids, ARRAY(Integer)))
    else:
        chosen = me.c.id.in_(select(ready_cte.c.id))
    picked = select(me.c.id).where(
        chosen,
        me.c.processed_at.is_(None),
        or_(me.c.locked_until.is_(None), me.c.locked_until <= now),
    )
    if dialect == "postgresql":  # the rows others hold skipped first, then `limit` counted
        picked = (
            picked.order_by(me.c.sent_at, me.c.id).limit(limit).with_for_update(skip_locked=True)
        )
    return picked.cte("taken").prefix_with("MATERIALIZED")


_INBOUND = InboundMessage.__table__  # type: ignore[attr-defined]
# The unprocessed messages (the claimed ones included: marked processed only when processed).
_COUNT_UNPROCESSED = select(func.count()).where(_INBOUND.c.processed_at.is_(None))


def process_batch(
    engine: Engine,
    settings: Settings,
    row_ids: list[int],
    *,
    now: datetime,
    stop: Callable[[int, float], bool] | None = None,
    on_commit: Callable[[], None] | None = None,
) -> None:
    """Process claimed messages in one transaction; if that fails, each in its own.

    With `stop`, the transaction asks `stop(messages it processed, seconds since it began)`
    after every message but its last, and when it says so, puts the messages not processed yet
    back (leased to this process, not processed) and commits; they go on in new transactions of
    at most `SQLITE_PART` messages each (see the module docstring). `on_commit` is called after
    each commit.
    """
    if len(row_ids) == 1:
        process_message(engine, settings, row_ids[0], now=now)
        _called(on_commit)
        return
    cut = _Cut(stop, now + timedelta(seconds=settings.inbound_lease_seconds))
    size = len(row_ids)
    while row_ids:
        started = time.monotonic()
        taken, later = row_ids[:size], row_ids[size:]
        try:
            with transaction(engine) as session:
                done, rest = _process(session, settings, taken, now, cut)
        except Exception as exc:  # nothing of this transaction was written
            logger.warning(
                "inbound: a batch of %d messages failed (%s), processing each alone",
                len(taken),
                type(exc).__name__,
            )
            for row_id in taken:
                process_message(engine, settings, row_id, now=now)
            rest = []
        else:
            count_processed(done, time.monotonic() - started)
        if rest:
            # Stopped early: writers are waiting, and a transaction marks and reads ahead all
            # it takes before its first message; the next ones take a part at most (the others
            # stay leased by the claim), so that each early commit does not read the claim's
            # whole rest again.
            size = SQLITE_PART
        row_ids = rest + later
        _called(on_commit)
        if row_ids:
            ARRIVALS.give_way()


@dataclass(frozen=True, slots=True)
class _Cut:
    """When a transaction of a claim stops early (`process_batch`): `stop()` asked after every
    message, with how many the transaction processed and how long it has run; the rest leased
    until `until`."""

    stop: Callable[[int, float], bool] | None = None
    until: datetime | None = None

    def after(self, handled: int, left: int, began: float) -> bool:
        """Whether to stop after `handled` messages, `left` still to do, in a transaction that
        began at `began` (`time.monotonic()`)."""
        if self.stop is None or not left:
            return False
        return self.stop(handled, time.monotonic() - began)


def _called(callback: Callable[[], None] | None) -> None:
    if callback is not None:
        callback()


def process_message(engine: Engine, settings: Settings, row_id: int, *, now: datetime) -> None:
    """Process one claimed message in one transaction; on failure record it for a retry."""
    started = time.monotonic()
    try:
        with transaction(engine) as session:
            done, _ = _process(session, settings, [row_id], now)
    except Exception as exc:
        logger.exception("inbound message %d failed", row_id)
        try:
            with transaction(engine) as session:
                _record_failure(session, row_id, exc, now)
        except Exception:
            logger.exception("could not record the failure of inbound message %d", row_id)
        return
    count_processed(done, time.monotonic() - started)


@dataclass(frozen=True, slots=True)
class Processed:
    """What processing one message did: its type, a result (answered, no_reply, held,
    refused, failed) and what the conversation made of it."""

    type: str
    result: str
    turn: Turn | None = None


def count_processed(done: list[Processed], seconds: float) -> None:
    """The metrics of messages whose processing committed (`seconds` for all of them)."""
    for processed in done:
        metrics.PROCESSING.observe(seconds / len(done))
        metrics.INBOUND.labels(processed.type, processed.result).inc()
        turn = processed.turn
        if turn is not None:
            metrics.INTENTS.labels(turn.intent).inc()
            if turn.outcome in OUTCOMES:
                metrics.CONVERSATIONS.labels(turn.outcome).inc()


def _process(
    session: Session, settings: Settings, row_ids: list[int], now: datetime, cut: _Cut = _Cut()
) -> tuple[list[Processed], list[int]]:
    """Mark the rows processed (those not processed yet: another process, or a re-delivered
    duplicate, may have done it), then handle each in the order of `row_ids` (`_handle`)."""
    began = time.monotonic()
    if session.get_bind().dialect.name == "postgresql":
        taken = session.execute(_MARK_READING, {"ids": row_ids, "now": now}).all()
        known = {row.sender: (last, holding) for row, last, holding in taken}
        marked = [row for row, *_ in taken]
    else:
        marked = list(session.scalars(_MARK, {"ids": row_ids, "now": now}))
        ids = [row.id for row in marked]
        read = session.execute(_SENDERS_READ, {"ids": ids}).all() if ids else []
        known = {sender: (last, holding) for sender, last, holding in read}
    windows_known(session, known)
    rows = {row.id: row for row in marked}
    return _handle(session, settings, [rows[i] for i in row_ids if i in rows], now, cut, began)


# The mark of claimed rows.
_MARK = (
    update(InboundMessage)
    .where(
        any_of(col(InboundMessage.id), "ids"),
        col(InboundMessage.processed_at).is_(None),
    )
    .values(processed_at=bindparam("now", type_=_INBOUND.c.sent_at.type), locked_until=None)
    .returning(InboundMessage)
    .execution_options(synchronize_session=False)
)
# PostgreSQL: the mark also reads what `deliver_replies` reads for their senders (their
# windows, whether replies are held for them): two statements fewer a transaction.
_MARK_READING = _MARK.returning(SENDER_LAST_INBOUND, SENDER_HOLDING)
# SQLite: a subquery of RETURNING uses no index (each row scanned the whole contact table,
# ~0.1 ms a message with a thousand contacts), and its columns are written unqualified
# (`held.sender = sender`: any sender's held replies counted for all). The rows marked are read
# again by one SELECT, where the subqueries use their indexes.
_SENDERS_READ = select(_INBOUND.c.sender, SENDER_LAST_INBOUND, SENDER_HOLDING).where(
    any_of(_INBOUND.c.id, "ids")
)


def _claim_fresh(
    session: Session, fresh_after: int, now: datetime, limit: int
) -> tuple[list[InboundMessage], bool]:
    """Claim the fresh messages in this transaction, marked processed, in the order of their
    timestamps; and whether any other message was unprocessed (True when none was claimed: the
    others may be claimable by a claim of their own)."""
    bind = session.get_bind()
    taken = session.execute(
        _fresh_statement(bind.dialect.name),
        {"now": now, "mark": fresh_after, "limit": limit},
    ).all()
    windows_known(session, {row.sender: (last, holding) for row, _, last, holding in taken})
    rows = sorted((row for row, *_ in taken), key=lambda row: (row.sent_at, row.id))
    more = not taken or len(taken) >= limit or taken[0][1] > 0
    return rows, more


def _lease(engine: Engine, row_ids: list[int], *, now: datetime, lease_seconds: float) -> list[int]:
    """Claim these messages by id (those still unprocessed and not leased), as `claim` would:
    leased, their attempt counted. Returns the ids leased."""
    me = _INBOUND
    with engine.begin() as connection:
        ids = connection.execute(
            update(me)
            .where(
                any_of(me.c.id, "ids", row_ids),
                me.c.processed_at.is_(None),
                or_(me.c.locked_until.is_(None), me.c.locked_until <= now),
            )
            .values(locked_until=now + timedelta(seconds=lease_seconds), attempts=me.c.attempts + 1)
            .returning(me.c.id)
        ).scalars()
        leased = set(ids)
    return [row_id for row_id in row_ids if row_id in leased]


def _handle(
    session: Session,
    settings: Settings,
    rows: list[InboundMessage],
    now: datetime,
    cut: _Cut,
    began: float,
) -> tuple[list[Processed], list[int]]:
    """Handle each row, marked processed (its sender's window read with the mark), in this
    order, until `cut` says to stop. Returns what was done and the ids put back for a next
    transaction (not processed, leased to this process)."""
    batch = [
        # Given up (see `_answer`) without reading what it says.
        (row, None if row.attempts > MAX_ATTEMPTS else message_from_dict(row.payload["message"]))
        for row in rows
    ]
    if len(batch) > 1:
        _read_ahead(session, batch)
    done = []
    for row, message in batch:
        # What a simulated message queues (the back office's simulator) is captured, never sent.
        simulated: AbstractContextManager[None] = (
            captured(session) if row.provider == SIMULATOR_PROVIDER else nullcontext()
        )
        with simulated:
            done.append(_answer(session, settings, row, message, now))
        if cut.after(len(done), len(batch) - len(done), began):
            rest = [row.id for row, _ in batch[len(done) :] if row.id is not None]
            session.execute(
                update(InboundMessage)
                .where(any_of(InboundMessage.id, "ids", rest))
                .values(processed_at=None, locked_until=cut.until)
            )
            return done, rest
    return done, []


def _read_ahead(
    session: Session,
    batch: list[tuple[InboundMessage, InboundMessageEvent | None]],
) -> None:
    """Read what the batch's messages will read first, one statement each for all of them:
    their managers; for the active ones, their stores and, for the messages the conversation
    will read, their conversations, locked, and the latest alert pushes to them (the senders'
    windows and replies held were read with the mark). Each message's own code takes its part
    from there (and reads what was not read ahead)."""
    managers = identify_ahead(session, [message for _, message in batch if message is not None])
    active = list(
        dict.fromkeys(m.id for m in managers.values() if m and m.active and m.id is not None)
    )
    readers = [managers.get(row.sender) for row, message in batch if message and as_typed(message)]
    conversing = [m.id for m in readers if m is not None and m.active and m.id is not None]
    stores_ahead(session, active)
    lock_conversations(session, conversing)
    pushes_ahead(session, [m.phone for m in readers if m is not None and m.active])


def _answer(
    session: Session,
    settings: Settings,
    row: InboundMessage,
    message: InboundMessageEvent | None,
    now: datetime,
) -> Processed:
    """One message, marked processed: the replies it calls for, queued; what was done."""
    if message is None:  # earlier attempts died with their process: more than MAX_ATTEMPTS
        _give_up(session, row, "too many attempts", now)
        return Processed(row.type, "failed")
    manager = identify(session, message)
    if isinstance(message, SystemMessage):  # never answered as such
        if message.kind == NUMBER_CHANGED and manager is not None and manager.active:
            change_number(session, manager, message, now=now)
        return Processed(row.type, "no_reply")
    if manager is None or not manager.active:
        _refuse(session, row, now)
        return Processed(row.type, "refused")
    # The replies first: the sale's confirmation reads before the alert the sale caused.
    with pushes_after(session, settings=settings, now=now):
        answer = replies_to(session, manager, message, settings=settings, now=now)
        if answer.turn is not None and answer.turn.outcome == MISUNDERSTOOD:
            # Kept for the owner's insight (`stockbot usage`: the messages misunderstood most).
            row.payload = row.payload | {TURN_KEY: answer.turn.as_dict()}
            session.add(row)
        confirmation = order_confirmation(session, settings, manager, take_placed(session))
        deliver_replies(
            session,
            row,
            reply_recipient(manager, message),
            answer.replies,
            now=now,
            confirmation=confirmation,
            repeated=take_confirming(session),
            asking=take_asking(session, row.provider_message_id),
        )
    result = "held" if row.replies_held else "answered" if answer.replies else "no_reply"
    return Processed(row.type, result, answer.turn)


def _refuse(session: Session, row: InboundMessage, now: datetime) -> None:
    """At most one polite refusal a day to a sender who is not an active manager."""
    if not row.sender.startswith("+"):
        return  # no phone number to answer (a username-only user)
    contact = session.scalars(select(Contact).where(col(Contact.phone) == row.sender)).first()
    if contact is None:
        contact = Contact(phone=row.sender, created_at=now)
        session.add(contact)
    if not window_open(contact.last_inbound_at, now):
        return  # a late re-delivery: the refusal could only fail
    last = contact.last_refused_at
    if last is not None and now - last < REFUSAL_INTERVAL:
        return
    contact.last_refused_at = now
    enqueue(session, row.sender, REFUSAL, inbound_message_id=row.id, now=now)
    logger.info("refused unregistered sender %s", mask_phone(row.sender))


def _record_failure(session: Session, row_id: int, exc: Exception, now: datetime) -> None:
    row = session.get(InboundMessage, row_id, with_for_update=True)
    if row is None or row.processed_at is not None:
        return
    error = f"{type(exc).__name__}: {str(exc)[:500]}"
    if row.attempts >= MAX_ATTEMPTS:
        _give_up(session, row, error, now)
        return
    row.error = error
    row.locked_until = now + min(timedelta(seconds=2**row.attempts), MAX_RETRY_DELAY)
    session.add(row)


def _give_up(session: Session, row: InboundMessage, error: str, now: datetime) -> None:
    """Mark a message processed with its error; apologise to the manager who sent it."""
    row.processed_at = now
    row.locked_until = None
    row.error = error
    session.add(row)
    logger.error("inbound message %d abandoned after %d attempts: %s", row.id, row.attempts, error)
    manager = find_manager(session, row.sender)
    if manager is not None and manager.active:
        enqueue(
            session, manager.phone, apology(manager.language), inbound_message_id=row.id, now=now
        )
