"""No slot of the rate is given up while it can still be used (goal 6 of issue 18).

At the limit, a slot given up is a send a second less: the sends catch up within
`LATE_ALONE_SECONDS`, never beyond. These drive `SendBudget` on a clock that `asyncio.sleep` moves
on, so its waits take no real time and each scenario runs the same way every time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, event

from bot.db.engine import transaction
from bot.db.models import OutboxRate
from bot.outbound.adaptive import RateState
from bot.outbound.budget import (
    EARLY_AFTER_SHARED_SECONDS,
    EARLY_ALONE_SECONDS,
    Reservation,
    SendBudget,
)
from tests.bot.outbound.helpers import HANG_GUARD_SECONDS, busiest_second

T0 = 1_800_000_000.0


class SteppingClock:
    """Virtual time: a sleeper wakes at its own deadline, the earliest first; the clock moves on
    to a deadline only once every task that can run without it has run."""

    def __init__(self, now: float) -> None:
        self.now = now
        self.deadlines: list[float] = []

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> SteppingClock:
    stepping = SteppingClock(T0)
    real_sleep = asyncio.sleep

    async def sleep(delay: float) -> None:
        deadline = stepping.now + max(0.0, delay)
        stepping.deadlines.append(deadline)
        try:
            await real_sleep(0)  # the others run first
            while stepping.now < deadline:
                if deadline == min(stepping.deadlines):
                    stepping.now = deadline
                await real_sleep(0)
        finally:
            stepping.deadlines.remove(deadline)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    return stepping


@pytest.fixture
def reservations(engine: Engine) -> Iterator[list[str]]:
    """The budget's own reservations (each needs the database): none when its slots suffice."""
    seen: list[str] = []

    def spy(*args: object) -> None:
        if str(args[2]).startswith("UPDATE outbox_rate"):
            seen.append(str(args[2]))

    event.listen(engine, "after_cursor_execute", spy)
    yield seen
    event.remove(engine, "after_cursor_execute", spy)


def run(count: int, start: float, interval: float = 0.005) -> Reservation:
    """A run of slots as a claim's transaction hands it over (a worker alone)."""
    return Reservation(count, start, interval, shared=False, state=RateState())


def test_a_slot_is_kept_while_its_send_waits_for_room_in_the_window(
    engine: Engine, clock: SteppingClock, reservations: list[str]
) -> None:
    """Two senders take a slot each while the window has room for one: the second one waits for
    room with its slot, and uses it late (it may: LATE_ALONE_SECONDS), rather than giving it up
    and taking the next. Giving it up lost 1.5-2 % of the slots at 1,000/s."""
    budget = SendBudget(engine, "meta:test", 10.0, holder="a", clock=clock)
    clock.now = T0 - 0.97  # nine sends, answered a second before there is room again
    budget.add(run(9, clock.now, interval=0.0))
    for _ in range(9):
        asyncio.run(asyncio.wait_for(budget.acquire(), HANG_GUARD_SECONDS))
        budget.release()
    clock.now = T0
    budget.add(run(3, T0 + 0.005))  # three slots, 5 ms apart
    started: list[float] = []

    async def send() -> None:
        await budget.acquire()
        started.append(clock.now)

    async def scenario() -> None:
        await asyncio.gather(send(), send())  # room in the window for one of them
        await send()

    asyncio.run(asyncio.wait_for(scenario(), HANG_GUARD_SECONDS))
    # The first on its slot; the second when the nine sends' second is over, on its own slot
    # (late, as it may be); the third on the third slot, due by then.
    assert [t - T0 for t in started] == pytest.approx([0.005, 0.03, 0.03], abs=1e-6)
    assert reservations == []  # three slots, three sends: none given up, none reserved again


def test_runs_handed_over_out_of_order_are_used_in_time_order(
    engine: Engine, clock: SteppingClock, reservations: list[str]
) -> None:
    """A claim's run and a refill, each reserved in its thread, can reach the event loop in the
    other order than the database made them: the earlier run, taken after the later one, was all
    too late by then and given up (a second at the fake Graph fell to 750-800)."""
    budget = SendBudget(engine, "meta:test", 1000.0, holder="a", clock=clock)
    budget.add(run(2, T0 + 0.2, interval=0.01))  # the refill's, reserved second
    budget.add(run(2, T0, interval=0.01))  # the claim's, reserved first

    async def four() -> list[float]:
        started = []
        for _ in range(4):
            await budget.acquire()
            started.append(clock.now)
            budget.release()
        return started

    started = asyncio.run(asyncio.wait_for(four(), HANG_GUARD_SECONDS))
    assert [t - T0 for t in started] == pytest.approx([0.0, 0.01, 0.2, 0.21], abs=1e-6)
    assert reservations == []


def sends_started(budget: SendBudget, clock: SteppingClock, count: int) -> list[float]:
    """When each of `count` sends, one after the other and answered at once, started."""

    async def sends() -> list[float]:
        started = []
        for _ in range(count):
            await budget.acquire()
            started.append(clock.now - T0)
            budget.release()
        return started

    return asyncio.run(asyncio.wait_for(sends(), HANG_GUARD_SECONDS))


def test_a_worker_alone_at_its_ceiling_sends_a_burst_ahead_of_its_slots(
    engine: Engine, clock: SteppingClock
) -> None:
    """With the number's last second to itself, a worker starts a send up to
    EARLY_ALONE_SECONDS before its slot: a burst goes out as it is ready instead of one send a
    slot, and its receiver window still keeps every second within the rate."""
    budget = SendBudget(engine, "meta:test", 10.0, holder="a", clock=clock)
    started = sends_started(budget, clock, 25)
    ahead = int(EARLY_ALONE_SECONDS * 10)  # slots due within the allowance: at once
    assert started[: ahead + 1] == pytest.approx([0.0] * (ahead + 1), abs=1e-6)
    # The next ones EARLY_ALONE_SECONDS ahead of their slots, 0.1 s apart …
    assert started[ahead + 1] == pytest.approx((ahead + 1) / 10 - EARLY_ALONE_SECONDS, abs=0.02)
    # … until the window is full: never more than 10 in a second, and the eleventh waits for
    # the first one's second to be over.
    assert busiest_second(started) == 10
    assert started[10] == pytest.approx(1.0, abs=0.02)


def ahead_allowed(engine: Engine, clock: SteppingClock, **row: float | str) -> float:
    """How early a run reserved now by worker `a` may be used, the number's row being `row`."""
    with transaction(engine) as session:
        session.add(OutboxRate(key="meta:test", **row))  # type: ignore[arg-type]
    budget = SendBudget(engine, "meta:test", 100.0, holder="a", clock=clock)
    return budget._reserve(5, budget._state).early


def test_a_send_goes_ahead_of_its_slot_only_with_the_last_second_to_itself(
    engine: Engine, clock: SteppingClock
) -> None:
    """Idle number, or this worker's own recent slots: ahead allowed."""
    assert ahead_allowed(engine, clock, next_slot=T0 - 0.01, holder="a") == EARLY_ALONE_SECONDS


@pytest.mark.parametrize(
    "row",
    [
        # another worker's slots a moment ago: several may be sending
        {"next_slot": T0 - 0.2, "holder": "b"},
        # several were sending until a moment ago: their last sends are still in the second
        {"next_slot": T0 - 2, "holder": "a", "shared_until": T0 - EARLY_AFTER_SHARED_SECONDS / 2},
    ],
    ids=["another-worker", "just-shared"],
)
def test_no_send_goes_ahead_of_its_slot_when_the_window_is_not_enough(
    engine: Engine, clock: SteppingClock, row: dict[str, float | str]
) -> None:
    assert ahead_allowed(engine, clock, **row) == 0.0


def test_a_send_goes_ahead_of_its_slot_while_the_rate_is_cut(
    engine: Engine, clock: SteppingClock
) -> None:
    """Cut below the ceiling after a refusal, a worker alone still goes ahead of its slots: its
    window holds every second to the cut rate (slots one at a time after each cut cost a fast
    machine a quarter of a burst's replies a second, with one send in ten refused at random)."""
    row = {"next_slot": T0 - 2, "holder": "a", "rate": 50.0, "cut_at": T0 - 0.5}
    assert ahead_allowed(engine, clock, **row) == EARLY_ALONE_SECONDS


def test_after_a_refusal_the_window_holds_every_second_to_the_cut_rate(
    engine: Engine, clock: SteppingClock
) -> None:
    """Slots reserved ahead-allowed at 10/s, then the provider refuses a send for throughput
    (one of ten: cut by a tenth): the sends go ahead of their slots as the window lets them, and
    the window holds each second to the rate in force: 9 in the first second, 10 once the rate
    has recovered."""
    budget = SendBudget(engine, "meta:test", 10.0, holder="a", clock=clock)
    budget.add(Reservation(5, T0 + 0.1, 0.1, False, RateState(), early=EARLY_ALONE_SECONDS))
    for _ in range(9):
        budget._meter.started(T0)  # nine sends of the last second went through
    asyncio.run(asyncio.wait_for(budget.refused(), HANG_GUARD_SECONDS))
    assert budget.rate == pytest.approx(9.0)
    started = sends_started(budget, clock, 12)
    assert started[0] == 0.0  # its slot was at 0.1
    assert sum(1 for t in started if t < 1.0) == 9
    assert busiest_second(started) == 10
