"""Webhook ingress throughput: stockbot (signed, parsed, stored, committed) vs a bare ack.

Starts each app in turn under uvicorn (one worker, 127.0.0.1, port 0): the bare Starlette app of
`bench/_ceiling.py` (signature check, 200); stockbot's webhook path alone (the tests' factory
`tests.bot.webhooks.servers:ack_only_app`: the app with its background loops off, so each message
is verified, parsed, stored and committed before the 200 and nothing else runs); and the whole
of stockbot (`bot.app:app` as in production: the same path, plus processing every message and
sending its reply in the same process meanwhile; the senders are not managers, so each gets the
polite refusal). It drives
each with the same kind of signed Meta text webhooks (one message each, distinct senders, unique
wamids) from `-c` concurrent clients, and prints accepted webhooks per second, p50/p99 latency,
server CPU per webhook, and the ratios to the bare app. Then it counts the stored
`InboundMessage` rows: every 200 must be in the database.

A second section times the storage alone, in process: one transaction per delivery (called
directly, and through a thread as an async handler would), against deliveries grouped into one
transaction (what `bot.inbound.ingest.GroupCommitter` does under load).

    python bench/webhook_ingest.py                                   # SQLite in a temp dir
    python bench/webhook_ingest.py --database-url postgresql://postgres@127.0.0.1:5432/bench

Use a scratch database: the schema is upgraded and the bench's rows are left in it.
Bounded: `-n` posts per app (5,000) and `--timeout` seconds per phase (60).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import os
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import _paths  # noqa: F401  (first: the repository root on sys.path)
import httpx

from bot.settings import normalize_database_url
from tests.bot.inbound.helpers import text_webhook
from tests.bot.webhooks.servers import uvicorn_app

ROOT = _paths.ROOT

SECRET = "bench-app-secret"
PHONE_NUMBER_ID = "106540352249871"
PATH = "/webhooks/whatsapp"


def webhook(message_id: str, sender: str) -> bytes:
    """One signed-to-be Meta delivery of one text message, compact JSON (the tests' builder)."""
    return text_webhook(
        message_id, sender=sender, timestamp=int(time.time()), phone_number_id=PHONE_NUMBER_ID
    )


def signed(body: bytes) -> dict[str, str]:
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return {"content-type": "application/json", "x-hub-signature-256": "sha256=" + digest}


def deliveries(run: str, count: int, first_sender: int) -> list[tuple[str, bytes]]:
    out = []
    for i in range(count):
        message_id = f"wamid.BENCH{run}{i:06d}"
        out.append((message_id, webhook(message_id, str(first_sender + i))))
    return out


# ---------------------------------------------------------------- servers


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- load


@dataclass
class Result:
    label: str
    posted: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    cpu_s: float = 0.0
    stored: int | None = None

    @property
    def accepted(self) -> int:
        return self.statuses.get(200, 0)

    @property
    def rate(self) -> float:
        return self.accepted / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_webhook(self) -> float:
        return self.cpu_s / max(self.posted, 1)

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def drive(
    url: str, jobs: list[tuple[str, bytes]], concurrency: int, timeout: float, out: Result
) -> None:
    """Post every job with `concurrency` clients (one connection each, httpx + uvloop)."""
    cursor = 0
    deadline = time.monotonic() + timeout
    one = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [httpx.AsyncClient(limits=one, timeout=30) for _ in range(concurrency)]

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal cursor
        while cursor < len(jobs) and time.monotonic() < deadline:
            _, body = jobs[cursor]
            cursor += 1
            started = time.perf_counter()
            try:
                response = await client.post(url, content=body, headers=signed(body))
            except httpx.HTTPError as exc:
                out.errors[type(exc).__name__] += 1
                continue
            out.latencies_ms.append((time.perf_counter() - started) * 1000)
            out.statuses[response.status_code] += 1

    started = time.perf_counter()
    try:
        await asyncio.gather(*(worker(c) for c in clients))
    finally:
        for client in clients:
            await client.aclose()
    out.seconds = time.perf_counter() - started
    out.posted = cursor


def run_app(
    label: str,
    app: str,
    factory: bool,
    env: dict[str, str],
    args: argparse.Namespace,
    run: str,
    base: int,
) -> tuple[Result, list[str]]:
    warm = deliveries(run + "W", args.warmup, base + 500_000)
    jobs = deliveries(run, args.n, base)
    result = Result(label)
    options = ["--no-access-log", "--loop", "uvloop", "--http", "httptools"]
    with uvicorn_app(
        {"PYTHONPATH": str(ROOT), **env},
        app=app,
        factory=factory,
        options=options,
        timeout=args.timeout,
    ) as running:
        url, pid = running.url + PATH, running.process.pid
        asyncio.run(drive(url, warm, args.concurrency, args.timeout, Result("warm-up")))
        cpu0 = cpu_seconds(pid)
        asyncio.run(drive(url, jobs, args.concurrency, args.timeout, result))
        result.cpu_s = cpu_seconds(pid) - cpu0
    return result, [message_id for message_id, _ in jobs[: result.posted]]


def count_stored(url: str, message_ids: list[str]) -> int:
    from sqlalchemy import func, select
    from sqlmodel import Session, col

    from bot.db.engine import create_db_engine
    from bot.db.models import InboundMessage

    engine = create_db_engine(url)
    try:
        with Session(engine) as session:
            total = 0
            for i in range(0, len(message_ids), 500):
                chunk = message_ids[i : i + 500]
                query = select(func.count()).where(
                    col(InboundMessage.provider_message_id).in_(chunk)
                )
                total += session.execute(query).scalar_one()
            return total
    finally:
        engine.dispose()


# ---------------------------------------------------------------- storage alone


def storage_section(url: str, count: int) -> list[tuple[str, float]]:
    """ms of wall time per delivery for three ways of committing `count` deliveries."""
    from bot.clock import utcnow
    from bot.db.engine import create_db_engine, transaction
    from bot.inbound.meta import loads, parse_webhook
    from bot.inbound.store import store_batch

    engine = create_db_engine(url)
    run = uuid.uuid4().hex[:8].upper()

    def batches(tag: str) -> list[tuple[Any, bytes]]:
        return [
            (parse_webhook(loads(body)), body)
            for _, body in deliveries(run + tag, count, 221_760_000_000)
        ]

    def one_each(items: list[tuple[Any, bytes]]) -> None:
        for batch, body in items:
            with transaction(engine) as session:
                store_batch(session, batch, body, now=utcnow())

    async def one_each_in_thread(items: list[tuple[Any, bytes]]) -> None:
        for item in items:
            await asyncio.to_thread(one_each, [item])

    def grouped(items: list[tuple[Any, bytes]], size: int = 50) -> None:
        for i in range(0, len(items), size):
            with transaction(engine) as session:
                for batch, body in items[i : i + size]:
                    store_batch(session, batch, body, now=utcnow())

    figures = []
    for label, runner in [
        ("one transaction per delivery, direct call", one_each),
        (
            "one transaction per delivery, via a thread",
            lambda i: asyncio.run(one_each_in_thread(i)),
        ),
        ("50 deliveries per transaction (group commit)", grouped),
    ]:
        items = batches(label[:1] + label[-2:].upper().replace(")", "G"))
        started = time.perf_counter()
        runner(items)
        figures.append((label, (time.perf_counter() - started) * 1000 / count))
    engine.dispose()
    return figures


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="", help="default: SQLite in a temp dir")
    parser.add_argument("-n", type=int, default=5000, help="webhooks per app (5000)")
    parser.add_argument("-c", "--concurrency", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--timeout", type=float, default=60, help="seconds per phase")
    parser.add_argument("--storage-n", type=int, default=1000, help="deliveries per storage way")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        url = normalize_database_url(args.database_url or f"sqlite:///{scratch}/bench.db")
        from bot.db.engine import upgrade_schema

        upgrade_schema(url)
        env = {
            "DATABASE_URL": url,
            "WHATSAPP_PROVIDER": "sandbox",
            "WHATSAPP_APP_SECRET": SECRET,
            "WHATSAPP_VERIFY_TOKEN": "bench-verify-token",
            "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
            "LOG_LEVEL": "WARNING",
        }
        run = uuid.uuid4().hex[:8].upper()
        database = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
        print(f"database: {database}; {args.n} webhooks per app, concurrency {args.concurrency}")
        results = []
        for n, (label, app, factory) in enumerate(
            [
                ("bare Starlette ack", "bench._ceiling:app", False),
                ("stockbot webhook path (stored)", "tests.bot.webhooks.servers:ack_only_app", True),
                ("stockbot whole app (stored, processed, replied)", "bot.app:app", False),
            ]
        ):
            first_sender = 221_700_000_000 + n * 10**7
            result, ids = run_app(label, app, factory, env, args, f"{run}{n}", first_sender)
            if n:
                result.stored = count_stored(url, ids)
            results.append(result)
        report(results)
        print()
        print(f"storage alone, {args.storage_n} one-message deliveries each ({database}):")
        for label, ms in storage_section(url, args.storage_n):
            print(f"  {label:<48} {ms:6.3f} ms per delivery ({1000 / ms:,.0f}/s)")


def report(results: list[Result]) -> None:
    print()
    columns = ["app", "posted", "accepted/s", "p50 ms", "p99 ms", "max ms"]
    columns += ["server CPU ms/webhook", "non-200", "stored"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for r in results:
        non_200 = r.posted - r.accepted
        stored = "" if r.stored is None else f"{r.stored}/{r.accepted}"
        print(
            f"| {r.label} | {r.posted} | {r.rate:,.0f} | {r.pct(50):.1f} | {r.pct(99):.1f} | "
            f"{max(r.latencies_ms):.1f} | {1000 * r.cpu_per_webhook:.3f} | "
            f"{non_200} {dict(r.errors) or ''} | {stored} |"
        )
    bare = results[0]
    print()
    for r in results[1:]:
        print(
            f"{r.label} / bare: rate {r.rate / bare.rate:.2f}, "
            f"p50 {r.pct(50) / bare.pct(50):.2f}x, p99 {r.pct(99) / bare.pct(99):.2f}x, "
            f"CPU per webhook {r.cpu_per_webhook / bare.cpu_per_webhook:.1f}x"
        )


if __name__ == "__main__":
    main()
