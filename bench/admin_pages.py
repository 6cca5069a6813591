"""Back-office page times with 5,000 products and 100,000 movements (goal: under 100 ms each).

Builds a store of PRODUCTS products and MOVEMENTS movements over 90 days (one product with a
long history for the chart), a manager's thread of a few thousand messages and some failed
outbox rows; signs in; then requests each page REQUESTS times in-process (Starlette's test
client: the app's own time, no network) and prints the median and p95 in ms, beside `/healthz`
measured in the same run (the baseline: a request that does one `SELECT 1`).

    python bench/admin_pages.py                                  # SQLite file in a temp directory
    python bench/admin_pages.py --database-url postgresql://postgres@127.0.0.1:5432/bench_admin

The database given is EMPTIED (every stockbot table dropped and created again): use a scratch one.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import statistics
import tempfile
import time
from datetime import timedelta

import _paths  # noqa: F401  (first: the repository root on sys.path)
from sqlalchemy import Engine, insert, text
from sqlmodel import SQLModel

import bot.db.models  # noqa: F401  (registers every table)
from bot.app import create_app
from bot.clock import utcnow
from bot.db.engine import create_db_engine
from bot.db.models import (
    InboundMessage,
    Manager,
    ManagerStore,
    OutboundMessage,
    Product,
    StockMovement,
    Store,
)
from bot.settings import load_settings, normalize_database_url

TOKEN = "bench-admin-token-0123456789abcdef0123"
PHONE = "+221770000001"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def build(engine: Engine, products: int, movements: int, messages: int) -> None:
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    rng = random.Random(7)
    now = utcnow()
    start = now - timedelta(days=90)
    with engine.begin() as connection:
        connection.execute(
            insert(Store),
            [
                {
                    "id": 1,
                    "code": "bench",
                    "name": "Bench",
                    "timezone": "Africa/Dakar",
                    "created_at": now,
                }
            ],
        )
        connection.execute(
            insert(Manager),
            [
                {
                    "id": 1,
                    "phone": PHONE,
                    "name": "Bench",
                    "language": "fr",
                    "active": True,
                    "created_at": now,
                }
            ],
        )
        connection.execute(insert(ManagerStore), [{"manager_id": 1, "store_id": 1}])
        # movements: product 1 gets 3,000 (a long chart), the rest spread over the others
        per_product: dict[int, list[int]] = {p: [] for p in range(1, products + 1)}
        hot = min(3000, movements)
        for index in range(movements):
            product = 1 if index < hot else rng.randint(2, products)
            per_product[product].append(index)
        rows = []
        quantities = {}
        for product, indexes in per_product.items():
            quantity = 0
            for n, _index in enumerate(indexes):
                delta = rng.randint(20, 60) if n % 5 == 0 else -rng.randint(1, 6)
                if quantity + delta < 0:
                    delta = rng.randint(10, 40)
                quantity += delta
                moment = start + timedelta(seconds=(90 * 86400) * (n + 1) / (len(indexes) + 1))
                rows.append(
                    {
                        "product_id": product,
                        "delta": delta,
                        "quantity_after": quantity,
                        "kind": "receipt" if delta > 0 else "sale",
                        "source": "whatsapp" if delta < 0 else "api",
                        "manager_id": 1 if delta < 0 else None,
                        "note": "",
                        "created_at": moment,
                    }
                )
            quantities[product] = quantity
        connection.execute(
            insert(Product),
            [
                {
                    "id": p,
                    "store_id": 1,
                    "sku": f"SKU-{p:05d}",
                    "name": f"Produit {p:05d} riz" if p % 50 == 0 else f"Produit {p:05d}",
                    "aliases": [f"alias{p}"],
                    "unit": "sac",
                    "quantity": quantities[p],
                    "threshold": rng.randint(0, 30),
                    "reorder_quantity": 10,
                    "created_at": now,
                    "updated_at": now,
                }
                for p in range(1, products + 1)
            ],
        )
        for offset in range(0, len(rows), 10_000):
            connection.execute(insert(StockMovement), rows[offset : offset + 10_000])
        inbound = [
            {
                "provider": "meta",
                "provider_message_id": f"wamid.{n}",
                "sender": PHONE,
                "type": "text",
                "payload": {"message": {"type": "text", "body": f"vendu {n % 9 + 1} riz"}},
                "sent_at": start + timedelta(minutes=n),
                "received_at": start + timedelta(minutes=n),
                "processed_at": start + timedelta(minutes=n),
                "attempts": 1,
                "phone_number_id": "",
                "sender_name": "",
            }
            for n in range(messages)
        ]
        connection.execute(insert(InboundMessage), inbound)
        outbound = [
            {
                "recipient": PHONE,
                "kind": "text",
                "payload": {"body": f"Vente enregistrée {n}"},
                "status": "failed" if n % 50 == 0 else "read",
                "provider": "meta",
                "attempts": 1,
                "last_error_code": "131026" if n % 50 == 0 else None,
                "next_attempt_at": start + timedelta(minutes=n),
                "created_at": start + timedelta(minutes=n, seconds=5),
                "updated_at": start + timedelta(minutes=n, seconds=5),
            }
            for n in range(messages)
        ]
        connection.execute(insert(OutboundMessage), outbound)
        if engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))


def measure(client, path: str, requests: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(requests):
        begin = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return times


def main() -> None:
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    logging.getLogger("bot").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--movements", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = normalize_database_url(args.database_url or f"sqlite:///{directory}/bench.db")
        engine = create_db_engine(url)
        began = time.perf_counter()
        build(engine, args.products, args.movements, args.messages)
        print(
            f"data: {args.products} products, {args.movements} movements, "
            f"{2 * args.messages} messages on {engine.dialect.name} "
            f"(built in {time.perf_counter() - began:.1f} s)"
        )
        settings = load_settings(_env_file=None, database_url=url, admin_token=TOKEN)
        from starlette.testclient import TestClient

        with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
            form = client.get("/admin/login").text
            csrf = _CSRF.search(form)
            assert csrf is not None
            client.post("/admin/login", data={"csrf": csrf.group(1), "password": TOKEN})
            pages = [
                "/healthz",
                "/admin",
                "/admin/stock?store=bench",
                "/admin/stock?store=bench&q=riz",
                "/admin/stock?store=bench&level=watch",
                "/admin/stock?store=bench&page=100",
                "/admin/products/1?days=30",
                "/admin/products/1?days=90",
                "/admin/products/1?days=90&page=60",
                "/admin/conversations",
                f"/admin/conversations/{PHONE.replace('+', '%2B')}",
                f"/admin/conversations/{PHONE.replace('+', '%2B')}?page=50",
                "/admin/movements",
                "/admin/movements?store=bench&kind=sale",
                "/admin/movements?store=bench&page=100",
                "/admin/orders",
                "/admin/managers",
                "/admin/import",
                "/admin/outbox",
                f"/admin/simulator?phone={PHONE.replace('+', '%2B')}",
            ]
            for path in pages:  # warm-up: templates compiled, caches filled
                measure(client, path, 2)
            baseline = statistics.median(measure(client, "/healthz", args.requests))
            print(f"{'page':<52} {'median ms':>10} {'p95 ms':>8} {'x healthz':>10}")
            worst = 0.0
            for path in pages:
                times = sorted(measure(client, path, args.requests))
                median = statistics.median(times)
                p95 = times[int(len(times) * 0.95) - 1]
                worst = max(worst, p95 if path != "/healthz" else 0.0)
                print(f"{path[:52]:<52} {median:>10.1f} {p95:>8.1f} {median / baseline:>10.1f}")
            print(f"slowest page p95: {worst:.1f} ms (goal: under 100 ms)")
        engine.dispose()


if __name__ == "__main__":
    main()
