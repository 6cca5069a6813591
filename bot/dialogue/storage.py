"""Conversation rows: loaded under a row lock, saved only if nobody saved in between.

The inbound processor already handles one sender's messages one at a time; the lock
(`SELECT … FOR UPDATE` on PostgreSQL) and the version check make sure two processes can never
both act on the same old state even if that ever failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Executable, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col

from bot.db.models import Conversation
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
    params = {"manager_id": manager_id}
    row = session.execute(_LOCK, params).first()
    if row is None:
        # First message: two processes may both get here; the insert that loses does nothing.
        session.execute(_create_statement(session.get_bind().dialect.name), params)
        row = session.execute(_LOCK, params).one()
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
    """Write `snapshot` over `row` if the row still has the version it was read with."""
    result = session.execute(
        _SAVE,
        {
            "b_id": row.id,
            "b_version": row.version,
            "state": snapshot.state,
            "context": dict(snapshot.context),
            "expires_at": snapshot.expires_at,
            "updated_at": now,
            "version": row.version + 1,
        },
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConversationConflict(f"conversation {row.id} changed while a message was handled")
    loaded = session.identity_map.get(identity_key(Conversation, row.id))
    if loaded is not None:  # read through the ORM earlier in this session: now out of date
        session.expire(loaded)


# Built once: these run for every message processed.
_CONVERSATION = Conversation.__table__  # type: ignore[attr-defined]
_LOCK = (
    select(_CONVERSATION)
    .where(_CONVERSATION.c.manager_id == bindparam("manager_id"))
    .with_for_update()
)
_SAVE = (
    update(Conversation)
    .where(
        col(Conversation.id) == bindparam("b_id"),
        col(Conversation.version) == bindparam("b_version"),
    )
    .values(
        state=bindparam("state"),
        context=bindparam("context", type_=JSON),
        expires_at=bindparam("expires_at"),
        updated_at=bindparam("updated_at"),
        version=bindparam("version"),
    )
    .execution_options(synchronize_session=False)
)


@cache
def _create_statement(dialect: str) -> Executable:
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return (
        insert(Conversation)
        .values(manager_id=bindparam("manager_id"), state="idle", context={}, version=0)
        .on_conflict_do_nothing(index_elements=["manager_id"])
    )
