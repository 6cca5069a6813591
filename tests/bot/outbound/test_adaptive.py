"""The adaptive rate and the receiver window: pure rules, with the clock given."""

from __future__ import annotations

import random
from bisect import bisect_left

import pytest

from bot.outbound.adaptive import (
    COOL_SECONDS,
    CUT_FACTOR,
    FLOOR_SHARE,
    RateState,
    RefusalMeter,
    after_refusal,
    current_rate,
)
from bot.outbound.pacing import ReceiverWindow

CEILING = 1000.0
T0 = 1_800_000_000.0


def test_never_cut_is_the_ceiling() -> None:
    assert current_rate(RateState(), T0, CEILING) == CEILING


def test_a_refusal_slows_down() -> None:
    cut = after_refusal(RateState(), T0, CEILING, refused_share=0.05)
    assert cut is not None and cut.cut_at == T0
    assert current_rate(cut, T0, CEILING) == pytest.approx(CEILING * CUT_FACTOR)


def test_the_more_refused_the_deeper_the_cut() -> None:
    mild = after_refusal(RateState(), T0, CEILING, refused_share=0.1)
    severe = after_refusal(RateState(), T0, CEILING, refused_share=0.9)
    assert mild is not None and severe is not None
    assert current_rate(severe, T0, CEILING) == pytest.approx(100.0)  # what got through
    assert current_rate(severe, T0, CEILING) < current_rate(mild, T0, CEILING)


def test_one_cut_per_cool_period_then_cut_again() -> None:
    cut = after_refusal(RateState(), T0, CEILING, 0.1)
    assert cut is not None
    assert after_refusal(cut, T0 + COOL_SECONDS / 2, CEILING, 0.5) is None  # the same excess
    again = after_refusal(cut, T0 + COOL_SECONDS, CEILING, 0.5)
    assert again is not None
    assert current_rate(again, again.cut_at, CEILING) < current_rate(cut, again.cut_at, CEILING)


def test_recovers_gradually_up_to_the_ceiling() -> None:
    cut = after_refusal(RateState(), T0, CEILING, refused_share=0.9)
    assert cut is not None
    rates = [current_rate(cut, T0 + t / 2, CEILING) for t in range(0, 60)]
    assert rates == sorted(rates)  # never slower without a refusal
    assert rates[1] < CEILING / 2  # not at once
    assert rates[-1] == CEILING  # all the way back, and no further


def test_never_above_the_ceiling_nor_below_the_floor() -> None:
    draw = random.Random(7)
    state, now = RateState(), T0
    for _ in range(2000):
        now += draw.expovariate(3.0)
        rate = current_rate(state, now, CEILING)
        assert CEILING * FLOOR_SHARE <= rate <= CEILING
        if draw.random() < 0.5:
            state = after_refusal(state, now, CEILING, draw.random()) or state


def test_a_clock_going_back_does_not_exceed_the_ceiling() -> None:
    cut = after_refusal(RateState(), T0, CEILING, 0.05)
    assert cut is not None
    assert current_rate(cut, T0 - 5, CEILING) == pytest.approx(CEILING * CUT_FACTOR)


def test_a_cut_takes_away_what_was_refused_and_no_more() -> None:
    cut = after_refusal(RateState(), T0, CEILING, refused_share=0.1)
    assert cut is not None
    assert current_rate(cut, T0, CEILING) == pytest.approx(CEILING * 0.9)


def sending_through_random_refusals(share: float, seconds: float) -> float:
    """One worker sending at the rate in force for `seconds`, its sends refused at random with
    `share` whatever the rate (a busy provider: the shared bench's `fail` scenario), each refusal
    fed to the meter and the cut as the worker does. Returns the mean rate over the ceiling."""
    draw = random.Random(11)
    state, meter, now, sent = RateState(), RefusalMeter(), T0, 0
    while now < T0 + seconds:
        meter.started(now)
        sent += 1
        if draw.random() < share:
            state = after_refusal(state, now, CEILING, meter.refused(now)) or state
        now += 1.0 / current_rate(state, now, CEILING)
    return sent / seconds / CEILING


def test_refusals_that_come_whatever_the_rate_cost_little_of_it() -> None:
    """Cut on every such refusal (at most once a second), recovered in between: with one send
    in ten refused, the rate stays within 5 % of the ceiling on average (a cut of at least 15 %
    kept it 6 % below)."""
    assert 0.95 <= sending_through_random_refusals(0.1, 20.0) <= 1.0
    assert sending_through_random_refusals(0.0, 5.0) == pytest.approx(1.0, abs=1e-3)


def test_refusal_meter_gives_the_share_of_the_last_second() -> None:
    meter = RefusalMeter()
    for i in range(20):
        meter.started(T0 + i * 0.025)
    assert meter.refused(T0 + 0.5) == pytest.approx(0.05)
    assert meter.refused(T0 + 0.6) == pytest.approx(0.1)
    # A second later the old sends and refusals no longer count; one refused send of one says
    # little (counted as one of ten).
    meter.started(T0 + 2.0)
    assert meter.refused(T0 + 2.0) == pytest.approx(0.1)


# --- the receiver window -------------------------------------------------------------------


def busiest(times: list[float], span: float = 1.0) -> int:
    ordered = sorted(times)
    return max((bisect_left(ordered, t + span) - i for i, t in enumerate(ordered)), default=0)


def simulate(rate: float, sends: int, seed: int) -> tuple[list[float], float]:
    """Senders that start as soon as the window lets them; each send arrives at a random moment
    between its start and its answer, which takes 0.1 to 60 ms (jittery). Returns the arrival
    times and the time the last send ended."""
    draw = random.Random(seed)
    window = ReceiverWindow(rate)
    now = T0
    running: list[float] = []  # ends of the sends in flight
    arrivals: list[float] = []
    while len(arrivals) < sends:
        running.sort()
        while running and running[0] <= now:
            window.end(running.pop(0))
        free = window.free_at(now)
        if free == now and len(running) < 20:
            window.start()
            took = draw.choice([0.0001, 0.002, 0.005, 0.06])
            running.append(now + took)
            arrivals.append(now + draw.random() * took)
            continue
        full = len(running) >= 20 or free is None
        now = max(now + 1e-6, running[0] if full else free)
    return arrivals, max(running, default=now)


@pytest.mark.parametrize("rate", [1000.0, 80.0, 25.5, 1.0])
def test_the_window_keeps_every_second_at_the_receiver_within_the_rate(rate: float) -> None:
    for seed in range(3):
        arrivals, _ = simulate(rate, int(rate * 4) + 5, seed)
        assert busiest(arrivals) <= int(rate)


def test_the_window_takes_no_margin_beyond_the_time_sends_take() -> None:
    """Sends answered at once: the rate itself, every second."""
    window = ReceiverWindow(1000.0)
    now, started = T0, 0
    while now < T0 + 3:
        if window.free_at(now) == now:
            window.start()
            window.end(now)
            started += 1
        else:
            now += 0.0001
    assert started == 3000


def test_below_one_per_second_one_send_per_period() -> None:
    window = ReceiverWindow(0.5)
    assert window.free_at(T0) == T0
    window.start()
    assert window.free_at(T0 + 0.1) is None  # in flight: only its end makes room
    window.end(T0 + 0.1)
    assert window.free_at(T0 + 0.2) == pytest.approx(T0 + 2.1)


def test_a_send_refused_for_throughput_leaves_no_place_in_the_window() -> None:
    """The receiver took no message from a send it refused (429): the window counts the sends it
    took. Counting the refused ones held the last tenth of a burst for the second to pass."""
    window = ReceiverWindow(2.0)
    window.start()
    window.start()
    assert window.free_at(T0) is None
    window.end(T0, taken=False)
    assert window.free_at(T0) == T0  # room at once
    window.start()
    window.end(T0 + 0.1)
    # One in flight and one taken: room when the taken one's second is over.
    assert window.free_at(T0 + 0.2) == pytest.approx(T0 + 1.1)


def test_the_window_follows_the_rate_in_force() -> None:
    window = ReceiverWindow(10.0)
    for i in range(9):
        window.start()
        window.end(T0 + i * 0.01)
    assert window.free_at(T0 + 0.1) == T0 + 0.1
    window.follow(9.0)  # cut by a tenth
    assert window.free_at(T0 + 0.1) == pytest.approx(T0 + 1.0)
    window.follow(10.0)  # recovered
    assert window.free_at(T0 + 0.1) == T0 + 0.1
