"""`alembic upgrade head` on an empty database gives exactly the models' schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, make_url, text
from sqlmodel import SQLModel

from bot.db.engine import create_db_engine, downgrade_schema, upgrade_schema
from tests.conftest import PG_URL


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A brand-new empty database: a SQLite file, or a fresh PostgreSQL database."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    name = f"stockbot_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_db_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_head_matches_the_models_then_downgrade_base(empty_database_url: str) -> None:
    upgrade_schema(empty_database_url)
    engine = create_db_engine(empty_database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            diff = compare_metadata(context, SQLModel.metadata)
        assert diff == []
        tables = set(inspect(engine).get_table_names())
        assert {t.name for t in SQLModel.metadata.sorted_tables} <= tables

        downgrade_schema(empty_database_url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

        upgrade_schema(empty_database_url)  # and back up again: the history is repeatable
        assert {t.name for t in SQLModel.metadata.sorted_tables} <= set(
            inspect(engine).get_table_names()
        )
    finally:
        engine.dispose()
