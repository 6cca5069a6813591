"""Rows written together for a transaction: one `executemany` in place of a statement each.

A batch of messages saves one conversation and queues one reply a message; SQLAlchemy's own
work around a statement was most of each. `held_rows(session, key, statement, table)` gives
the transaction's list of parameter rows for `statement`; they are written in one
`executemany` (or, for a `bot.db.rows.ManyRows`, in one statement with all the rows as one
parameter on PostgreSQL), in the order held:

- before the next statement of the transaction that names `table` (a read of it reads what was
  held; a write to it, the ORM's insert of an outbox row say, comes after them, as it would have;
  a column named after it, `manager_id`, is not the table);
- before a savepoint begins: written inside one that is rolled back, they would be lost with it,
  and never written again;
- before the transaction commits.

A rolled-back transaction's rows are never written, nor those held inside a savepoint rolled
back (all the rows held then were held since it began: the rows held before were written when
it began, and a row held in a savepoint whose SAVEPOINT statement was not sent yet sends it
first). A failure of the write (a stale version, a
constraint) fails that statement, or the commit, and the transaction with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import Connection, Executable, event
from sqlalchemy.orm import Session

from bot.db.cache import made_in_this_transaction, per_transaction
from bot.db.rows import ManyRows

# Called with (rows written, rows held) after each write: raises when they must not differ.
Check = Callable[[int, int], None]
_KEYS: list[str] = []  # every key held rows are kept under, in the order they are written


@dataclass(eq=False)
class HeldRows:
    """The rows of one statement held for one transaction (see the module docstring)."""

    connection: Connection
    statement: Executable | ManyRows
    table: str
    check: Check | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)
    names_table: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.names_table = re.compile(rf"\b{re.escape(self.table)}\b")

    def write(self) -> None:
        rows, self.rows = self.rows, []
        if isinstance(self.statement, ManyRows):
            result = self.statement.execute(self.connection, rows)
        else:
            result = self.connection.execute(self.statement, rows)
        if self.check is not None:
            self.check(result.rowcount, len(rows))


def held_rows(
    session: Session,
    key: str,
    statement: Executable | ManyRows,
    table: str,
    check: Check | None = None,
) -> list[dict[str, Any]]:
    """The rows of `statement` held for `session`'s current transaction, to append to."""
    if key not in _KEYS:
        _KEYS.append(key)
    if session.get_nested_transaction() is not None:
        session.connection()  # the savepoint begun (it is sent lazily): the rows before it written
    make = partial(_held, statement=statement, table=table, check=check)
    return per_transaction(session, key, make).rows


def _held(
    connection: Connection, *, statement: Executable | ManyRows, table: str, check: Check | None
) -> HeldRows:
    held = HeldRows(connection, statement, table, check)
    event.listen(connection, "before_cursor_execute", partial(_before_statement, held))
    event.listen(connection, "savepoint", partial(_before_savepoint, held))
    event.listen(connection, "rollback_savepoint", partial(_savepoint_rolled_back, held))
    return held


def _before_savepoint(held: HeldRows, connection: Connection, name: str) -> None:
    if held.rows:
        held.write()


def _savepoint_rolled_back(held: HeldRows, connection: Connection, name: str, context: Any) -> None:
    held.rows.clear()  # held inside it (see the module docstring)


def _before_statement(
    held: HeldRows,
    connection: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    executemany: bool,
) -> None:
    # A statement that may read them (`in` first: it rules most statements out for less).
    if held.rows and held.table in statement and held.names_table.search(statement):
        held.write()


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    for key in _KEYS:
        held: HeldRows | None = made_in_this_transaction(session, key)
        if held is not None and held.rows:
            held.write()
