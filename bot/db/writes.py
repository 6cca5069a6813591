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
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import MutableMapping
from typing import Any

from sqlalchemy import Engine, event

GATE_TIMEOUT_SECONDS = 30.0
_READS = frozenset(
    {"SELECT", "PRAGMA", "SAVEPOINT", "RELEASE", "ROLLBACK", "SHOW", "BEGIN", "COMMIT"}
)
_HELD = "stockbot.writer_gate"


def written_table(statement: str, context: Any) -> str | None:
    """The table a statement writes ("*": unknown, any), or None for a read."""
    if context is not None and (context.isinsert or context.isupdate or context.isdelete):
        table = getattr(getattr(context.compiled, "statement", None), "table", None)
        name = getattr(table, "name", None)
        return name if isinstance(name, str) else "*"
    words = statement.lstrip()[:12].split(maxsplit=1)
    return None if words and words[0].upper() in _READS else "*"


class FairLock:
    """A lock handed over to its waiters in the order they came (threading.Lock is not fair:
    the thread that releases it usually takes it again at once)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiting: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self, timeout: float) -> bool:
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            ticket = threading.Lock()
            ticket.acquire()
            self._waiting.append(ticket)
        if ticket.acquire(timeout=timeout):
            return True  # handed over by release()
        with self._mutex:
            if ticket in self._waiting:
                self._waiting.remove(ticket)
                return False
        return True  # handed over just as the wait ended

    def release(self) -> None:
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().release()  # still held: by the next in line now
            else:
                self._held = False


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
        if self._lock.acquire(GATE_TIMEOUT_SECONDS):
            self._thread = me
            info[_HELD] = self

    def leave(self, info: MutableMapping[str, Any]) -> None:
        if info.pop(_HELD, None) is self:
            self._thread = None
            self._lock.release()


_gates: dict[str, WriterGate] = {}
_gates_lock = threading.Lock()


def gate_writers(engine: Engine, database: str) -> None:
    """Queue the writers of `engine` (a SQLite engine on the file `database`) at the file's gate."""
    with _gates_lock:
        gate = _gates.setdefault(database, WriterGate())

    def before_statement(
        connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        if written_table(statement, context) is not None:
            gate.enter(connection.info)

    def returned(dbapi_connection: Any, record: Any, *args: Any) -> None:
        gate.leave(record.info)

    event.listen(engine, "before_cursor_execute", before_statement)
    # Given back with the connection: the pool has committed or rolled back by then (an engine's
    # "commit" event comes before the commit itself).
    for name in ("checkin", "invalidate", "soft_invalidate"):
        event.listen(engine.pool, name, returned)
