"""Values kept across transactions for a while: forgotten when this process writes their tables,
never taken nor kept by a transaction that wrote them, read again for a later moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, text, update
from sqlmodel import Session, SQLModel

from bot.db.engine import create_db_engine
from bot.db.models import Product, Store
from bot.db.recent import RecentCache
from bot.db.writes import WRITES

NOW = datetime(2026, 12, 2, 12, 0, 0, tzinfo=UTC)


class Reader:
    """Counts its reads; each returns the next number."""

    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> int:
        self.reads += 1
        return self.reads


def _store(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        store = Store(code="dakar1", name="Dakar")
        session.add(store)
        session.flush()
        assert store.id is not None
        return store.id


def test_a_value_serves_later_transactions_until_this_process_writes_its_table(
    engine: Engine,
) -> None:
    store_id = _store(engine)
    cache: RecentCache[int] = RecentCache(frozenset({"product"}), 60.0)
    read = Reader()
    with engine.connect() as connection:
        assert cache.get(connection, "k", NOW, read) == 1
    with engine.connect() as connection:  # another transaction, 5 s later: kept
        assert cache.get(connection, "k", NOW + timedelta(seconds=5), read) == 1
    with engine.begin() as connection:  # another table written: kept
        connection.execute(update(Store).values(name="Dakar Plateau"))
    with engine.connect() as connection:
        assert cache.get(connection, "k", NOW, read) == 1
    with engine.begin() as connection:  # its table written, by a statement of this process
        connection.execute(insert(Product).values(store_id=store_id, sku="RIZ", name="Riz"))
    with engine.connect() as connection:
        assert cache.get(connection, "k", NOW, read) == 2
    with engine.begin() as connection:  # SQL it cannot read: any table
        connection.execute(text("UPDATE product SET quantity = 1"))
    with engine.connect() as connection:
        assert cache.get(connection, "k", NOW, read) == 3
    with engine.begin() as connection:  # SQL that names the tables it writes: another one, kept
        named = text("UPDATE store SET name = 'Dakar'")
        connection.execute(named.execution_options(**{WRITES: frozenset({"store"})}))
    with engine.connect() as connection:
        assert cache.get(connection, "k", NOW, read) == 3
    with engine.begin() as connection:  # and its own: forgotten
        named = text("UPDATE product SET quantity = 2")
        connection.execute(named.execution_options(**{WRITES: frozenset({"product", "store"})}))
    with engine.connect() as connection:
        assert cache.get(connection, "k", NOW, read) == 4
    assert read.reads == 4


def test_a_transaction_that_wrote_the_table_neither_takes_nor_keeps_a_value(
    engine: Engine,
) -> None:
    store_id = _store(engine)
    cache: RecentCache[int] = RecentCache(frozenset({"product"}), 60.0)
    read = Reader()
    with engine.begin() as connection:
        connection.execute(insert(Product).values(store_id=store_id, sku="RIZ", name="Riz"))
        assert cache.get(connection, "k", NOW, read) == 1  # would include its own write
        assert cache.get(connection, "k", NOW, read) == 2  # not kept
        connection.rollback()  # …which never happened
    with engine.connect() as connection:
        assert cache.get(connection, "k", NOW, read) == 3  # the transaction ended: kept now
        assert cache.get(connection, "k", NOW, read) == 3


def test_a_value_is_read_again_for_a_moment_past_its_age_or_before_it(engine: Engine) -> None:
    cache: RecentCache[int] = RecentCache(frozenset({"product"}), 60.0)
    read = Reader()
    with engine.connect() as connection:
        assert cache.get(connection, "k", NOW, read) == 1
        assert cache.get(connection, "k", NOW + timedelta(seconds=60), read) == 1
        assert cache.get(connection, "k", NOW + timedelta(seconds=61), read) == 2
        assert cache.get(connection, "k", NOW, read) == 3  # a moment before the reading
        assert cache.get(connection, "other", NOW, read) == 4


def test_each_database_has_its_own_values(engine: Engine, tmp_path: Path) -> None:
    other = create_db_engine(f"sqlite:///{tmp_path / 'other.db'}")
    SQLModel.metadata.create_all(other)
    cache: RecentCache[int] = RecentCache(frozenset({"product"}), 60.0)
    read = Reader()
    try:
        with engine.connect() as connection:
            assert cache.get(connection, "k", NOW, read) == 1
        with other.connect() as connection:
            assert cache.get(connection, "k", NOW, read) == 2
        with other.begin() as connection:  # a write through any engine of the process forgets
            connection.execute(text("DELETE FROM product"))
        with engine.connect() as connection:
            assert cache.get(connection, "k", NOW, read) == 3
    finally:
        other.dispose()


def test_a_connection_cut_in_a_transaction_rolls_back_with_its_own_error(engine: Engine) -> None:
    """A connection the server cut (a PostgreSQL restart) fails its statement; rolling back must
    not raise an error of the caches' own in its place: the webhook answers 503 on the
    database's error (and is delivered again) instead of keeping the delivery raw."""
    with engine.connect() as connection:
        connection.begin()
        connection.execute(text("SELECT 1"))
        connection.invalidate()  # what a failing statement on a cut connection does
        connection.rollback()
