"""Webhooks being received by this process, and the processor giving way to them.

A webhook is acknowledged only once stored, and Meta's deliveries come in bursts (a broadcast's
answers, its statuses). In one process the requests share the CPU with processing, which is
CPU-bound Python in a thread: while both ran, processing held the interpreter about half the
time and the acknowledgements slowed to a fraction of what the same path does alone. So the
processor, between two transactions (never while it holds a row or SQLite's writer), waits
while deliveries are being received (`give_way`), for at most `GIVE_WAY_SECONDS`, after which
it does one more part of its work whatever comes in: a steady stream of webhooks slows
processing down, it never stops it. With no webhook in flight it does not wait at all.

`receiving()` is entered by the webhook's handler on the event loop, around everything it does
for one delivery (reading, checking, parsing, storing, answering).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The longest the processor waits for the deliveries being received before going on with one
# part of its work (a transaction: on SQLite, at most `SQLITE_PART` messages while webhooks
# come in; on PostgreSQL, a claim).
GIVE_WAY_SECONDS = 0.1


class Arrivals:
    """How many deliveries this process is receiving; `quiet` is set when none."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()  # apps of one process may run on several event loops
        self._quiet = threading.Event()
        self._quiet.set()

    @contextmanager
    def receiving(self) -> Iterator[None]:
        """Around the handling of one delivery."""
        with self._lock:
            self._count += 1
            self._quiet.clear()
        try:
            yield
        finally:
            with self._lock:
                self._count -= 1
                if not self._count:
                    self._quiet.set()

    @property
    def busy(self) -> bool:
        """Whether a delivery is being received (read from any thread: a hint)."""
        return self._count > 0

    def give_way(self, at_most: float = GIVE_WAY_SECONDS) -> bool:
        """Wait (releasing the interpreter) until no delivery is being received, for at most
        `at_most` seconds; whether it is quiet now."""
        return self._quiet.wait(at_most)


# This process's deliveries: every app of the process and its processor share it.
ARRIVALS = Arrivals()
