"""Worker processes: side by side on PostgreSQL, and killed with SIGKILL in mid-batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.db.engine import transaction
from bot.db.models import OutboundStatus
from bot.outbound.messages import Text
from bot.outbound.outbox import enqueue
from tests.bot.outbound.helpers import busiest_second, open_window, rows
from tests.conftest import TEST_APP_SECRET, TEST_VERIFY_TOKEN
from tests.fakes.graph import FakeGraph

RECIPIENTS = [f"+2217760{i:05d}" for i in range(40)]
PER_RECIPIENT = 4

pytestmark = pytest.mark.slow


def worker_env(graph: FakeGraph, database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WHATSAPP_", "OUTBOX_"))}
    env.update(
        DATABASE_URL=database_url,
        WHATSAPP_PROVIDER="meta",
        WHATSAPP_API_URL=graph.api_url,
        WHATSAPP_API_TOKEN=graph.token,
        WHATSAPP_PHONE_NUMBER_ID=graph.phone_number_id,
        WHATSAPP_APP_SECRET=TEST_APP_SECRET,
        WHATSAPP_VERIFY_TOKEN=TEST_VERIFY_TOKEN,
        OUTBOX_PAIR_INTERVAL_SECONDS="0",
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


# The worker as `stockbot worker` runs it, minus the SQLite schema upgrade (the tests' schema
# comes from create_all, not from Alembic).
WORKER = """
import asyncio, sys
from bot.db.engine import get_engine
from bot.logs import configure_logging
from bot.outbound.worker import OutboxWorker
from bot.settings import load_settings
settings = load_settings(_env_file=None)
configure_logging(settings.log_level)
worker = OutboxWorker(settings, get_engine(settings.database_url))
asyncio.run(worker.run(until_idle=sys.argv[1] == "until-idle", max_wait=5))
"""


def start_worker(env: dict[str, str], cwd: Path, mode: str) -> subprocess.Popen[bytes]:
    log = (cwd / f"worker-{time.monotonic_ns()}.log").open("wb")
    with log:
        return subprocess.Popen(
            [sys.executable, "-c", WORKER, mode],
            env=env,
            cwd=Path(__file__).parents[3],
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def logs(cwd: Path) -> str:
    return "\n".join(p.read_text() for p in sorted(cwd.glob("worker-*.log")))


def queue_all(engine: Engine) -> dict[str, list[str]]:
    """PER_RECIPIENT numbered texts to each recipient; returns what each should receive."""
    open_window(engine, RECIPIENTS)
    expected: dict[str, list[str]] = {r: [] for r in RECIPIENTS}
    with transaction(engine) as session:
        for n in range(PER_RECIPIENT):
            for recipient in RECIPIENTS:
                text = f"{recipient[-5:]}#{n}"
                enqueue(session, recipient, Text(text))
                expected[recipient].append(text)
    return expected


def first_occurrences(texts: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for text in texts:
        seen.setdefault(text, None)
    return list(seen)


@pytest.mark.postgres_only
def test_two_workers_never_send_a_row_twice(
    fake_graph: FakeGraph, database_url: str, engine: Engine, tmp_path: Path
) -> None:
    expected = queue_all(engine)
    fake_graph.latency = 0.01
    env = worker_env(
        fake_graph,
        database_url,
        OUTBOX_BATCH_SIZE="20",
        OUTBOX_CONCURRENCY="5",
        OUTBOX_RATE_PER_SECOND="60",
    )
    workers = [start_worker(env, tmp_path, "until-idle") for _ in range(2)]
    for worker in workers:
        assert worker.wait(timeout=60) == 0, logs(tmp_path)
    sent = [r.body["text"]["body"] for r in fake_graph.accepted]
    assert Counter(sent).most_common(1)[0][1] == 1  # nothing twice
    assert busiest_second(r.time for r in fake_graph.accepted) <= 60  # one rate for both
    assert len(sent) == len(RECIPIENTS) * PER_RECIPIENT
    for recipient, texts in expected.items():
        assert fake_graph.texts_to(recipient) == texts
    assert all(r.status == OutboundStatus.SENT for r in rows(engine))


def test_worker_killed_mid_batch_then_restarted(
    fake_graph: FakeGraph, database_url: str, engine: Engine, tmp_path: Path
) -> None:
    expected = queue_all(engine)
    total = len(RECIPIENTS) * PER_RECIPIENT
    concurrency = 4
    fake_graph.latency = 0.05  # sends are in flight when the kill comes
    env = worker_env(
        fake_graph,
        database_url,
        OUTBOX_CONCURRENCY=str(concurrency),
        OUTBOX_BATCH_SIZE="20",
        OUTBOX_LEASE_SECONDS="1",
        OUTBOX_SEND_TIMEOUT_SECONDS="0.5",
        # No status webhook comes here: the sends in doubt go again after this.
        OUTBOX_STATUS_GRACE_SECONDS="1",
    )
    first = start_worker(env, tmp_path, "forever")
    deadline = time.monotonic() + 30
    while len(fake_graph.accepted) < total // 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    time.sleep(0.3)  # the fake Graph records a request when it answers it, after its latency
    assert 0 < len(fake_graph.accepted) < total, logs(tmp_path)
    # In flight at the kill: rows the dead worker held (up to a batch of 20) whose send reached
    # the provider but was not recorded. Only those may go out twice; a held row not sent yet
    # must go exactly once.
    held = {r.payload["body"] for r in rows(engine) if r.status == OutboundStatus.SENDING}
    in_flight = held & {r.body["text"]["body"] for r in fake_graph.accepted}
    assert len(in_flight) <= 3 * concurrency  # the sends in flight, and a writer's batch

    second = start_worker(env, tmp_path, "until-idle")
    assert second.wait(timeout=60) == 0, logs(tmp_path)

    sent = [r.body["text"]["body"] for r in fake_graph.accepted]
    counts = Counter(sent)
    assert set(counts) == {t for texts in expected.values() for t in texts}  # every message
    twice = {text for text, n in counts.items() if n > 1}
    assert twice <= in_flight  # nothing twice but what was in flight at the kill
    assert max(counts.values()) <= 2
    for recipient, texts in expected.items():
        assert first_occurrences(fake_graph.texts_to(recipient)) == texts
    assert all(r.status == OutboundStatus.SENT for r in rows(engine))
