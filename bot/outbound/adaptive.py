"""The number's adaptive send rate: cut when the provider answers 429, recovered gradually. Pure.

The configured `OUTBOX_RATE_PER_SECOND` is the ceiling; the rate in force is kept, like the
slots, in the number's `outbox_rate` row, so every worker follows the same one
(`bot/outbound/budget.py` does the I/O). What is stored is the last cut: the rate it set and
when (`RateState`); the rate at any later moment follows from it (`current_rate`).

- **Cut** (`after_refusal`), on a throughput refusal (Meta 130429, an HTTP 429 without a Graph
  code, Twilio 63018): to the share of sends the provider let through in the last second
  (`RefusalMeter`), and at least by `CUT_FACTOR`: 10 % refused, 10 % less; 90 % refused (a limit
  far below the rate), 90 % less at once. No deeper than what was refused: at a real limit, that
  is the limit itself; refusals that come whatever the rate (a busy provider) then cost only
  about what they refused (a cut of at least 15 %, as before, cost 3 % of the rate more with one
  send in ten refused at random). One cut per `COOL_SECONDS` at most: the refusals of one excess
  arrive together, and a cut takes a moment to show at the provider.
- **Recovery** (`current_rate`): `RECOVERY_PER_SECOND` more per second without a cut
  (multiplicative: back to the ceiling within half a second after a 10 % cut, within about 11 s
  after a 90 % cut), never above the ceiling, never below `FLOOR_SHARE` of it.

So sporadic refusals cost little (with one send in ten refused at random, about 3 % of the rate
beyond the refused sends themselves), and a real limit below the rate is found within a cut or
two; at a real limit below the rate, the rate climbs back over it between cuts
(`bench/real_limit.py`: 13 % of the sends refused at a limit 10 % below the ceiling, 35 % at half
of it, the messages delivered at the limit), and those sends are sent again at once by their
worker, at the slower rate (never lost: `bot/outbound/worker.py`). The worker's receiver window
follows the rate in force and counts only the sends the provider took (`bot/outbound/pacing.py`).
Meta's pair rate (131056, one recipient) is not this: it delays that recipient's message only
(`bot/outbound/pacing.py`, `pair_next_allowed`, and the retry hint).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

CUT_FACTOR = 0.95
COOL_SECONDS = 1.0
RECOVERY_PER_SECOND = 1.25
FLOOR_SHARE = 0.02
METER_SECONDS = 1.0
METER_LEAST_SENDS = 10  # one refusal among few sends says little: counted as 1 in 10 at most


@dataclass(frozen=True, slots=True)
class RateState:
    """The last cut: the rate it set (sends per second) and when (Unix time); never cut: 0, 0."""

    rate: float = 0.0
    cut_at: float = 0.0


def current_rate(state: RateState, now: float, ceiling: float) -> float:
    """The rate in force at `now` (sends per second), at most `ceiling`."""
    if state.cut_at <= 0 or state.rate <= 0:
        return ceiling
    calm = max(0.0, now - state.cut_at)
    recovered: float = state.rate * RECOVERY_PER_SECOND**calm
    return max(ceiling * FLOOR_SHARE, min(ceiling, recovered))


def after_refusal(
    state: RateState, now: float, ceiling: float, refused_share: float
) -> RateState | None:
    """The state after a throughput refusal at `now`; None when it changes nothing (the last
    cut is less than `COOL_SECONDS` old: the same excess)."""
    if state.cut_at > 0 and now - state.cut_at < COOL_SECONDS:
        return None
    kept = min(CUT_FACTOR, 1.0 - min(max(refused_share, 0.0), 1.0))
    rate = max(ceiling * FLOOR_SHARE, current_rate(state, now, ceiling) * kept)
    return RateState(rate, now)


class RefusalMeter:
    """The share of this worker's sends of the last `METER_SECONDS` refused for throughput (of
    at least `METER_LEAST_SENDS`: a lone send refused does not say that all of them would be)."""

    def __init__(self) -> None:
        self._starts: deque[float] = deque()
        self._refusals: deque[float] = deque()

    def started(self, now: float) -> None:
        self._starts.append(now)
        self._forget(now)

    def refused(self, now: float) -> float:
        """Note a refusal; returns the share refused (of the sends started in the window)."""
        self._refusals.append(now)
        self._forget(now)
        return min(1.0, len(self._refusals) / max(METER_LEAST_SENDS, len(self._starts)))

    def _forget(self, now: float) -> None:
        old = now - METER_SECONDS
        for times in (self._starts, self._refusals):
            while times and times[0] <= old:
                times.popleft()
