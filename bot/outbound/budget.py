"""The send rate of one sending number, shared by every worker through the database.

One `outbox_rate` row per number holds `next_slot`, the Unix time at which the next send may
start, and the last cut of the adaptive rate (`rate`, `cut_at`: `bot/outbound/adaptive.py`). A
worker reserves a run of slots with one `UPDATE … RETURNING` (the row lock on PostgreSQL, the
write lock on SQLite make it atomic): `next_slot` moves on by `n` intervals from itself or from
now, whichever is later, so no two workers ever get the same slot and the slots of all workers
together are spaced for the rate in force (`bot/outbound/pacing.py`). The update only applies
if the row's last cut is the one the worker knows (`cut_at`): when another worker cut the rate
meanwhile, the worker reads the row and reserves again at the new rate. The row also says which
worker reserved last (`holder`): when another one did, for slots that are not over
`SHARED_SECONDS` ago, several workers may be sending, and slots are spaced with the margin
(`shared_until`) until `SHARED_SECONDS` after the last slot that other one holds (a worker with
sends waiting holds seconds of them); when that other one was sending
alone, the newcomer's slots start `LATE_ALONE_SECONDS` after its last one (which it may use that
late). A worker that finds the row idle (no slot in the last second: nobody is sending) sends
alone, without the margin, from its first slot: a second worker starting a moment later finds
its slots and takes the margin, after them, and the first one learns it at its next
reservation (the row lock, or SQLite's writer, orders the two reservations).

A send waits for its slot and gives it up when it is more than `LATE_SECONDS` late (a run of
slots starts `LEAD_SECONDS` ahead of its reservation, so that the hand-off does not make them
late; not the run a worker alone reserves with its claim, which would only hold a lone reply back),
or `LATE_ALONE_SECONDS` when its worker was sending alone: then the receiver window is
what keeps every second within the limit, and a slot that a busy event loop made late is used
rather than lost (the sends behind a stall catch up, never above the ceiling). For the same
reason a worker that has had the number to itself for the last second may start a send up to
`EARLY_ALONE_SECONDS` before its slot (`SendBudget._early`), the rate cut or not: a burst goes
out as it is ready, its window still holding each second to the rate in force. A send also waits
for room in the worker's `ReceiverWindow`, which keeps any second at the receiver within the
rate in force whatever the delays. When the provider refuses a send for throughput (`refused`), the
rate is cut for every worker, by what the provider refused (`after_refusal`), and recovers by
itself.

Workers reserve as many slots as they have sends ready, at most `RESERVE_SECONDS` of sending at
a time (so that an idle worker holds none; `RESERVE_ALONE_SECONDS` for a worker sending alone,
whose slots no other worker is waiting for), and reserve the next run when half of the current
one is used, so that sends do not wait for the database. Alone, a run goes on from where the last
one ended when that was a moment ago (`CATCH_UP_SECONDS`): a reservation that the database made
late (100 ms on a busy machine, more than half a run of 50 ms) cost the rate a tenth. Clocks of
the worker hosts are assumed in sync (NTP), as for the leases.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Float, Update, and_, bindparam, case, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.db.models import OutboxRate
from bot.outbound.adaptive import RateState, RefusalMeter, after_refusal, current_rate
from bot.outbound.pacing import LATE_SECONDS, ReceiverWindow, slot_interval
from bot.settings import Settings

R = OutboxRate.__table__  # type: ignore[attr-defined]
RESERVE_SECONDS = 0.05
RESERVE_ALONE_SECONDS = 0.25
LEAD_SECONDS = 0.01
LATE_ALONE_SECONDS = 0.1
CATCH_UP_SECONDS = LATE_ALONE_SECONDS / 2
RETRY_SECONDS = 1.0
SHARED_SECONDS = 1.0
EARLY_ALONE_SECONDS = RESERVE_ALONE_SECONDS
EARLY_AFTER_SHARED_SECONDS = 0.25
TRIES = 3  # reservations or cuts tried again when another worker cut the rate meanwhile


def _reservation() -> Update:
    """The reservation of a run of slots (`SendBudget._reserve_on`), built once: its values are
    bound at each call (building it anew cost more than running it)."""
    now = bindparam("b_now", type_=Float)
    # Another worker reserved last, slots that are not over a second ago: it may still be
    # sending. (Slots that are: it is not, even from a slot used late.)
    joined = and_(
        R.c.holder != bindparam("b_holder"), R.c.next_slot > bindparam("b_recent", type_=Float)
    )
    several = or_(joined, R.c.shared_until > now)
    run = case(
        (several, bindparam("b_run_shared", type_=Float)),
        else_=bindparam("b_run_alone", type_=Float),
    )
    # Joining a worker that sent alone (its slots may be used LATE_ALONE_SECONDS late, its
    # window counts only its own sends): from after its last slot could start. Alone, a run goes
    # on from where the last one ended when that was less than CATCH_UP_SECONDS ago: the
    # reservation's round trip (a thread, SQLite's writer) then costs the rate nothing (its
    # first slots are used a little late, as a stall's are); after a pause, or with other
    # workers, from now.
    after_alone = R.c.next_slot + LATE_ALONE_SECONDS
    later = case(
        (and_(joined, R.c.shared_until <= now, after_alone >= now), after_alone),
        (R.c.next_slot >= now, R.c.next_slot),
        (and_(~several, R.c.next_slot >= bindparam("b_caught_up", type_=Float)), R.c.next_slot),
        else_=now,
    )
    # Several workers send until a second after the last slot the other one holds, not only a
    # second after now: a worker reserves ahead of its sends (a long queue, seconds of slots),
    # and the one that reserved last would otherwise count as alone while those slots are
    # still being used, and start its sends early beside them (28 in a second at 25/s).
    held_until = R.c.next_slot + SHARED_SECONDS
    from_now = bindparam("b_shared_end", type_=Float)
    shared_end = case((held_until > from_now, held_until), else_=from_now)
    return (
        update(R)
        .where(R.c.key == bindparam("b_key"), R.c.cut_at == bindparam("b_cut_at", type_=Float))
        .values(
            next_slot=later + run,
            holder=bindparam("b_holder"),
            shared_until=case((joined, shared_end), else_=R.c.shared_until),
        )
        .returning(R.c.next_slot, R.c.shared_until)
    )


_RESERVE = _reservation()

logger = logging.getLogger(__name__)


def budget_key(settings: Settings, provider: str) -> str:
    """Which number a worker sends from: its rate is shared by everything sending from it."""
    number = {
        "meta": settings.whatsapp_phone_number_id,
        "twilio": settings.twilio_whatsapp_from,
    }.get(provider, "")
    return f"{provider}:{number}"[:64]


@dataclass(frozen=True, slots=True)
class Reservation:
    """A run of `count` slots from `start`, `interval` apart, reserved in a claim's transaction;
    a send may start up to `early` seconds before its slot (`SendBudget._early`)."""

    count: int
    start: float
    interval: float
    shared: bool
    state: RateState
    early: float = 0.0


class SendBudget:
    """`await budget.acquire()` before each send and `budget.release()` once it is over (answered,
    failed, or not sent after all); `await budget.refused()` after a throughput refusal."""

    def __init__(
        self,
        engine: Engine,
        key: str,
        rate: float,
        *,
        holder: str = "",
        ready: Callable[[], int] = lambda: 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._engine = engine
        self._key = key
        self._ceiling = rate
        self._holder = holder[:64]
        self._ready = ready  # sends queued in the worker, not yet waiting here
        self._clock = clock
        self._state = RateState()  # the last cut this worker knows of
        self._window = ReceiverWindow(rate)
        self._meter = RefusalMeter()
        self._ended = asyncio.Event()  # a send ended: there may be room in the window
        # (slot, how late it may be used, how early)
        self._slots: deque[tuple[float, float, float]] = deque()
        self._refilling: asyncio.Task[None] | None = None
        self._waiting = 0  # sends waiting for a slot
        self._acquiring = 0  # sends in `acquire`
        # The last reservation found this worker sending alone; before its first one, a worker
        # counts as alone: it most often is (and when it is not, its run comes after the other
        # workers' slots, spaced with the margin).
        self._alone = True

    @property
    def rate(self) -> float:
        """The rate in force as this worker knows it (sends per second)."""
        return current_rate(self._state, self._clock(), self._ceiling)

    def queued_seconds(self) -> float:
        """How long the sends now waiting in `acquire` take to start at the rate in force: a
        send that comes to `acquire` now starts no sooner than that."""
        return self._acquiring / self.rate

    async def acquire(self) -> None:
        """Wait for a slot of this number's rate that is this worker's, and room in its window."""
        self._acquiring += 1
        try:
            while True:
                await self._window_room()
                slot, late, early = await self._take()
                delay = slot - early - self._clock()
                if delay > 0:
                    await asyncio.sleep(delay)
                # Another sender may have taken the room meanwhile: the slot is kept while this
                # one waits for more (given up only once it is too late). Taking the next slot
                # instead threw away 1.5-2 % of the slots at 1,000/s, none of them late.
                await self._window_room()
                now = self._clock()
                if now - slot <= late and self._window.free_at(now) == now:
                    self._window.start()
                    self._meter.started(now)
                    return
        finally:
            self._acquiring -= 1

    def release(self, *, taken: bool = True) -> None:
        """The send that `acquire` let start is over; `taken=False`: the provider refused it for
        throughput, it is no message at the receiver (`ReceiverWindow`)."""
        self._window.end(self._clock(), taken=taken)
        self._ended.set()

    async def refused(self) -> None:
        """The provider refused a send for throughput: cut the rate, for every worker (for this
        one at least when the database cannot be reached: never raises)."""
        now = self._clock()
        share = self._meter.refused(now)
        if after_refusal(self._state, now, self._ceiling, share) is None:
            return  # cut less than a second ago: the same excess
        try:
            self._state = await asyncio.to_thread(self._cut, now, share)
        except Exception as exc:
            logger.warning(
                "outbox: could not slow the other workers' sends (%s); this one slows down",
                type(exc).__name__,
            )
            self._state = after_refusal(self._state, now, self._ceiling, share) or self._state
            return
        logger.info(
            "outbox: throughput refused (%.0f %% of the last second), rate now %.1f/s",
            share * 100,
            current_rate(self._state, now, self._ceiling),
        )

    async def _window_room(self) -> None:
        while True:
            now = self._clock()
            self._window.follow(self.rate)
            free = self._window.free_at(now)
            if free is None:
                self._ended.clear()
                await self._ended.wait()
            elif free > now:
                await asyncio.sleep(free - now)
            else:
                return

    async def _take(self) -> tuple[float, float, float]:
        self._waiting += 1
        try:
            while True:
                now = self._clock()
                while self._slots and now - self._slots[0][0] > self._slots[0][1]:
                    self._slots.popleft()
                if self._slots:
                    slot = self._slots.popleft()
                    if len(self._slots) <= self._most() // 2 and self._wanted() > 0:
                        self._refill()  # ahead of need: the database is not on the way
                    return slot
                await self._refill()
        finally:
            self._waiting -= 1

    def _most(self) -> int:
        seconds = RESERVE_ALONE_SECONDS if self._alone else RESERVE_SECONDS
        return max(1, math.ceil(self.rate * seconds))

    def _wanted(self) -> int:
        """Slots to reserve for the sends waiting or queued beyond those already held."""
        return min(self._most(), self._waiting + self._ready() - len(self._slots))

    def reserve_with_claim(self, connection: Connection, claimed: int) -> Reservation | None:
        """In the claim's transaction (a thread): reserve the slots of the rows just claimed, so
        that their sends need no transaction of their own. Only while this worker was sending
        alone (its slots may then be used late), or for its first slots (it most often starts
        alone; when it does not, a slot the hand-off made late is given up, as any late slot:
        a few slots of its start lost, never one used twice); else, or when nothing is wanted,
        None and the sends reserve as usual. Hand the result to `add` on the event loop."""
        count = min(self._most(), claimed + self._waiting + self._ready() - len(self._slots))
        if not self._alone or count <= 0:
            return None
        # No lead: alone, a slot may be used LATE_ALONE_SECONDS late, so the hand-off cannot make
        # it lost, and a lone reply is not held back by the lead (it was 10 ms of every reply).
        return self._reserve_on(connection, count, self._state, lead=0.0)

    def due_at_once(self, reservation: Reservation | None) -> bool:
        """Whether the first slot of `reservation` is due now: its send need not wait for it."""
        return reservation is not None and reservation.start <= self._clock()

    def add(self, reservation: Reservation | None) -> None:
        """Take the slots that `reserve_with_claim` reserved (committed with the claim)."""
        if reservation is not None:
            self._add(reservation)

    def _refill(self) -> asyncio.Task[None]:
        """The reservation under way, started if none is."""
        if self._refilling is None or self._refilling.done():
            self._refilling = asyncio.create_task(self._reserve_ready())
        return self._refilling

    async def _reserve_ready(self) -> None:
        count = self._wanted()
        if count <= 0:
            return
        try:
            reservation = await asyncio.to_thread(self._reserve, count, self._state)
        except Exception:  # the database is unavailable: nothing is sent until it is back
            logger.exception("outbox: could not reserve send slots")
            await asyncio.sleep(RETRY_SECONDS)
            return
        self._add(reservation)

    def _add(self, reservation: Reservation) -> None:
        self._state, self._alone = reservation.state, not reservation.shared
        late = LATE_SECONDS if reservation.shared else LATE_ALONE_SECONDS
        start, interval = reservation.start, reservation.interval
        run = [(start + i * interval, late, reservation.early) for i in range(reservation.count)]
        if self._slots and self._slots[-1][0] > start:
            # Two runs handed over in another order than the database reserved them (a claim's
            # and a refill's, each from its thread): taken in time order, or the earlier run,
            # behind the later one, would be too late once reached and given up whole.
            run = sorted([*self._slots, *run])
            self._slots.clear()
        self._slots.extend(run)

    def _reserve(self, count: int, state: RateState) -> Reservation:
        """Reserve `count` consecutive slots: the run (its first slot, the interval, whether
        several workers share the rate, how early its sends may start) and the last cut in force.

        A run starts `LEAD_SECONDS` ahead: the slots reach the senders a few milliseconds later
        (the thread, the commit), and a slot more than `LATE_SECONDS` late is given up.
        """
        with self._engine.begin() as connection:
            return self._reserve_on(connection, count, state)

    def _reserve_on(
        self, connection: Connection, count: int, state: RateState, *, lead: float = LEAD_SECONDS
    ) -> Reservation:
        """`_reserve` within the caller's transaction, the run starting `lead` ahead."""
        for _ in range(TRIES):
            now = self._clock() + lead
            rate = current_rate(state, now, self._ceiling)
            alone, shared = slot_interval(rate), slot_interval(rate, shared=True)
            parameters = {
                "b_key": self._key,
                "b_cut_at": state.cut_at,
                "b_holder": self._holder,
                "b_now": now,
                "b_recent": now - SHARED_SECONDS,
                "b_caught_up": now - CATCH_UP_SECONDS,
                "b_shared_end": now + SHARED_SECONDS,
                "b_run_alone": count * alone,
                "b_run_shared": count * shared,
            }
            row = connection.execute(_RESERVE, parameters).first()
            if row is not None:
                several = row.shared_until > now
                interval = shared if several else alone
                start = float(row.next_slot) - count * interval
                early = self._early(now, float(row.shared_until))
                return Reservation(count, start, interval, several, state, early)
            state = self._read(connection)  # cut by another worker, or a first send
        raise RuntimeError("outbox: the rate kept changing while reserving slots")

    def _early(self, now: float, shared_until: float) -> float:
        """How early a send of a run reserved at `now` may start before its slot.

        A worker that has the number's sends of the last second to itself may start a send
        before its slot, by up to EARLY_ALONE_SECONDS: its receiver window alone then keeps every
        second at the receiver within the rate in force (the ceiling, or the cut after a
        refusal: the window follows it), and a burst goes out as fast as it is ready rather than
        at one send a slot (a burst of 1,000 replies at 1,000/s ended at one a millisecond, the
        core half idle; with one send in ten refused at random, slots one at a time after each
        cut cost a fast machine a quarter of its replies a second). Not while several workers
        may send (each window counts only its own sends: the even slots of all are what holds
        their sum) nor in the second after they did (both within `shared_until`; then
        EARLY_AFTER_SHARED_SECONDS for their last slots and the way to the receiver)."""
        if now < shared_until + EARLY_AFTER_SHARED_SECONDS:
            return 0.0
        return EARLY_ALONE_SECONDS

    def _cut(self, now: float, share: float) -> RateState:
        """Write the cut after a refusal at `now`; returns the last cut in force afterwards."""
        state = self._state
        with self._engine.begin() as connection:
            for _ in range(TRIES):
                cut = after_refusal(state, now, self._ceiling, share)
                if cut is None:  # another worker cut it meanwhile
                    return state
                statement = (
                    update(R)
                    .where(R.c.key == self._key, R.c.cut_at == state.cut_at)
                    .values(rate=cut.rate, cut_at=cut.cut_at)
                )
                if connection.execute(statement).rowcount:
                    return cut
                state = self._read(connection)
        return state

    def _read(self, connection: Connection) -> RateState:
        """The row's last cut; the row is created when this number never sent."""
        query = select(R.c.rate, R.c.cut_at).where(R.c.key == self._key)
        row = connection.execute(query).first()
        if row is None:
            insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
            connection.execute(insert(R).values(key=self._key).on_conflict_do_nothing())
            row = connection.execute(query).one()
        return RateState(float(row.rate), float(row.cut_at))
