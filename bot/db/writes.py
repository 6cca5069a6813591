"""Which statements write, and one writer at a time per SQLite file in this process.

SQLite has a single writer. When a second connection wants to write, SQLite's busy handler makes
it sleep and try again, sleeping longer each time (up to 100 ms a nap): with the webhooks'
group commit, the inbound processor and the outbox worker all writing from their threads, most
of a busy app's time went into those naps, the database idle. `WriterGate` makes the writers of
this process queue instead, first come first served, on a lock that hands over the moment the
writer before them is done: a connection takes the gate at its first write statement (reads
before it need none: pysqlite runs them outside a transaction) and gives it back when it goes
back to the pool, committed or rolled back (a connection held across several transactions
keeps it: they are short here). Writers in other processes (the
CLI, a second web process) still meet SQLite's busy handler, as before.

A second connection of the thread that holds the gate does not wait for it (it would wait for
itself): SQLite decides for it, as it did without the gate. A writer that waits longer than
`GATE_TIMEOUT_SECONDS` goes on without the gate, and SQLite decides.

The webhooks' group commit goes first (`first_in_line`): a webhook is acknowledged only once
stored, so its writes are served before the other waiting writers (the outbox worker's, the
processor's next transaction), in the order they came among themselves; and a long writer (the
inbound processor) asks `ingest_waiting` after each message it processes and commits early to let
them in (and lets the other writers in too when it has held the writer a while: see
`bot.inbound.processor`). Only one group commit runs at a time, so the others still get the
gate between two.
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

GATE_TIMEOUT_SECONDS = 30.0
_READS = frozenset(
    {"SELECT", "PRAGMA", "SAVEPOINT", "RELEASE", "ROLLBACK", "SHOW", "BEGIN", "COMMIT"}
)
_HELD = "stockbot.writer_gate"


# Execution option of a textual write (`text()`, which SQLAlchemy cannot read): the names of the
# tables it writes, a frozenset. Without it such a write counts as a write to every table, and
# empties every cache of the transaction and the process (`bot.db.cache`, `bot.db.recent`).
WRITES = "stockbot_writes"
ANY_TABLE: frozenset[str] = frozenset({"*"})


def written_tables(statement: str, context: Any) -> frozenset[str] | None:
    """The tables a statement writes (`ANY_TABLE`: unknown, any), or None for a read."""
    if context is not None:
        named = context.execution_options.get(WRITES)
        if named is not None:
            return frozenset(named)
        if context.isinsert or context.isupdate or context.isdelete:
            table = getattr(getattr(context.compiled, "statement", None), "table", None)
            name = getattr(table, "name", None)
            return frozenset({name}) if isinstance(name, str) else ANY_TABLE
    words = statement.lstrip()[:12].split(maxsplit=1)
    return None if words and words[0].upper() in _READS else ANY_TABLE


def writes_any_of(written: frozenset[str], tables: frozenset[str] | set[str]) -> bool:
    """Whether a statement that writes `written` (`written_tables`) may write one of `tables`."""
    return "*" in written or not written.isdisjoint(tables)


class FairLock:
    """A lock handed over to its waiters in the order they came (threading.Lock is not fair:
    the thread that releases it usually takes it again at once); waiters that come `first` are
    served before the others, in their own order."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._first: deque[threading.Lock] = deque()
        self._waiting: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self, timeout: float, *, first: bool = False) -> bool:
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            ticket = threading.Lock()
            ticket.acquire()
            line = self._first if first else self._waiting
            line.append(ticket)
        if ticket.acquire(timeout=timeout):
            return True  # handed over by release()
        with self._mutex:
            if ticket in line:
                line.remove(ticket)
                return False
        return True  # handed over just as the wait ended

    def release(self) -> None:
        with self._mutex:
            line = self._first or self._waiting
            if line:
                line.popleft().release()  # still held: by the next in line now
            else:
                self._held = False

    @property
    def first_waiting(self) -> bool:
        """Whether a waiter that came `first` is waiting (read without the mutex: a hint)."""
        return bool(self._first)

    @property
    def anyone_waiting(self) -> bool:
        """Whether any waiter is waiting (read without the mutex: a hint)."""
        return bool(self._first or self._waiting)


_first = threading.local()


@contextmanager
def first_in_line() -> Iterator[None]:
    """The writes of this thread within the block go first at the writer gate (the webhooks'
    group commit: an acknowledgement waits for them)."""
    before = getattr(_first, "on", False)
    _first.on = True
    try:
        yield
    finally:
        _first.on = before


class WriterGate:
    """One writing transaction at a time among this process's connections to one SQLite file."""

    def __init__(self) -> None:
        self._lock = FairLock()
        self._thread: int | None = None

    def enter(self, info: MutableMapping[str, Any]) -> None:
        if info.get(_HELD):
            return
        me = threading.get_ident()
        if self._thread == me:  # another connection of this thread holds it
            return
        if self._lock.acquire(GATE_TIMEOUT_SECONDS, first=getattr(_first, "on", False)):
            self._thread = me
            info[_HELD] = self

    def ingest_waiting(self) -> bool:
        """Whether writes that go first (`first_in_line`) wait for the gate."""
        return self._lock.first_waiting

    def writers_waiting(self) -> bool:
        """Whether any writer waits for the gate."""
        return self._lock.anyone_waiting

    def leave(self, info: MutableMapping[str, Any]) -> None:
        if info.pop(_HELD, None) is self:
            self._thread = None
            self._lock.release()


_gates: dict[str, WriterGate] = {}
_gates_lock = threading.Lock()
_engine_gates: weakref.WeakKeyDictionary[Engine, WriterGate] = weakref.WeakKeyDictionary()


def writer_gate(engine: Engine) -> WriterGate | None:
    """The gate the writers of `engine` queue at (None: no single writer to share, PostgreSQL)."""
    return _engine_gates.get(engine)


def gate_writers(engine: Engine, database: str) -> None:
    """Queue the writers of `engine` (a SQLite engine on the file `database`) at the file's gate."""
    with _gates_lock:
        gate = _gates.setdefault(database, WriterGate())
        _engine_gates[engine] = gate

    def before_statement(
        connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        if written_tables(statement, context) is not None:
            gate.enter(connection.info)

    def returned(dbapi_connection: Any, record: Any, *args: Any) -> None:
        gate.leave(record.info)

    event.listen(engine, "before_cursor_execute", before_statement)
    # Given back with the connection: the pool has committed or rolled back by then (an engine's
    # "commit" event comes before the commit itself).
    for name in ("checkin", "invalidate", "soft_invalidate"):
        event.listen(engine.pool, name, returned)
