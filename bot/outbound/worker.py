"""The outbox worker: claims due rows, sends them within Meta's limits, records what happened.

One coroutine claims rows (`claims.claim_due`, under a lease; a backlog a small batch first,
then more at a time, so that the first send goes out soon), a fixed number of sender tasks
(`outbox_concurrency`, never more: unbounded tasks collapse httpx's pool) send them at the
number's rate (`budget.SendBudget`, shared with every other worker through the database), and a
writer records outcomes in small batches (`outcomes.record_outcomes`). Sending is paused for
every worker when the provider says the credentials or the account are unusable (StopSending).
A send refused for throughput (130429, HTTP 429) slows the number's rate for every worker
(`bot/outbound/adaptive.py`) and its row is sent again at once by its sender, at the slower rate,
without counting an attempt (the other senders go on; a stop or a pause ends the loop with a
retry written to the row). Meta's app or account rate limit (4, 80007: every send would meet
it) cuts the rate too, and holds every send of the worker for the wait Meta asks (the rows go
back to the queue, due then, no attempt counted), those already waiting for their rate slot
included; the hold is recorded for every worker (`bot/outbound/account_limit.py`, where a
failed delivery status with those codes records it too), each reads it before it claims and
claims nothing until it ends; a limit that lasts shows in `stockbot doctor` and the metrics.

No row is sent twice by workers that stay alive: a worker holds at most what its rate sends in
`CLAIM_AHEAD_SECONDS` (and `outbox_batch_size`), renews the leases of every row it holds every
quarter of `outbox_lease_seconds` (its heartbeat: short leases, so that the rows of a worker that
died are taken back seconds later), and marks each row in flight in its own commit before it
waits for its rate slot and sends (`claims.mark_in_flight`, the marks of sends starting together
in one commit, gathered for a few milliseconds while a backlog waits for its slots anyway; the
first rows of a claim made while the worker holds no other, whose slots come with the claim and
are due at once, are marked in its transaction instead, `_premark`); a row it no longer holds
at that moment is left for whoever claims it, and one whose lease ran out while it waited for
its slot goes back in the queue unmarked (`outcomes.Unsent`: its send never started). A send
whose answer never comes back (the worker dies, or the send times out) leaves its row in
doubt: it goes again only when no status webhook confirmed it within the grace period
(`bot.outbound.in_doubt`), and every Meta send carries a tag its statuses echo for that purpose.
The send itself is bounded by `outbox_send_timeout_seconds`, enforced around the transport.

An outcome is kept (and the row's lease renewed) until it is written: a write that fails is
tried again with a growing delay, never dropped, so a send that went out is not sent again
because its row stayed in 'sending'. A sender task never dies of an error: whatever goes wrong
around a send becomes a retry of that row.

Stopping (`stop()`, SIGTERM or Ctrl-C for `stockbot worker`, the app's shutdown, or an error
while claiming) claims nothing more, lets the sends in flight finish (each is bounded by the send
timeout), writes their outcomes, then puts the rows it holds but did not send back in the queue
(`claims.release_claims`) so that the next worker sends them at once, not when their lease ends;
a send still in doubt then keeps its row leased and marked.

Statuses that a webhook recorded while this worker was storing a message id (PostgreSQL, READ
COMMITTED: the webhook's UPDATE found no row, and its commit came after the worker's catch-up
read) are caught up again `RECHECK_SECONDS` later (`_recheck_statuses`).

- `stockbot worker`: `run_until_stopped(OutboxWorker(...))`: restarts after an error, until
  stopped.
- `stockbot worker --until-idle`: `run(until_idle=True)` sends everything due (retries and paced
  rows included while they come due within `max_wait` seconds) and returns.
- `stockbot serve`: `run_outbox(ctx)` runs one worker in the app (always on SQLite; on
  PostgreSQL unless `OUTBOX_WORKER_IN_APP=false`, for deployments with separate workers).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import socket
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.clock import utcnow
from bot.db.engine import reading
from bot.db.models import SystemState
from bot.errors import (
    OutsideWindowError,
    PermanentSendError,
    RetryableSendError,
    StopSending,
)
from bot.operations import metrics
from bot.outbound.account_limit import LIMIT_KEY, clear_limit, limit_from, note_limit
from bot.outbound.budget import Reservation, SendBudget, budget_key
from bot.outbound.claims import (
    Claim,
    Fail,
    claim_due,
    count_pending,
    mark_in_flight,
    next_due_at,
    release_claims,
    renew_leases,
)
from bot.outbound.in_doubt import send_tag
from bot.outbound.messages import from_payload
from bot.outbound.outcomes import (
    Done,
    Outcome,
    Retry,
    Unsent,
    UseFallback,
    catch_up_statuses,
    record_outcomes,
)
from bot.outbound.pause import (
    PAUSE_KEY,
    Pause,
    lift_if_credentials_changed,
    pause_sending,
)
from bot.outbound.policy import give_up_reason, retry_at
from bot.phones import mask_phone
from bot.settings import Settings
from bot.transports import make_transport
from bot.transports.base import AccountBlocked, AccountRateLimited, ThroughputExceeded, Transport

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

# What a claim hands the event loop: the rows, the slots reserved with them, the rows marked in
# flight with them (id -> the mark's moment).
_Claimed = tuple[list[Claim], Reservation | None, dict[int, datetime]]

IDLE_POLL_SECONDS = 1.0
BUSY_POLL_SECONDS = 0.5
FLUSH_DELAY_SECONDS = 0.02  # lets outcomes gather into one transaction (~20 at 1,000/s)
# The in-flight marks of sends that would wait for their slots anyway gather into one
# transaction for half of that wait, at most this long (~7 at 1,000/s instead of one or two).
MARK_GATHER_SECONDS = 0.02
RESTART_DELAY_SECONDS = 5.0
CLAIM_AHEAD_SECONDS = 2.0
# A backlog is claimed this much of sending first (at least FIRST_CLAIM_ROWS), then twice as much
# each time a claim comes back full, up to the batch: the first send does not wait for a claim
# of the whole batch (65 ms for 1,000 rows on SQLite), and the next claim runs while it goes.
FIRST_CLAIM_SECONDS = 0.1
FIRST_CLAIM_ROWS = 100
# A write of outcomes that failed is tried again after 0.1 s, 0.2 s… up to 5 s; when stopping,
# WRITE_TRIES_WHEN_STOPPING times at most (then the rows wait for their lease to end).
WRITE_RETRY_SECONDS = (0.1, 5.0)
WRITE_TRIES_WHEN_STOPPING = 6
RECHECK_SECONDS = 5.0  # longer than a status webhook's transaction takes to commit


@dataclass
class WorkerReport:
    """What a run did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    paused: str = ""  # why sending is paused, when it is
    left: int = 0  # rows still pending when an --until-idle run stopped waiting
    errors: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Refused:
    """A send the provider refused for throughput, at `at`: its row is sent again at once."""

    error: ThroughputExceeded
    at: datetime


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class OutboxWorker:
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        transport: Transport | None = None,
        *,
        worker_id: str | None = None,
        wake: asyncio.Event | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.worker_id = worker_id or new_worker_id()
        self.report = WorkerReport()
        self._transport = transport
        self._wake = wake or asyncio.Event()
        # The rows this worker holds: id -> time.monotonic() at which its lease may end. A row
        # stays here until its outcome is written (or it is put back when the worker stops).
        self._leases: dict[int, float] = {}
        self._outcomes: list[Outcome] = []  # not written yet (kept across a restart of run())
        self._outcomes_ready = asyncio.Event()
        self._all_in = asyncio.Event()  # every row held has its outcome waiting to be written
        self._progress = asyncio.Event()
        self._stop_requested = asyncio.Event()
        self._closing = False  # run() is winding down: no new send starts
        self._draining = False  # and its senders are done: the writer writes what is left, ends
        self._sending: dict[asyncio.Task[None], int] = {}  # sender -> row whose send started
        # Rows whose senders wait for their in-flight mark: row id -> the mark's moment (None: the
        # row is no longer this worker's); written together by `_marker`.
        self._marks: dict[int, asyncio.Future[datetime | None]] = {}
        self._marks_ready = asyncio.Event()
        # Rows marked in flight in their claim's transaction (`_claim`): row id -> the mark's
        # moment; their senders need no mark of their own.
        self._premarked: dict[int, datetime] = {}
        self._claiming: asyncio.Future[_Claimed] | None = None
        self._budget: SendBudget | None = None  # the run's: its slots reserved with the claims
        self._recheck: deque[tuple[float, list[str]]] = deque()  # (written at, message ids)
        self._stop_error: StopSending | None = None
        self._pause_written = False
        self._pause_noted: tuple[str, bool] = ("", False)
        # Meta's app or account rate reached (4, 80007): no send starts before `_held_until`
        # (time.monotonic()); the refusal met last, for the record the writer keeps.
        self._held_until = 0.0
        self._hold_error: AccountRateLimited | None = None
        self._limit_met: tuple[AccountRateLimited, datetime] | None = None
        self._limit_noted = True  # unknown at the start (another worker's): looked at once
        self._provider = transport.name if transport is not None else settings.whatsapp_provider
        # The metrics every send updates, labelled once per run (`labels()` is a locked lookup).
        self._sent_metric = metrics.SENDS.labels(self._provider, "sent", "")
        self._latency_metric = metrics.SEND_LATENCY.labels(self._provider)

    def wake(self) -> None:
        """New rows may be due (`bot.outbound.wakeup`): claim now rather than at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        """Ask `run()` and `run_until_stopped` to stop; the sends in flight finish first."""
        self._stop_requested.set()
        self._progress.set()
        self._wake.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop_requested.is_set()

    async def wait_stop(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for `stop()`; whether it came."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_requested.wait(), timeout=timeout)
        return self.stop_requested

    async def run(self, *, until_idle: bool = False, max_wait: float = 60.0) -> WorkerReport:
        """Send until stopped or cancelled (or, with `until_idle`, until nothing comes due within
        max_wait). Either way the sends in flight finish and every outcome is written first."""
        transport = self._transport or make_transport(self.settings)
        self._provider = transport.name
        self._sent_metric = metrics.SENDS.labels(self._provider, "sent", "")
        self._latency_metric = metrics.SEND_LATENCY.labels(self._provider)
        queue: asyncio.Queue[Claim] = asyncio.Queue()
        budget = SendBudget(
            self.engine,
            budget_key(self.settings, transport.name),
            self.settings.outbox_rate_per_second,
            holder=self.worker_id,
            ready=queue.qsize,
        )
        self._budget = budget
        self._closing = self._draining = False
        # Outcomes a previous run could not write: their rows are still this worker's.
        self._leases = {o.id: self._leases.get(o.id, 0.0) for o in self._outcomes}
        if self._outcomes:
            self._outcomes_ready.set()
        senders = [
            asyncio.create_task(self._sender(queue, transport, budget))
            for _ in range(self.settings.outbox_concurrency)
        ]
        writer = asyncio.create_task(self._writer(transport.name))
        helpers = [
            asyncio.create_task(self._keep_leases()),
            asyncio.create_task(self._marker(queue, budget)),
            asyncio.create_task(self._recheck_statuses()),
        ]
        try:
            await self._claim_loop(queue, until_idle=until_idle, max_wait=max_wait)
        finally:
            # Shielded: a second cancellation (Ctrl-C twice) stops waiting, not the wind-down.
            await asyncio.shield(self._wind_down(senders, writer, helpers, transport))
        return self.report

    async def _claim_loop(
        self, queue: asyncio.Queue[Claim], *, until_idle: bool, max_wait: float
    ) -> None:
        settings = self.settings
        rate = settings.outbox_rate_per_second
        ahead = math.ceil(rate * CLAIM_AHEAD_SECONDS)
        most = min(settings.outbox_batch_size, max(settings.outbox_concurrency, ahead))
        first = min(most, max(FIRST_CLAIM_ROWS, math.ceil(rate * FIRST_CLAIM_SECONDS)))
        size = first
        while not self.stop_requested:
            # Cleared before looking at the database: a wake-up (new rows committed) or progress
            # (an outcome written, which may unblock that recipient's next row) that comes while
            # the claim or the idle check runs is not lost.
            self._wake.clear()
            self._progress.clear()
            claimed: list[Claim] = []
            full = False
            if len(self._leases) <= most // 2:
                limit = min(size, most - len(self._leases))
                started = time.monotonic()
                # Shielded: when run() is cancelled meanwhile, the wind-down still learns that the
                # claim committed, and puts its rows back.
                self._claiming = asyncio.ensure_future(
                    asyncio.to_thread(self._claim, limit, premark=not self._leases)
                )
                claimed, reservation, premarked = await asyncio.shield(self._claiming)
                self._claiming = None
                budget = self._budget
                if budget is not None:
                    budget.add(reservation)
                for claim in claimed:
                    if claim.id not in self._leases:  # else already queued here
                        queue.put_nowait(claim)
                        if claim.id in premarked:
                            self._premarked[claim.id] = premarked[claim.id]
                    self._leases[claim.id] = started + settings.outbox_lease_seconds
                full = len(claimed) >= limit
                size = min(most, size * 2) if full else first
            if self._leases:
                if not (full and len(self._leases) <= most // 2):  # else more at once
                    await self._nudged(BUSY_POLL_SECONDS)
                continue
            if claimed:
                continue
            wait = await asyncio.to_thread(self._idle_wait)
            if until_idle and (self.report.paused or wait is None or wait > max_wait):
                if wait is not None:
                    self.report.left = await asyncio.to_thread(self._count_pending)
                return
            timeout = IDLE_POLL_SECONDS if wait is None else min(max(wait, 0.01), IDLE_POLL_SECONDS)
            await self._nudged(timeout)

    async def _nudged(self, timeout: float) -> None:
        """Wait up to `timeout` for new rows (`wake`), an outcome written, or a stop."""
        waits = [asyncio.ensure_future(event.wait()) for event in (self._wake, self._progress)]
        try:
            await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()

    async def _wind_down(
        self,
        senders: list[asyncio.Task[None]],
        writer: asyncio.Task[None],
        helpers: list[asyncio.Task[None]],
        transport: Transport,
    ) -> None:
        """Let the sends in flight finish, write every outcome, put the unsent rows back."""
        self._closing = True
        for task in senders:
            if task not in self._sending:  # waiting for a row or a slot: nothing went out
                task.cancel()
        # A send in flight ends within the send timeout (asyncio.timeout around the transport).
        _, late = await asyncio.wait(
            senders, timeout=self.settings.outbox_send_timeout_seconds + 1.0
        )
        in_doubt = {self._sending[task] for task in late if task in self._sending}
        for task in late:
            task.cancel()
        await self._settle(senders)
        if self._claiming is not None:  # a claim committing in its thread: its rows go back too
            await asyncio.gather(self._claiming, return_exceptions=True)
            self._claiming = None
        self._draining = True
        self._outcomes_ready.set()
        await self._settle([writer])  # it returns once everything is written (or it gives up)
        unwritten = {o.id for o in self._outcomes} | in_doubt
        if unwritten:
            logger.error(
                "outbox: %d outcomes could not be written; those rows are taken again when their "
                "lease ends (a message that went out may then go twice)",
                len(unwritten),
            )
        try:
            released = await asyncio.to_thread(self._release, unwritten)
        except Exception as exc:
            logger.warning(
                "outbox: could not put back the unsent messages (%s); they are taken again when "
                "their lease ends",
                type(exc).__name__,
            )
        else:
            if released:
                logger.info("outbox: %d messages not sent by this worker put back", released)
        self._premarked.clear()  # those not sent were put back, their marks cleared
        await self._recheck_now(everything=True)
        for task in helpers:
            task.cancel()
        await self._settle(helpers)
        # Only rows whose outcome waits to be written stay this worker's (for a restart of run());
        # a send in doubt has no outcome coming: its row is taken again when its lease ends.
        waiting = {o.id for o in self._outcomes}
        self._leases = {row_id: ends for row_id, ends in self._leases.items() if row_id in waiting}
        self._sending.clear()
        if self._transport is None:
            with contextlib.suppress(Exception):
                await transport.aclose()

    @staticmethod
    async def _settle(tasks: list[asyncio.Task[None]]) -> None:
        for result in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(result, Exception):
                logger.error("outbox: a worker task failed", exc_info=result)

    # --- database (in threads) -----------------------------------------------------------------

    def _claim(self, limit: int, *, premark: bool = False) -> _Claimed:
        """Lease due rows; with them, while this worker sends alone, the rate slots they need
        (one transaction for both). With `premark` (this worker holds no other row), the first rows
        are also marked in flight in that transaction when their slots are due at once
        (`_premark`)."""
        if self._stop_error is not None and not self._pause_written:
            return [], None, {}  # the writer is about to record the pause
        now = utcnow()
        with self.engine.begin() as connection:
            # One cheap query before each claim: a pause or Meta's rate limit recorded (by this
            # worker, another, or a delivery status), read through the ORM only when there is one.
            recorded: dict[str, Any] = dict(connection.execute(_SENDING_STATE).all())
            if PAUSE_KEY in recorded:
                with Session(bind=connection) as session:  # in the connection's transaction
                    pause = lift_if_credentials_changed(session, self.settings)
                if pause is not None:
                    self._note(pause)
                    return [], None, {}
            if self._held_by(recorded.get(LIMIT_KEY), now):
                return [], None, {}
            if self._pause_written:  # lifted (new credentials or by hand): send again
                self._stop_error, self._pause_written = None, False
            self.report.paused = ""
            batch = claim_due(
                connection, self.settings, worker_id=self.worker_id, now=now, limit=limit
            )
            budget = self._budget
            reservation = None
            premarked: dict[int, datetime] = {}
            if batch.claims and budget is not None:
                reservation = budget.reserve_with_claim(connection, len(batch.claims))
                if premark and reservation is not None and budget.due_at_once(reservation):
                    first = min(self.settings.outbox_concurrency, reservation.count)
                    premarked = self._premark(connection, [c.id for c in batch.claims[:first]], now)
        self.report.failed += batch.failed
        for failure in batch.failures:  # never sent: too old, no window, template not allowed
            metrics.SENDS.labels(self._provider, "failed", failure.code).inc()
        return batch.claims, reservation, premarked

    def _premark(
        self, connection: Connection, ids: list[int], now: datetime
    ) -> dict[int, datetime]:
        """Mark claimed rows in flight in their claim's transaction, as many as there are
        senders (all free: the worker held no row), with slots reserved in that transaction and
        the first one due at once: their senders take them at once, and a lone reply, or the
        start of a backlog, needs no transaction of its own for the marks (on PostgreSQL three
        round trips and a thread hand-off). As for any mark, a stop or a pause before the send
        clears it (the retry, or the release of unsent rows); a kill leaves the row in doubt,
        sent again after the grace period only if no status confirms it, never twice. Returns
        {row id: the mark's moment} (empty: not marked)."""
        until = now + timedelta(seconds=self.settings.outbox_lease_seconds)
        marked = mark_in_flight(connection, ids, worker_id=self.worker_id, until=until, now=now)
        return dict.fromkeys(marked, now)

    def _held_by(self, value: object, now: datetime) -> bool:
        """Whether sending is held now (Meta's rate limit met by this worker, or recorded by
        another or by a delivery status: its hold is then this worker's too)."""
        limit = limit_from(value) if value is not None else None
        if limit is not None:
            self._limit_noted = True  # a send taken after its hold clears it
            left = (limit.until - now).total_seconds()
            if left > 0 and time.monotonic() + left > self._held_until:
                self._held_until = time.monotonic() + left
                self._hold_error = AccountRateLimited(limit.reason, code=limit.code)
        return self._held_until > time.monotonic()

    def _note(self, pause: Pause) -> None:
        self.report.paused = f"{pause.code}: {pause.reason}"
        noted = (pause.since, pause.superseded)
        if noted != self._pause_noted and (pause.superseded or not self._pause_written):
            if pause.superseded:
                logger.warning(
                    "outbox: this worker's credentials were refused (%s) and replaced since %s: "
                    "it sends nothing until it gets the new ones or `stockbot outbox --resume`",
                    pause.code,
                    pause.since,
                )
            else:
                logger.warning("outbox: sending paused since %s (%s)", pause.since, pause.code)
        self._pause_noted = noted

    def _renew(self, ids: list[int]) -> set[int]:
        now = utcnow()
        until = now + timedelta(seconds=self.settings.outbox_lease_seconds)
        with self.engine.begin() as connection:
            return renew_leases(connection, ids, worker_id=self.worker_id, until=until, now=now)

    def _mark_in_flight(self, ids: list[int]) -> tuple[datetime, set[int]]:
        now = utcnow()
        until = now + timedelta(seconds=self.settings.outbox_lease_seconds)
        with self.engine.begin() as connection:
            marked = mark_in_flight(connection, ids, worker_id=self.worker_id, until=until, now=now)
        return now, marked

    def _release(self, keep: set[int]) -> int:
        with self.engine.begin() as connection:
            return release_claims(connection, worker_id=self.worker_id, keep=keep, now=utcnow())

    def _idle_wait(self) -> float | None:
        """Seconds until the next pending row can be claimed (None: nothing pending), the hold
        of Meta's rate limit included."""
        with reading(self.engine) as connection:  # no ROLLBACK: psycopg keeps what it prepared
            moment = next_due_at(connection)
        if moment is None:
            return None
        return max((moment - utcnow()).total_seconds(), self._held_until - time.monotonic())

    def _count_pending(self) -> int:
        with reading(self.engine) as connection:
            return count_pending(connection)

    def _record(self, outcomes: list[Outcome], provider: str) -> None:
        now = utcnow()
        stop = self._stop_error
        if stop is not None and not self._pause_written:
            self._persist_pause(stop, now)
        with self.engine.begin() as connection:
            record_outcomes(
                connection, outcomes, worker_id=self.worker_id, provider=provider, now=now
            )
        self._note_limit(outcomes)

    def _persist_pause(self, error: StopSending, now: datetime) -> None:
        try:
            with Session(self.engine) as session, session.begin():
                pause = pause_sending(
                    session, self.settings, reason=str(error), code=error.code_text("stop"), now=now
                )
        except IntegrityError:  # another worker paused at the same moment
            self._pause_written = True
            return
        self._pause_written = True
        metrics.PAUSES.labels(error.code_text()).inc()
        self._pause_noted = (pause.since, pause.superseded)
        self.report.paused = f"{pause.code}: {pause.reason}"

    def _catch_up(self, message_ids: list[str]) -> None:
        with self.engine.begin() as connection:
            catch_up_statuses(connection, message_ids, utcnow())

    # --- tasks ---------------------------------------------------------------------------------

    async def _sender(
        self, queue: asyncio.Queue[Claim], transport: Transport, budget: SendBudget
    ) -> None:
        me = asyncio.current_task()
        assert me is not None
        while not self._closing:
            claim = await queue.get()
            try:
                outcome = await self._send_until_taken(claim, transport, budget, me)
                if outcome is None:  # its lease is no longer sure: left for whoever claims it
                    self._leases.pop(claim.id, None)
                    self._progress.set()
                    continue
                self._count(outcome)
                self._outcomes.append(outcome)
                self._outcomes_ready.set()
                if len(self._outcomes) >= len(self._leases):
                    self._all_in.set()
            finally:
                self._sending.pop(me, None)

    async def _send_until_taken(
        self, claim: Claim, transport: Transport, budget: SendBudget, sender: asyncio.Task[None]
    ) -> Outcome | None:
        """Send the row; when the provider refuses it for throughput, send it again at once, at
        the rate `budget.refused()` slowed down (its slot is the wait), until it is taken or
        something else happens. Only its own sender waits: the other rows go on."""
        while True:
            try:
                outcome = await self._send_one(claim, transport, budget, sender)
            except Exception as exc:  # a bug around the send must not kill the sender
                logger.exception("outbox: unexpected error around message %d", claim.id)
                return self._retry(claim, RetryableSendError(type(exc).__name__, code="internal"))
            if not isinstance(outcome, Refused):
                return outcome
            # Nothing of this row is in flight now: a stop need not wait for it. Its in-flight
            # mark stays until the next send's (a kill meanwhile leaves it in doubt, not lost).
            self._sending.pop(sender, None)
            self._count(Retry(claim.id, outcome.at, outcome.error, count_attempt=False))
            if self._closing or self._stop_error is not None:
                return Retry(claim.id, outcome.at, outcome.error, count_attempt=False)

    async def _writer(self, provider: str) -> None:
        """Write outcomes in batches; a batch stays (its rows leased) until its write succeeds."""
        failures = 0
        while True:
            await self._outcomes_ready.wait()
            # Gathered for a moment while other sends are under way, until every row held has
            # its outcome (a lone reply's, a backlog's last: the next part of a reply to that
            # recipient, or the end of the run, waits for this write).
            if not self._closing and len(self._outcomes) < len(self._leases):
                self._all_in.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._all_in.wait(), FLUSH_DELAY_SECONDS)
            self._outcomes_ready.clear()
            batch = self._outcomes[:]  # senders only append: what is written is a prefix
            if batch:
                try:
                    await asyncio.to_thread(self._record, batch, provider)
                except Exception as exc:
                    failures += 1
                    if self._draining and failures >= WRITE_TRIES_WHEN_STOPPING:
                        return
                    first, most = WRITE_RETRY_SECONDS
                    delay = min(most, first * 2 ** (failures - 1))
                    log = logger.exception if failures == 1 else logger.warning
                    log(
                        "outbox: could not record %d outcomes (%s), trying again in %g s",
                        len(batch),
                        type(exc).__name__,
                        delay,
                    )
                    await asyncio.sleep(delay)
                    self._outcomes_ready.set()
                    continue
                failures = 0
                del self._outcomes[: len(batch)]
                for outcome in batch:
                    self._leases.pop(outcome.id, None)
                sent = [o.provider_message_id for o in batch if isinstance(o, Done)]
                if any(sent):
                    self._recheck.append((time.monotonic(), [m for m in sent if m]))
                self._progress.set()
            if self._draining and not self._outcomes:
                return

    async def _keep_leases(self) -> None:
        """The heartbeat: renews the leases of the rows held, four times per lease."""
        settings = self.settings
        period = settings.outbox_lease_seconds / 4
        while True:
            await asyncio.sleep(period)
            held = list(self._leases)
            if not held:
                continue
            started = time.monotonic()
            try:
                kept = await asyncio.to_thread(self._renew, held)
            except Exception as exc:  # the leases run out; no send starts past them
                logger.warning(
                    "outbox: could not renew the leases of %d messages (%s)",
                    len(held),
                    type(exc).__name__,
                )
                continue
            for row_id in kept:
                if row_id in self._leases:  # else recorded meanwhile
                    self._leases[row_id] = started + settings.outbox_lease_seconds

    async def _marker(self, queue: asyncio.Queue[Claim], budget: SendBudget) -> None:
        """Commit the in-flight marks of the sends about to start, together, then let them go.

        Each sender asks for its mark as it comes free, a moment after another. While more rows
        wait in the queue, the marks asked for are gathered for half the time the sends already
        waiting for their slots take to start (at most `MARK_GATHER_SECONDS`): the sends being
        marked could not start sooner anyway, they come after those. A lone reply, or the last
        rows of a backlog, are marked at once."""
        while True:
            await self._marks_ready.wait()
            gather = min(MARK_GATHER_SECONDS, budget.queued_seconds() / 2) if queue.qsize() else 0
            if gather > 0:
                await asyncio.sleep(gather)
            self._marks_ready.clear()
            waiting, self._marks = self._marks, {}
            started = time.monotonic()
            try:
                moment, marked = await asyncio.to_thread(self._mark_in_flight, sorted(waiting))
            except Exception as exc:  # not marked: those rows are not sent now
                logger.warning(
                    "outbox: could not mark %d sends in flight (%s)",
                    len(waiting),
                    type(exc).__name__,
                )
                moment, marked = utcnow(), set()
            for row_id, future in waiting.items():
                if row_id in marked and row_id in self._leases:
                    self._leases[row_id] = started + self.settings.outbox_lease_seconds
                if not future.done():
                    future.set_result(moment if row_id in marked else None)

    async def _mark(self, row_id: int) -> datetime | None:
        """Wait for the row's in-flight mark to be committed; its moment, or None when the row
        is no longer this worker's."""
        future: asyncio.Future[datetime | None] = asyncio.get_running_loop().create_future()
        self._marks[row_id] = future
        self._marks_ready.set()
        return await future

    async def _recheck_statuses(self) -> None:
        while True:
            await asyncio.sleep(RECHECK_SECONDS / 2)
            await self._recheck_now()

    async def _recheck_now(self, *, everything: bool = False) -> None:
        """Apply statuses stored for ids this worker wrote RECHECK_SECONDS ago (or all of them)."""
        due: list[str] = []
        ripe = time.monotonic() - RECHECK_SECONDS
        while self._recheck and (everything or self._recheck[0][0] <= ripe):
            due.extend(self._recheck.popleft()[1])
        if not due:
            return
        try:
            await asyncio.to_thread(self._catch_up, due)
        except Exception as exc:  # tried again at the next pass
            logger.warning("outbox: could not catch up delivery statuses (%s)", type(exc).__name__)
            if not everything:
                self._recheck.appendleft((ripe, due))

    def _lease_holds(self, row_id: int) -> bool:
        """Whether the row's lease has not ended (the in-flight mark checks it again)."""
        ends = self._leases.get(row_id)
        return ends is not None and ends > time.monotonic()

    async def _send_one(
        self, claim: Claim, transport: Transport, budget: SendBudget, sender: asyncio.Task[None]
    ) -> Outcome | Refused | None:
        if self._stop_error is not None:
            self._premarked.pop(claim.id, None)  # the retry clears the row's mark
            return Retry(claim.id, utcnow(), self._stop_error, count_attempt=False)
        held = self._held(claim)
        if held is not None:
            # The retry clears the row's mark: a mark kept here would let the row, claimed
            # again by this worker, be sent unmarked (neither in doubt nor leased if it dies).
            self._premarked.pop(claim.id, None)
            return held
        try:
            message = from_payload(claim.kind, claim.payload)
        except Exception as exc:  # ValidationError, or a payload of another shape: never sendable
            return Fail.of(claim, "invalid", f"message enregistré invalide : {exc}")
        # Marked before its slot: the mark's commit is then not part of the time a send holds
        # a place in the receiver window (at 1,000/s each millisecond there costs one send a
        # second). A stop or a pause meanwhile clears the mark (the retry below, or the release
        # of unsent rows); a kill leaves the row in doubt, never sent twice.
        started = self._premarked.pop(claim.id, None)
        if started is None:
            started = await self._mark(claim.id) if self._lease_holds(claim.id) else None
        if started is None:
            logger.warning("outbox: lease of message %d ran out before its send", claim.id)
            return None
        waiting = time.monotonic()
        await budget.acquire()
        metrics.RATE_WAIT.observe(time.monotonic() - waiting)
        if self._stop_error is not None:  # paused while this one waited for its slot
            budget.release()
            return Retry(claim.id, utcnow(), self._stop_error, count_attempt=False)
        held = self._held(claim)
        if held is not None:  # held while it waited for its slot: the retry clears its mark
            budget.release()
            return held
        if not self._lease_holds(claim.id):  # the heartbeat could not renew it meanwhile
            budget.release()
            logger.warning("outbox: lease of message %d ran out before its send", claim.id)
            # Marked, never sent: back in the queue unmarked, rather than held in doubt for the
            # grace period (if this cannot be written, it is in doubt as before: a delay).
            return Unsent(claim.id, started)
        self._sending[sender] = claim.id  # from here on, a stop waits for this send's outcome
        sending = time.monotonic()
        taken = True
        try:
            async with asyncio.timeout(self.settings.outbox_send_timeout_seconds):
                try:
                    result = await transport.send(
                        claim.recipient, message, tag=send_tag(claim.id, started)
                    )
                except ThroughputExceeded:
                    taken = False
                    raise
                finally:
                    budget.release(taken=taken)
                    self._latency_metric.observe(time.monotonic() - sending)
        except TimeoutError:  # the answer never came: the row stays in doubt (marked)
            return self._retry(claim, RetryableSendError("timeout", code="timeout"), started)
        except OutsideWindowError:
            return UseFallback(claim.id)
        except AccountBlocked as exc:
            self._stop_error = exc
            return Fail.of(claim, exc.code_text("failed"), str(exc))
        except StopSending as exc:
            self._stop_error = exc
            return Retry(claim.id, utcnow(), exc, count_attempt=False)
        except PermanentSendError as exc:
            return Fail.of(claim, exc.code_text("failed"), str(exc))
        except ThroughputExceeded as exc:
            # The number's rate, not this row: sent again at the slower rate, without counting an
            # attempt (a reply is never given up because the provider was busy); after the wait
            # the provider asked for, if it did.
            await budget.refused()
            if isinstance(exc, AccountRateLimited):
                self._hold(exc)
            if exc.retry_after:
                when = retry_at(utcnow(), 1, exc.retry_after)
                return Retry(claim.id, when, exc, count_attempt=False)
            return Refused(exc, utcnow())
        except RetryableSendError as exc:
            return self._retry(claim, exc, started if exc.code == "timeout" else None)
        except Exception as exc:  # a bug in a transport must not kill the worker
            logger.exception("outbox: unexpected error sending message %d", claim.id)
            return self._retry(claim, RetryableSendError(type(exc).__name__, code="internal"))
        # When the answer came back: Meta counts the pair rate from when the message reached it,
        # which is before this moment and after the send started. Pacing the next message to this
        # recipient from here keeps it at least the pair interval apart at Meta, whatever the
        # network took this time and takes next time.
        return Done(
            claim.id,
            transport.name,
            result.provider_message_id,
            utcnow(),
            claim.recipient,
            result.wa_id,
            started,
        )

    def _hold(self, error: AccountRateLimited) -> None:
        """Every send of this worker waits the time Meta asked for: the app's or the account's
        rate is reached, any send would meet it (the reference's "retry over minutes"). Other
        workers meet it once each and hold too; the writer keeps the record for the operator."""
        wait = error.retry_after or 0.0
        if time.monotonic() + wait > self._held_until:
            logger.warning("outbox: Meta's rate limit (%s), sending held %g s", error.code, wait)
        self._held_until = max(self._held_until, time.monotonic() + wait)
        self._hold_error = error
        self._limit_met = (error, utcnow())

    def _held(self, claim: Claim) -> Outcome | None:
        """While held, the row goes back to the queue unmarked (never sent), due when the hold
        ends, no attempt counted: nothing waits in memory, a stop is not delayed."""
        left = self._held_until - time.monotonic()
        if left <= 0:
            return None
        error = self._hold_error or AccountRateLimited("held", code="held")
        return Retry(claim.id, utcnow() + timedelta(seconds=left), error, count_attempt=False)

    def _note_limit(self, outcomes: list[Outcome]) -> None:
        """Keep the record of Meta's app or account rate limit for every worker and the
        operator (`doctor`, the metrics): noted when met, cleared by a send taken that started
        after the hold. Never fails the write."""
        met, self._limit_met = self._limit_met, None
        started = [o.started_at for o in outcomes if isinstance(o, Done) and o.started_at]
        if met is None and not (started and self._limit_noted):
            return
        try:
            with Session(self.engine) as session, session.begin():
                if met is not None:
                    error, when = met
                    note_limit(
                        session,
                        code=error.code_text(),
                        reason=str(error),
                        now=when,
                        wait=error.retry_after or 0.0,
                    )
                    self._limit_noted = True
                else:
                    self._limit_noted = not clear_limit(session, sent_from=max(started))
        except Exception as exc:  # the next refusal or send writes it again
            logger.warning("outbox: could not record Meta's rate limit (%s)", type(exc).__name__)

    def _retry(
        self, claim: Claim, error: RetryableSendError, in_doubt: datetime | None = None
    ) -> Outcome:
        """A retry after the usual backoff, or the failure that ends the row's tries. `in_doubt`:
        when the send that got no answer started (its row stays marked in flight)."""
        now = utcnow()
        attempts = claim.attempts + 1
        when = retry_at(now, attempts, error.retry_after)
        reason = give_up_reason(
            attempts=attempts,
            max_attempts=self.settings.outbox_max_attempts,
            created_at=claim.created_at,
            next_attempt=when,
            max_age_hours=self.settings.outbox_max_age_hours,
        )
        if reason is not None:
            return Fail.of(claim, error.code_text("retry"), f"{reason} : {error}")
        logger.info(
            "outbox: message %d to %s will be retried (%s)",
            claim.id,
            mask_phone(claim.recipient),
            error.code,
        )
        return Retry(claim.id, when, error, started_at=in_doubt)

    def _count(self, outcome: Outcome) -> None:
        report = self.report
        if isinstance(outcome, Done):
            report.sent += 1
            self._sent_metric.inc()
            return
        if isinstance(outcome, Fail):
            report.failed += 1
            code, result = outcome.code, "failed"
        elif isinstance(outcome, Retry):
            report.retried += 1
            code, result = outcome.error.code_text(), "retry"
        elif isinstance(outcome, Unsent):
            report.retried += 1
            code, result = "lease", "retry"
        else:
            code, result = "131047", "fallback"
        report.errors[code] = report.errors.get(code, 0) + 1
        metrics.SENDS.labels(self._provider, result, code).inc()


# On the table, not the model: a Core statement (an ORM one configured every mapper at a
# process's first claim, ~20 ms, and builds an ORM compile state at each).
_STATE = SystemState.__table__  # type: ignore[attr-defined]
_SENDING_STATE = select(_STATE.c.key, _STATE.c.value).where(
    _STATE.c.key.in_((PAUSE_KEY, LIMIT_KEY))
)


async def run_until_stopped(
    worker: OutboxWorker, *, restart_delay: float = RESTART_DELAY_SECONDS
) -> WorkerReport:
    """`worker.run()` until `worker.stop()` (or cancellation), restarting after an error."""
    while True:
        try:
            report = await worker.run()
        except Exception:
            if worker.stop_requested:
                return worker.report
            logger.exception("outbox worker stopped, restarting in %g s", restart_delay)
            if await worker.wait_stop(restart_delay):
                return worker.report
            continue
        if worker.stop_requested:
            return report


async def run_outbox(ctx: AppContext) -> None:
    """The worker inside `stockbot serve`; restarts itself after an unexpected error, and stops
    cleanly (in-flight sends recorded, the rest put back) when the app shuts down."""
    settings = ctx.settings
    if not settings.is_sqlite and not settings.outbox_worker_in_app:
        logger.info("outbox: no worker in the app (OUTBOX_WORKER_IN_APP=false)")
        return
    await run_until_stopped(OutboxWorker(settings, ctx.engine, wake=ctx.wake_outbox))
