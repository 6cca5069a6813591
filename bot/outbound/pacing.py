"""How fast stockbot may send: a global rate per number and a pair rate per recipient. Pure.

- Global rate: sends start on *slots* spaced `slot_interval(rate)` apart, handed out by the
  database to every worker (`bot/outbound/budget.py`), and a send starts no later than
  `LATE_SECONDS` after its slot (else the slot is given up). Slots are spaced for
  `rate / 1.04` per second, so any one-second window holds at most
  `ceil((1 + LATE_SECONDS + jitter) * rate / 1.04)` starts, which is `rate` while the jitter on
  the way to Meta stays under 35 ms, at any rate (0.5 per second is one send every 2.08 s).
  (A margin of 1.02 let 61 through in a second at 60/s with two worker processes on a loaded
  2-core machine.)
- `pair_next_allowed`: Meta's pair rate (about one message per 6 s to one user, with short
  bursts borrowed from later) as a token bucket of `burst` tokens refilled one per `interval`,
  replayed over the recipient's recent sends read from the database, so every worker agrees.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

WINDOW_SECONDS = 1.04
LATE_SECONDS = 0.005


def slot_interval(rate: float) -> float:
    """Seconds between two sends at `rate` per second (with the window's margin)."""
    return WINDOW_SECONDS / rate


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
