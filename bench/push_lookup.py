"""The latest-push lookup (`bot.dialogue.pushes.pending_push`) over a large outbox.

    python bench/push_lookup.py [--database-url URL] [--rows 20000] [-n 2000]

It runs for most messages a manager types (an idle conversation's text), so it must stay an
index lookup however many rows the outbox holds. The outbox gets `--rows` rows: replies to the
measured manager and to 199 others, single alert pushes and grouped ones (several alerts, one
message) to everyone; the manager's latest push is a grouped one, older than their
conversation (found, then passed over: the common case). Prints the plan of the lookup's
statements (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN) and the median time of a lookup,
then of one that restores a grouped push (its payload read too).

SQLite: a fresh file in a temporary directory. PostgreSQL: a scratch database whose `public`
schema is dropped and recreated (loopback only).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, insert, text  # noqa: E402
from sqlmodel import Session, SQLModel  # noqa: E402

from bot.db.engine import create_db_engine  # noqa: E402
from bot.db.models import Alert, Manager, OutboundMessage, Product, Store  # noqa: E402
from bot.dialogue import pushes  # noqa: E402
from bot.outbound.outbox import ALERTS_KEY  # noqa: E402

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
PHONE = "+221770000000"


def _fill(engine: Engine, rows: int) -> Manager:
    with Session(engine) as session:
        store = Store(code="b", name="Bench")
        session.add(store)
        session.flush()
        products = [
            Product(store_id=store.id, sku=f"P{i}", name=f"Produit {i}", quantity=1, threshold=5)
            for i in range(3)
        ]
        session.add_all(products)
        session.flush()
        alerts = [Alert(product_id=p.id, level="low", created_at=NOW) for p in products]
        session.add_all(alerts)
        manager = Manager(phone=PHONE, name="Bench")
        session.add(manager)
        session.flush()
        ids = [a.id for a in alerts]
        values = []
        for i in range(rows):
            recipient = PHONE if i % 200 == 0 else f"+22177{i % 200:07d}"
            kind = i % 10
            alert_id = None
            payload: dict[str, object] = {"body": f"réponse {i}"}
            if kind == 0:  # a single push
                alert_id = ids[0]
            elif kind == 1:  # a grouped push
                alert_id = ids[0]
                payload = {"body": "📋 Stock à surveiller", ALERTS_KEY: ids}
            at = NOW - timedelta(hours=2) + timedelta(milliseconds=i)
            values.append(
                {
                    "recipient": recipient,
                    "kind": "text",
                    "payload": payload,
                    "status": "sent",
                    "provider": "meta",
                    "attempts": 1,
                    "alert_id": alert_id,
                    "next_attempt_at": at,
                    "created_at": at,
                    "updated_at": at,
                }
            )
        # The manager's latest message to them: a grouped push.
        values.append(values[-1] | {"recipient": PHONE, "alert_id": ids[0]})
        values[-1]["payload"] = {"body": "📋 Stock à surveiller", ALERTS_KEY: ids}
        session.execute(insert(OutboundMessage.__table__), values)  # type: ignore[attr-defined]
        session.commit()
        session.refresh(manager)
        session.expunge(manager)
        return manager


def _plans(engine: Engine) -> None:
    statements = {
        "latest push": (pushes._LATEST_PUSH, {"recipient": PHONE}),
        "latest pushes (batch)": (pushes._LATEST_PUSHES, {"phones": [PHONE, "+221770000001"]}),
        "grouped payload": (pushes._PAYLOAD, {"id": 1}),
    }
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        for name, (statement, params) in statements.items():
            compiled = statement.params(**params).compile(
                dialect=engine.dialect, compile_kwargs={"literal_binds": True}
            )
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            print(f"-- {name}")
            for row in connection.exec_driver_sql(prefix + str(compiled)):
                print("   ", " | ".join(str(v) for v in row))


def _time(engine: Engine, manager: Manager, n: int, *, since: datetime | None) -> float:
    times = []
    with Session(engine) as session:
        for _ in range(n):
            start = time.perf_counter()
            pushes.pending_push(session, manager, since=since, after=0, now=NOW)
            times.append(time.perf_counter() - start)
            session.rollback()
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("-n", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
        engine = create_db_engine(url)
        if engine.dialect.name == "postgresql":
            assert "127.0.0.1" in url or "localhost" in url, "a loopback scratch database only"
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        SQLModel.metadata.create_all(engine)
        manager = _fill(engine, args.rows)
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("ANALYZE outbound_message"))
        _plans(engine)
        passed = _time(engine, manager, args.n, since=NOW)
        restored = _time(engine, manager, args.n, since=None)
        print(f"{args.rows} outbound rows, {engine.dialect.name}:")
        print(f"  lookup, push passed over (most messages): {passed:.3f} ms median")
        print(f"  lookup restoring a grouped push (payload read): {restored:.3f} ms median")
        engine.dispose()


if __name__ == "__main__":
    main()
