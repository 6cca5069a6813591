"""How fast stockbot may send: a global rate per number and a pair rate per recipient. Pure.

- Global rate, `rate` the rate in force (the configured ceiling, or less after a 429:
  `bot/outbound/adaptive.py`): sends start on *slots* spaced `slot_interval(rate, shared)`
  apart, handed out by the database to every worker (`bot/outbound/budget.py`); a send starts no
  later than `LATE_SECONDS` after its slot (else the slot is given up), and no earlier, but for
  a worker that had the last second of sends to itself (its window then holds the limit alone).
- `ReceiverWindow`: what makes the limit exact at the receiver. Meta counts a message when it
  arrives, somewhere between the moment the send started and the moment its answer came back;
  how long the way there takes varies (the network, a busy event loop), so evenly spaced starts
  alone can put more than `rate` arrivals in one second at Meta. The window counts, in one
  worker, the sends in flight and those answered less than a second ago, and lets a send start
  only while they are fewer than `rate`. Proof: take any one-second window at the receiver and,
  of the sends that arrived in it, the one that started last, at `s`. Every other one started
  before `s` and was answered after it arrived, so after the window opened, so after `s - 1`:
  when the last one started, all the others were in flight or answered less than a second ago,
  and the window let it start only if they were fewer than `rate`. So no second at the receiver
  holds more than `rate` sends of this worker, whatever the delays, with no margin taken on the
  rate: the cost is only the time a send takes (at 1,000/s, sends answered in 5 ms on average
  leave room for 995 a second). A send the receiver refused for throughput (a 429) is no
  message there: it leaves the window when its answer comes, as one that never started (with
  one send in ten refused at random, counting them kept the last tenth of a burst waiting for
  the second to pass, at no receiver's limit).
- Several workers: the window holds for each, not for their sum. While more than one worker
  sends (the database notices, `budget.py`), slots are spaced for `rate / SHARED_MARGIN` again,
  so that any one-second window holds at most `ceil((1 + LATE_SECONDS + jitter) * rate / 1.08)`
  starts, which is `rate` while the jitter on the way to Meta stays under 75 ms (a margin of
  1.02 let 61 through in a second at 60/s with two worker processes on a loaded 2-core machine,
  1.04 let 62 through with two test runs beside them: a process descheduled for 60 ms is
  ordinary on such a machine). The cost is 7 % of the rate, only while several workers send.
  A worker sending alone takes no margin: its slots are spaced for the rate itself.
- `pair_next_allowed`: Meta's pair rate (about one message per 6 s to one user, with short
  bursts borrowed from later) as a token bucket of `burst` tokens refilled one per `interval`,
  replayed over the recipient's recent sends read from the database, so every worker agrees.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from datetime import datetime, timedelta

SHARED_MARGIN = 1.08
LATE_SECONDS = 0.005


def slot_interval(rate: float, *, shared: bool = False) -> float:
    """Seconds between two sends at `rate` per second (with the margin when workers share it)."""
    return (SHARED_MARGIN if shared else 1.0) / rate


class ReceiverWindow:
    """At most `rate` messages of this worker taken in any one second at the receiver (see
    above); a send refused for throughput is none (the requests of a second may then be more,
    by the sends refused, each sent again at the slower rate).

    Below one per second: at most one send in any `1 / rate` seconds. `start()` when a send
    starts, `end(now)` when its answer came (or it failed, timed out, or did not go after all),
    `end(now, taken=False)` when the receiver refused it for throughput; `follow(rate)` as the
    rate in force changes.
    """

    def __init__(self, rate: float) -> None:
        self.limit = 1
        self.span = 1.0
        self.follow(rate)
        self._in_flight = 0
        self._ended: deque[float] = deque()

    def follow(self, rate: float) -> None:
        """Hold every second to `rate` from now on (the rate in force, cut or recovering)."""
        self.limit = max(1, math.floor(rate))
        self.span = max(1.0, 1.0 / rate)

    def free_at(self, now: float) -> float | None:
        """When one more send may start: `now` when it may; None when only the end of a send in
        flight can make room."""
        self._forget(now)
        excess = self._in_flight + len(self._ended) - self.limit + 1
        if excess <= 0:
            return now
        if excess > len(self._ended):
            return None
        return self._ended[excess - 1] + self.span

    def start(self) -> None:
        self._in_flight += 1

    def end(self, now: float, *, taken: bool = True) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if taken:
            self._ended.append(now)

    def _forget(self, now: float) -> None:
        old = now - self.span
        while self._ended and self._ended[0] <= old:
            self._ended.popleft()


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
