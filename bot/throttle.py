"""Failed authentications slowed down per client address (the admin API and the back office).

An address may fail FREE_FAILURES times; after that each further failure locks it out for a
delay that doubles (1 s, 2 s, 4 s … up to MAX_LOCKOUT), during which every attempt, right or
wrong, answers 429 with `Retry-After`. A success clears the address. Failures are forgotten
after FORGET_AFTER without one. Kept in memory, per process: bounded (the oldest addresses are
dropped past MAX_ADDRESSES) so a flood of addresses cannot grow it without end.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

FREE_FAILURES = 5
MAX_LOCKOUT = 300.0
FORGET_AFTER = 900.0
MAX_ADDRESSES = 10_000


@dataclass(slots=True)
class _Record:
    failures: int
    last_failure: float
    locked_until: float


class FailedAuthLimiter:
    """Counts failed authentications per address; says how long an address must wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def retry_after(self, address: str) -> int:
        """Whole seconds `address` must still wait before trying again (0: it may try now)."""
        record = self._records.get(address)
        if record is None:
            return 0
        now = self._clock()
        if now - record.last_failure > FORGET_AFTER:
            del self._records[address]
            return 0
        return max(0, math.ceil(record.locked_until - now))

    def failed(self, address: str) -> None:
        now = self._clock()
        record = self._records.pop(address, None)
        if record is None or now - record.last_failure > FORGET_AFTER:
            record = _Record(0, now, now)
        record.failures += 1
        record.last_failure = now
        over = record.failures - FREE_FAILURES
        if over > 0:
            record.locked_until = now + min(MAX_LOCKOUT, 2.0 ** (over - 1))
        self._records[address] = record
        while len(self._records) > MAX_ADDRESSES:
            self._records.popitem(last=False)

    def succeeded(self, address: str) -> None:
        self._records.pop(address, None)
