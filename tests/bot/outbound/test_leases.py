"""A row waiting in a worker's queue longer than its lease is never claimed, or sent, again."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from bot.db.models import OutboundStatus
from bot.outbound.messages import Text
from bot.outbound.worker import OutboxWorker
from tests.bot.outbound.helpers import (
    MANAGER,
    OTHER,
    meta_settings,
    open_window,
    queue,
    rows,
    run_worker,
)
from tests.fakes.graph import FakeGraph


@pytest.mark.parametrize(
    ("count", "latency", "rate"),
    [(30, 0.2, 80.0), (20, 0.0, 8.0)],
    ids=["slow provider", "low rate"],
)
def test_rows_held_longer_than_the_lease_go_out_once(
    fake_graph: FakeGraph,
    database_url: str,
    engine: Engine,
    count: int,
    latency: float,
    rate: float,
) -> None:
    # Two senders: the last rows wait ~3 s (slow provider) or ~2.5 s (8/s) in the worker,
    # longer than the 1-second lease.
    recipients = [f"+2217761{i:05d}" for i in range(count)]
    open_window(engine, recipients)
    for recipient in recipients:
        queue(engine, recipient, Text(f"msg {recipient[-5:]}"))
    fake_graph.latency = latency
    settings = meta_settings(
        database_url,
        fake_graph,
        outbox_lease_seconds=1.0,
        outbox_send_timeout_seconds=0.4,
        outbox_batch_size=20,
        outbox_concurrency=2,
        outbox_rate_per_second=rate,
    )
    report = run_worker(settings, engine, max_wait=5)
    sent = Counter(r.body["text"]["body"] for r in fake_graph.accepted)
    assert sorted(sent.values()) == [1] * count
    assert report.sent == count
    assert all(r.status == OutboundStatus.SENT for r in rows(engine))


def test_a_marked_row_whose_lease_ran_out_before_its_slot_goes_back_unmarked(
    fake_graph: FakeGraph, database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heartbeat fails while the second row waits 2 s for its slot, longer than its 1 s
    lease: its send never starts. It goes back in the queue unmarked, due at once, and is sent
    once, rather than held in doubt for the grace period (a minute)."""
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    missed = False
    lease_holds, renew = OutboxWorker._lease_holds, OutboxWorker._renew

    def holds(worker: OutboxWorker, row_id: int) -> bool:
        nonlocal missed
        held = lease_holds(worker, row_id)
        missed = missed or not held
        return held

    def failing_until_missed(worker: OutboxWorker, ids: list[int]) -> set[int]:
        if not missed:
            raise OperationalError("renew", {}, Exception("database unreachable (test)"))
        return renew(worker, ids)

    monkeypatch.setattr(OutboxWorker, "_lease_holds", holds)
    monkeypatch.setattr(OutboxWorker, "_renew", failing_until_missed)
    settings = meta_settings(
        database_url, fake_graph, outbox_lease_seconds=1.0, outbox_rate_per_second=0.5
    )
    report = run_worker(settings, engine, max_wait=10)
    assert missed
    assert report.sent == 2 and report.left == 0
    assert sorted(r.body["text"]["body"] for r in fake_graph.accepted) == ["deux", "un"]
    assert [(r.status, r.attempts, r.sending_started_at) for r in rows(engine)] == [
        (OutboundStatus.SENT, 1, None),
        (OutboundStatus.SENT, 1, None),
    ]
