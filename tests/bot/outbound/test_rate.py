"""The number's rate holds across workers, and at rates below one per second."""

from __future__ import annotations

import asyncio
import math
import re
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event
from sqlmodel import Session, select

from bot.db.engine import transaction
from bot.db.models import OutboundStatus, OutboxRate
from bot.outbound import worker as worker_module
from bot.outbound.adaptive import CUT_FACTOR, METER_LEAST_SENDS
from bot.outbound.budget import (
    LATE_ALONE_SECONDS,
    LEAD_SECONDS,
    RESERVE_ALONE_SECONDS,
    RESERVE_SECONDS,
    SendBudget,
    budget_key,
)
from bot.outbound.claims import mark_in_flight
from bot.outbound.messages import Text
from bot.outbound.pacing import LATE_SECONDS, ReceiverWindow
from bot.outbound.service import AlertService
from bot.outbound.worker import OutboxWorker
from bot.settings import (
    MAX_SENDS_IN_FLIGHT,
    MIN_SENDS_IN_FLIGHT,
    SEND_SECONDS_TO_COVER,
    load_settings,
    sends_in_flight,
)
from tests.bot.outbound.helpers import (
    HANG_GUARD_SECONDS,
    busiest_second,
    meta_settings,
    open_window,
    queue,
    rate_rows,
    rows,
    until_idle,
)
from tests.fakes.graph import FakeGraph
from tests.statements import committed


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


def test_a_worker_alone_uses_a_slot_a_stall_made_late(engine: Engine) -> None:
    """Alone, the receiver window keeps every second within the limit: a slot 50 ms late (a busy
    event loop) is used, not given up (with several workers it would be: LATE_SECONDS)."""
    with transaction(engine) as session:  # a number this worker has been sending from alone
        session.add(OutboxRate(key="meta:test", next_slot=0.0, holder="a"))
    clock = FakeClock(1_000_000.0)
    reservations = 0

    @event.listens_for(engine, "after_cursor_execute")
    def stall(*args: object) -> None:
        nonlocal reservations
        if str(args[2]).startswith("UPDATE outbox_rate"):
            reservations += 1
            clock.now += 0.05

    budget = SendBudget(engine, "meta:test", 1000.0, holder="a", clock=clock)
    try:
        asyncio.run(asyncio.wait_for(budget.acquire(), HANG_GUARD_SECONDS))
    finally:
        event.remove(engine, "after_cursor_execute", stall)
    assert reservations == 1
    assert LATE_SECONDS < 0.05 - LEAD_SECONDS < LATE_ALONE_SECONDS


def test_a_worker_that_finds_the_rate_idle_sends_without_the_margin_at_once(
    engine: Engine,
) -> None:
    """No slot reserved in the last second: nobody is sending, so the first run is spaced for
    the rate itself (the margin cost a worker's first second 7 % of its sends)."""
    clock = FakeClock(1_000_000.0)
    with transaction(engine) as session:
        session.add(OutboxRate(key="meta:test", next_slot=clock.now - 2, holder="before-restart"))
    budget = SendBudget(engine, "meta:test", 100.0, holder="a", clock=clock)
    run = budget._reserve(10, budget._state)
    start, interval, shared = run.start, run.interval, run.shared
    assert (start, interval, shared) == (pytest.approx(clock.now + LEAD_SECONDS), 0.01, False)
    (row,) = rate_rows(engine)
    assert row.holder == "a" and row.shared_until < clock.now


def test_a_worker_starting_beside_one_sending_alone_takes_the_margin_after_its_slots(
    engine: Engine,
) -> None:
    """Two processes started together: the first finds the rate idle and sends alone; the
    second finds its slots, and starts LATE_ALONE_SECONDS after the last of them (the first may
    use them that late), with the margin; the first takes the margin at its next run."""
    clock = FakeClock(1_000_000.0)
    first = SendBudget(engine, "meta:test", 100.0, holder="a", clock=clock)
    second = SendBudget(engine, "meta:test", 100.0, holder="b", clock=clock)
    run = first._reserve(10, first._state)
    start, interval, shared = run.start, run.interval, run.shared
    assert (interval, shared) == (0.01, False)
    ends = start + 10 * interval
    run = second._reserve(10, second._state)
    start, interval, shared = run.start, run.interval, run.shared
    assert (start, interval, shared) == (pytest.approx(ends + LATE_ALONE_SECONDS), 0.0108, True)
    clock.now += 0.05
    run = first._reserve(10, first._state)
    interval, shared = run.interval, run.shared
    assert (interval, shared) == (0.0108, True)


def test_workers_share_the_rate_while_the_slots_another_reserved_ahead_are_used(
    engine: Engine,
) -> None:
    """A worker with many sends waiting reserves run after run, one slot for each waiting send
    (at 25/s, 50 sends in flight hold two seconds of slots). The other one, reserving last, must
    not count as alone once a second has passed since it joined: the first one's slots are still
    to be used, beside its own, so it keeps the margin and does not start early (before, it went
    alone and early, and 28 sends went in one second at 25/s)."""
    clock = FakeClock(1_000_000.0)
    first = SendBudget(engine, "meta:test", 100.0, holder="a", clock=clock)
    second = SendBudget(engine, "meta:test", 100.0, holder="b", clock=clock)
    first._reserve(10, first._state)
    second._reserve(10, second._state)
    for _ in range(60):  # runs of RESERVE_SECONDS at 100/s: three seconds of slots
        ahead = first._reserve(first._most(), first._state)
    last_slot_of_first = ahead.start + (ahead.count - 1) * ahead.interval
    clock.now += 0.4
    assert second._reserve(10, second._state).shared
    clock.now += 1.2  # more than a second since the second worker joined
    assert clock.now < last_slot_of_first
    run = second._reserve(10, second._state)
    assert (run.interval, run.shared, run.early) == (0.0108, True, 0.0)
    clock.now = last_slot_of_first + 1.5  # the first one's slots are over and it reserves no more
    run = second._reserve(10, second._state)
    assert (run.interval, run.shared) == (0.01, False)


class FakeClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_cut_by_one_worker_slows_every_worker_then_wears_off(engine: Engine) -> None:
    clock = FakeClock(1_800_000_000.0)
    first = SendBudget(engine, "meta:test", 100.0, holder="a", clock=clock)
    second = SendBudget(engine, "meta:test", 100.0, holder="b", clock=clock)

    async def scenario() -> tuple[float, float, float]:
        await first.acquire()
        first.release()
        await first.refused()  # 130429: one send of one refused
        cut = first.rate
        await second.acquire()  # reserves at the rate in the database, not its own idea of it
        second.release()
        slowed = second.rate
        clock.now += 30
        return cut, slowed, second.rate

    cut, slowed, later = asyncio.run(asyncio.wait_for(scenario(), HANG_GUARD_SECONDS))
    # One refusal among fewer than METER_LEAST_SENDS sends counts as one in ten.
    assert cut == slowed == pytest.approx(100.0 * min(CUT_FACTOR, 1 - 1 / METER_LEAST_SENDS))
    assert later == 100.0  # recovered, and no further than the ceiling
    with Session(engine) as session:
        row = session.exec(select(OutboxRate)).one()
    assert (row.cut_at, row.rate) == (1_800_000_000.0, cut)


def test_slots_take_the_margin_only_while_several_workers_send(engine: Engine) -> None:
    with transaction(engine) as session:  # "a" has been sending alone for a while
        session.add(OutboxRate(key="meta:test", next_slot=0.0, holder="a"))
    clock = FakeClock(1_800_000_000.0)
    alone = SendBudget(engine, "meta:test", 100.0, holder="a", clock=clock)
    other = SendBudget(engine, "meta:test", 100.0, holder="b", clock=clock)

    def next_slot() -> float:
        with Session(engine) as session:
            row = session.exec(select(OutboxRate)).first()
        return 0.0 if row is None else row.next_slot

    async def one(budget: SendBudget) -> float:
        before = next_slot()
        await budget.acquire()
        budget.release()
        return next_slot() - max(before, clock.now + LEAD_SECONDS)

    async def scenario() -> list[float]:
        spacings = [await one(alone), await one(alone)]
        spacings.append(await one(other))  # another worker sent a moment ago
        clock.now += 5  # alone again for long enough
        spacings += [await one(other), await one(other)]
        return spacings

    spacings = asyncio.run(asyncio.wait_for(scenario(), HANG_GUARD_SECONDS))
    # "b" joins "a", which sent alone: after its last slot could start, then with the margin.
    expected = [0.01, 0.01, LATE_ALONE_SECONDS + 0.0108, 0.01, 0.01]
    assert spacings == pytest.approx(expected, abs=1e-6)


def test_a_tenth_of_sends_refused_for_throughput_none_lost_none_twice(
    fake_graph: FakeGraph, database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipients = [f"+2217764{i:05d}" for i in range(300)]
    open_window(engine, recipients)
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=1000)
    AlertService(settings, engine).send_bulk_alerts(recipients, "Alerte stock")
    fake_graph.refuse_share(0.1, seed=3)
    ends: list[bool] = []  # each send's end in the receiver window: taken by the receiver or not
    end = ReceiverWindow.end

    def spy(window: ReceiverWindow, now: float, *, taken: bool = True) -> None:
        ends.append(taken)
        end(window, now, taken=taken)

    monkeypatch.setattr(ReceiverWindow, "end", spy)
    report = asyncio.run(until_idle(OutboxWorker(settings, engine), max_wait=5))
    refused = [r for r in fake_graph.requests if r.status == 429]
    # The refused sends took no place in the window: only the 300 messages the receiver took.
    assert ends.count(True) == 300 and ends.count(False) == len(refused)
    assert len(refused) >= 10
    assert sorted(r.to for r in fake_graph.accepted) == sorted(p.lstrip("+") for p in recipients)
    assert report.sent == 300 and report.retried == len(refused) and report.failed == 0
    assert all(r.status == OutboundStatus.SENT and r.attempts == 1 for r in rows(engine))
    [rate] = rate_rows(engine)
    assert rate.cut_at > 0  # the rate was cut, for every worker of the number


def test_a_worker_alone_reserves_its_slots_in_the_claims_transaction(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    # One recipient: its rows go one at a time, each in a claim of its own.
    open_window(engine, ["+221771234567"])
    queue(engine, "+221771234567", *(Text(f"partie {i}") for i in range(4)))
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=1000)
    # The worker sent last, alone, a while ago (one that just started counts as sharing).
    with transaction(engine) as session:
        session.add(OutboxRate(key=budget_key(settings, "meta"), holder="seul", shared_until=0))
    with committed(engine) as done:
        report = asyncio.run(until_idle(OutboxWorker(settings, engine, worker_id="seul")))
    # Each transaction's tables written or read (the second word of each statement).
    transactions = [[e.text.split(None, 2)[:2][-1] for e in t] for t in done]
    assert report.sent == 4
    assert [r.body["text"]["body"] for r in fake_graph.accepted] == [
        f"partie {i}" for i in range(4)
    ]
    with_claim = [t for t in transactions if "outbox_rate" in t and "outbound_message" in t]
    alone = [t for t in transactions if "outbox_rate" in t and "outbound_message" not in t]
    # Every reservation comes with its claim, in its transaction: the first one too (it learns
    # there that the worker sends alone).
    assert len(alone) == 0 and len(with_claim) == 4
    assert busiest_second(r.time for r in fake_graph.accepted) <= 1000


def test_a_worker_alone_marks_a_lone_row_in_flight_in_its_claims_transaction(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """A lone reply whose slot is due at once is marked in flight with its claim: no
    transaction of its own for the mark (the first one's too: its slots come with its claim)."""
    open_window(engine, ["+221771234567"])
    queue(engine, "+221771234567", *(Text(f"partie {i}") for i in range(4)))
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=1000)
    with transaction(engine) as session:
        session.add(OutboxRate(key=budget_key(settings, "meta"), holder="seul", shared_until=0))
    with committed(engine) as done:
        report = asyncio.run(until_idle(OutboxWorker(settings, engine, worker_id="seul")))
    transactions = [[e.text for e in t] for t in done]
    assert report.sent == 4
    assert [r.body["text"]["body"] for r in fake_graph.accepted] == [
        f"partie {i}" for i in range(4)
    ]
    marks = [t for t in transactions if any(_MARKS.match(s) for s in t)]
    alone = [t for t in marks if len(t) == 1]
    with_claim = [t for t in marks if any(_CLAIMS.match(s) for s in t)]
    assert len(marks) == 4 and len(alone) == 0 and len(with_claim) == 4
    # Each send still went out marked, and its outcome cleared the mark.
    assert all(
        r.status == OutboundStatus.SENT and r.sending_started_at is None for r in rows(engine)
    )


_MARKS = re.compile(r"UPDATE outbound_message SET locked_until=[^,]+, sending_started_at=")
_CLAIMS = re.compile(r"UPDATE outbound_message SET status=.* RETURNING", re.DOTALL)


def test_a_worker_alone_reserves_with_its_claim_a_slot_that_is_due_at_once(engine: Engine) -> None:
    """A lone reply is not held back: the run a worker alone reserves with its claim starts at
    the claim (its slots may be used LATE_ALONE_SECONDS late, the hand-off cannot lose them),
    not LEAD_SECONDS ahead like a reservation of its own."""
    with transaction(engine) as session:  # a number this worker has been sending from alone
        session.add(OutboxRate(key="meta:test", next_slot=0.0, holder="a"))
    clock = FakeClock(1_000_000.0)
    budget = SendBudget(engine, "meta:test", 100.0, holder="a", clock=clock)
    asyncio.run(asyncio.wait_for(budget.acquire(), HANG_GUARD_SECONDS))  # learns it is alone
    budget.release()
    clock.now += 5.0  # quiet for a while: its reserved run is long over
    with engine.begin() as connection:
        reservation = budget.reserve_with_claim(connection, 1)
    assert reservation is not None and not reservation.shared
    assert reservation.start == clock.now  # due at once, not LEAD_SECONDS later
    budget.add(reservation)
    asyncio.run(asyncio.wait_for(budget.acquire(), HANG_GUARD_SECONDS))
    (row,) = rate_rows(engine)
    assert row.next_slot == pytest.approx(clock.now + reservation.interval)  # one slot, taken


@pytest.mark.parametrize(
    ("holder", "ended_ago", "goes_on"),
    [
        ("a", 0.03, True),  # alone, its last run ended 30 ms ago: no time lost to the rate
        ("a", 1.0, False),  # alone, after a pause: from now (no burst of old slots)
        ("b", 0.03, False),  # another worker, alone, reserved last: after its slots, margined
    ],
)
def test_a_worker_alone_goes_on_from_where_its_last_run_ended(
    engine: Engine, holder: str, ended_ago: float, goes_on: bool
) -> None:
    """The reservation's own round trip (a thread, SQLite's writer: 100 ms on a busy machine)
    made a gap between two runs of slots, time the rate lost (900 a second instead of 1,000)."""
    clock = FakeClock(1_800_000_000.0)
    ended = clock.now - ended_ago
    with transaction(engine) as session:
        session.add(OutboxRate(key="meta:test", next_slot=ended, holder=holder, shared_until=0))
    budget = SendBudget(engine, "meta:test", 1000.0, holder="a", clock=clock)
    run = budget._reserve(10, budget._state)
    start, interval, shared = run.start, run.interval, run.shared
    if holder != "a":
        assert start == pytest.approx(ended + LATE_ALONE_SECONDS, abs=1e-6)
    else:
        assert start == pytest.approx(ended if goes_on else clock.now + LEAD_SECONDS, abs=1e-6)
    assert shared is (holder != "a")
    assert interval == pytest.approx(0.00108 if shared else 0.001)


def test_a_worker_alone_reserves_longer_runs_of_slots(engine: Engine) -> None:
    """Alone, a run is RESERVE_ALONE_SECONDS of sends (what it has ready, at most), refilled at
    half: a reservation delayed by a busy database does not leave the sends without slots."""
    with transaction(engine) as session:
        session.add(OutboxRate(key="meta:test", next_slot=0.0, holder="a", shared_until=0))
    clock = FakeClock(1_800_000_000.0)
    budget = SendBudget(engine, "meta:test", 1000.0, holder="a", ready=lambda: 1000, clock=clock)

    async def two_sends() -> None:
        for _ in range(2):
            await budget.acquire()
            budget.release()

    asyncio.run(asyncio.wait_for(two_sends(), HANG_GUARD_SECONDS))
    (row,) = rate_rows(engine)
    assert row.next_slot - clock.now >= RESERVE_ALONE_SECONDS
    assert RESERVE_ALONE_SECONDS > 2 * RESERVE_SECONDS


def test_a_backlog_starts_with_one_transaction_its_first_claim_reserves_and_marks(
    fake_graph: FakeGraph, database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that just started, with a backlog: its first claim also reserves the slots and
    marks in flight as many rows as it has senders (all free), so that the first sends wait
    for no other transaction; every row still goes once, marked before it went."""
    recipients = [f"+2217712{i:05d}" for i in range(60)]
    open_window(engine, recipients)
    for phone in recipients:
        queue(engine, phone, Text("Alerte stock"))
    settings = meta_settings(
        database_url, fake_graph, outbox_rate_per_second=1000, outbox_concurrency=5
    )
    marked: list[int] = []

    def spy(connection: Connection, ids: list[int], **kwargs: Any) -> set[int]:
        marked.append(len(ids))
        return mark_in_flight(connection, ids, **kwargs)

    monkeypatch.setattr(worker_module, "mark_in_flight", spy)

    with committed(engine) as done:
        report = asyncio.run(until_idle(OutboxWorker(settings, engine)))
    transactions = [[(e.text, e.parameters) for e in t] for t in done]
    assert report.sent == 60
    assert sorted(r.to for r in fake_graph.accepted) == sorted(p.lstrip("+") for p in recipients)
    writes = [t for t in transactions if any(s.startswith("UPDATE") for s, _ in t)]
    first = writes[0]
    assert any(_CLAIMS.match(s) for s, _ in first)
    assert any(s.startswith("UPDATE outbox_rate SET next_slot=") for s, _ in first)
    assert any(_MARKS.match(s) for s, _ in first)
    assert marked[0] == 5  # as many rows as senders


def test_a_worker_that_just_started_reserves_a_run_of_slots_as_one_alone(engine: Engine) -> None:
    """Its first slots come with its first claim, as many as a worker alone reserves (it most
    often is): a backlog's start does not wait for a second reservation behind the next claim."""
    clock = FakeClock(1_000_000.0)
    budget = SendBudget(engine, "meta:test", 1000.0, holder="a", ready=lambda: 900, clock=clock)
    with engine.begin() as connection:
        reservation = budget.reserve_with_claim(connection, 100)
    assert reservation is not None and not reservation.shared
    assert reservation.count == math.ceil(1000 * RESERVE_ALONE_SECONDS)
    assert reservation.start == clock.now  # due at once: its first rows can be marked with it


def test_a_fast_number_keeps_more_sends_in_flight_than_a_slow_one_needs(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """Unset, OUTBOX_CONCURRENCY follows the rate: at 1,000/s with the provider answering each
    send after LATENCY, the worker has far more than 20 sends waiting for their answers at once
    (20 in flight would cap it at 20 / LATENCY a second). Sends that arrived at the fake within
    less than LATENCY of each other were all in flight together."""
    latency = 0.3
    recipients = [f"+2217713{i:05d}" for i in range(150)]
    open_window(engine, recipients)
    for phone in recipients:
        queue(engine, phone, Text("Alerte stock"))
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=1000)
    fake_graph.latency = latency

    report = asyncio.run(until_idle(OutboxWorker(settings, engine)))

    assert report.sent == len(recipients)
    arrivals = sorted(r.time for r in fake_graph.accepted)
    together = max(
        sum(1 for later in arrivals[i:] if later - first < 0.9 * latency)
        for i, first in enumerate(arrivals)
    )
    assert together > 20


def test_the_sends_in_flight_follow_the_rate_unless_set() -> None:
    assert sends_in_flight(80) == math.ceil(80 * SEND_SECONDS_TO_COVER)
    assert sends_in_flight(1) == MIN_SENDS_IN_FLIGHT
    assert sends_in_flight(1000) == MAX_SENDS_IN_FLIGHT
    assert load_settings(outbox_rate_per_second=1000).outbox_concurrency == MAX_SENDS_IN_FLIGHT
    assert load_settings(outbox_rate_per_second=1000, outbox_concurrency=7).outbox_concurrency == 7
