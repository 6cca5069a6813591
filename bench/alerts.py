"""Alert fan-out benchmark: one threshold crossing in a store with 10,000 managers.

Measures (1) the time of the movement's transaction that opens the alert and queues one push per
manager (goal: all 10,000 rows queued in under 2 s), beside a baseline measured in the same run:
a bare bulk INSERT of 10,000 equivalent outbox rows; then (2) the time the outbox worker takes to
send them to the fake Graph API (a separate process on 127.0.0.1) with the rate limit raised.

    python bench/alerts.py                                   # SQLite file in a temp directory
    python bench/alerts.py --database-url postgresql://postgres@127.0.0.1:5432/bench_alerts

The database given is EMPTIED (every stockbot table dropped and created again): use a scratch one.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time

import _paths  # noqa: F401  (first: the repository root on sys.path)
import phonenumbers
from sqlalchemy import Engine, delete, func, insert, select
from sqlmodel import SQLModel, col

import bot.db.models  # noqa: F401  (registers every table)
from bot.clock import utcnow
from bot.db.engine import create_db_engine, transaction
from bot.db.models import (
    Contact,
    Manager,
    ManagerStore,
    MovementKind,
    MovementSource,
    OutboundMessage,
    Product,
    Store,
)
from bot.outbound.worker import OutboxWorker
from bot.settings import Settings, load_settings, normalize_database_url
from bot.stock import record_movement

ROOT = _paths.ROOT
FAKE_TOKEN = "fake-graph-token"
FAKE_PHONE_NUMBER_ID = "106540352249871"


def senegal_numbers(count: int) -> list[str]:
    """`count` distinct valid Senegalese mobile numbers (+22177/78/76/70/75 …)."""
    numbers = []
    for index in range(count):
        prefix = ("77", "78", "76", "70", "75")[index % 5]
        number = f"+221{prefix}{1000000 + index // 5:07d}"
        numbers.append(number)
    for sample in numbers[:: max(1, count // 50)]:
        assert phonenumbers.is_valid_number(phonenumbers.parse(sample)), sample
    return numbers


def reset_schema(engine: Engine) -> None:
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)


def seed(engine: Engine, phones: list[str]) -> int:
    """A store, one product just above its threshold, the managers, their open windows."""
    now = utcnow()
    with transaction(engine) as session:
        store = Store(code="bench", name="Entrepôt de Dakar")
        session.add(store)
        session.flush()
        product = Product(
            store_id=store.id,  # type: ignore[arg-type]
            sku="RIZ",
            name="Riz brisé 50kg",
            unit="sac",
            quantity=11,
            threshold=10,
            reorder_quantity=30,
        )
        session.add(product)
        session.flush()
        session.execute(
            insert(Manager),
            [
                {"phone": p, "name": "", "language": "fr", "active": True, "created_at": now}
                for p in phones
            ],
        )
        ids = session.execute(select(col(Manager.id)).order_by(col(Manager.id))).scalars().all()
        session.execute(
            insert(ManagerStore), [{"manager_id": i, "store_id": store.id} for i in ids]
        )
        session.execute(
            insert(Contact),
            [
                {
                    "phone": p,
                    "wa_id": p[1:],
                    "user_id": "",
                    "profile_name": "",
                    "last_inbound_at": now,
                    "created_at": now,
                }
                for p in phones
            ],
        )
        assert product.id is not None
        return product.id


def baseline_insert(engine: Engine, phones: list[str]) -> float:
    """A bare bulk INSERT of as many outbox rows (the floor for any way of queueing them)."""
    now = utcnow()
    payload = {"body": "x" * 120, "buttons": [{"id": "alert:v1:1:order", "title": "Commander"}]}
    rows = [
        {
            "recipient": p,
            "kind": "buttons",
            "payload": payload,
            "status": "queued",
            "provider": "",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
            "updated_at": now,
        }
        for p in phones
    ]
    started = time.perf_counter()
    with transaction(engine) as session:
        session.execute(insert(OutboundMessage), rows)
    elapsed = time.perf_counter() - started
    with transaction(engine) as session:
        session.execute(delete(OutboundMessage))
    return elapsed


def crossing(engine: Engine, product_id: int, settings: Settings) -> tuple[float, int]:
    """One sale taking the product to its threshold: the alert and every push, one commit."""
    started = time.perf_counter()
    with transaction(engine) as session:
        product = session.get(Product, product_id)
        assert product is not None
        record_movement(
            session, product, -2, MovementKind.SALE, MovementSource.API, settings=settings
        )
    elapsed = time.perf_counter() - started
    with transaction(engine) as session:
        queued = session.execute(select(func.count()).select_from(OutboundMessage)).scalar_one()
    return elapsed, queued


def start_fake_graph() -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.graph", "--port", "0", "--token", FAKE_TOKEN],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().split()
    if line[:1] != ["PORT"]:
        process.kill()
        raise SystemExit("fake Graph did not start")
    return process, int(line[1])


def send_all(engine: Engine, settings: Settings) -> tuple[float, int, int]:
    worker = OutboxWorker(settings, engine)
    started = time.perf_counter()
    report = asyncio.run(worker.run(until_idle=True, max_wait=2.0))
    return time.perf_counter() - started, report.sent, report.failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="", help="scratch database (emptied)")
    parser.add_argument("--managers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=1000.0, help="outbox messages per second")
    parser.add_argument("--no-send", action="store_true", help="only time the queueing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = normalize_database_url(args.database_url or f"sqlite:///{tmp}/bench.db")
        engine = create_db_engine(url)
        reset_schema(engine)
        phones = senegal_numbers(args.managers)
        product_id = seed(engine, phones)
        backend = engine.dialect.name
        graph, port = start_fake_graph()
        try:
            settings = load_settings(
                _env_file=None,
                database_url=url,
                whatsapp_provider="meta",
                whatsapp_api_url=f"http://127.0.0.1:{port}/v21.0",
                whatsapp_api_token=FAKE_TOKEN,
                whatsapp_phone_number_id=FAKE_PHONE_NUMBER_ID,
                whatsapp_app_secret="bench",
                whatsapp_verify_token="bench",
                outbox_rate_per_second=args.rate,
                outbox_pair_interval_seconds=0.0,
                outbox_batch_size=1000,
                outbox_concurrency=64,
            )
            floor = baseline_insert(engine, phones)
            queue_time, queued = crossing(engine, product_id, settings)
            print(f"database: {backend}, managers: {len(phones):,}")
            print(f"baseline bulk INSERT of {len(phones):,} outbox rows: {floor:.3f} s")
            print(
                f"threshold crossing -> alert + {queued:,} pushes queued and committed: "
                f"{queue_time:.3f} s ({queue_time / floor:.1f}x the baseline; goal < 2 s)"
            )
            if not args.no_send:
                elapsed, sent, failed = send_all(engine, settings)
                print(
                    f"sent to the fake Graph at {args.rate:g}/s: {sent:,} in {elapsed:.2f} s "
                    f"({sent / elapsed:,.0f} msg/s), {failed} failed"
                )
        finally:
            graph.terminate()
            graph.wait(timeout=10)
            engine.dispose()


if __name__ == "__main__":
    main()
