"""Small helpers shared by the outbox tests."""

from __future__ import annotations

import asyncio
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import Contact, OutboundMessage, OutboxRate
from bot.outbound.messages import OutgoingMessage, Template
from bot.outbound.outbox import enqueue
from bot.outbound.worker import OutboxWorker, WorkerReport
from bot.settings import Settings
from bot.transports.base import Transport
from tests.conftest import make_settings
from tests.fakes.graph import FakeGraph

# Longer than any run of these tests takes: a run still going then has hung (a failure).
HANG_GUARD_SECONDS = 60.0

MANAGER = "+221771234567"
OTHER = "+221761112233"
ALERT_TEMPLATE = Template("alerte_rupture_stock", "fr", ("1", "Riz (3)"))


def meta_settings(database_url: str, graph: FakeGraph, **overrides: object) -> Settings:
    """Settings that send to the fake Graph, without pair-rate pacing unless asked."""
    values = graph.settings_overrides() | {"outbox_pair_interval_seconds": 0.0} | overrides
    return make_settings(database_url, **values)


def open_window(engine: Engine, phones: Iterable[str], *, at: datetime | None = None) -> None:
    """Record an inbound message from each phone (what ingress does), opening its 24-h window."""
    moment = at or utcnow()
    with transaction(engine) as session:
        for phone in phones:
            session.add(Contact(phone=phone, wa_id=phone.lstrip("+"), last_inbound_at=moment))


def queue(
    engine: Engine,
    recipient: str,
    *messages: OutgoingMessage | str,
    fallback: Template | None = None,
) -> list[int]:
    ids: list[int] = []
    with transaction(engine) as session:
        for message in messages:
            rows = enqueue(session, recipient, message, fallback=fallback)
            ids.extend(row.id for row in rows if row.id is not None)
    return ids


def run_worker(
    settings: Settings,
    engine: Engine,
    *,
    max_wait: float = 30.0,
    worker_id: str | None = None,
    transport: Transport | None = None,
) -> WorkerReport:
    worker = OutboxWorker(settings, engine, transport, worker_id=worker_id)
    return asyncio.run(until_idle(worker, max_wait=max_wait))


async def until_idle(worker: OutboxWorker, *, max_wait: float = 30.0) -> WorkerReport:
    """`worker.run(until_idle=True)`, failing (TimeoutError) rather than hanging the suite."""
    return await asyncio.wait_for(
        worker.run(until_idle=True, max_wait=max_wait), HANG_GUARD_SECONDS
    )


@dataclass
class Faults:
    """Statements that failed (`failed`), and those that matched (`seen`)."""

    failed: int = 0
    seen: int = 0


@contextmanager
def failing(engine: Engine, pattern: str, times: int = 1) -> Iterator[Faults]:
    """The next `times` statements whose SQL matches `pattern` (a regular expression) fail, as
    they would while the database is briefly unreachable. The connection is untouched."""
    regex = re.compile(pattern, re.DOTALL)
    faults = Faults()

    def before(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        if not regex.search(statement):
            return
        faults.seen += 1
        if faults.failed < times:
            faults.failed += 1
            raise OperationalError(statement, parameters, Exception("database unreachable (test)"))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield faults
    finally:
        event.remove(engine, "before_cursor_execute", before)


# The statements of the outbox, as `failing` patterns.
CLAIM_SQL = r"^UPDATE outbound_message SET status=.* WHERE outbound_message\.id IN .*RETURNING"
SENT_SQL = r"^UPDATE outbound_message SET status=.*provider_message_id="
CUT_SQL = r"^UPDATE outbox_rate SET rate="
RESERVE_SQL = r"^UPDATE outbox_rate SET next_slot=.*RETURNING"
PAUSE_SQL = r"^(INSERT INTO|UPDATE) system_state"


def busiest_second(times: Iterable[float]) -> int:
    """The most sends in any one-second window (sliding, from each send)."""
    ordered = sorted(times)
    return max((bisect_left(ordered, t + 1.0) - i for i, t in enumerate(ordered)), default=0)


def rows(engine: Engine) -> list[OutboundMessage]:
    with Session(engine) as session:
        return list(session.exec(select(OutboundMessage).order_by(col(OutboundMessage.id))))


def rate_rows(engine: Engine) -> list[OutboxRate]:
    """The shared rate of each sending number (`outbox_rate`)."""
    with Session(engine) as session:
        return list(session.exec(select(OutboxRate)))


def hours_ago(hours: float) -> datetime:
    return utcnow() - timedelta(hours=hours)
