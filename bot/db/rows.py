"""Many rows written in one statement with ONE parameter on PostgreSQL: the rows as a JSON array.

An `executemany` runs its statement once per row on PostgreSQL (psycopg pipelines them, but the
server binds, plans and runs each, and SQLAlchemy processes every value of every row through its
type); SQLAlchemy's "insertmanyvalues" renders a statement whose text (and parameter count)
changes with the number of rows, so it is parsed again at each batch size. `ManyRows` sends the
rows as one JSON document expanded by `json_to_recordset` into typed columns: one statement, one
text whatever the number of rows (prepared once), one parameter.

`ManyRows(table, names, build, fallback)` is given the columns the rows carry (typed like
`table`'s, or by `other` for names that are no column of it) and how to make the statement from
the rows' recordset (`build(v)`: an `INSERT … FROM SELECT`, an `UPDATE … FROM`); SQLite keeps
the `executemany` of `fallback` (which takes the column names of the first row only: the rows of
one call must carry the same names).

A function scan yields its rows in the array's order and `INSERT … SELECT` from it inserts them
in that order: the ids follow the order given, as they did row by row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    CursorResult,
    DateTime,
    Executable,
    String,
    Table,
    TableValuedAlias,
    bindparam,
    cast,
    column,
    func,
)
from sqlalchemy.types import TypeDecorator, TypeEngine

ROWS = "rows"  # the one parameter: the rows as a JSON array of objects


def recordset(types: dict[str, TypeEngine[Any]], *, alias: str = "v") -> TableValuedAlias:
    """`json_to_recordset(CAST(:rows AS JSON)) AS v(name type, …)`, a column of each type."""
    columns = [column(name, kind) for name, kind in types.items()]
    rows = cast(bindparam(ROWS, type_=String), JSON)
    table = func.json_to_recordset(rows).table_valued(*columns)
    return table.render_derived(alias, with_types=True)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _converter(kind: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """How a value of a column of type `kind` goes into the JSON document (None: as it is): as
    the column's own type stores it (`UTCDateTime`: naive UTC), a moment as ISO text."""
    if isinstance(kind, TypeDecorator):
        if type(kind).process_bind_param is TypeDecorator.process_bind_param:
            return _converter(kind.impl_instance)  # a decorator that binds as its impl
        process = kind.process_bind_param
        return lambda value: _plain(process(value, None))  # type: ignore[arg-type]
    return _plain if isinstance(kind, DateTime) else None


class ManyRows:
    """A statement over many rows: one statement with the rows as one JSON parameter on
    PostgreSQL, the `executemany` of `fallback` elsewhere (see the module docstring)."""

    def __init__(
        self,
        table: Table,
        names: Sequence[str],
        build: Callable[[TableValuedAlias], Executable],
        fallback: Executable,
        *,
        other: dict[str, TypeEngine[Any]] | None = None,
    ) -> None:
        types = {name: table.c[name].type if name in table.c else other[name] for name in names}  # type: ignore[index]
        self.names = tuple(names)
        self.postgresql = build(recordset(types))
        self.fallback = fallback
        self._convert = [
            (name, convert) for name, kind in types.items() if (convert := _converter(kind))
        ]

    def rows_json(self, rows: Sequence[dict[str, Any]]) -> str:
        """The rows as the statement's JSON parameter (each value as its column stores it; a
        name a row leaves out is NULL, as `json_to_recordset` reads a missing key)."""
        out = []
        for row in rows:
            item = dict(row)
            for name, convert in self._convert:
                value = item.get(name)
                if value is not None:
                    item[name] = convert(value)
            out.append(item)
        return json.dumps(out, ensure_ascii=False, separators=(",", ":"))

    def execute(self, connection: Connection, rows: Sequence[dict[str, Any]]) -> CursorResult[Any]:
        """Run the statement for `rows` (at least one) on `connection`."""
        if connection.dialect.name == "postgresql":
            return connection.execute(self.postgresql, {ROWS: self.rows_json(rows)})
        return connection.execute(self.fallback, list(rows))
