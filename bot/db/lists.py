"""A column among a list of values, in one statement text whatever the list's length.

`column.in_(values)` is sent as `IN (%(v_1)s, %(v_2)s, ...)`: a statement text for each length
of list, so a batch's statements (claims, marks, reads ahead of 1 to 50 senders) were parsed
and planned anew for most batches, never run often enough in one shape for psycopg to prepare
them. `any_of(column, name)` is `column = ANY(%(name)s)` on PostgreSQL, the list sent as one
array parameter: one text, prepared once. On SQLite it is the `IN` list it replaces.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ARRAY, BindParameter, Boolean, ColumnElement, String, any_, bindparam
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


@compiles(AnyOf)
def _in_list(element: AnyOf, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column.in_(element.values), **kw))


@compiles(AnyOf, "postgresql")
def _any_array(element: AnyOf, compiler: Any, **kw: Any) -> str:
    values = element.values
    item = element.column.type
    if isinstance(item, String) or isinstance(getattr(item, "impl_instance", None), String):
        item = String()  # cast to VARCHAR(16)[], a longer value would be cut: and then match
    array = bindparam(values.key, values.value, type_=ARRAY(item), unique=values.unique)
    array.callable = values.callable
    return str(compiler.process(element.column == any_(array), **kw))
