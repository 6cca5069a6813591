"""Reads without a transaction (`bot.db.engine.reading`): on PostgreSQL, no ROLLBACK that makes
psycopg forget the statements it prepared on the connection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, Engine, text
from sqlmodel import Session, SQLModel

from bot.db.engine import create_db_engine, reading
from bot.db.models import Contact
from bot.outbound.worker import OutboxWorker
from bot.settings import Settings

PREPARE_THRESHOLD = 5  # psycopg prepares a statement at its fifth run on a connection
_PLANNED = text("SELECT count(*) FROM contact WHERE phone = :phone")


@pytest.fixture
def lone_engine(database_url: str) -> Iterator[Engine]:
    """One connection, so that every transaction and read runs on it, as on a quiet app's pool
    (`pool_use_lifo`: the connection used last)."""
    engine = create_db_engine(database_url, pool_size=1, max_overflow=0)
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _prepared(connection: Connection) -> list[str]:
    rows = connection.exec_driver_sql("SELECT statement FROM pg_prepared_statements")
    return [row[0] for row in rows]


def _run_enough_to_prepare(engine: Engine) -> None:
    with engine.begin() as connection:
        for _ in range(PREPARE_THRESHOLD + 1):
            connection.execute(_PLANNED, {"phone": "+221770000001"})


@pytest.mark.postgres_only
def test_statements_stay_prepared_across_the_outbox_workers_idle_checks(
    lone_engine: Engine, settings: Settings
) -> None:
    worker = OutboxWorker(settings, lone_engine)
    _run_enough_to_prepare(lone_engine)
    for _ in range(PREPARE_THRESHOLD + 1):  # idle: nothing pending
        assert worker._idle_wait() is None
        assert worker._count_pending() == 0
    with lone_engine.begin() as connection:
        prepared = _prepared(connection)
    # The transaction's statement was kept, and the idle checks' own were prepared in turn.
    assert any("FROM contact WHERE phone" in statement for statement in prepared)
    assert sum("FROM outbound_message" in statement for statement in prepared) == 2


@pytest.mark.postgres_only
def test_a_read_in_a_transaction_of_its_own_forgets_what_psycopg_prepared(
    lone_engine: Engine,
) -> None:
    """Why `reading` exists: if psycopg stops dropping its statements at a rollback, the
    autocommit reads are no longer needed."""
    _run_enough_to_prepare(lone_engine)
    with lone_engine.connect() as connection:  # a read, then ROLLBACK when it closes
        connection.execute(_PLANNED, {"phone": "+221770000001"})
    with lone_engine.begin() as connection:
        assert _prepared(connection) == []


def test_reading_sees_committed_rows_and_leaves_the_connection_transactional(
    lone_engine: Engine,
) -> None:
    with Session(lone_engine) as session:
        session.add(Contact(phone="+221770000001"))
        session.commit()
    with reading(lone_engine) as connection:
        assert connection.execute(_PLANNED, {"phone": "+221770000001"}).scalar_one() == 1
    # The same pooled connection, back in a transaction: a rollback still undoes its writes.
    with Session(lone_engine) as session:
        session.add(Contact(phone="+221770000002"))
        session.flush()
        session.rollback()
    with reading(lone_engine) as connection:
        assert connection.execute(_PLANNED, {"phone": "+221770000002"}).scalar_one() == 0
