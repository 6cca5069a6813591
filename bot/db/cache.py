"""Values read once per transaction and forgotten as soon as that transaction writes their tables.

The inbound processor handles a batch of messages in one transaction; what the conversation
reads for each (a store's catalog, say) is mostly the same for all of them. `transaction_cache`
gives a dict that lives as long as the session's current transaction and is emptied whenever a
statement of that transaction writes to one of the given tables, whatever wrote it (the ORM's
flush, a Core statement, raw SQL: SQL the cache cannot read is taken as a write to every table).
A new transaction starts with an empty cache. Only this transaction's own writes are watched: on
PostgreSQL a value may be as old as the transaction (milliseconds), never older.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session

from bot.db.writes import written_table

_KEY = "stockbot.transaction_caches"


@dataclass(eq=False)
class _Caches:
    transaction: SessionTransaction
    by_tables: dict[frozenset[str], dict[Any, Any]] = field(default_factory=dict)


def transaction_cache(session: Session, tables: frozenset[str]) -> dict[Any, Any]:
    """The cache of `session`'s current transaction for values read from `tables`."""
    caches: _Caches | None = session.info.get(_KEY)
    # The root transaction tells a new transaction for less than `session.connection()`, which
    # this runs for every value a message reads (the cache holds the old one: never reused).
    current = session.get_transaction()
    if caches is None or current is None or caches.transaction is not current:
        connection = session.connection()  # begins the transaction when none has begun
        current = session.get_transaction()
        assert current is not None
        caches = _Caches(current)
        session.info[_KEY] = caches
        event.listen(connection, "after_cursor_execute", partial(_forget_written, caches))
    return caches.by_tables.setdefault(tables, {})


def _forget_written(
    caches: _Caches,
    connection: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    executemany: bool,
) -> None:
    if not any(caches.by_tables.values()):
        return
    table = written_table(statement, context)
    if table is None:
        return
    for tables, cache in caches.by_tables.items():
        if table == "*" or table in tables:
            cache.clear()
