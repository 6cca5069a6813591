from __future__ import annotations

from bot.throttle import FORGET_AFTER, FREE_FAILURES, MAX_LOCKOUT, FailedAuthLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_free_failures_then_doubling_lockouts() -> None:
    clock = Clock()
    limiter = FailedAuthLimiter(clock)
    for _ in range(FREE_FAILURES):
        limiter.failed("1.2.3.4")
        assert limiter.retry_after("1.2.3.4") == 0
    waits = []
    for _ in range(4):
        limiter.failed("1.2.3.4")
        waits.append(limiter.retry_after("1.2.3.4"))
        clock.now += waits[-1]
    assert waits == [1, 2, 4, 8]
    assert limiter.retry_after("5.6.7.8") == 0  # per address


def test_lockout_is_capped_and_forgotten() -> None:
    clock = Clock()
    limiter = FailedAuthLimiter(clock)
    for _ in range(FREE_FAILURES + 40):
        limiter.failed("a")
    assert limiter.retry_after("a") == MAX_LOCKOUT
    clock.now += FORGET_AFTER + 1
    assert limiter.retry_after("a") == 0
    limiter.failed("a")
    assert limiter.retry_after("a") == 0  # counting starts again


def test_success_clears_the_address() -> None:
    limiter = FailedAuthLimiter(Clock())
    for _ in range(FREE_FAILURES + 1):
        limiter.failed("a")
    assert limiter.retry_after("a") > 0
    limiter.succeeded("a")
    assert limiter.retry_after("a") == 0
