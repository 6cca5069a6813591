"""Failed authentications slowed down per client address (the admin API and the back office),
shared by every web process through the database (`auth_failure`).

An address may fail FREE_FAILURES times; after that each further failure locks it out for a
delay that doubles (1 s, 2 s, 4 s … up to MAX_LOCKOUT), during which every attempt, right or
wrong, answers 429 with `Retry-After`. A success clears the address. Failures are forgotten
after FORGET_AFTER without one; such rows are deleted by later failures (at most once a minute
per process). An IPv6 client counts by its /64 network: one host holds a whole /64 and could
otherwise change address at every guess.

Cheap on the sign-in path: a check is one primary-key read; a failure one upsert (one more
UPDATE once locked out); a success deletes the row only when this process saw one for the
address, so a normal API call writes nothing. Each runs off the event loop.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.clock import utcnow
from bot.db.models import AuthFailure

FREE_FAILURES = 5
MAX_LOCKOUT = 300.0
FORGET_AFTER = 900.0
CLEAN_EVERY = 60.0
_SEEN_MAX = 10_000
_KEY_MAX = 64

T = AuthFailure.__table__  # type: ignore[attr-defined]


def lockout_seconds(failures: int) -> float:
    """How long the `failures`-th failure in a row locks the address out (0: not at all)."""
    over = failures - FREE_FAILURES
    return 0.0 if over <= 0 else min(MAX_LOCKOUT, 2.0 ** (over - 1))


def client_key(address: str) -> str:
    """What failures are counted by: the address, or its /64 network for IPv6."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:_KEY_MAX]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:  # ::ffff:1.2.3.4 is 1.2.3.4
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


class FailedAuthLimiter:
    """Counts failed authentications per address in the database; says how long an address
    must wait. `attach(engine)` once the app's engine exists (its lifespan)."""

    def __init__(self, clock: Callable[[], datetime] = utcnow) -> None:
        self._clock = clock
        self._engine: Engine | None = None
        self._seen: OrderedDict[str, None] = OrderedDict()  # keys with a row, as last read
        self._cleaned_at = -CLEAN_EVERY  # time.monotonic() of the last removal of old rows

    def attach(self, engine: Engine) -> None:
        self._engine = engine

    async def retry_after(self, address: str) -> int:
        """Whole seconds `address` must still wait before trying again (0: it may try now)."""
        return await asyncio.to_thread(self.retry_after_now, address)

    async def failed(self, address: str) -> None:
        await asyncio.to_thread(self.failed_now, address)

    async def succeeded(self, address: str) -> None:
        key = client_key(address)
        if key in self._seen:
            await asyncio.to_thread(self.succeeded_now, address)

    # ------------------------------------------------------------ the same, blocking

    def retry_after_now(self, address: str) -> int:
        key = client_key(address)
        now = self._clock()
        with self._connect() as connection:
            row = connection.execute(_READ, {"key": key}).first()
        if row is None:
            self._seen.pop(key, None)
            return 0
        self._remember(key)
        locked_until, last_failure = row
        if now - last_failure > timedelta(seconds=FORGET_AFTER):
            return 0
        wait: int = max(0, math.ceil((locked_until - now).total_seconds()))
        return wait

    def failed_now(self, address: str) -> None:
        key = client_key(address)
        now = self._clock()
        with self._connect() as connection, connection.begin():
            failures = connection.execute(
                _upsert(connection, now),
                {"address": key, "failures": 1, "last_failure_at": now, "locked_until": now},
            ).scalar_one()
            wait = lockout_seconds(failures)
            if wait:
                until = now + timedelta(seconds=wait)
                connection.execute(
                    update(T)
                    .where(T.c.address == key, T.c.locked_until < until)
                    .values(locked_until=until)
                )
            if time.monotonic() - self._cleaned_at > CLEAN_EVERY:
                self._cleaned_at = time.monotonic()
                forgotten = now - timedelta(seconds=FORGET_AFTER)
                connection.execute(delete(T).where(T.c.last_failure_at < forgotten))
        self._remember(key)

    def succeeded_now(self, address: str) -> None:
        key = client_key(address)
        with self._connect() as connection, connection.begin():
            connection.execute(delete(T).where(T.c.address == key))
        self._seen.pop(key, None)

    def _connect(self) -> Connection:
        if self._engine is None:
            raise RuntimeError("FailedAuthLimiter used before attach(engine)")
        return self._engine.connect()

    def _remember(self, key: str) -> None:
        self._seen[key] = None
        self._seen.move_to_end(key)
        while len(self._seen) > _SEEN_MAX:
            self._seen.popitem(last=False)


# Built once: this runs for every admin API request and sign-in.
_READ = select(T.c.locked_until, T.c.last_failure_at).where(T.c.address == bindparam("key"))


def _upsert(connection: Connection, now: datetime) -> Any:
    """Count one failure: the first, or one more (the first again once the last is forgotten)."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = insert(T)
    forgotten = now - timedelta(seconds=FORGET_AFTER)
    return statement.on_conflict_do_update(
        index_elements=["address"],
        set_={
            "failures": case((T.c.last_failure_at < forgotten, 1), else_=T.c.failures + 1),
            "last_failure_at": statement.excluded.last_failure_at,
        },
    ).returning(T.c.failures)
