"""Conversation rows: loaded under a row lock, saved only if nobody saved in between.

The inbound processor already handles one sender's messages one at a time; the lock
(`SELECT … FOR UPDATE` on PostgreSQL) and the version check make sure two processes can never
both act on the same old state even if that ever failed.

A batch of messages locks its managers' conversations in one statement (`lock_conversations`);
each `lock_conversation` then takes its row from there, once, without a statement of its own.
The row is still current when taken: it is locked by this transaction, and only
`save_conversation` writes conversation rows, after `lock_conversation` took them (a second
`lock_conversation` of the same manager reads the row again). Were it ever stale, the save's
version check would refuse it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, BigInteger, Executable, Integer, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import class_mapper
from sqlmodel import Session

from bot.db.cache import transaction_cache
from bot.db.held import held_rows
from bot.db.lists import any_of
from bot.db.models import Conversation
from bot.db.rows import ManyRows
from bot.errors import StockbotError
from state import ConversationSnapshot


class ConversationConflict(StockbotError):
    """The conversation changed since it was read: the message must be processed again."""


@dataclass(frozen=True, slots=True)
class StoredConversation:
    """A manager's conversation row, as read under its lock (plain values: no ORM object to
    build for every message)."""

    id: int
    state: str
    context: dict[str, Any]
    expires_at: datetime | None
    updated_at: datetime
    version: int


def lock_conversation(session: Session, manager_id: int) -> StoredConversation:
    """The manager's conversation row, created if missing, locked until the transaction ends."""
    ahead = _locked_ahead(session).pop(manager_id, None)
    if ahead is not None:
        return ahead
    params = {"manager_id": manager_id}
    row = session.execute(_LOCK, params).first()
    if row is None:
        # First message: two processes may both get here; the insert that loses does nothing.
        session.execute(_create_statement(session.get_bind().dialect.name), params)
        row = session.execute(_LOCK, params).one()
    return _stored(row)


def lock_conversations(session: Session, manager_ids: Collection[int]) -> None:
    """Lock the conversations of several managers (created if missing) in one statement, in
    the order of their ids, for each one's `lock_conversation` to take (see the docstring)."""
    ids = sorted(set(manager_ids))
    if not ids:
        return
    connection = session.connection()
    rows = {row.manager_id: row for row in connection.execute(_LOCK_MANY, {"ids": ids})}
    missing = [manager_id for manager_id in ids if manager_id not in rows]
    if missing:
        connection.execute(
            _create_statement(connection.dialect.name),
            [{"manager_id": manager_id} for manager_id in missing],
        )
        created = connection.execute(_LOCK_MANY, {"ids": missing})
        rows.update({row.manager_id: row for row in created})
    ahead = _locked_ahead(session)
    for manager_id, row in rows.items():
        ahead[manager_id] = _stored(row)


def _locked_ahead(session: Session) -> dict[int, StoredConversation]:
    # Not forgotten when the transaction writes conversations (see the module docstring).
    return transaction_cache(session, _LOCKED_AHEAD)


def _stored(row: Any) -> StoredConversation:
    return StoredConversation(
        row.id, row.state, dict(row.context or {}), row.expires_at, row.updated_at, row.version
    )


def snapshot_of(row: StoredConversation) -> ConversationSnapshot:
    return ConversationSnapshot(
        state=row.state,
        context=dict(row.context),
        expires_at=row.expires_at,
        version=row.version,
    )


def save_conversation(
    session: Session, row: StoredConversation, snapshot: ConversationSnapshot, *, now: datetime
) -> None:
    """Write `snapshot` over `row` if the row still has the version it was read with.

    Written with the transaction's other saves, in one statement (`bot.db.held`, `bot.db.rows`:
    an `UPDATE … FROM` the rows on PostgreSQL, an `executemany` on SQLite): before the
    next statement that names the conversation table (whatever reads it then reads what was
    saved), before a savepoint begins and before the transaction commits. A row that changed
    meanwhile fails that statement with ConversationConflict, and the transaction with it."""
    held_rows(session, _SAVES, _SAVE, "conversation", _all_saved).append(
        {
            "b_id": row.id,
            "b_version": row.version,
            "state": snapshot.state,
            "context": dict(snapshot.context),
            "expires_at": snapshot.expires_at,
            "updated_at": now,
            "version": row.version + 1,
        }
    )
    loaded = session.identity_map.get(_MAPPER.identity_key_from_primary_key((row.id,)))
    if loaded is not None:  # read through the ORM earlier in this session: now out of date
        session.expire(loaded)


def _all_saved(saved: int, held: int) -> None:
    if saved != held:
        raise ConversationConflict("a conversation changed while a message was handled")


# Built once: these run for every message processed.
_CONVERSATION = Conversation.__table__  # type: ignore[attr-defined]
_MAPPER = class_mapper(Conversation)
_LOCK = (
    select(_CONVERSATION)
    .where(_CONVERSATION.c.manager_id == bindparam("manager_id"))
    .with_for_update()
)
_LOCK_MANY = (
    select(_CONVERSATION)
    .where(any_of(_CONVERSATION.c.manager_id, "ids"))
    .order_by(_CONVERSATION.c.id)
    .with_for_update()
)
_LOCKED_AHEAD: frozenset[str] = frozenset()
_SAVES = "stockbot.conversation_saves"
_SAVE_SQLITE = (
    update(_CONVERSATION)
    .where(
        _CONVERSATION.c.id == bindparam("b_id"),
        _CONVERSATION.c.version == bindparam("b_version"),
    )
    .values(
        state=bindparam("state"),
        context=bindparam("context", type_=JSON),
        expires_at=bindparam("expires_at"),
        updated_at=bindparam("updated_at"),
        version=bindparam("version"),
    )
)
_SAVED = ("state", "context", "expires_at", "updated_at", "version")


def _save_many(v: Any) -> Executable:
    """`UPDATE conversation … FROM` the rows (PostgreSQL: one statement for the batch)."""
    return (
        update(_CONVERSATION)
        .where(_CONVERSATION.c.id == v.c.b_id, _CONVERSATION.c.version == v.c.b_version)
        .values({name: v.c[name] for name in _SAVED})
    )


_SAVE = ManyRows(
    _CONVERSATION,
    ("b_id", "b_version", *_SAVED),
    _save_many,
    _SAVE_SQLITE,
    other={"b_id": BigInteger(), "b_version": Integer()},
)


@cache
def _create_statement(dialect: str) -> Executable:
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return (
        insert(Conversation)
        .values(manager_id=bindparam("manager_id"), state="idle", context={}, version=0)
        .on_conflict_do_nothing(index_elements=["manager_id"])
    )
