"""The statements an engine runs, for the tests that count them or check their order."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, event


@dataclass(frozen=True, slots=True)
class Executed:
    """One statement as the driver got it."""

    text: str
    parameters: Any
    many: bool  # an executemany: `parameters` holds one set a row
    connection: int  # which DBAPI connection ran it (id)

    @property
    def verb(self) -> str:
        """Its first word, upper case: SELECT, INSERT, UPDATE…"""
        words = self.text.split(None, 1)
        return words[0].upper() if words else ""

    @property
    def rows(self) -> int:
        """How many sets of parameters it ran with."""
        return len(self.parameters) if self.many else 1


@contextmanager
def executed(engine: Engine | Connection) -> Iterator[list[Executed]]:
    """The statements `engine` (or a connection) runs within the block, in the order they ran."""
    seen: list[Executed] = []

    def collect(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        seen.append(Executed(statement, parameters, many, id(conn.connection)))

    event.listen(engine, "before_cursor_execute", collect)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", collect)


@contextmanager
def committed(engine: Engine) -> Iterator[list[list[Executed]]]:
    """The statements of each transaction `engine` commits within the block, in the order of
    their commits (a transaction rolled back is not listed)."""
    transactions: list[list[Executed]] = []
    open_: dict[int, list[Executed]] = {}

    def collect(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        key = id(conn.connection)
        open_.setdefault(key, []).append(Executed(statement, parameters, many, key))

    def commit(conn: Any) -> None:
        transactions.append(open_.pop(id(conn.connection), []))

    def rollback(conn: Any) -> None:
        open_.pop(id(conn.connection), None)

    event.listen(engine, "before_cursor_execute", collect)
    event.listen(engine, "commit", commit)
    event.listen(engine, "rollback", rollback)
    try:
        yield transactions
    finally:
        event.remove(engine, "before_cursor_execute", collect)
        event.remove(engine, "commit", commit)
        event.remove(engine, "rollback", rollback)
