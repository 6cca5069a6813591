"""Webhooks being received by this process, and the processor giving way to them.

A webhook is acknowledged only once stored, and Meta's deliveries come in bursts (a broadcast's
answers, its statuses). In one process the requests share the CPU with processing, which is
CPU-bound Python in a thread: while both ran, processing held the interpreter about half the
time and the acknowledgements slowed to a fraction of what the same path does alone. So the
processor, between two transactions (never while it holds a row or SQLite's writer), waits
while deliveries are coming in (`give_way`): one is being received, or several ended in the
last `QUIET_SECONDS` (a group commit acknowledges its deliveries together, and their clients
send the next ones a moment later). It waits for at most `GIVE_WAY_SECONDS`, after which it
does one more part of its work whatever comes in: a steady stream of webhooks slows processing
down, it never stops it. A lone delivery (one manager writing) does not make it wait at all:
its message is processed as soon as it is stored.

`receiving()` is entered by the webhook's handler on the event loop, around everything it does
for one delivery (reading, checking, parsing, storing, answering).
"""

from __future__ import annotations

import threading
import time

# The longest the processor waits for the deliveries being received before going on with one
# part of its work (a transaction: on SQLite, at most `SQLITE_PART` messages while webhooks
# come in; on PostgreSQL, a claim).
GIVE_WAY_SECONDS = 0.1
# How long after the last delivery ended the webhooks still count as coming in.
QUIET_SECONDS = 0.02


class Arrivals:
    """How many deliveries this process is receiving, and how many ended lately."""

    def __init__(self) -> None:
        self._count = 0
        self._ended = -QUIET_SECONDS  # time.monotonic() when the last delivery ended
        self._lately = 0  # deliveries ended since the last QUIET_SECONDS without any
        self._lock = threading.Lock()  # apps of one process may run on several event loops
        self._none = threading.Event()  # set when no delivery is being received
        self._none.set()

    def receiving(self) -> Arrivals:
        """Around the handling of one delivery: `with arrivals.receiving(): ...` (a plain
        context manager: a generator-based one cost more than the rest of this class)."""
        return self

    def __enter__(self) -> None:
        with self._lock:
            self._count += 1
            self._none.clear()

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self._count -= 1
            now = time.monotonic()
            self._lately = 1 if now - self._ended >= QUIET_SECONDS else self._lately + 1
            self._ended = now
            if not self._count:
                self._none.set()

    @property
    def busy(self) -> bool:
        """Whether deliveries are coming in: one is being received, or several ended, the
        last less than `QUIET_SECONDS` ago (read from any thread: a hint)."""
        return self._count > 0 or self._quiet_in() > 0

    def _quiet_in(self) -> float:
        """Seconds until the deliveries that ended lately stop counting (0: they do not)."""
        if self._lately < 2:
            return 0.0
        return max(QUIET_SECONDS - (time.monotonic() - self._ended), 0.0)

    def give_way(self, at_most: float = GIVE_WAY_SECONDS) -> bool:
        """Wait (releasing the interpreter) while deliveries are coming in (`busy`), for at
        most `at_most` seconds; whether they have stopped."""
        deadline = time.monotonic() + at_most
        while True:
            left = deadline - time.monotonic()
            if not self._none.wait(max(left, 0.0)):
                return False
            if self._count:  # another one began meanwhile
                continue
            wait = self._quiet_in()
            if not wait:
                return True
            if left <= 0:
                return False
            time.sleep(min(wait, left))


# This process's deliveries: every app of the process and its processor share it.
ARRIVALS = Arrivals()
