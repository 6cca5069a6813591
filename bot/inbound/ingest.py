"""Group commit for webhook ingress: concurrent requests share one database transaction.

A webhook is acknowledged only once what it carried is committed. Committing each request on its
own costs a transaction (and with SQLAlchemy's sync engine, a thread hop) per request; under load
the requests waiting at the same moment are instead written together by one short-lived drainer
task, in one transaction, off the event loop, and each request returns as soon as the transaction
holding its batch has committed. Nothing stays running when there is no traffic.

If a shared transaction fails, each batch in it is retried in a transaction of its own, so one
bad delivery cannot make the others fail. `request.app` carries one `GroupCommitter`
(`committer(app)`), shared by every provider's webhook.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.writes import first_in_line
from bot.inbound.batch import WebhookBatch
from bot.inbound.statuses import DeliveryFailure
from bot.inbound.store import store_batch, store_batches

logger = logging.getLogger(__name__)

# Deliveries per shared transaction: bounds how long one commit (and so any one ack) takes.
MAX_GROUP = 200

Outcome = list[DeliveryFailure] | BaseException


@dataclass(eq=False)
class _Job:
    batch: WebhookBatch
    body: bytes
    done: asyncio.Future[list[DeliveryFailure]] = field(repr=False)


class GroupCommitter:
    """Stores `WebhookBatch`es, grouping the ones submitted while a commit is in progress."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._pending: list[_Job] = []
        self._drainer: asyncio.Task[None] | None = None

    async def store(self, batch: WebhookBatch, body: bytes) -> list[DeliveryFailure]:
        """Return once `batch` (and `body` when it has problems) is committed.

        Returns the sends its statuses marked failed; raises what storing it raised.
        """
        loop = asyncio.get_running_loop()
        job = _Job(batch, body, loop.create_future())
        self._pending.append(job)
        if self._drainer is None or self._drainer.done():
            self._drainer = loop.create_task(self._drain())
        return await job.done

    async def _drain(self) -> None:
        while self._pending:
            jobs, self._pending = self._pending[:MAX_GROUP], self._pending[MAX_GROUP:]
            try:
                outcomes = await asyncio.to_thread(commit_group, self._engine, jobs)
            except asyncio.CancelledError:  # shutdown: the waiting requests are not acked
                for job in jobs + self._pending:
                    job.done.cancel()
                raise
            except Exception as exc:  # the thread could not even start: fail these, go on
                outcomes = [exc] * len(jobs)
            self._settle(jobs, outcomes)

    @staticmethod
    def _settle(jobs: list[_Job], outcomes: list[Outcome]) -> None:
        for job, outcome in zip(jobs, outcomes, strict=True):
            if job.done.done():  # the client went away
                continue
            if isinstance(outcome, BaseException):
                job.done.set_exception(outcome)
            else:
                job.done.set_result(outcome)


def commit_group(engine: Engine, jobs: list[_Job]) -> list[Outcome]:
    """Store every job's batch in one transaction; if that fails, each in its own. On SQLite
    these writes go first at the writer gate (`bot.db.writes`): acknowledgements wait for them.

    Never raises: a job's outcome is its failures list or the exception storing it raised.
    """
    with first_in_line():
        return _commit_group(engine, jobs)


def _commit_group(engine: Engine, jobs: list[_Job]) -> list[Outcome]:
    now = utcnow()
    if len(jobs) > 1:
        try:
            with transaction(engine) as session:
                results: list[Outcome] = list(
                    store_batches(session, [(job.batch, job.body) for job in jobs], now=now)
                )
            return results
        except Exception:
            logger.warning("group commit of %d deliveries failed; storing each alone", len(jobs))
    return [_commit_one(engine, job, now) for job in jobs]


def _commit_one(engine: Engine, job: _Job, now: datetime) -> Outcome:
    try:
        with transaction(engine) as session:
            return store_batch(session, job.batch, job.body, now=now)
    except Exception as exc:
        return exc


def committer(app: Any, engine: Engine) -> GroupCommitter:
    """The app's one `GroupCommitter` (created on first use)."""
    existing: GroupCommitter | None = getattr(app.state, "inbound_committer", None)
    if existing is None:
        existing = GroupCommitter(engine)
        app.state.inbound_committer = existing
    return existing
