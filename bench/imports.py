"""A 100,000-line catalogue import through the admin API while webhooks keep arriving.

Starts the app under uvicorn (its background loops off: each webhook is verified, stored and
committed before its 200) on a scratch database, then:

1. sends one signed Meta webhook every `--interval` seconds for a few seconds: the baseline
   latency of storing a webhook;
2. posts a `--rows`-line CSV to `POST /api/products/import` (new products) and keeps sending
   webhooks until the import answers, polling `GET /api/imports/1` for its progress;
3. the same with `?set_stock=true` and a tenth of the quantities changed (an inventory);
4. times a bare `executemany` of the same number of product rows into a scratch table of the
   same database: the floor an import is compared with.

It prints the import times (and their ratio to that floor), webhook latency p50/p99/max before
and during each import, and checks that every acknowledged webhook is stored and that the stock
equals the sum of the movements.

    python bench/imports.py                       # SQLite in a temp dir, 100,000 lines
    python bench/imports.py --rows 20000 --database-url postgresql://postgres@127.0.0.1:5432/bench

Use a scratch database: the schema is upgraded and the bench's rows are left in it.
Bounded: `--timeout` seconds per import (300).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field

import _paths  # noqa: F401  (first: the repository root on sys.path)
import httpx
from sqlalchemy import func, text
from sqlmodel import Session, select

from bot.db.engine import create_db_engine, upgrade_schema
from bot.db.models import InboundMessage, Product, StockMovement
from bot.settings import normalize_database_url
from tests.bot.inbound.helpers import text_webhook
from tests.bot.webhooks.servers import uvicorn_app

SECRET = "bench-app-secret"
TOKEN = "bench-admin-token-0123456789abcdef-0123456789"
PHONE_NUMBER_ID = "106540352249871"


def catalogue(rows: int, *, seed: int, changed: float = 0.0) -> bytes:
    """A French-style CSV (`;`, headers Réf;Nom;Quantité;Seuil;Unité), about 5 % at or under
    the threshold; with `changed`, that share of the quantities differs (a later count)."""
    rng = random.Random(seed)
    count = random.Random(seed + 1)
    lines = ["Réf;Nom;Quantité;Seuil;Unité"]
    for i in range(rows):
        quantity = rng.randint(6, 400)
        threshold = rng.randint(0, 5)
        if rng.random() < 0.05:
            quantity = rng.randint(0, threshold)
        if changed and count.random() < changed:
            quantity = max(0, quantity + count.randint(-5, 5))
        lines.append(f"P{i:06d};Produit n°{i} ({i % 97} kg);{quantity};{threshold};sac")
    return ("\n".join(lines) + "\n").encode()


@dataclass
class Pinger:
    """Sends a signed webhook every `interval` seconds from a thread; keeps the latencies."""

    url: str
    interval: float
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    sent: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self, run: str) -> None:
        self._stop.clear()
        self.latencies, self.failures = [], 0
        self._thread = threading.Thread(target=self._loop, args=(run,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()

    def _loop(self, run: str) -> None:
        with httpx.Client(timeout=60) as client:
            i = 0
            while not self._stop.is_set():
                message_id = f"wamid.IMPORT{run}{i:06d}"
                body = text_webhook(
                    message_id,
                    sender=str(221700000000 + i),
                    timestamp=int(time.time()),
                    phone_number_id=PHONE_NUMBER_ID,
                )
                digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                headers = {
                    "content-type": "application/json",
                    "x-hub-signature-256": "sha256=" + digest,
                }
                started = time.perf_counter()
                try:
                    response = client.post(
                        f"{self.url}/webhooks/whatsapp", content=body, headers=headers
                    )
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - started
                self.sent += 1
                if ok:
                    self.latencies.append(elapsed)
                else:
                    self.failures += 1
                i += 1
                self._stop.wait(max(0.0, self.interval - elapsed))


def describe(latencies: list[float], failures: int) -> str:
    if not latencies:
        return f"no webhook answered ({failures} failed)"
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{len(ordered)} webhooks, p50 {statistics.median(ordered) * 1000:.0f} ms, "
        f"p99 {p99 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms, {failures} failed"
    )


def timed_import(
    url: str, pinger: Pinger, data: bytes, params: dict[str, str], run: str, timeout: float
) -> tuple[float, dict[str, object], list[str]]:
    progress: list[str] = []
    done = threading.Event()

    def poll() -> None:
        with httpx.Client(timeout=10, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
            while not done.wait(1.0):
                try:
                    jobs = client.get(f"{url}/api/imports/{params['_job']}")
                except httpx.HTTPError:
                    continue
                if jobs.status_code == 200:
                    job = jobs.json()
                    progress.append(f"{job['status']} {job['staged_rows']}/{job['total_rows']}")

    query = {k: v for k, v in params.items() if not k.startswith("_")}
    poller = threading.Thread(target=poll, daemon=True)
    pinger.start(run)
    poller.start()
    started = time.perf_counter()
    with httpx.Client(timeout=timeout, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        response = client.post(f"{url}/api/products/import", params=query, content=data)
    elapsed = time.perf_counter() - started
    done.set()
    pinger.stop()
    poller.join()
    if response.status_code != 200:
        raise SystemExit(f"import failed: {response.status_code} {response.text[:500]}")
    return elapsed, response.json(), progress


def bare_insert_seconds(url: str, rows: int) -> float:
    """The floor: `rows` product-like rows inserted by one executemany, one transaction."""
    engine = create_db_engine(url)
    values = [(f"P{i:06d}", f"Produit n°{i}", i % 400, i % 5) for i in range(rows)]
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS bench_floor")
        serial = "INTEGER PRIMARY KEY" if url.startswith("sqlite") else "SERIAL PRIMARY KEY"
        connection.exec_driver_sql(
            f"CREATE TABLE bench_floor (id {serial}, sku VARCHAR(64), "
            "name VARCHAR(120), quantity INTEGER, threshold INTEGER)"
        )
        connection.exec_driver_sql("CREATE UNIQUE INDEX bench_floor_sku ON bench_floor (sku)")
    marker = "?" if url.startswith("sqlite") else "%s"
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.exec_driver_sql(
            f"INSERT INTO bench_floor (sku, name, quantity, threshold) "
            f"VALUES ({marker}, {marker}, {marker}, {marker})",
            values,  # type: ignore[arg-type]
        )
    elapsed = time.perf_counter() - started
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE bench_floor"))
    engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between webhooks")
    parser.add_argument("--baseline", type=float, default=5.0, help="seconds of baseline")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = normalize_database_url(args.database_url or f"sqlite:///{scratch}/bench.db")
        upgrade_schema(url)
        env = {
            "DATABASE_URL": url,
            "WHATSAPP_PROVIDER": "sandbox",
            "WHATSAPP_APP_SECRET": SECRET,
            "WHATSAPP_VERIFY_TOKEN": "bench-verify-token",
            "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
            "ADMIN_TOKEN": TOKEN,
            "LOG_LEVEL": "WARNING",
        }
        database = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
        first = catalogue(args.rows, seed=1)
        recount = catalogue(args.rows, seed=1, changed=0.1)
        print(f"database: {database}; {args.rows:,} lines ({len(first) / 1e6:.1f} MB)")
        run = str(int(time.time()))
        with uvicorn_app(env, app="tests.bot.webhooks.servers:ack_only_app", factory=True) as app:
            pinger = Pinger(app.url, args.interval)
            pinger.start(run + "B")
            time.sleep(args.baseline)
            pinger.stop()
            print(f"webhooks, no import     : {describe(pinger.latencies, pinger.failures)}")
            new = {"store": "bench", "create_store": "Bench", "_job": "1"}
            counted = {"store": "bench", "set_stock": "true", "_job": "2"}
            phases = [("new catalogue", first, new), ("inventory (10% changed)", recount, counted)]
            for index, (label, data, params) in enumerate(phases):
                seconds, summary, progress = timed_import(
                    app.url, pinger, data, params, f"{run}I{index}", args.timeout
                )
                counts = {k: summary[k] for k in ("created", "updated", "adjusted", "unchanged")}
                print(
                    f"import, {label:<23}: {seconds:.1f} s ({args.rows / seconds:,.0f} lines/s) "
                    f"{counts}"
                )
                print(f"  webhooks during import: {describe(pinger.latencies, pinger.failures)}")
                if progress:
                    print(f"  progress seen: {', '.join(progress[:3])} … {progress[-1]}")
            total_sent = pinger.sent
        floor = bare_insert_seconds(url, args.rows)
        print(f"floor: bare executemany of {args.rows:,} rows: {floor:.2f} s")
        engine = create_db_engine(url)
        with Session(engine) as session:
            stored = session.exec(select(func.count()).select_from(InboundMessage)).one()
            products = session.exec(select(func.count()).select_from(Product)).one()
            stock = session.exec(select(func.sum(Product.quantity))).one()
            ledger = session.exec(select(func.sum(StockMovement.delta))).one()
        engine.dispose()
        print(
            f"check: {stored}/{total_sent} webhooks stored (failed ones included in the sent), "
            f"{products:,} products, stock {stock:,} == movements {ledger:,}: {stock == ledger}"
        )


if __name__ == "__main__":
    main()
