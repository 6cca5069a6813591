"""Values read once per transaction and forgotten as soon as that transaction writes their tables.

The inbound processor handles a batch of messages in one transaction; what the conversation
reads for each (a store's catalog, say) is mostly the same for all of them. `transaction_cache`
gives a dict that lives as long as the session's current transaction and is emptied whenever a
statement of that transaction writes to one of the given tables, whatever wrote it (the ORM's
flush, a Core statement, raw SQL: SQL the cache cannot read is taken as a write to every table,
unless it names the tables it writes with the execution option `bot.db.writes.WRITES`).
A new transaction starts with an empty cache. Only this transaction's own writes are watched: on
PostgreSQL a value may be as old as the transaction (milliseconds), never older.

A write run with the execution option `CACHES_KEPT` is not watched: its writer has brought the
cached values up to date itself (the held links of user ids to managers read ahead).

`per_transaction` is what it stands on: one value per session and transaction, made when the
transaction first asks for it (the transaction caches, the writes held for the transaction).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session, SessionTransaction

from bot.db.writes import writes_any_of, written_tables

T = TypeVar("T")
_KEY = "stockbot.transaction_caches"
CACHES_KEPT = "stockbot_caches_kept"


def per_transaction(session: Session, key: str, make: Callable[[Connection], T]) -> T:
    """The value `key` of `session`'s current transaction, made by `make(its connection)` the
    first time this transaction asks (the transaction is begun when none has)."""
    held: tuple[SessionTransaction, T] | None = session.info.get(key)
    # The root transaction tells a new transaction for less than `session.connection()`, which
    # this runs for every value a message reads (the value is held with its transaction: a later
    # transaction never takes it).
    current = session.get_transaction()
    if held is not None and current is not None and held[0] is current:
        return held[1]
    connection = session.connection()  # begins the transaction when none has begun
    current = session.get_transaction()
    assert current is not None
    value = make(connection)
    session.info[key] = (current, value)
    return value


def made_in_this_transaction(session: Session, key: str) -> Any:
    """The value `key` if `session`'s current transaction made it (`per_transaction`), or None."""
    held: tuple[SessionTransaction, Any] | None = session.info.get(key)
    if held is None or held[0] is not session.get_transaction():
        return None
    return held[1]


@dataclass(eq=False)
class _Caches:
    by_tables: dict[frozenset[str], dict[Any, Any]] = field(default_factory=dict)


def transaction_cache(session: Session, tables: frozenset[str]) -> dict[Any, Any]:
    """The cache of `session`'s current transaction for values read from `tables`."""
    return per_transaction(session, _KEY, _watched_caches).by_tables.setdefault(tables, {})


def _watched_caches(connection: Connection) -> _Caches:
    caches = _Caches()
    event.listen(connection, "after_cursor_execute", partial(_forget_written, caches))
    return caches


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
    if context is not None and context.execution_options.get(CACHES_KEPT):
        return
    written = written_tables(statement, context)
    if written is None:
        return
    for tables, cache in caches.by_tables.items():
        if writes_any_of(written, tables):
            cache.clear()
