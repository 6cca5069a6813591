"""Stopping a worker (stop(), cancellation, SIGTERM) and restarting it after an error.

A stopping worker claims nothing more, lets the sends in flight finish and records them, and puts
the rows it holds but did not send back in the queue: nothing is sent twice, and the next worker
sends the rest at once (not when the 60-second leases end).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.db.engine import create_db_engine, transaction, upgrade_schema
from bot.db.models import OutboundStatus
from bot.outbound.messages import OutgoingMessage, Text
from bot.outbound.outbox import enqueue
from bot.outbound.worker import OutboxWorker, run_until_stopped
from bot.transports.base import SendResult, Transport
from bot.transports.meta import MetaCloudTransport
from tests.bot.outbound.helpers import (
    CLAIM_SQL,
    HANG_GUARD_SECONDS,
    MANAGER,
    failing,
    meta_settings,
    open_window,
    queue,
    rows,
    run_worker,
)
from tests.conftest import PG_URL, TEST_APP_SECRET, TEST_VERIFY_TOKEN
from tests.fakes.graph import FakeGraph

RECIPIENTS = [f"+2217764{i:05d}" for i in range(60)]
SLOW = RECIPIENTS[5]


class Watched:
    """A transport that tells when a send to `SLOW` has started (then it is in flight)."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.name = inner.name
        self.slow_started = asyncio.Event()

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        if recipient == SLOW:
            self.slow_started.set()
        return await self.inner.send(recipient, message)

    async def aclose(self) -> None:
        await self.inner.aclose()


def queue_all(engine: Engine) -> None:
    open_window(engine, RECIPIENTS)
    with transaction(engine) as session:
        for recipient in RECIPIENTS:
            enqueue(session, recipient, Text(f"msg {recipient[-5:]}"))


@pytest.mark.parametrize("how", ["stop", "cancel"])
def test_a_stopped_worker_finishes_its_sends_and_puts_the_rest_back(
    fake_graph: FakeGraph, database_url: str, engine: Engine, how: str
) -> None:
    queue_all(engine)
    fake_graph.delay_next(1, 0.5, to=SLOW)  # in flight when the stop comes
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=20)

    async def stopped_midway() -> None:
        transport = Watched(MetaCloudTransport.from_settings(settings))
        worker = OutboxWorker(settings, engine, transport)
        run = asyncio.create_task(worker.run())
        await asyncio.wait_for(transport.slow_started.wait(), HANG_GUARD_SECONDS)
        if how == "stop":
            worker.stop()
            await asyncio.wait_for(run, HANG_GUARD_SECONDS)
        else:  # what Ctrl-C and the app's shutdown do
            run.cancel()
            with pytest.raises(asyncio.CancelledError):
                await asyncio.wait_for(run, HANG_GUARD_SECONDS)
        await transport.aclose()

    asyncio.run(stopped_midway())
    after_stop = rows(engine)
    assert {r.status for r in after_stop} == {OutboundStatus.SENT, OutboundStatus.QUEUED}
    assert all(r.locked_by is None for r in after_stop)  # nothing left leased: no wait
    slow = next(r for r in after_stop if r.recipient == SLOW)
    assert slow.status == OutboundStatus.SENT  # its send finished and was recorded
    sent_before = len(fake_graph.accepted)
    assert sent_before == sum(r.status == OutboundStatus.SENT for r in after_stop)

    report = run_worker(settings, engine, max_wait=1)  # the default 60-second lease
    assert report.sent == len(RECIPIENTS) - sent_before
    counts = Counter(r.body["text"]["body"] for r in fake_graph.accepted)
    assert sorted(counts.values()) == [1] * len(RECIPIENTS)  # every one, none twice
    assert all(r.status == OutboundStatus.SENT for r in rows(engine))


def test_the_worker_restarts_after_a_database_error_until_stopped(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("Bonjour"))
    settings = meta_settings(database_url, fake_graph)

    async def forever() -> int:
        worker = OutboxWorker(settings, engine)
        task = asyncio.create_task(run_until_stopped(worker, restart_delay=0.1))
        deadline = time.monotonic() + HANG_GUARD_SECONDS
        while not fake_graph.accepted and time.monotonic() < deadline and not task.done():
            await asyncio.sleep(0.05)
        worker.stop()
        return (await asyncio.wait_for(task, HANG_GUARD_SECONDS)).sent

    with failing(engine, CLAIM_SQL) as faults:  # the first claim meets the database down
        sent = asyncio.run(forever())
    assert faults.failed == 1
    assert sent == 1 and fake_graph.texts_to(MANAGER) == ["Bonjour"]
    [row] = rows(engine)
    assert row.status == OutboundStatus.SENT


@pytest.mark.slow
def test_stockbot_worker_stops_cleanly_on_sigterm(
    fake_graph: FakeGraph, database_url: str, tmp_path: Path
) -> None:
    """`docker stop`, systemd: SIGTERM lets the sends in flight finish, records them, exits 0."""
    url = database_url if PG_URL else f"sqlite:///{tmp_path / 'cli.db'}"
    if not PG_URL:
        upgrade_schema(url)  # what `stockbot` does itself on SQLite
    engine = create_db_engine(url)
    try:
        queue_all(engine)
        fake_graph.latency = 0.05  # sends are in flight when the signal comes
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WHATSAPP_", "OUTBOX_"))}
        env.update(
            DATABASE_URL=url,
            WHATSAPP_PROVIDER="meta",
            WHATSAPP_API_URL=fake_graph.api_url,
            WHATSAPP_API_TOKEN=fake_graph.token,
            WHATSAPP_PHONE_NUMBER_ID=fake_graph.phone_number_id,
            WHATSAPP_APP_SECRET=TEST_APP_SECRET,
            WHATSAPP_VERIFY_TOKEN=TEST_VERIFY_TOKEN,
            OUTBOX_PAIR_INTERVAL_SECONDS="0",
            OUTBOX_RATE_PER_SECOND="20",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(Path(__file__).parents[3]),  # this tree's `bot`, run from tmp_path
        )
        process = subprocess.Popen(
            [sys.executable, "-c", "from bot.cli import main; main()", "worker"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + HANG_GUARD_SECONDS
        while len(fake_graph.accepted) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=HANG_GUARD_SECONDS)
        assert process.returncode == 0, output.decode()
        after_stop = rows(engine)
        assert all(r.locked_by is None for r in after_stop), output.decode()
        sent = sum(r.status == OutboundStatus.SENT for r in after_stop)
        assert f"envoyés : {sent}," in output.decode()
        time.sleep(0.2)  # nothing more reaches the fake Graph after the exit
        assert len(fake_graph.accepted) == sent < len(RECIPIENTS)
    finally:
        engine.dispose()
