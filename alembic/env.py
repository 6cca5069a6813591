"""Alembic environment: the URL comes from stockbot's settings (`DATABASE_URL`)."""

from __future__ import annotations

from sqlalchemy import Connection
from sqlmodel import SQLModel

import bot.db.models  # noqa: F401  (registers the tables)
from alembic import context
from bot.db.engine import create_db_engine
from bot.settings import get_settings

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    url = config.attributes.get("database_url")
    return str(url) if url else get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_db_engine(_url())
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection: Connection) -> None:
    # On SQLite a batch operation copies a table and drops the old one, and with foreign keys
    # on that DROP deletes the rows pointing at it (ON DELETE CASCADE: a manager's conversation,
    # stores…): off while migrating. Outside a transaction only: SQLite ignores it inside one.
    sqlite = connection.dialect.name == "sqlite" and not connection.in_transaction()
    if sqlite:
        _foreign_keys(connection, "OFF")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    try:
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if sqlite:
            _foreign_keys(connection, "ON")


def _foreign_keys(connection: Connection, value: str) -> None:
    connection.exec_driver_sql(f"PRAGMA foreign_keys={value}")
    connection.commit()  # nothing to commit: ends the transaction SQLAlchemy began for it


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
