"""How fast stockbot may send: a global rate per number and a pair rate per recipient.

- `RateLimiter`: at most `rate` sends start in any window of `window` seconds (a sliding log of
  start times, checked at the moment a send starts), spread at least 1/rate apart. The window is
  a little over one second so that jitter on the way to Meta cannot put `rate + 1` in a second
  there. One limiter per worker process.
- `pair_next_allowed`: Meta's pair rate (about one message per 6 s to one user, with short
  bursts borrowed from later) as a token bucket of `burst` tokens refilled one per `interval`,
  replayed over the recipient's recent sends read from the database, so every worker agrees.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

WINDOW_SECONDS = 1.02


class RateLimiter:
    """Async gate: `await limiter.acquire()` before each send."""

    def __init__(
        self,
        rate: float,
        *,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._capacity = max(1, math.floor(rate))
        self._interval = window / self._capacity
        self._window = window
        self._clock = clock
        self._starts: deque[float] = deque(maxlen=self._capacity)
        self._next_slot = 0.0
        self._held_until = 0.0

    def hold(self, seconds: float) -> None:
        """Send nothing for `seconds` (the number's throughput was exceeded)."""
        self._held_until = max(self._held_until, self._clock() + seconds)

    def wait_time(self) -> float:
        """Seconds until a send may start (0 when it may start now)."""
        now = self._clock()
        wait = max(self._next_slot - now, self._held_until - now)
        if len(self._starts) == self._capacity:
            wait = max(wait, self._starts[0] + self._window - now)
        return max(wait, 0.0)

    async def acquire(self) -> None:
        while (wait := self.wait_time()) > 0:
            await asyncio.sleep(wait)
        # No await between the check and the record: one event loop makes this atomic.
        now = self._clock()
        self._starts.append(now)
        self._next_slot = max(self._next_slot, now - self._interval) + self._interval


def pair_next_allowed(
    recent_sends: Sequence[datetime], now: datetime, *, interval: float, burst: int
) -> datetime:
    """When the next message to a recipient may start, given its recent sends (any order).

    The bucket is taken as full before the oldest send given: pass the sends of the last
    `(burst + 1) * interval` seconds (older ones no longer matter once it has refilled).
    """
    if interval <= 0 or not recent_sends:
        return now
    sends = sorted(recent_sends)
    tokens = float(burst)
    previous = sends[0]
    for moment in sends:
        tokens = min(float(burst), tokens + (moment - previous).total_seconds() / interval) - 1
        previous = moment
    tokens = min(float(burst), tokens + (now - previous).total_seconds() / interval)
    if tokens >= 1:
        return now
    return now + timedelta(seconds=(1 - tokens) * interval)


def pair_lookback(interval: float, burst: int) -> timedelta:
    """How far back `pair_next_allowed` needs the sends."""
    return timedelta(seconds=(burst + 1) * interval)
