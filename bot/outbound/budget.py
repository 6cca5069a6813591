"""The global send rate of one sending number, shared by every worker through the database.

One `outbox_rate` row per number holds `next_slot`, the Unix time at which the next send may
start. A worker reserves a run of slots with one `UPDATE … RETURNING` (the row lock on
PostgreSQL, the write lock on SQLite make it atomic): `next_slot` moves on by `n` intervals from
itself or from now, whichever is later, so no two workers ever get the same slot and the slots of
all workers together are spaced for the rate (`bot/outbound/pacing.py`). A send waits for its
slot and gives it up when it is more than `LATE_SECONDS` late (a run of slots starts
`LEAD_SECONDS` ahead of its reservation, so that the hand-off does not make them late). When the
provider says the number's throughput was exceeded (`hold`), `next_slot` moves a second ahead for
everyone.

Workers reserve as many slots as they have sends ready, at most `RESERVE_SECONDS` of sending at
a time (so that an idle worker holds none), and reserve the next run when half of the current
one is used, so that sends do not wait for the database. Clocks of the worker hosts are assumed
in sync (NTP), as for the leases.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Callable

from sqlalchemy import Engine, case, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.db.models import OutboxRate
from bot.outbound.pacing import LATE_SECONDS, slot_interval
from bot.settings import Settings

R = OutboxRate.__table__  # type: ignore[attr-defined]
RESERVE_SECONDS = 0.05
LEAD_SECONDS = 0.01
HOLD_SECONDS = 1.0
RETRY_SECONDS = 1.0

logger = logging.getLogger(__name__)


def budget_key(settings: Settings, provider: str) -> str:
    """Which number a worker sends from: its rate is shared by everything sending from it."""
    number = {
        "meta": settings.whatsapp_phone_number_id,
        "twilio": settings.twilio_whatsapp_from,
    }.get(provider, "")
    return f"{provider}:{number}"[:64]


class SendBudget:
    """`await budget.acquire()` before each send; `await budget.hold()` after a 130429."""

    def __init__(
        self,
        engine: Engine,
        key: str,
        rate: float,
        *,
        ready: Callable[[], int] = lambda: 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._engine = engine
        self._key = key
        self._interval = slot_interval(rate)
        self._most = max(1, math.ceil(rate * RESERVE_SECONDS))
        self._ready = ready  # sends queued in the worker, not yet waiting here
        self._clock = clock
        self._slots: deque[float] = deque()
        self._refilling: asyncio.Task[None] | None = None
        self._held_until = 0.0
        self._waiting = 0  # sends waiting for a slot

    async def acquire(self) -> None:
        """Wait for a slot of this number's rate that is this worker's."""
        while True:
            slot = await self._take()
            delay = slot - self._clock()
            if delay > 0:
                await asyncio.sleep(delay)
            if self._clock() - slot <= LATE_SECONDS and slot >= self._held_until:
                return

    async def hold(self, seconds: float = HOLD_SECONDS) -> None:
        """No send of this number starts for `seconds`, in any worker (in this one at least, when
        the database cannot be reached: never raises)."""
        until = self._clock() + seconds
        self._held_until = max(self._held_until, until)  # slots reserved before: given up
        try:
            await asyncio.to_thread(self._hold, until)
        except Exception as exc:
            logger.warning(
                "outbox: could not hold the other workers' sends (%s); this one waits",
                type(exc).__name__,
            )

    async def _take(self) -> float:
        self._waiting += 1
        try:
            while True:
                now = self._clock()
                while self._slots and (
                    now - self._slots[0] > LATE_SECONDS or self._slots[0] < self._held_until
                ):
                    self._slots.popleft()
                if self._slots:
                    slot = self._slots.popleft()
                    if len(self._slots) <= self._most // 2:
                        self._refill()  # ahead of need: the database is not on the way
                    return slot
                await self._refill()
        finally:
            self._waiting -= 1

    def _refill(self) -> asyncio.Task[None]:
        """The reservation under way, started if none is."""
        if self._refilling is None or self._refilling.done():
            self._refilling = asyncio.create_task(self._reserve_ready())
        return self._refilling

    async def _reserve_ready(self) -> None:
        count = min(self._most, self._waiting + self._ready())
        if count == 0:
            return
        try:
            start = await asyncio.to_thread(self._reserve, count)
        except Exception:  # the database is unavailable: nothing is sent until it is back
            logger.exception("outbox: could not reserve send slots")
            await asyncio.sleep(RETRY_SECONDS)
            return
        self._slots.extend(start + i * self._interval for i in range(count))

    def _reserve(self, count: int) -> float:
        """Reserve `count` consecutive slots; returns the first.

        A run starts `LEAD_SECONDS` ahead: the slots reach the senders a few milliseconds later
        (the thread, the commit), and a slot more than `LATE_SECONDS` late is given up.
        """
        now = self._clock() + LEAD_SECONDS
        later = case((R.c.next_slot < now, now), else_=R.c.next_slot)
        statement = (
            update(R)
            .where(R.c.key == self._key)
            .values(next_slot=later + count * self._interval)
            .returning(R.c.next_slot)
        )
        with self._engine.begin() as connection:
            end = connection.execute(statement).scalar()
            if end is None:  # the first send from this number
                insert = (
                    postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
                )
                connection.execute(
                    insert(R).values(key=self._key, next_slot=0.0).on_conflict_do_nothing()
                )
                end = connection.execute(statement).scalar_one()
        return float(end) - count * self._interval

    def _hold(self, until: float) -> None:
        later = case((R.c.next_slot < until, until), else_=R.c.next_slot)
        with self._engine.begin() as connection:
            connection.execute(update(R).where(R.c.key == self._key).values(next_slot=later))
