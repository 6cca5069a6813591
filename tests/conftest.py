"""Shared fixtures: a clean database per test, on SQLite (default) or PostgreSQL.

`pytest` alone runs on a fresh SQLite file per test. With
`TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test pytest` every test runs on
PostgreSQL, on a schema emptied before it. Tests marked `postgres_only` (several processes
sharing one database) are skipped on SQLite.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text
from sqlmodel import Session, SQLModel

import bot.db.models  # noqa: F401  (registers every table)
from bot.db.engine import create_db_engine
from bot.settings import Settings, load_settings, normalize_database_url

FIXTURES = Path(__file__).parent / "fixtures"
TEST_APP_SECRET = "test-app-secret-5c1f0e9a"
TEST_VERIFY_TOKEN = "test-verify-token"
TEST_ADMIN_TOKEN = "test-admin-token-0123456789abcdef"
TEST_PHONE_NUMBER_ID = "106540352249871"

_PG_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
PG_URL = normalize_database_url(_PG_URL) if _PG_URL else ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PG_URL:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set TEST_DATABASE_URL")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    """CLI commands run in-process configure logging onto the runner's stderr, closed afterwards:
    put the root logger back so later tests do not log into a closed stream."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers, root.level = handlers, level


@pytest.fixture(scope="session")
def _pg_engine() -> Iterator[Engine | None]:
    if not PG_URL:
        yield None
        return
    engine = create_db_engine(PG_URL, pool_size=5, max_overflow=5)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


# The sequences of these tables that gave a value since they were last set back (none before the
# first insert: `last_value` stays NULL until then), with the value each starts from.
_USED_SEQUENCES = text(
    "SELECT s.seqrelid::regclass::text, s.seqstart FROM pg_sequence s"
    " JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid"
    " AND d.deptype IN ('a', 'i')"
    " WHERE d.refobjid = ANY(CAST(:tables AS regclass[]))"
    " AND pg_sequence_last_value(s.seqrelid) IS NOT NULL"
)


def empty_database(engine: Engine) -> None:
    """Remove every row of the models' tables, ids starting again from 1: a fresh database, with
    the engine and its compiled statements kept.

    On PostgreSQL the same as `TRUNCATE <every table> RESTART IDENTITY`, but only the tables that
    hold rows are emptied (DELETE, children first) and only the sequences used are set back:
    TRUNCATE gives each table and index a new file, whose commit waits on the disk (0.1–0.4 s
    on a loaded 2-core machine, against a few milliseconds), and most tests fill a few tables.
    """
    tables = SQLModel.metadata.sorted_tables
    with engine.begin() as connection:
        if engine.dialect.name != "postgresql":
            for table in reversed(tables):
                connection.execute(table.delete())
            return
        names = [engine.dialect.identifier_preparer.quote(t.name) for t in tables]
        holding = " UNION ALL ".join(
            f"SELECT {i} WHERE EXISTS (SELECT FROM {name})" for i, name in enumerate(names)
        )
        filled = {row[0] for row in connection.execute(text(holding))}
        statements = [f"DELETE FROM {names[i]}" for i in sorted(filled, reverse=True)]
        used = connection.execute(_USED_SEQUENCES, {"tables": [t.name for t in tables]})
        statements += [f"SELECT setval('{name}', {start}, false)" for name, start in used]
        if statements:
            connection.exec_driver_sql("; ".join(statements))


@pytest.fixture
def database_url(_pg_engine: Engine | None, tmp_path: Path) -> str:
    """The URL of this test's clean database."""
    if _pg_engine is not None:
        empty_database(_pg_engine)
        return PG_URL
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(scope="session")
def _sqlite_schema(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A SQLite file with the models' schema (`create_all`), made once: each test's database is a
    copy of it, a few milliseconds against some 0.1 s for `create_all` itself."""
    if PG_URL:
        return None
    path = tmp_path_factory.mktemp("schema") / "schema.db"
    engine = create_db_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()  # the last connection closed: everything is in the file, no WAL beside it
    return path


@pytest.fixture
def engine(
    database_url: str, _pg_engine: Engine | None, _sqlite_schema: Path | None
) -> Iterator[Engine]:
    if _pg_engine is not None:
        yield _pg_engine
        return
    assert _sqlite_schema is not None
    shutil.copyfile(_sqlite_schema, str(make_url(database_url).database))
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def is_postgres(database_url: str) -> bool:
    return database_url.startswith("postgresql")


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


def make_settings(database_url: str, **overrides: object) -> Settings:
    """Settings for tests: nothing from the environment or a `.env` file leaks in."""
    values: dict[str, object] = {
        "_env_file": None,
        "database_url": database_url,
        "whatsapp_provider": "sandbox",
        "whatsapp_app_secret": TEST_APP_SECRET,
        "whatsapp_verify_token": TEST_VERIFY_TOKEN,
        "whatsapp_phone_number_id": TEST_PHONE_NUMBER_ID,
        "admin_token": TEST_ADMIN_TOKEN,
    }
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url)
