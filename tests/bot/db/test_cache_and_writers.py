"""Per-transaction read caches forget what the transaction writes; SQLite writers queue in order."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, insert, select, text, update
from sqlmodel import Session, SQLModel

from bot.db.cache import transaction_cache
from bot.db.engine import create_db_engine
from bot.db.models import Product, Store
from bot.db.writes import ANY_TABLE, WRITES, FairLock, first_in_line, writer_gate, written_tables

WATCHED = frozenset({"product"})


def _store(session: Session) -> int:
    store = Store(code="dakar1", name="Dakar")
    session.add(store)
    session.flush()
    assert store.id is not None
    return store.id


def test_a_cached_value_lives_until_the_transaction_writes_its_table(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        store_id = _store(session)  # a write to another table, before the value is cached
        cache = transaction_cache(session, WATCHED)
        cache["x"] = 1
        session.execute(update(Store).values(name="Dakar Plateau"))  # another table: kept
        assert transaction_cache(session, WATCHED) == {"x": 1}
        session.execute(insert(Product).values(store_id=store_id, sku="RIZ", name="Riz"))
        assert transaction_cache(session, WATCHED) == {}  # Core insert into product: forgotten
        cache = transaction_cache(session, WATCHED)
        cache["x"] = 2
        session.add(Product(store_id=store_id, sku="MIL", name="Mil"))
        session.flush()  # the ORM's flush too
        assert transaction_cache(session, WATCHED) == {}
        cache = transaction_cache(session, WATCHED)
        cache["x"] = 3
        session.execute(text("UPDATE product SET quantity = 1"))  # SQL it cannot read: any table
        assert transaction_cache(session, WATCHED) == {}
        transaction_cache(session, WATCHED)["x"] = 4
    with session.begin():  # the same session, a new transaction: empty
        assert transaction_cache(session, WATCHED) == {}


def test_each_transaction_of_a_session_has_its_own_cache(engine: Engine) -> None:
    with Session(engine) as session:
        transaction_cache(session, WATCHED)["x"] = 1  # begins the session's transaction
        with session.begin_nested():  # a savepoint: the same transaction
            assert transaction_cache(session, WATCHED) == {"x": 1}
        session.rollback()
        assert transaction_cache(session, WATCHED) == {}  # after a rollback: a new one
        transaction_cache(session, WATCHED)["x"] = 2
        session.commit()
        session.execute(select(1))  # the next transaction began by a statement
        assert transaction_cache(session, WATCHED) == {}  # after a commit: a new one
        store_id = _store(session)
        session.execute(insert(Product).values(store_id=store_id, sku="RIZ", name="Riz"))
        transaction_cache(session, WATCHED)["x"] = 3
        session.execute(insert(Product).values(store_id=store_id, sku="MIL", name="Mil"))
        assert transaction_cache(session, WATCHED) == {}  # the new one watches its writes
        session.rollback()


def test_reads_are_not_writes() -> None:
    for statement in ("SELECT 1", "  select * from product", "SAVEPOINT sa_1", "RELEASE sa_1"):
        assert written_tables(statement, None) is None
    assert written_tables("DELETE FROM product", None) == ANY_TABLE


def test_the_fair_lock_hands_over_in_arrival_order() -> None:
    lock = FairLock()
    assert lock.acquire(timeout=1)
    order: list[int] = []

    def waiter(n: int) -> None:
        assert lock.acquire(timeout=10)
        order.append(n)
        lock.release()

    threads = []
    for n in range(5):
        thread = threading.Thread(target=waiter, args=(n,))
        thread.start()
        threads.append(thread)
        time.sleep(0.05)  # each one queued before the next arrives
    lock.release()
    for thread in threads:
        thread.join(timeout=10)
    assert order == [0, 1, 2, 3, 4]
    assert lock.acquire(timeout=0.1)  # free again


def test_waiters_that_come_first_are_served_before_the_others() -> None:
    """The webhooks' group commit (`first`) goes ahead of the writers already waiting; the
    gate tells a long writer that it waits."""
    lock = FairLock()
    assert lock.acquire(timeout=1)
    order: list[str] = []

    def waiter(name: str, first: bool) -> None:
        assert lock.acquire(timeout=10, first=first)
        order.append(name)
        lock.release()

    threads = []
    for name, first in (("outbox", False), ("processor", False), ("ingest", True)):
        thread = threading.Thread(target=waiter, args=(name, first))
        thread.start()
        threads.append(thread)
        time.sleep(0.05)  # each one queued before the next arrives
    assert lock.first_waiting
    lock.release()
    for thread in threads:
        thread.join(timeout=10)
    assert order == ["ingest", "outbox", "processor"]
    assert not lock.first_waiting


def test_a_group_commit_waiting_for_the_gate_is_seen_by_the_writer_holding_it(
    tmp_path: Path,
) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'first.db'}")
    SQLModel.metadata.create_all(engine)
    gate = writer_gate(engine)
    assert gate is not None and not gate.ingest_waiting()
    stored = threading.Event()

    def group_commit() -> None:
        with first_in_line(), Session(engine) as session, session.begin():
            _store(session)
        stored.set()

    with Session(engine) as session, session.begin():
        session.execute(insert(Store).values(code="thies", name="Thiès"))  # holds the gate
        thread = threading.Thread(target=group_commit)
        thread.start()
        for _ in range(1000):  # until the group commit waits at the gate
            if gate.ingest_waiting():
                break
            time.sleep(0.01)
        assert gate.ingest_waiting() and not stored.is_set()
    thread.join(timeout=10)
    assert stored.is_set() and not gate.ingest_waiting()
    engine.dispose()


def test_a_waiter_that_gives_up_leaves_the_queue() -> None:
    lock = FairLock()
    assert lock.acquire(timeout=1)
    assert not lock.acquire(timeout=0.05)
    lock.release()
    assert lock.acquire(timeout=0.1)  # not handed to the waiter that left


@pytest.fixture
def sqlite_file(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'gate.db'}"


def _engine(url: str, busy_seconds: float) -> Engine:
    """stockbot's engine, with a short busy timeout (SQLite's own wait for its lock)."""
    engine = create_db_engine(url)

    @event.listens_for(engine, "connect")
    def short_busy_timeout(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")

    return engine


def test_sqlite_writers_of_one_process_queue_instead_of_sleeping(sqlite_file: str) -> None:
    """Two engines on one file, writers in threads holding their transaction a while: each
    writes after the other, none meets SQLite's busy handler (which would sleep up to 100 ms at
    a time, and whose 1 s timeout here would fail the write)."""
    engines = [_engine(sqlite_file, busy_seconds=1) for _ in range(2)]
    SQLModel.metadata.create_all(engines[0])
    with Session(engines[0]) as session, session.begin():
        store_id = _store(session)
    errors: list[BaseException] = []

    def writer(engine: Engine, n: int) -> None:
        try:
            for i in range(5):
                with Session(engine) as session, session.begin():
                    session.add(Product(store_id=store_id, sku=f"P{n}-{i}", name="x"))
                    session.flush()
                    time.sleep(0.3)  # the write lock held, longer than the busy timeout / 5
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(e, n)) for n, e in enumerate(engines * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with Session(engines[0]) as session:
        assert session.scalar(select(func.count()).select_from(Product)) == 20
    for engine in engines:
        engine.dispose()


def test_a_second_connection_of_the_writing_thread_does_not_wait_for_itself(
    sqlite_file: str,
) -> None:
    engine = _engine(sqlite_file, busy_seconds=0.2)
    SQLModel.metadata.create_all(engine)
    started = time.monotonic()
    with Session(engine) as outer, outer.begin():
        _store(outer)
        with pytest.raises(Exception, match="locked"), Session(engine) as inner, inner.begin():
            inner.add(Store(code="thies", name="Thiès"))
            inner.flush()  # SQLite says it is locked, at once (not after the gate's timeout)
    assert time.monotonic() - started < 5
    engine.dispose()


def test_a_textual_write_that_names_its_tables_forgets_only_their_caches(engine: Engine) -> None:
    stores = frozenset({"store"})
    with Session(engine) as session, session.begin():
        store_id = _store(session)
        transaction_cache(session, WATCHED)["x"] = 1
        transaction_cache(session, stores)["y"] = 2
        named = text("UPDATE product SET quantity = 1").execution_options(
            **{WRITES: frozenset({"product"})}
        )
        session.execute(named)
        assert transaction_cache(session, WATCHED) == {}  # its table: forgotten
        assert transaction_cache(session, stores) == {"y": 2}  # another: kept
        transaction_cache(session, WATCHED)["x"] = 3
        both = text("UPDATE store SET name = 'Dakar' WHERE id = :id").execution_options(
            **{WRITES: frozenset({"store", "product"})}
        )
        session.execute(both, {"id": store_id})
        assert (
            transaction_cache(session, WATCHED) == {} and transaction_cache(session, stores) == {}
        )


def test_the_outbox_s_sent_rows_name_their_table() -> None:
    from bot.outbound.outcomes import _SENT_POSTGRESQL, _SENT_SQLITE

    for statement in (_SENT_SQLITE, _SENT_POSTGRESQL):
        assert statement.get_execution_options()[WRITES] == frozenset({"outbound_message"})
