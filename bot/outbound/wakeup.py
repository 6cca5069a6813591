"""Waking `stockbot worker` in another process when replies are queued (PostgreSQL only).

The web process and the worker share nothing but the database: without a signal the worker
finds new rows at its next poll (`IDLE_POLL_SECONDS`, a second), and a reply waited half of it
at the median. Every transaction that queues a row (`bot.outbound.outbox`) therefore sends a
notification on `CHANNEL` (`notify_queued`): PostgreSQL delivers it when, and only if, the
transaction commits, once per transaction whatever the number of rows. The worker listens on a
connection of its own (`listen`) and is woken at once.

The notification is a hint, never needed for correctness: the worker polls as before, so a
notification lost (the worker was reconnecting, or the database restarted) delays a reply by
one poll at most. A lost listening connection is opened again after `RETRY_SECONDS`, and the
worker is woken then (rows may have been queued meanwhile). A connection that went silent
without closing (a cut network) is found by a ping after `PING_SECONDS` without notification.

`pg_notify` runs in a SELECT: a statement of another shape would count as a write to every
table for the caches that forget what their process writes (`bot.db.writes.written_table`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlmodel import Session

logger = logging.getLogger(__name__)

CHANNEL = "stockbot_outbox"
APPLICATION_NAME = "stockbot-outbox-wakeup"  # the listening connection, in pg_stat_activity
RETRY_SECONDS = 1.0
PING_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 5

_NOTIFY = text(f"SELECT pg_notify('{CHANNEL}', '')")
_NOTIFIED = "stockbot.outbox_notified"  # session.info: the (sub)transaction already notified


def notify_queued(session: Session) -> None:
    """Wake the listening workers when `session`'s transaction commits (PostgreSQL; a no-op on
    SQLite). One statement per transaction: later calls in it send nothing more."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    # A savepoint rolled back takes its notification with it: a savepoint is its own scope.
    scope = connection.get_nested_transaction() or connection.get_transaction()
    if scope is None or session.info.get(_NOTIFIED) is scope:
        return
    connection.execute(_NOTIFY)
    session.info[_NOTIFIED] = scope


def listen_url(url: URL) -> str:
    """A libpq connection string for the database of the SQLAlchemy `url`."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def listen(
    conninfo: str,
    wake: Callable[[], None],
    *,
    retry_seconds: float = RETRY_SECONDS,
    ping_seconds: float = PING_SECONDS,
) -> None:
    """Call `wake` at each notification on `CHANNEL`, and each time listening (re)starts, until
    cancelled; a lost connection is opened again `retry_seconds` later."""
    failures = 0
    while True:
        try:
            connection = await psycopg.AsyncConnection.connect(
                conninfo,
                autocommit=True,
                application_name=APPLICATION_NAME,
                connect_timeout=CONNECT_TIMEOUT_SECONDS,
            )
        except (psycopg.Error, OSError) as exc:
            failures += 1
            _lost(exc, failures)
            await asyncio.sleep(retry_seconds)
            continue
        try:
            async with connection:
                await connection.execute(f"LISTEN {CHANNEL}")
                if failures:
                    logger.info("outbox: listening for queued messages again")
                failures = 0
                wake()  # what was queued while nobody listened
                await _relay(connection, wake, ping_seconds)
        except (psycopg.Error, OSError) as exc:
            failures += 1
            _lost(exc, failures)
        await asyncio.sleep(retry_seconds)


async def _relay(
    connection: psycopg.AsyncConnection[tuple[object, ...]],
    wake: Callable[[], None],
    ping_seconds: float,
) -> None:
    """Relay notifications until the connection fails (psycopg.Error)."""
    while True:
        quiet = True
        async for _ in connection.notifies(timeout=ping_seconds):
            quiet = False
            wake()
        if quiet:  # nothing for a while: is the connection still there?
            await connection.execute("SELECT 1")


def _lost(exc: BaseException, failures: int) -> None:
    # Once per outage (then at debug level): the worker polls meanwhile. The error's type only:
    # its text may carry the connection string.
    log = logger.warning if failures == 1 else logger.debug
    log(
        "outbox: not listening for queued messages (%s), polling until it comes back",
        type(exc).__name__,
    )


__all__ = ["CHANNEL", "listen", "listen_url", "notify_queued"]
