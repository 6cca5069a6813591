"""Failed admin authentications counted in the database: shared by every process, expiring."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.db.models import AuthFailure
from bot.throttle import (
    FORGET_AFTER,
    FREE_FAILURES,
    MAX_LOCKOUT,
    FailedAuthLimiter,
    client_key,
    lockout_seconds,
)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def limiter(engine: Engine, clock: Clock) -> FailedAuthLimiter:
    """One web process's limiter."""
    made = FailedAuthLimiter(clock)
    made.attach(engine)
    return made


def rows(engine: Engine) -> list[AuthFailure]:
    with Session(engine) as session:
        return list(session.exec(select(AuthFailure)))


def test_the_lockout_policy() -> None:
    assert [lockout_seconds(n) for n in range(1, FREE_FAILURES + 5)] == [0.0] * FREE_FAILURES + [
        1.0,
        2.0,
        4.0,
        8.0,
    ]
    assert lockout_seconds(FREE_FAILURES + 40) == MAX_LOCKOUT


def test_free_failures_then_doubling_lockouts(engine: Engine) -> None:
    clock = Clock()
    web = limiter(engine, clock)
    for _ in range(FREE_FAILURES):
        web.failed_now("1.2.3.4")
        assert web.retry_after_now("1.2.3.4") == 0
    waits = []
    for _ in range(4):
        web.failed_now("1.2.3.4")
        waits.append(web.retry_after_now("1.2.3.4"))
        clock.advance(waits[-1])
    assert waits == [1, 2, 4, 8]
    assert web.retry_after_now("5.6.7.8") == 0  # per address


def test_every_process_sees_the_same_count(engine: Engine) -> None:
    """An attacker spreading guesses over several web processes gains nothing."""
    clock = Clock()
    processes = [limiter(engine, clock) for _ in range(3)]
    for attempt in range(FREE_FAILURES + 3):
        processes[attempt % 3].failed_now("203.0.113.9")
    assert [p.retry_after_now("203.0.113.9") for p in processes] == [4, 4, 4]
    # A success in one process clears the address for all.
    asyncio.run(processes[1].succeeded("203.0.113.9"))
    assert [p.retry_after_now("203.0.113.9") for p in processes] == [0, 0, 0]
    assert rows(engine) == []


def test_concurrent_failures_are_all_counted(engine: Engine) -> None:
    clock = Clock()
    processes = [limiter(engine, clock) for _ in range(4)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: processes[i % 4].failed_now("198.51.100.7"), range(24)))
    [row] = rows(engine)
    assert row.failures == 24
    assert processes[0].retry_after_now("198.51.100.7") == lockout_seconds(24)


def test_failures_expire_and_old_rows_are_removed(engine: Engine) -> None:
    clock = Clock()
    web = limiter(engine, clock)
    for _ in range(FREE_FAILURES + 40):
        web.failed_now("a")
    assert web.retry_after_now("a") == MAX_LOCKOUT
    clock.advance(FORGET_AFTER + 1)
    assert web.retry_after_now("a") == 0
    web.failed_now("a")  # counting starts again
    assert web.retry_after_now("a") == 0
    [row] = rows(engine)
    assert row.failures == 1
    clock.advance(FORGET_AFTER + 1)
    limiter(engine, clock).failed_now("b")  # another process's failure sweeps old rows
    assert [r.address for r in rows(engine)] == ["b"]


def test_a_success_writes_nothing_when_nothing_failed(engine: Engine) -> None:
    web = limiter(engine, Clock())
    assert asyncio.run(web.retry_after("192.0.2.1")) == 0
    asyncio.run(web.succeeded("192.0.2.1"))
    assert rows(engine) == []


def test_an_ipv6_host_counts_by_its_64_network() -> None:
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:ffff::9")
    assert client_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert client_key("192.0.2.1") == "192.0.2.1"
    assert client_key("unknown") == "unknown"
