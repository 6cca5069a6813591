"""Engines and schema upgrades, the same way for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlmodel import Session

from bot.db.pings import ping_when_idle
from bot.db.recent import watch_writes
from bot.db.writes import gate_writers
from bot.errors import ConfigurationError


def create_db_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url` (already normalised by the settings).

    Statement parameters are left out of error messages: they hold phone numbers and message
    texts, and errors end up in logs.
    """
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        path = sqlite_file(url)
        if path is not None:
            gate_writers(engine, str(path))
    else:
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 20)
        kwargs.setdefault("pool_use_lifo", True)  # the connection used last: alive, no ping
        engine = create_engine(url, **kwargs)
        if not kwargs.get("pool_pre_ping"):
            ping_when_idle(engine)  # not a round trip before every transaction
    watch_writes(engine)  # what this process writes, the recent caches forget at once
    return engine


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite database URL, resolved; None for PostgreSQL or an in-memory one.
    (SQLite creates a missing file on the first connection: look before connecting.)"""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def missing_database(url: str) -> Path | None:
    """The file of a SQLite database URL when it does not exist yet (connecting would create
    it, empty); None otherwise."""
    path = sqlite_file(url)
    return path if path is not None and not path.exists() else None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run beside the single writer; NORMAL is durable across process crashes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def get_engine(url: str) -> Engine:
    """One engine per database and process: a relative SQLite file (`sqlite:///stockbot.db`)
    is the one of the folder it is asked from, not the folder of the first call."""
    path = sqlite_file(url)
    if path is not None:
        url = make_url(url).set(database=str(path)).render_as_string(hide_password=False)
    return _engine(url)


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    return create_db_engine(url)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work commits at the end of the block, or rolls back on error."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads that need no transaction: each statement sees the database as it
    is when it runs (no snapshot shared between two statements), and nothing is written.

    On PostgreSQL its statements run in autocommit: no BEGIN, and above all no ROLLBACK at the
    end. psycopg forgets every statement it prepared on a connection when that connection rolls
    back (and deallocates them on the server): a read in a transaction of its own, run in a
    loop while idle (the outbox worker's next due row), ended in one, and the pool hands that
    connection (`pool_use_lifo`) to the next transaction, whose statements were then parsed and
    planned again, never kept long enough to be prepared. On SQLite, a plain connection (pysqlite
    runs reads outside a transaction already).
    """
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


def alembic_dir() -> Path:
    """Where the migrations are: `STOCKBOT_ALEMBIC_DIR`, the source checkout, the copy installed
    with the package (`<prefix>/share/stockbot/alembic`), or `./alembic`."""
    candidates = []
    if override := os.environ.get("STOCKBOT_ALEMBIC_DIR"):
        candidates.append(Path(override))
    candidates.append(Path(__file__).resolve().parents[2] / "alembic")
    candidates.append(Path(sys.prefix) / "share" / "stockbot" / "alembic")
    candidates.append(Path.cwd() / "alembic")
    for candidate in candidates:
        if (candidate / "env.py").is_file():
            return candidate
    raise ConfigurationError(
        "Alembic migrations not found: run stockbot from the repository root "
        "or set STOCKBOT_ALEMBIC_DIR"
    )


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    directory = alembic_dir()
    config = Config(str(directory.parent / "alembic.ini"))
    config.set_main_option("script_location", str(directory))
    config.attributes["database_url"] = url
    return config


def upgrade_schema(url: str, revision: str = "head") -> None:
    """`alembic upgrade head` on `url`."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade_schema(url: str, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def schema_revision(connection: Any) -> str:
    """The database's Alembic revision ('' when it has none: an empty or unmigrated database)."""
    from alembic.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision() or ""


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration this code knows (read once)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() or ""
