"""`alembic upgrade head` on an empty database gives exactly the models' schema."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, make_url, text
from sqlmodel import SQLModel

from bot.db.engine import create_db_engine, downgrade_schema, upgrade_schema
from tests.conftest import PG_URL


@pytest.fixture
def new_database(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes brand-new empty databases: SQLite files, or fresh PostgreSQL databases."""
    created: list[str] = []
    admin = create_db_engine(PG_URL, isolation_level="AUTOCOMMIT") if PG_URL else None

    def make() -> str:
        name = f"stockbot_migrations_{uuid.uuid4().hex[:8]}"
        if admin is None:
            return f"sqlite:///{tmp_path / name}.db"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)

    yield make
    if admin is not None:
        with admin.connect() as connection:
            for name in created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def empty_database_url(new_database: Callable[[], str]) -> str:
    return new_database()


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


def _constraints(url: str) -> dict[str, Any]:
    """What autogenerate does not compare: CHECK constraints, and indexes with their options
    (a partial index's WHERE), as the database reports them."""
    engine = create_db_engine(url)
    try:
        inspector = inspect(engine)
        found: dict[str, Any] = {}
        for table in sorted(SQLModel.metadata.tables):
            checks = inspector.get_check_constraints(table)
            indexes = inspector.get_indexes(table)
            found[table] = {
                "checks": sorted((c["name"], " ".join(c["sqltext"].split())) for c in checks),
                "indexes": sorted(
                    (
                        i["name"],
                        tuple(i["column_names"]),
                        bool(i["unique"]),
                        tuple(
                            (key, " ".join(str(value).split()))
                            for key, value in sorted(i.get("dialect_options", {}).items())
                        ),
                    )
                    for i in indexes
                ),
            }
        return found
    finally:
        engine.dispose()


def test_the_migrations_create_the_models_checks_and_partial_indexes(
    new_database: Callable[[], str],
) -> None:
    migrated, from_models = new_database(), new_database()
    upgrade_schema(migrated)
    engine = create_db_engine(from_models)
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    expected = _constraints(from_models)
    assert any(t["checks"] for t in expected.values())  # the comparison has something to see
    assert _constraints(migrated) == expected


def test_the_migrations_version_the_catalog_as_the_models_do(
    new_database: Callable[[], str],
) -> None:
    """The triggers of `bot.db.catalog_version`: created by migration 0014 as by `create_all`."""
    migrated, from_models = new_database(), new_database()
    upgrade_schema(migrated)
    engine = create_db_engine(from_models)
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    for url in (migrated, from_models):
        engine = create_db_engine(url)
        try:
            with engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO store (code, name, timezone, created_at) VALUES "
                        "('S', 'S', 'UTC', '2026-12-03 00:00:00')"
                    )
                )
                versions = [_version(connection)]
                connection.execute(
                    text(
                        "INSERT INTO product (store_id, sku, name, aliases, unit, unit_en, "
                        "quantity, threshold, reorder_quantity, created_at, updated_at) VALUES "
                        "(1, 'A', 'A', '[]', '', '', 1, 0, 1, :t, :t)"
                    ),
                    {"t": "2026-12-03 00:00:00"},
                )
                versions.append(_version(connection))
                connection.execute(text("UPDATE product SET quantity = 5"))
                versions.append(_version(connection))
                connection.execute(text("UPDATE product SET name = 'B'"))
                versions.append(_version(connection))
                connection.execute(text("DELETE FROM product"))
                versions.append(_version(connection))
        finally:
            engine.dispose()
        assert versions[0] == 0, url
        assert versions[1] != versions[0] and versions[2] == versions[1], url
        assert len({versions[1], versions[3], versions[4]}) == 3, url


def _version(connection: Any) -> int:
    return int(connection.execute(text("SELECT catalog_version FROM store")).scalar_one())


def test_a_language_chosen_in_chat_moves_from_the_conversation_to_the_manager(
    empty_database_url: str,
) -> None:
    """Migration 0016: the context mark `"language": "chosen"` becomes `manager.language_chosen`
    (and back on a downgrade); managers without it keep following what they write."""
    url = empty_database_url
    upgrade_schema(url, "0015")
    engine = create_db_engine(url)
    try:
        with engine.begin() as connection:
            for number, phone in ((1, "+221770000001"), (2, "+221770000002")):
                connection.execute(
                    text(
                        "INSERT INTO manager (id, phone, name, language, active, created_at) "
                        "VALUES (:id, :phone, '', 'en', true, '2026-12-04 00:00:00')"
                    ),
                    {"id": number, "phone": phone},
                )
            for number, context in ((1, '{"language": "chosen", "misses": 1}'), (2, "{}")):
                connection.execute(
                    text(
                        "INSERT INTO conversation (manager_id, state, context, updated_at, "
                        "version) VALUES (:id, 'idle', :context, '2026-12-04 00:00:00', 0)"
                    ),
                    {"id": number, "context": context},
                )
        upgrade_schema(url)
        assert _chosen(engine) == {1: (True, {"misses": 1}), 2: (False, {})}
        downgrade_schema(url, "0015")
        with engine.connect() as connection:
            contexts = connection.execute(
                text("SELECT manager_id, context FROM conversation ORDER BY manager_id")
            ).all()
        assert [(m, _json(c)) for m, c in contexts] == [
            (1, {"misses": 1, "language": "chosen"}),
            (2, {}),
        ]
    finally:
        engine.dispose()


def _chosen(engine: Any) -> dict[int, tuple[bool, dict[str, Any]]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT m.id, m.language_chosen, c.context FROM manager m "
                "JOIN conversation c ON c.manager_id = m.id"
            )
        ).all()
    return {manager_id: (bool(chosen), _json(context)) for manager_id, chosen, context in rows}


def _json(value: Any) -> dict[str, Any]:
    found = json.loads(value) if isinstance(value, str) else value
    assert isinstance(found, dict)
    return found
