"""The number's rate holds across workers, and at rates below one per second."""

from __future__ import annotations

import asyncio

from sqlalchemy import Engine, event

from bot.db.engine import transaction
from bot.db.models import OutboxRate
from bot.outbound.budget import LEAD_SECONDS, SendBudget
from bot.outbound.messages import Text
from bot.outbound.pacing import LATE_SECONDS
from bot.outbound.service import AlertService
from bot.outbound.worker import OutboxWorker
from tests.bot.outbound.helpers import (
    HANG_GUARD_SECONDS,
    busiest_second,
    meta_settings,
    open_window,
    queue,
)
from tests.fakes.graph import FakeGraph


def test_two_workers_share_the_rate_of_the_number(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    recipients = [f"+2217762{i:05d}" for i in range(80)]
    open_window(engine, recipients)
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=25)
    AlertService(settings, engine).send_bulk_alerts(recipients, "Alerte stock")

    async def both() -> list[int]:
        workers = [OutboxWorker(settings, engine) for _ in range(2)]
        reports = await asyncio.gather(*(w.run(until_idle=True, max_wait=2) for w in workers))
        return [report.sent for report in reports]

    sent = asyncio.run(both())
    assert sum(sent) == 80 and min(sent) > 0  # both took part
    times = [r.time for r in fake_graph.accepted]
    assert busiest_second(times) <= 25
    assert max(times) - min(times) >= 80 / 25 - 1.1


def test_a_rate_below_one_per_second(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, ["+221771234567", "+221761112233"])
    queue(engine, "+221771234567", Text("un"))
    queue(engine, "+221761112233", Text("deux"))
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=0.5)
    asyncio.run(OutboxWorker(settings, engine).run(until_idle=True, max_wait=5))
    first, second = sorted(r.time for r in fake_graph.accepted)
    assert second - first >= 2.0  # one every 2 s, not one per second


def test_reserved_slots_are_not_late_when_they_reach_the_sender(engine: Engine) -> None:
    """The reservation's round trip (thread, commit) takes 8 ms here, more than a slot may be
    late (LATE_SECONDS): the run of slots starts ahead of it, so its first slot is used, not
    given up (and reserved again, and given up again…)."""
    with transaction(engine) as session:  # a number that has sent before
        session.add(OutboxRate(key="meta:test", next_slot=0.0))
    clock = FakeClock(1_000_000.0)
    reservations = 0

    @event.listens_for(engine, "after_cursor_execute")
    def round_trip(*args: object) -> None:
        nonlocal reservations
        if str(args[2]).startswith("UPDATE outbox_rate"):
            reservations += 1
            clock.now += 0.008

    budget = SendBudget(engine, "meta:test", 1000.0, clock=clock)
    try:
        asyncio.run(asyncio.wait_for(budget.acquire(), HANG_GUARD_SECONDS))
    finally:
        event.remove(engine, "after_cursor_execute", round_trip)
    assert reservations == 1
    assert LATE_SECONDS < 0.008 < LEAD_SECONDS + LATE_SECONDS


class FakeClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
