"""A pooled connection is pinged before use only after sitting idle, and replaced if dead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text

from bot.db.pings import ping_when_idle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_connection_is_pinged_only_after_sitting_idle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'ping.db'}", pool_size=1, max_overflow=0)
    clock = Clock()
    ping_when_idle(engine, 5.0, clock=clock)
    pings: list[Any] = []
    connects: list[Any] = []
    monkeypatch.setattr(engine.dialect, "do_ping", lambda dbapi: pings.append(dbapi) or True)
    event.listen(engine.pool, "connect", lambda *args: connects.append(args))
    try:
        for _ in range(3):  # new, then used a moment ago: no round trip before the work
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            clock.now += 1.0
        assert pings == []
        clock.now += 10.0  # idle for longer: pinged once, then used at once again
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        assert len(pings) == 1 and len(connects) == 1
    finally:
        engine.dispose()


def test_a_connection_that_fails_its_ping_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'ping.db'}", pool_size=1, max_overflow=0)
    clock = Clock()
    ping_when_idle(engine, 5.0, clock=clock)
    connects: list[Any] = []
    event.listen(engine.pool, "connect", lambda *args: connects.append(args))

    def dead(dbapi: Any) -> bool:
        raise OSError("server closed the connection")

    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        clock.now += 10.0
        monkeypatch.setattr(engine.dialect, "do_ping", dead)
        with engine.connect() as connection:  # a new connection (needs no ping), not an error
            assert connection.execute(text("SELECT 1")).scalar() == 1
        assert len(connects) == 2
    finally:
        engine.dispose()
