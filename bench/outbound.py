"""Outbox throughput: N queued messages sent by one worker to a fake Graph API on 127.0.0.1.

    python bench/outbound.py [--database-url URL] [--messages 20000] [--reset]

Starts the fake Graph (`tests/fakes/graph.py`) as a separate process, then measures, in one run:

1. clients: the same sends with the same concurrency and no database through three
   arrangements: one `httpx.AsyncClient` with httpx's own pool (the reference), the same client
   over `LeanTransport` (what `MetaCloudTransport` uses), and the sync `httpx.Client` in a
   thread pool (what it used before). Messages per second and the ratio to the reference;
2. baseline: `MetaCloudTransport` alone, no database: the ceiling of this machine for the
   worker's client;
3. the worker with the limit raised to 1,000/s on N messages to N recipients (one each: the
   pair rate does not limit): messages per second, the ratio to (2), and the highest count the
   fake Graph received in any one-second window (must be <= 1,000);
4. the same with the fake Graph answering a share of the sends (`--refuse`, 10 %) 429 / 130429
   at random, whatever the rate (the shared bench's `fail` scenario): messages delivered per
   second and the ratio to (3), messages lost (never accepted) and accepted twice;
5. the worker at a limit this machine reaches with room to spare (`--bound-rate`, 200/s), 10 s
   of sends without faults, then with the same share answered 429: what the adaptive rate
   costs when the rate, not the CPU, is what limits (the ratio);
6. the worker with the default limit (80/s) on a smaller batch: the highest count the fake
   Graph received in any one-second window (must be <= 80).

Bounded: every phase stops at --timeout seconds. SQLite by default (a fresh file in a
temporary directory); with a PostgreSQL URL the database must be a scratch one: `--reset`
deletes its outbox, rate and contact rows first.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import _paths  # noqa: F401  (first: the repository root on sys.path)
import httpx
from sqlalchemy import Engine, delete, func, insert, select
from sqlmodel import SQLModel

import bot.db.models  # noqa: F401  (registers every table)
from bot.clock import utcnow
from bot.db.engine import create_db_engine
from bot.db.models import Contact, OutboundMessage, OutboundStatus, OutboxRate
from bot.outbound.messages import Text
from bot.outbound.worker import OutboxWorker
from bot.runtime import tune_collector
from bot.settings import Settings, load_settings, normalize_database_url, sends_in_flight
from bot.transports._graph import parse_success, render_body
from bot.transports._pool import LeanTransport, send_timeout
from bot.transports.meta import MetaCloudTransport

ROOT = _paths.ROOT
TOKEN = "bench-token"
PHONE_ID = "106540352249871"
T = OutboundMessage.__table__  # type: ignore[attr-defined]
CLIENT_SENDS = 3000

Send = Callable[[str], Awaitable[None]]


def start_fake_graph() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.graph", "--token", TOKEN],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("PORT "):
        process.kill()
        raise SystemExit(f"fake Graph did not start: {line!r}")
    return process, f"http://127.0.0.1:{line.split()[1]}"


def records(base: str) -> list[list[float | str]]:
    answer = httpx.get(f"{base}/_records", timeout=60)
    data: list[list[float | str]] = answer.json()
    return data


def busiest_second(times: list[float]) -> int:
    times = sorted(times)
    return max((bisect.bisect_left(times, t + 1.0) - i for i, t in enumerate(times)), default=0)


def recipients(count: int, offset: int) -> list[str]:
    return [f"+2217{(offset + i) % 10}{(offset + i):07d}" for i in range(count)]


def queue(engine: Engine, phones: list[str]) -> None:
    now = utcnow()
    with engine.begin() as connection:
        connection.execute(
            insert(Contact.__table__),  # type: ignore[attr-defined]
            [
                {"phone": p, "wa_id": p[1:], "last_inbound_at": now, "created_at": now}
                for p in phones
            ],
        )
        connection.execute(
            insert(T),
            [
                {
                    "recipient": p,
                    "kind": "text",
                    "payload": {"body": f"Alerte stock {i}", "preview_url": False},
                    "status": OutboundStatus.QUEUED.value,
                    "provider": "",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
                for i, p in enumerate(phones)
            ],
        )


def refuse(base: str, share: float) -> None:
    httpx.post(f"{base}/_refuse_share", params={"share": share, "seed": 1}, timeout=10)


def refused_count(base: str) -> int:
    count: int = httpx.get(f"{base}/_refused", timeout=60).json()
    return count


async def drive(send: Send, phones: list[str], concurrency: int) -> float:
    """Messages per second sending to every phone from `concurrency` sender tasks."""
    pending = list(reversed(phones))

    async def sender() -> None:
        while pending:
            await send(pending.pop())

    start = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(concurrency)))
    return len(phones) / (time.perf_counter() - start)


def messages_url(base: str) -> str:
    return f"{base}/v21.0/{PHONE_ID}/messages"


async def async_client(base: str, concurrency: int, *, spread: bool) -> float:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    client = httpx.AsyncClient(
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=send_timeout(15.0),
        limits=limits,
        transport=LeanTransport(concurrency) if spread else None,
    )
    url, message = messages_url(base), Text("Alerte stock")

    async def send(phone: str) -> None:
        response = await client.post(url, json=render_body(phone, message))
        parse_success(response.json())

    try:
        await drive(send, recipients(200, 0), concurrency)  # warm the connections
        return await drive(send, recipients(CLIENT_SENDS, 0), concurrency)
    finally:
        await client.aclose()


async def threaded_client(base: str, concurrency: int) -> float:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    client = httpx.Client(
        headers={"Authorization": f"Bearer {TOKEN}"}, timeout=send_timeout(15.0), limits=limits
    )
    threads = ThreadPoolExecutor(concurrency)
    url, message = messages_url(base), Text("Alerte stock")

    def post(phone: str) -> None:
        parse_success(client.post(url, json=render_body(phone, message)).json())

    async def send(phone: str) -> None:
        await asyncio.get_running_loop().run_in_executor(threads, post, phone)

    try:
        await drive(send, recipients(200, 0), concurrency)
        return await drive(send, recipients(CLIENT_SENDS, 0), concurrency)
    finally:
        threads.shutdown()
        client.close()


async def baseline(base: str, phones: list[str], concurrency: int) -> float:
    """Messages per second of the worker's transport alone (no database)."""
    transport = MetaCloudTransport(f"{base}/v21.0", TOKEN, PHONE_ID, max_connections=concurrency)
    message = Text("Alerte stock")

    async def send(phone: str) -> None:
        await transport.send(phone, message)

    try:
        await drive(send, recipients(200, 0), concurrency)
        return await drive(send, phones, concurrency)
    finally:
        await transport.aclose()


def worker_settings(
    database_url: str, base: str, rate: float, args: argparse.Namespace
) -> Settings:
    return load_settings(
        _env_file=None,
        database_url=database_url,
        whatsapp_provider="meta",
        whatsapp_api_url=f"{base}/v21.0",
        whatsapp_api_token=TOKEN,
        whatsapp_phone_number_id=PHONE_ID,
        whatsapp_app_secret="bench",
        whatsapp_verify_token="bench",
        outbox_rate_per_second=rate,
        outbox_concurrency=args.concurrency,
        outbox_batch_size=args.batch_size,
        log_level="WARNING",
    )


async def run_worker(
    settings: Settings, engine: Engine, timeout: float
) -> tuple[float, float, float]:
    """When the worker started (Unix time, as the fake Graph records), how long it ran, and the
    CPU this process used meanwhile (every thread: the event loop and the database's)."""
    worker = OutboxWorker(settings, engine)
    began, start, cpu = time.time(), time.perf_counter(), time.process_time()
    try:
        await asyncio.wait_for(worker.run(until_idle=True, max_wait=5), timeout)
    except TimeoutError:
        print(f"  (stopped at the {timeout:g} s bound)")
    return began, time.perf_counter() - start, time.process_time() - cpu


def clear(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in (T, OutboxRate.__table__, Contact.__table__):  # type: ignore[attr-defined]
            connection.execute(delete(table))


@dataclass(frozen=True)
class Phase:
    """What one worker run did, seen from the fake Graph."""

    delivered: int  # recipients that got their message
    elapsed: float
    refused: int  # sends answered 429
    lost: int  # recipients that never got it
    twice: int  # messages accepted more than once
    busiest: int  # the most accepted in any one-second window
    first: float = 0.0  # seconds from the worker's start to the first send accepted
    tail: float = 0.0  # seconds from the last send accepted to the worker's return
    seconds: tuple[int, ...] = ()  # sends accepted in each second from the first one
    cpu: float = 0.0  # seconds of CPU the worker's process used

    @property
    def cpu_per_message(self) -> float:
        """Milliseconds of the worker's CPU per message delivered."""
        return self.cpu * 1000 / max(1, self.delivered)

    @property
    def per_second(self) -> float:
        return self.delivered / self.elapsed

    @property
    def at_receiver(self) -> float:
        """Sends per second from the first accepted to the last (start and tail left out)."""
        span = self.elapsed - self.first - self.tail
        return (self.delivered - 1) / span if span > 0 else 0.0

    def timing(self) -> str:
        counts = ", ".join(str(n) for n in self.seconds)
        return (
            f"first send {self.first * 1000:.0f} ms after the start, last {self.tail * 1000:.0f} "
            f"ms before the end; {self.at_receiver:,.0f} msg/s from the first to the last; "
            f"worker CPU {self.cpu_per_message:.3f} ms/msg; "
            f"per second at the fake Graph: {counts}"
        )

    def describe(self) -> str:
        return (
            f"{self.delivered} delivered in {self.elapsed:.1f} s = {self.per_second:,.0f} msg/s, "
            f"{self.refused} sends refused, {self.lost} lost, {self.twice} sent twice"
        )


def phase(
    engine: Engine,
    base: str,
    settings: Settings,
    args: argparse.Namespace,
    offset: int,
    refusing: float = 0.0,
    count: int | None = None,
) -> Phase:
    """Queue `count` messages (`--messages`) to as many new recipients, let one worker send them
    with `refusing` of the sends answered 429."""
    clear(engine)
    count = args.messages if count is None else count
    phones = recipients(count, offset)
    queue(engine, phones)
    before, refused_before = len(records(base)), refused_count(base)
    refuse(base, refusing)
    try:
        began, elapsed, cpu = asyncio.run(run_worker(settings, engine, args.timeout))
    finally:
        refuse(base, 0.0)
    got = records(base)[before:]
    accepted = [str(to) for _, to in got]
    delivered = len(set(accepted))
    times = sorted(float(t) for t, _ in got) or [began]
    seconds = [0] * (int(times[-1] - times[0]) + 1)
    for moment in times:
        seconds[int(moment - times[0])] += 1
    return Phase(
        delivered,
        elapsed,
        refused_count(base) - refused_before,
        len({p.lstrip("+") for p in phones} - set(accepted)),
        len(accepted) - delivered,
        busiest_second(times if got else []),
        times[0] - began,
        began + elapsed - times[-1],
        tuple(seconds),
        cpu,
    )


def at_limit(engine: Engine, base: str, url: str, args: argparse.Namespace, offset: int) -> Phase:
    """The worker at 1,000/s: its whole-run rate, and where the rest of the run went."""
    fast = phase(engine, base, worker_settings(url, base, 1000, args), args, offset)
    print(
        f"worker, limit 1000/s: {fast.delivered} sent in {fast.elapsed:.2f} s = "
        f"{fast.per_second:,.0f} msg/s; busiest second at the fake Graph: {fast.busiest} "
        f"(must be <= 1000)"
    )
    print(f"  {fast.timing()}")
    return fast


def worker_arguments(parser: argparse.ArgumentParser, messages: int) -> None:
    """The options a worker run reads (`phase`, `at_limit`), for this bench and its timeline."""
    parser.add_argument("--database-url", default="")
    parser.add_argument("--messages", type=int, default=messages)
    parser.add_argument(
        "--concurrency", type=int, default=0, help="sends in flight (0: as the app, by the rate)"
    )
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=180.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    worker_arguments(parser, messages=20_000)
    parser.add_argument("--default-rate-messages", type=int, default=400)
    parser.add_argument("--refuse", type=float, default=0.1, help="share answered 429")
    parser.add_argument("--bound-rate", type=float, default=200.0, help="a limit reached easily")
    parser.add_argument("--reset", action="store_true")
    parser.add_argument(
        "--limit-only",
        type=int,
        default=0,
        metavar="RUNS",
        help="only the worker at 1,000/s (goal 6), RUNS times, with its timing",
    )
    args = parser.parse_args()
    args.messages = min(args.messages, 100_000)

    scratch = tempfile.TemporaryDirectory()
    url = normalize_database_url(args.database_url or f"sqlite:///{scratch.name}/bench.db")
    engine = create_db_engine(url)
    SQLModel.metadata.create_all(engine)
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(T)).scalar() and not args.reset:
            raise SystemExit("the outbox is not empty: use a scratch database and --reset")
    clear(engine)

    graph, base = start_fake_graph()
    tune_collector()  # the worker runs in this process: tuned as `stockbot worker` is
    try:
        database = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
        clients = args.concurrency or sends_in_flight(1000)  # the worker's at 1,000/s
        print(f"database: {database}; messages: {args.messages}; concurrency: {clients}")
        if args.limit_only:
            for run in range(args.limit_only):
                at_limit(engine, base, url, args, 10_000_000 + run * args.messages)
            return

        pooled = asyncio.run(async_client(base, clients, spread=False))
        spread = asyncio.run(async_client(base, clients, spread=True))
        threaded = asyncio.run(threaded_client(base, clients))
        print(f"clients, {CLIENT_SENDS} sends each, {clients} at a time, no database:")
        print(f"  AsyncClient, httpx's pool of {clients}: {pooled:,.0f} msg/s (reference)")
        print(
            f"  AsyncClient over LeanTransport({clients}): {spread:,.0f} msg/s "
            f"({spread / pooled:.2f}x)"
        )
        print(
            f"  sync Client in {clients} threads: {threaded:,.0f} msg/s ({threaded / pooled:.2f}x)"
        )

        ceiling = asyncio.run(baseline(base, recipients(args.messages, 0), clients))
        print(f"baseline (MetaCloudTransport alone, no database): {ceiling:,.0f} msg/s")

        fast = at_limit(engine, base, url, args, 10_000_000)
        rate = fast.per_second
        print(f"  {rate / ceiling:.0%} of the baseline")
        faulty = phase(
            engine, base, worker_settings(url, base, 1000, args), args, 30_000_000, args.refuse
        )
        print(
            f"worker, limit 1000/s, {args.refuse:.0%} of sends answered 429: {faulty.describe()} "
            f"({faulty.per_second / rate:.2f}x the rate without faults)"
        )
        # At a limit this machine reaches with room to spare, the rate is what limits: what the
        # adaptive rate costs under refusals, without the CPU in the way.
        bound = args.bound_rate
        calm = phase(
            engine,
            base,
            worker_settings(url, base, bound, args),
            args,
            40_000_000,
            0.0,
            round(bound * 10),
        )
        stormy = phase(
            engine,
            base,
            worker_settings(url, base, bound, args),
            args,
            50_000_000,
            args.refuse,
            round(bound * 10),
        )
        print(
            f"worker, limit {bound:g}/s, 10 s of sends: without faults {calm.describe()}; "
            f"busiest second {calm.busiest}"
        )
        print(
            f"  with {args.refuse:.0%} answered 429: {stormy.describe()} "
            f"({stormy.per_second / calm.per_second:.2f}x the rate without faults); "
            f"busiest second {stormy.busiest}"
        )

        default = phase(
            engine,
            base,
            worker_settings(url, base, 80, args),
            args,
            20_000_000,
            count=args.default_rate_messages,
        )
        print(
            f"worker, default limit 80/s: {default.delivered} sent in {default.elapsed:.1f} s; "
            f"busiest second at the fake Graph: {default.busiest} (must be <= 80)"
        )
        summary = {
            "database": database,
            "async_pool": round(pooled),
            "async_one_connection_each": round(spread),
            "sync_threads": round(threaded),
            "baseline": round(ceiling),
            "worker": round(rate),
            "busiest_second_at_1000": fast.busiest,
            "worker_refused": round(faulty.per_second),
            "refused_ratio": round(faulty.per_second / rate, 2),
            f"at_{bound:g}": round(calm.per_second),
            f"at_{bound:g}_refused": round(stormy.per_second),
            f"at_{bound:g}_refused_ratio": round(stormy.per_second / calm.per_second, 2),
            "lost": faulty.lost + stormy.lost,
            "sent_twice": faulty.twice + stormy.twice,
            "busiest_second_at_80": default.busiest,
        }
        print(json.dumps(summary))
    finally:
        graph.terminate()
        graph.wait(timeout=10)
        engine.dispose()
        scratch.cleanup()


if __name__ == "__main__":
    main()
