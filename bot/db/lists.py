"""A column among a list of values, in one statement text whatever the list's length.

`column.in_(values)` is sent as `IN (%(v_1)s, %(v_2)s, ...)`: a statement text for each length
of list, so a batch's statements (claims, marks, reads ahead of 1 to 50 senders) were parsed
and planned anew for most batches, never run often enough in one shape for psycopg to prepare
them. `any_of(column, name)` is `column = ANY(%(name)s)` on PostgreSQL, the list sent as one
array parameter: one text, prepared once. On SQLite it is `column IN (SELECT value FROM
json_each(?))`, the list sent as one JSON array: one text too, so SQLAlchemy no longer renders
an `IN` list of the list's length at every execution and SQLite's statement cache keeps it
(each length was a statement of its own to prepare).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    ARRAY,
    BindParameter,
    Boolean,
    ColumnElement,
    Dialect,
    String,
    TypeDecorator,
    any_,
    bindparam,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal


class AnyOf(ColumnElement[bool]):
    """`column IN :name` (SQLite) or `column = ANY(:name)` (PostgreSQL); see `any_of`."""

    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # a comparison: never `= 1` on SQLite
    _traverse_internals = [
        ("column", InternalTraversal.dp_clauseelement),
        ("values", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, column: ColumnElement[Any], values: BindParameter[Any]) -> None:
        self.column = column
        self.values = values


def any_of(column: Any, name: str, values: Collection[Any] | None = None) -> AnyOf:
    """`column` among the list given as parameter `name` at execution (or `values` now)."""
    if values is None:
        return AnyOf(column, bindparam(name, expanding=True))
    return AnyOf(column, bindparam(name, list(values), expanding=True))


class JsonList(TypeDecorator[list[Any]]):
    """A list sent as one JSON array, each value first as its column's type sends it."""

    impl = String
    cache_ok = True

    def __init__(self, item: Any) -> None:
        super().__init__()
        self.item = item

    def process_bind_param(self, value: list[Any] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        send = self.item.dialect_impl(dialect).bind_processor(dialect)
        return json.dumps([send(v) for v in value] if send else list(value))


@compiles(AnyOf)
def _in_list(element: AnyOf, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column.in_(element.values), **kw))


@compiles(AnyOf, "sqlite")
def _in_json(element: AnyOf, compiler: Any, **kw: Any) -> str:
    values = element.values
    array = bindparam(
        values.key, values.value, type_=JsonList(element.column.type), unique=values.unique
    )
    array.callable = values.callable
    column = compiler.process(element.column, **kw)
    return f"{column} IN (SELECT value FROM json_each({compiler.process(array, **kw)}))"


@compiles(AnyOf, "postgresql")
def _any_array(element: AnyOf, compiler: Any, **kw: Any) -> str:
    values = element.values
    item = element.column.type
    if isinstance(item, String) or isinstance(getattr(item, "impl_instance", None), String):
        item = String()  # cast to VARCHAR(16)[], a longer value would be cut: and then match
    array = bindparam(values.key, values.value, type_=ARRAY(item), unique=values.unique)
    array.callable = values.callable
    return str(compiler.process(element.column == any_(array), **kw))


class Likely(ColumnElement[bool]):
    """A condition checked on the rows found otherwise; see `likely`."""

    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True
    _traverse_internals = [("term", InternalTraversal.dp_clauseelement)]

    def __init__(self, term: ColumnElement[bool]) -> None:
        self.term = term


def likely(term: ColumnElement[bool]) -> Likely:
    """`term`, which SQLite's planner is told most rows meet (`likely(term)`): it then takes the
    rows by a list of ids (`any_of`, the primary key) and checks `term` on each, rather than
    walk every row an index of `term` finds (without statistics it guessed that index narrower
    than a list of four ids or more: a mark of the outbox's rows read every row in flight).
    The term as it is on other databases."""
    return Likely(term)


@compiles(Likely)
def _as_is(element: Likely, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.term, **kw))


@compiles(Likely, "sqlite")
def _likely(element: Likely, compiler: Any, **kw: Any) -> str:
    return f"likely({compiler.process(element.term, **kw)})"
