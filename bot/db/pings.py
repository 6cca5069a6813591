"""Check a pooled connection before use only when it sat idle: not before every checkout.

SQLAlchemy's `pool_pre_ping` pings the server at every checkout of a pooled connection: a round
trip before each transaction, several in a lone message's path from the webhook to its reply
(its commit, the claim, the processing, the outbox's claim and in-flight mark). A connection is
pinged here only when it was not used for `PING_AFTER_IDLE_SECONDS`: the one a server restart, an
idle timeout or a firewall may have cut while it waited. The pool hands out the connection
returned last (`pool_use_lifo`), so under traffic (the app's loops poll every second) it is one
just used. A connection cut while in use is detected by its failing statement as before:
SQLAlchemy then discards every connection older than it, and each stage's failure path applies
(the webhook answers 503 and the provider re-delivers; the processor and the outbox try again).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, exc

PING_AFTER_IDLE_SECONDS = 5.0
_USED = "stockbot.used_at"


def ping_when_idle(
    engine: Engine,
    idle: float = PING_AFTER_IDLE_SECONDS,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Ping the connections of `engine` at checkout when idle for more than `idle` seconds."""
    dialect = engine.dialect

    def used(dbapi_connection: Any, record: Any, *args: Any) -> None:
        record.info[_USED] = clock()

    def checkout(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        if clock() - record.info.get(_USED, float("-inf")) <= idle:
            return
        try:
            alive = dialect.do_ping(dbapi_connection)
        except Exception as error:  # the pool reconnects (and drops the older connections)
            raise exc.InvalidatePoolError(f"ping failed: {type(error).__name__}") from error
        if not alive:
            raise exc.InvalidatePoolError("ping failed")
        record.info[_USED] = clock()

    event.listen(engine.pool, "connect", used)  # a new connection needs no ping
    event.listen(engine.pool, "checkout", checkout)
    event.listen(engine.pool, "checkin", used)
