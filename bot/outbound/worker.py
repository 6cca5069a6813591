"""The outbox worker: claims due rows, sends them within Meta's limits, records what happened.

One coroutine claims rows (`claims.claim_due`, under a lease), a fixed number of sender tasks
(`outbox_concurrency`, never more: unbounded tasks collapse httpx's pool) send them through the
global `RateLimiter`, and a writer records outcomes in small batches. Sending is paused for
every worker when the provider says the credentials or the account are unusable (StopSending).

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
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime
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
from bot.outbound.claims import (
    Claim,
    Done,
    Fail,
    Outcome,
    Retry,
    UseFallback,
    claim_due,
    count_pending,
    next_due_at,
    record_outcomes,
)
from bot.outbound.messages import from_payload
from bot.outbound.pacing import RateLimiter
from bot.outbound.pause import current_pause, pause_sending
from bot.outbound.policy import give_up_reason, retry_at
from bot.phones import mask_phone
from bot.settings import Settings
from bot.transports import make_transport
from bot.transports.base import Transport

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

IDLE_POLL_SECONDS = 1.0
FLUSH_DELAY_SECONDS = 0.005  # lets a few outcomes gather into one transaction
RESTART_DELAY_SECONDS = 5.0


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
        self._limiter = RateLimiter(settings.outbox_rate_per_second)
        self._in_flight: set[int] = set()
        self._outcomes: list[Outcome] = []
        self._outcomes_ready = asyncio.Event()
        self._progress = asyncio.Event()
        self._stop_error: StopSending | None = None
        self._pause_written = False

    async def run(self, *, until_idle: bool = False, max_wait: float = 60.0) -> WorkerReport:
        """Send until cancelled (or, with `until_idle`, until nothing comes due within max_wait)."""
        transport = self._transport or make_transport(self.settings)
        queue: asyncio.Queue[Claim] = asyncio.Queue()
        tasks = [
            asyncio.create_task(self._sender(queue, transport))
            for _ in range(self.settings.outbox_concurrency)
        ]
        tasks.append(asyncio.create_task(self._writer(transport.name)))
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
        batch = self.settings.outbox_batch_size
        while True:
            claimed: list[Claim] = []
            if len(self._in_flight) <= batch // 2:
                claimed = await asyncio.to_thread(self._claim, batch - len(self._in_flight))
                for claim in claimed:
                    self._in_flight.add(claim.id)
                    queue.put_nowait(claim)
            if self._in_flight:
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
            pause = current_pause(session, self.settings)
            if pause is not None:
                self.report.paused = f"{pause.code}: {pause.reason}"
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
        self.report.paused = f"{pause.code}: {pause.reason}"

    # --- tasks ---------------------------------------------------------------------------------

    async def _sender(self, queue: asyncio.Queue[Claim], transport: Transport) -> None:
        while True:
            claim = await queue.get()
            outcome = await self._send_one(claim, transport)
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
                self._in_flight.discard(outcome.id)
            self._progress.set()

    async def _send_one(self, claim: Claim, transport: Transport) -> Outcome:
        if self._stop_error is not None:
            return Retry(claim.id, utcnow(), self._stop_error, count_attempt=False)
        try:
            message = from_payload(claim.kind, claim.payload)
        except (ValidationError, KeyError, TypeError) as exc:
            return Fail(claim.id, "invalid", f"stored message is invalid: {exc}")
        await self._limiter.acquire()
        started = utcnow()
        try:
            result = await transport.send(claim.recipient, message)
        except OutsideWindowError:
            return UseFallback(claim.id)
        except PermanentSendError as exc:
            return Fail(claim.id, str(exc.code), str(exc))
        except StopSending as exc:
            self._stop_error = exc
            return Retry(claim.id, utcnow(), exc, count_attempt=False)
        except RetryableSendError as exc:
            return self._retry(claim, exc)
        except Exception as exc:  # a bug in a transport must not kill the worker
            logger.exception("outbox: unexpected error sending message %d", claim.id)
            return self._retry(claim, RetryableSendError(type(exc).__name__, code="internal"))
        logger.debug("outbox: sent %d to %s", claim.id, mask_phone(claim.recipient))
        return Done(claim.id, transport.name, result.provider_message_id, started)

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
            return Fail(claim.id, str(error.code or "retry"), f"{reason}: {error}")
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
