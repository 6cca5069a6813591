"""Values kept across transactions for a short while, for what may be a little old (a forecast).

`RecentCache` keeps values read from some tables, per database, for at most `max_age` seconds, by
the clock and by the `now` they were read for (a reading for another moment is read again). It
forgets every value as soon as a statement of this process writes one of its tables, through any
engine made by `bot.db.engine` (committed or not, rolled back or not: forgetting early is always
safe). A transaction that wrote one of the tables neither takes nor keeps values (what it reads
includes its own uncommitted writes); see `bot.db.cache` for what it reads twice. What other
processes commit is seen at most `max_age` later, and so is a commit of this process that a
reader's snapshot began before: only for values that may be that old, never a stock figure.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Engine, event

from bot.db.writes import writes_any_of, written_tables

T = TypeVar("T")
_WROTE = "stockbot.recent_wrote"  # the tables the connection's transaction wrote
MAX_ENTRIES = 1024

_caches: weakref.WeakSet[RecentCache[Any]] = weakref.WeakSet()
_watched: weakref.WeakSet[Engine] = weakref.WeakSet()
_watching = threading.Lock()


class RecentCache(Generic[T]):
    """`get(connection, key, now, read)`: the value of `key` read at most `max_age` ago for a
    moment at most `max_age` before `now`, else `read()` (kept when the transaction is clean)."""

    def __init__(self, tables: frozenset[str], max_age: float) -> None:
        self.tables = tables
        self.max_age = max_age
        self._values: dict[Hashable, tuple[float, datetime, T]] = {}
        self._lock = threading.Lock()
        self._generation = 0  # how many times it forgot everything
        _caches.add(self)

    def get(self, connection: Connection, key: Hashable, now: datetime, read: Callable[[], T]) -> T:
        watch_writes(connection.engine)
        if self.tables & connection.info.get(_WROTE, set()):
            return read()  # this transaction's own writes are in what it reads
        full_key = (connection.engine.url.render_as_string(), key)
        with self._lock:
            kept = self._values.get(full_key)
        if kept is not None:
            read_at, moment, value = kept
            fresh = time.monotonic() - read_at <= self.max_age
            if fresh and 0 <= (now - moment).total_seconds() <= self.max_age:
                return value
        started = time.monotonic()
        generation = self._generation
        value = read()
        with self._lock:
            if generation == self._generation:  # nothing written meanwhile
                if len(self._values) >= MAX_ENTRIES:
                    self._values.clear()
                self._values[full_key] = (started, now, value)
        return value

    def forget(self) -> None:
        """Forget every value (a statement wrote one of the tables)."""
        with self._lock:
            self._values.clear()
            self._generation += 1


def watch_writes(engine: Engine) -> None:
    """Make the recent caches forget what the statements of `engine` write (once per engine)."""
    with _watching:
        if engine in _watched:
            return
        _watched.add(engine)
    event.listen(engine, "after_cursor_execute", _written)
    event.listen(engine, "commit", _ended)
    event.listen(engine, "rollback", _ended)
    event.listen(engine.pool, "checkin", _returned)


def _written(
    connection: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    executemany: bool,
) -> None:
    written = written_tables(statement, context)
    if written is None:
        return
    for cache in list(_caches):
        if writes_any_of(written, cache.tables):
            cache.forget()
            connection.info.setdefault(_WROTE, set()).update(cache.tables)


def _ended(connection: Connection) -> None:
    if connection.invalidated:
        return  # cut (a server restart): reading `info` would raise in place of the real error
    connection.info.pop(_WROTE, None)


def _returned(dbapi_connection: Any, record: Any) -> None:
    record.info.pop(_WROTE, None)  # rolled back by the pool, if the transaction was still open
