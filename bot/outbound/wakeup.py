"""Waking `stockbot worker` in another process when replies are queued (PostgreSQL only).

The web process and the worker share nothing but the database: without a signal the worker
finds new rows at its next poll (`IDLE_POLL_SECONDS`, a second), and a reply waited half of it
at the median. Every transaction that queues a row (`bot.outbound.outbox`) therefore sends a
notification on `CHANNEL` (`notify_queued`), one statement when it commits, whatever the number
of rows and of savepoints they were queued in: none when it rolls back, nor when every row was
queued in savepoints rolled back (the connection follows its savepoints, `_Scopes`). The worker
listens on a connection of its own (`listen`) and is woken at once.

The notification is a hint, never needed for correctness: the worker polls as before, so a
notification lost (the worker was reconnecting, or the database restarted) delays a reply by
one poll at most. A lost listening connection is opened again after `RETRY_SECONDS`, and the
worker is woken then (rows may have been queued meanwhile). A connection that went silent
without closing (a cut network) is found by a ping after `PING_SECONDS` without notification.

`pg_notify` runs in a SELECT: a statement of another shape would count as a write to every
table for the caches that forget what their process writes (`bot.db.writes.written_tables`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import psycopg
from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import URL
from sqlmodel import Session

logger = logging.getLogger(__name__)

CHANNEL = "stockbot_outbox"
APPLICATION_NAME = "stockbot-outbox-wakeup"  # the listening connection, in pg_stat_activity
RETRY_SECONDS = 1.0
PING_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 5

_NOTIFY = text(f"SELECT pg_notify('{CHANNEL}', '')")
_SCOPES = "stockbot.outbox_queued"  # connection.info: the transaction's `_Scopes`


def notify_queued(session: Session) -> None:
    """Wake the listening workers when `session`'s transaction commits (PostgreSQL; a no-op on
    SQLite). The statement is sent once, at the commit; nothing before."""
    if session.get_bind().dialect.name != "postgresql":
        return
    connection = session.connection()
    scopes = connection.info.get(_SCOPES)
    if scopes is None:
        scopes = connection.info[_SCOPES] = _Scopes()
    scopes.queued[-1] = True


class _Scopes:
    """Whether rows were queued in the transaction and in each savepoint open in it, innermost
    last: a savepoint released hands its rows to the scope around it, one rolled back drops
    them (SQLAlchemy ends savepoints innermost first). Made at the transaction's first
    savepoint (on PostgreSQL) or first row queued."""

    def __init__(self) -> None:
        self.queued = [False]

    def begin(self) -> None:
        self.queued.append(False)

    def end(self, *, kept: bool) -> None:
        if len(self.queued) > 1:
            queued = self.queued.pop()
            self.queued[-1] |= kept and queued


def _scopes(connection: Connection) -> _Scopes | None:
    if connection.invalidated:  # cut (a server restart): reading `info` would raise instead
        return None
    scopes: _Scopes | None = connection.info.get(_SCOPES)
    return scopes


def _committing(connection: Connection) -> None:
    scopes = _scopes(connection)
    if scopes is not None:
        del connection.info[_SCOPES]
        if any(scopes.queued):  # a savepoint left open counts as released
            connection.execute(_NOTIFY)


def _rolled_back(connection: Connection) -> None:
    if _scopes(connection) is not None:
        del connection.info[_SCOPES]


def _savepoint(connection: Connection, _name: str | None) -> None:
    scopes = _scopes(connection)
    if scopes is None:  # rows may be queued in it: followed from the transaction's first one
        if connection.dialect.name != "postgresql" or connection.invalidated:
            return
        scopes = connection.info[_SCOPES] = _Scopes()
    scopes.begin()


def _released(connection: Connection, _name: str, _context: Any) -> None:
    if (scopes := _scopes(connection)) is not None:
        scopes.end(kept=True)


def _savepoint_rolled_back(connection: Connection, _name: str, _context: Any) -> None:
    if (scopes := _scopes(connection)) is not None:
        scopes.end(kept=False)


_HANDLERS: dict[str, Callable[..., None]] = {
    "commit": _committing,
    "rollback": _rolled_back,
    "savepoint": _savepoint,
    "release_savepoint": _released,
    "rollback_savepoint": _savepoint_rolled_back,
}
for _name, _handler in _HANDLERS.items():  # every engine's: no transaction begins unfollowed
    event.listen(Engine, _name, _handler)


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
