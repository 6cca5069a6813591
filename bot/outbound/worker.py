"""The outbox worker: claims due rows, sends them within Meta's limits, records what happened.

One coroutine claims rows (`claims.claim_due`, under a lease), a fixed number of sender tasks
(`outbox_concurrency`, never more: unbounded tasks collapse httpx's pool) send them at the
number's rate (`budget.SendBudget`, shared with every other worker through the database), and a
writer records outcomes in small batches (`outcomes.record_outcomes`). Sending is paused for
every worker when the provider says the credentials or the account are unusable (StopSending).

No row is sent twice by workers that stay alive: a worker holds at most what its rate sends in
`CLAIM_AHEAD_SECONDS` (and `outbox_batch_size`), renews the leases of every row it holds every
`(lease - send timeout) / 2` seconds, and starts a send only while the row's lease still outlasts
the longest a send may take (`outbox_send_timeout_seconds`, enforced around the transport). A row
whose lease could not be renewed is left for whoever claims it next. Only sends in flight when a
worker dies may go out twice (a timed-out send may have reached Meta).

- `stockbot worker`: `OutboxWorker(...).run()` until stopped.
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
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.clock import utcnow
from bot.errors import (
    OutsideWindowError,
    PermanentSendError,
    RetryableSendError,
    StopSending,
    ValidationError,
)
from bot.outbound.budget import SendBudget, budget_key
from bot.outbound.claims import Claim, Fail, claim_due, count_pending, next_due_at, renew_leases
from bot.outbound.messages import from_payload
from bot.outbound.outcomes import Done, Outcome, Retry, UseFallback, record_outcomes
from bot.outbound.pause import Pause, lift_if_credentials_changed, pause_sending
from bot.outbound.policy import give_up_reason, retry_at
from bot.phones import mask_phone
from bot.settings import Settings
from bot.transports import make_transport
from bot.transports.base import AccountBlocked, ThroughputExceeded, Transport

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

IDLE_POLL_SECONDS = 1.0
FLUSH_DELAY_SECONDS = 0.02  # lets outcomes gather into one transaction (~20 at 1,000/s)
RESTART_DELAY_SECONDS = 5.0
CLAIM_AHEAD_SECONDS = 2.0


@dataclass
class WorkerReport:
    """What a run did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    paused: str = ""  # why sending is paused, when it is
    left: int = 0  # rows still pending when an --until-idle run stopped waiting
    errors: dict[str, int] = field(default_factory=dict)


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
        # The rows this worker holds: id -> time.monotonic() at which its lease may end.
        self._leases: dict[int, float] = {}
        self._outcomes: list[Outcome] = []
        self._outcomes_ready = asyncio.Event()
        self._progress = asyncio.Event()
        self._stop_error: StopSending | None = None
        self._pause_written = False
        self._pause_noted = ""

    async def run(self, *, until_idle: bool = False, max_wait: float = 60.0) -> WorkerReport:
        """Send until cancelled (or, with `until_idle`, until nothing comes due within max_wait)."""
        transport = self._transport or make_transport(self.settings)
        queue: asyncio.Queue[Claim] = asyncio.Queue()
        budget = SendBudget(
            self.engine,
            budget_key(self.settings, transport.name),
            self.settings.outbox_rate_per_second,
            ready=queue.qsize,
        )
        tasks = [
            asyncio.create_task(self._sender(queue, transport, budget))
            for _ in range(self.settings.outbox_concurrency)
        ]
        tasks.append(asyncio.create_task(self._writer(transport.name)))
        tasks.append(asyncio.create_task(self._keep_leases()))
        try:
            await self._claim_loop(queue, until_idle=until_idle, max_wait=max_wait)
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if self._transport is None:
                await transport.aclose()
        return self.report

    async def _claim_loop(
        self, queue: asyncio.Queue[Claim], *, until_idle: bool, max_wait: float
    ) -> None:
        settings = self.settings
        ahead = math.ceil(settings.outbox_rate_per_second * CLAIM_AHEAD_SECONDS)
        most = min(settings.outbox_batch_size, max(settings.outbox_concurrency, ahead))
        while True:
            claimed: list[Claim] = []
            if len(self._leases) <= most // 2:
                started = time.monotonic()
                claimed = await asyncio.to_thread(self._claim, most - len(self._leases))
                for claim in claimed:
                    if claim.id not in self._leases:  # else already queued here
                        queue.put_nowait(claim)
                    self._leases[claim.id] = started + settings.outbox_lease_seconds
            if self._leases:
                self._progress.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._progress.wait(), timeout=0.5)
                continue
            if claimed:
                continue
            wait = await asyncio.to_thread(self._idle_wait)
            if until_idle and (self.report.paused or wait is None or wait > max_wait):
                if wait is not None:
                    self.report.left = await asyncio.to_thread(self._count_pending)
                return
            timeout = IDLE_POLL_SECONDS if wait is None else min(max(wait, 0.01), IDLE_POLL_SECONDS)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=timeout)

    # --- database (in threads) -----------------------------------------------------------------

    def _claim(self, limit: int) -> list[Claim]:
        if self._stop_error is not None and not self._pause_written:
            return []  # the writer is about to record the pause
        with Session(self.engine) as session, session.begin():
            pause = lift_if_credentials_changed(session, self.settings)
            if pause is not None:
                self._note(pause)
                return []
            if self._pause_written:  # lifted (new credentials or by hand): send again
                self._stop_error, self._pause_written = None, False
            self.report.paused = ""
            batch = claim_due(
                session.connection(),
                self.settings,
                worker_id=self.worker_id,
                now=utcnow(),
                limit=limit,
            )
        self.report.failed += batch.failed
        return batch.claims

    def _note(self, pause: Pause) -> None:
        self.report.paused = f"{pause.code}: {pause.reason}"
        if pause.since != self._pause_noted and not self._pause_written:
            logger.warning("outbox: sending paused since %s (%s)", pause.since, pause.code)
        self._pause_noted = pause.since

    def _renew(self, ids: list[int]) -> set[int]:
        now = utcnow()
        until = now + timedelta(seconds=self.settings.outbox_lease_seconds)
        with self.engine.begin() as connection:
            return renew_leases(connection, ids, worker_id=self.worker_id, until=until, now=now)

    def _idle_wait(self) -> float | None:
        """Seconds until the next pending row can be claimed (None: nothing pending)."""
        with self.engine.connect() as connection:
            moment = next_due_at(connection)
        return None if moment is None else (moment - utcnow()).total_seconds()

    def _count_pending(self) -> int:
        with self.engine.connect() as connection:
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

    def _persist_pause(self, error: StopSending, now: datetime) -> None:
        try:
            with Session(self.engine) as session, session.begin():
                pause = pause_sending(
                    session, self.settings, reason=str(error), code=str(error.code), now=now
                )
        except IntegrityError:  # another worker paused at the same moment
            self._pause_written = True
            return
        self._pause_written = True
        self._pause_noted = pause.since
        self.report.paused = f"{pause.code}: {pause.reason}"

    # --- tasks ---------------------------------------------------------------------------------

    async def _sender(
        self, queue: asyncio.Queue[Claim], transport: Transport, budget: SendBudget
    ) -> None:
        while True:
            claim = await queue.get()
            outcome = await self._send_one(claim, transport, budget)
            if outcome is None:  # its lease is no longer sure: left for whoever claims it next
                self._leases.pop(claim.id, None)
                self._progress.set()
                continue
            self._count(outcome)
            self._outcomes.append(outcome)
            self._outcomes_ready.set()

    async def _writer(self, provider: str) -> None:
        while True:
            await self._outcomes_ready.wait()
            await asyncio.sleep(FLUSH_DELAY_SECONDS)
            self._outcomes_ready.clear()
            outcomes, self._outcomes = self._outcomes, []
            try:
                await asyncio.to_thread(self._record, outcomes, provider)
            except Exception:
                # The rows keep their lease and are retaken when it expires: never lost.
                logger.exception("outbox: could not record %d outcomes", len(outcomes))
            for outcome in outcomes:
                self._leases.pop(outcome.id, None)
            self._progress.set()

    async def _keep_leases(self) -> None:
        settings = self.settings
        period = (settings.outbox_lease_seconds - settings.outbox_send_timeout_seconds) / 2
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

    def _lease_holds(self, row_id: int) -> bool:
        """Whether the row's lease outlasts the longest a send may take."""
        ends = self._leases.get(row_id)
        timeout = self.settings.outbox_send_timeout_seconds
        return ends is not None and ends - time.monotonic() > timeout

    async def _send_one(
        self, claim: Claim, transport: Transport, budget: SendBudget
    ) -> Outcome | None:
        if self._stop_error is not None:
            return Retry(claim.id, utcnow(), self._stop_error, count_attempt=False)
        try:
            message = from_payload(claim.kind, claim.payload)
        except (ValidationError, KeyError, TypeError) as exc:
            return Fail.of(claim, "invalid", f"message enregistré invalide : {exc}")
        await budget.acquire()
        if self._stop_error is not None:  # paused while this one waited for its slot
            return Retry(claim.id, utcnow(), self._stop_error, count_attempt=False)
        if not self._lease_holds(claim.id):
            logger.warning("outbox: lease of message %d ran out before its send", claim.id)
            return None
        started = utcnow()
        try:
            async with asyncio.timeout(self.settings.outbox_send_timeout_seconds):
                result = await transport.send(claim.recipient, message)
        except TimeoutError:
            return self._retry(claim, RetryableSendError("timeout", code="timeout"))
        except OutsideWindowError:
            return UseFallback(claim.id)
        except AccountBlocked as exc:
            self._stop_error = exc
            return Fail.of(claim, str(exc.code), str(exc))
        except StopSending as exc:
            self._stop_error = exc
            return Retry(claim.id, utcnow(), exc, count_attempt=False)
        except PermanentSendError as exc:
            return Fail.of(claim, str(exc.code), str(exc))
        except ThroughputExceeded as exc:
            await budget.hold()
            return self._retry(claim, exc)
        except RetryableSendError as exc:
            return self._retry(claim, exc)
        except Exception as exc:  # a bug in a transport must not kill the worker
            logger.exception("outbox: unexpected error sending message %d", claim.id)
            return self._retry(claim, RetryableSendError(type(exc).__name__, code="internal"))
        return Done(
            claim.id,
            transport.name,
            result.provider_message_id,
            started,
            claim.recipient,
            result.wa_id,
        )

    def _retry(self, claim: Claim, error: RetryableSendError) -> Outcome:
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
            return Fail.of(claim, str(error.code or "retry"), f"{reason} : {error}")
        logger.info(
            "outbox: message %d to %s will be retried (%s)",
            claim.id,
            mask_phone(claim.recipient),
            error.code,
        )
        return Retry(claim.id, when, error)

    def _count(self, outcome: Outcome) -> None:
        report = self.report
        if isinstance(outcome, Done):
            report.sent += 1
            return
        if isinstance(outcome, Fail):
            report.failed += 1
            code = outcome.code
        elif isinstance(outcome, Retry):
            report.retried += 1
            code = str(outcome.error.code)
        else:
            code = "131047"
        report.errors[code] = report.errors.get(code, 0) + 1


async def run_outbox(ctx: AppContext) -> None:
    """The worker inside `stockbot serve`; restarts itself after an unexpected error."""
    settings = ctx.settings
    if not settings.is_sqlite and not settings.outbox_worker_in_app:
        logger.info("outbox: no worker in the app (OUTBOX_WORKER_IN_APP=false)")
        return
    while True:
        try:
            await OutboxWorker(settings, ctx.engine, wake=ctx.wake_outbox).run()
        except Exception:
            logger.exception("outbox worker stopped, restarting in %g s", RESTART_DELAY_SECONDS)
            await asyncio.sleep(RESTART_DELAY_SECONDS)
