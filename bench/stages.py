"""Where a message's milliseconds go: each stage of webhook in -> reply out, alone, in process.

    python bench/stages.py [--database-url URL] [-n 2000] [--mix] [--products 0]

N managers of one store each send "STOCK RIZ" once; with `--mix`, N messages of the kinds
managers send (`MIX`: a stock question, a sale asked then confirmed, a sale naming two products
that asks which, a greeting, a text not understood), in groups of six messages from five
managers, over a catalog stocked high enough that no sale runs out or raises an alert; with
`--products`, that many generated products beside the demo's (`catalog_csv`). The
stages run one after the other over all N messages, with stockbot's own functions, so that
each is measured alone:

1. ingest: parse each delivery and store it as the webhook does (`commit_group`, 50 deliveries
   per transaction, as the group commit does under load);
2. process: `process_pending` until every message is processed (claims, the conversation, the
   replies queued);
3. outbox: one `OutboxWorker` sends every reply through a transport that answers at once (no
   HTTP): claims, the shared rate, recording outcomes; limit 1,000/s;
4. send: `MetaCloudTransport` alone posts N texts to the fake Graph API (`tests/fakes/graph.py`,
   another process), 20 at a time: the HTTP client's own cost.

For each stage: wall and CPU milliseconds per message (this process, all its threads), SQL
statements and transactions per message, and on PostgreSQL the server's CPU per message (the
backends connected to the bench's database, read from /proc). Within the stages, the time of
the functions listed in `PARTS` is split out (exclusive: a part's time excludes the parts it
calls), with their statements. The sum of the stages' CPU is the budget of one message.

SQLite: a fresh file in a temporary directory. PostgreSQL: a scratch database whose `public`
schema is dropped and recreated (loopback only). Bounded by `--timeout` seconds per stage.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import _paths  # noqa: F401  (first: the repository root on sys.path)
from sqlalchemy import Engine, event, func, insert, select, text
from sqlmodel import SQLModel

import bot.db.models  # noqa: F401  (registers every table)
from bot.db.engine import create_db_engine, transaction
from bot.db.models import InboundMessage, Manager, ManagerStore, OutboundMessage, Store
from bot.demo import demo_catalog_csv
from bot.inbound.batch import WebhookBatch
from bot.inbound.ingest import _Job, commit_group
from bot.inbound.meta import loads, parse_webhook
from bot.inbound.processor import process_pending
from bot.outbound.messages import OutgoingMessage, Text
from bot.outbound.worker import OutboxWorker
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings, load_settings, normalize_database_url
from bot.transports.base import SendResult
from bot.transports.meta import MetaCloudTransport
from tests.bot.inbound.helpers import text_webhook

ROOT = _paths.ROOT
PHONE_ID = "106540352249871"
TOKEN = "bench-token"
STORE = "bench"
GROUP = 50
SEND_CONCURRENCY = 20
# `--mix`: one group of messages, (manager of the group, text), in the order they are sent.
MIX = [
    (0, "STOCK RIZ"),  # a stock answer (two steps: the question, the pace looked up)
    (1, "vendu 2 savon"),  # a sale: its confirmation asked…
    (1, "oui"),  # … and confirmed: the movement recorded
    (2, "vendu 3 sucre"),  # two products named "sucre": which one?
    (3, "bonjour"),  # a greeting
    (4, "azerty qsdf"),  # not understood
]
MIX_MANAGERS = 1 + max(manager for manager, _ in MIX)
MIX_STOCK = 100_000  # every product's quantity in a mix: no sale is refused or alerts

# "module:attribute" of the functions whose time is split out of their stage; a class method
# as "module:Class.method". Wrapped for the run only (a bench's instrument, not the product).
PARTS = [
    "bot.inbound.processor:claim",
    "bot.inbound.processor:identify",
    "bot.inbound.treatment:observe",
    "bot.inbound.turns:_intent",
    "bot.inbound.treatment:respond",
    "bot.inbound.processor:deliver_replies",
    "bot.inbound.treatment:enqueue",
    "bot.conversation:load_view",
    "bot.conversation:current_store",
    "bot.conversation:lock_conversation",
    "bot.conversation:save_conversation",
    "bot.conversation:pending_push",
    "bot.conversation:step",
    "bot.conversation:render",
    "bot.inbound.processor:count_processed",
    "bot.outbound.worker:claim_due",
    "bot.outbound.worker:record_outcomes",
    "bot.outbound.worker:lift_if_credentials_changed",
    "bot.outbound.budget:SendBudget._reserve",
]


# ---------------------------------------------------------------- accounting


@dataclass
class Tally:
    wall: float = 0.0
    cpu: float = 0.0
    statements: int = 0
    commits: int = 0
    calls: int = 0


@dataclass
class Meter:
    """Statements and transactions by the innermost running part of the current thread."""

    parts: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    local: threading.local = field(default_factory=threading.local)

    def stack(self) -> list[list[Any]]:
        if not hasattr(self.local, "stack"):
            self.local.stack = []
        stack: list[list[Any]] = self.local.stack
        return stack

    def current(self) -> Tally | None:
        stack = self.stack()
        return self.parts[stack[-1][0]] if stack else None

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            stack = self.stack()
            # [name, child wall, child cpu]
            frame = [name, 0.0, 0.0]
            stack.append(frame)
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
                stack.pop()
                tally = self.parts[name]
                tally.wall += wall - frame[1]
                tally.cpu += cpu - frame[2]
                tally.calls += 1
                if stack:
                    stack[-1][1] += wall
                    stack[-1][2] += cpu

        return timed

    def listen(self, engine: Engine, totals: Tally) -> Callable[[], None]:
        """Count statements and commits until the returned function is called."""

        def statement(*_: Any) -> None:
            totals.statements += 1
            part = self.current()
            if part is not None:
                part.statements += 1

        def commit(*_: Any) -> None:
            totals.commits += 1
            part = self.current()
            if part is not None:
                part.commits += 1

        event.listen(engine, "before_cursor_execute", statement)
        event.listen(engine, "commit", commit)

        def stop() -> None:
            event.remove(engine, "before_cursor_execute", statement)
            event.remove(engine, "commit", commit)

        return stop


@contextmanager
def instrumented(meter: Meter) -> Iterator[None]:
    import importlib

    undo: list[tuple[Any, str, Any]] = []
    for spec in PARTS:
        module_name, _, attribute = spec.partition(":")
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for step in path:
            owner = getattr(owner, step, None)
        original = getattr(owner, name, None)
        if original is None:  # not in this version of the code
            continue
        undo.append((owner, name, original))
        setattr(owner, name, meter.wrap(spec.split(":")[1], original))
    try:
        yield
    finally:
        for owner, name, original in reversed(undo):
            setattr(owner, name, original)


class PgCpu:
    """CPU seconds of the PostgreSQL backends connected to the bench's database."""

    def __init__(self, engine: Engine) -> None:
        self.on = engine.dialect.name == "postgresql"
        # Its own connection, left out of the count (the bench's pool is counted whole).
        self.engine = create_db_engine(engine.url.render_as_string(hide_password=False))
        self.ticks = os.sysconf("SC_CLK_TCK")

    def pids(self) -> list[int]:
        query = text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        with self.engine.connect() as connection:
            return [int(p) for p in connection.execute(query).scalars()]

    def cpu(self, pids: list[int]) -> dict[int, float]:
        seen: dict[int, float] = {}
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                seen[pid] = (int(fields[11]) + int(fields[12])) / self.ticks
            except (OSError, IndexError, ValueError):
                continue
        return seen

    def snapshot(self) -> dict[int, float]:
        return self.cpu(self.pids()) if self.on else {}

    def since(self, before: dict[int, float]) -> float:
        if not self.on:
            return 0.0
        after = self.snapshot()
        return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


@dataclass
class StageResult:
    name: str
    n: int
    wall: float
    cpu: float
    statements: int
    commits: int
    pg_cpu: float
    parts: dict[str, Tally]


@contextmanager
def stage(
    name: str, n: int, engine: Engine, pg: PgCpu, results: list[StageResult]
) -> Iterator[None]:
    meter = Meter()
    totals = Tally()
    stop = meter.listen(engine, totals)
    pg_before = pg.snapshot()
    wall, cpu = time.perf_counter(), time.process_time()
    with instrumented(meter):
        yield
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    stop()
    results.append(
        StageResult(
            name, n, wall, cpu, totals.statements, totals.commits, pg.since(pg_before), meter.parts
        )
    )


# ---------------------------------------------------------------- the stages


def settings_for(url: str, api_url: str) -> Settings:
    return load_settings(
        _env_file=None,
        database_url=url,
        whatsapp_provider="meta",
        whatsapp_api_url=api_url,
        whatsapp_api_token=TOKEN,
        whatsapp_phone_number_id=PHONE_ID,
        whatsapp_app_secret="bench",
        whatsapp_verify_token="bench",
        outbox_rate_per_second=1000,
        log_level="WARNING",
    )


def senders(n: int) -> list[str]:
    return [str(221_770_000_000 + i) for i in range(n)]


def messages(n: int, mix: bool) -> list[tuple[str, str]]:
    """The N messages sent, (sender, text), in order: "STOCK RIZ" from N managers, or `MIX`."""
    if not mix:
        return [(phone, "STOCK RIZ") for phone in senders(n)]
    groups = -(-n // len(MIX))
    phones = senders(groups * MIX_MANAGERS)
    sent = [
        (phones[group * MIX_MANAGERS + manager], body)
        for group in range(groups)
        for manager, body in MIX
    ]
    return sent[:n]


# A larger catalogue (`--products`): generated products named as a shop's shelves are (goods,
# brand, size: `Savon Teranga 250g`), so that per-message work that grows with the catalogue
# shows (a store of a few hundred products is common).
GOODS = (
    "Savon", "Biscuit", "Jus", "Farine", "Pâtes", "Sardines", "Tomate concentrée", "Café", "Thé",
    "Bonbon", "Eau minérale", "Lessive", "Javel", "Couches", "Cahier", "Stylo", "Piles",
    "Allumettes", "Bougie", "Mayonnaise", "Moutarde", "Vinaigre", "Sel", "Poivre", "Bouillon",
    "Chocolat", "Yaourt", "Beurre", "Fromage", "Dentifrice", "Shampoing", "Crème", "Parfum",
    "Serviettes", "Mouchoirs", "Spaghetti", "Semoule", "Mil", "Arachide", "Oignon",
    "Pomme de terre", "Ail", "Gingembre", "Bissap", "Ananas", "Mangue", "Orange", "Citron",
)  # fmt: skip
BRANDS = ("Dakar", "Saloum", "Teranga", "Baobab", "Kirène", "Sen", "Niani", "Jokko", "Ndar")
SIZES = ("100g", "250g", "500g", "1kg", "5kg", "33cl", "50cl", "1L", "5L", "x6", "x12", "grand")
UNITS = ("paquet", "boîte", "bouteille", "sac", "carton", "pièce", "sachet")


def catalog_csv(extra: int = 0, seed: int = 7) -> str:
    """The demo catalogue's CSV with `extra` generated products (at most 3,888), stocked above
    their threshold."""
    rows = demo_catalog_csv().strip().splitlines()
    rnd = random.Random(seed)
    names = list(itertools.product(GOODS, BRANDS, SIZES))
    rnd.shuffle(names)
    for i, (goods, brand, size) in enumerate(names[:extra]):
        unit = rnd.choice(UNITS)
        rows.append(f"GEN-{i:04d},{goods} {brand} {size},,{unit},{rnd.randint(30, 200)},5,20")
    return "\n".join(rows) + "\n"


def prepare(
    engine: Engine, settings: Settings, phones: list[str], *, mix: bool = False, extra: int = 0
) -> None:
    """A store with the demo catalog's products above their threshold (stocked high for a
    mix) and `extra` generated ones (`catalog_csv`), the managers."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    SQLModel.metadata.create_all(engine)
    rows = [r for r in parse_products_csv(catalog_csv(extra)) if r.quantity > r.threshold]
    if mix:
        rows = [replace(r, quantity=MIX_STOCK) for r in rows]
    with transaction(engine) as session:
        store = Store(code=STORE, name="Banc d'essai")
        session.add(store)
        session.flush()
        apply_products(session, STORE, rows, settings=settings)
        result = session.execute(
            insert(Manager).returning(Manager.id),  # type: ignore[arg-type]
            [{"phone": "+" + p, "name": "", "language": "fr", "active": True} for p in phones],
        )
        ids = list(result.scalars())
        session.execute(
            insert(ManagerStore), [{"manager_id": i, "store_id": store.id} for i in ids]
        )


def parse(body: bytes) -> WebhookBatch:
    return parse_webhook(loads(body), phone_number_id=PHONE_ID)


def ingest(engine: Engine, sent: list[tuple[str, str]]) -> None:
    now = int(time.time())
    bodies = [
        text_webhook(
            f"wamid.bench{i:08d}", sender=p, body=body, timestamp=now, phone_number_id=PHONE_ID
        )
        for i, (p, body) in enumerate(sent)
    ]
    loop = asyncio.new_event_loop()
    try:
        for start in range(0, len(bodies), GROUP):
            jobs = [
                _Job(
                    parse_webhook(loads(body), phone_number_id=PHONE_ID), body, loop.create_future()
                )
                for body in bodies[start : start + GROUP]
            ]
            for outcome in commit_group(engine, jobs):
                if isinstance(outcome, BaseException):
                    raise outcome
    finally:
        loop.close()


def process(engine: Engine, settings: Settings, n: int, deadline: float) -> None:
    done = 0
    while done < n and time.monotonic() < deadline:
        # As the app's processor, started before the messages came (fresh on PostgreSQL).
        handled = process_pending(engine, settings, fresh_after=0)
        done += handled
        if not handled:
            break
    with engine.connect() as connection:
        left = connection.execute(
            select(func.count()).where(InboundMessage.processed_at.is_(None))  # type: ignore[union-attr]
        ).scalar()
    if left:
        raise SystemExit(f"process: {left} messages left unprocessed")


class InstantTransport:
    """Answers every send at once, as a provider with no latency and no cost would."""

    name = "meta"

    def __init__(self) -> None:
        self.ids = itertools.count(1)
        self.sent = 0

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        self.sent += 1
        return SendResult(f"wamid.out{next(self.ids):09d}")

    async def aclose(self) -> None:
        return None


def outbox(engine: Engine, settings: Settings, timeout: float) -> int:
    transport = InstantTransport()
    worker = OutboxWorker(settings, engine, transport)
    asyncio.run(asyncio.wait_for(worker.run(until_idle=True, max_wait=1), timeout))
    return transport.sent


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
    return process, f"http://127.0.0.1:{line.split()[1]}/v21.0"


def send(api_url: str, phones: list[str]) -> None:
    async def run() -> None:
        transport = MetaCloudTransport(api_url, TOKEN, PHONE_ID, max_connections=SEND_CONCURRENCY)
        pending = ["+" + p for p in reversed(phones)]
        message = Text("Riz brisé 50kg : 42 sacs")

        async def sender() -> None:
            while pending:
                await transport.send(pending.pop(), message)

        try:
            await asyncio.gather(*(sender() for _ in range(SEND_CONCURRENCY)))
        finally:
            await transport.aclose()

    asyncio.run(run())


# ---------------------------------------------------------------- report


def report(results: list[StageResult], database: str) -> None:
    def ms(seconds: float, n: int) -> str:
        return f"{1000 * seconds / n:.3f}"

    print(f"\n{database}: per message (N={results[0].n})\n")
    print("| stage | wall ms | CPU ms | SQL statements | transactions | PostgreSQL CPU ms |")
    print("|---|---|---|---|---|---|")
    total = Tally()
    pg_total = 0.0
    for r in results:
        pg = ms(r.pg_cpu, r.n) if database.startswith("PostgreSQL") else "-"
        print(
            f"| {r.name} | {ms(r.wall, r.n)} | {ms(r.cpu, r.n)} | {r.statements / r.n:.2f} "
            f"| {r.commits / r.n:.3f} | {pg} |"
        )
        total.wall += r.wall
        total.cpu += r.cpu
        total.statements += r.statements
        total.commits += r.commits
        pg_total += r.pg_cpu
    n = results[0].n
    pg = ms(pg_total, n) if database.startswith("PostgreSQL") else "-"
    print(
        f"| **all** | {ms(total.wall, n)} | **{ms(total.cpu, n)}** | {total.statements / n:.2f} "
        f"| {total.commits / n:.3f} | {pg} |"
    )
    print("\nparts (exclusive; wall ms, CPU ms of their thread, statements, per message):\n")
    print("| stage | part | calls/msg | wall ms | CPU ms | SQL statements |")
    print("|---|---|---|---|---|---|")
    for r in results:
        for name, tally in sorted(r.parts.items(), key=lambda item: -item[1].cpu):
            print(
                f"| {r.name} | {name} | {tally.calls / r.n:.3f} | {ms(tally.wall, r.n)} "
                f"| {ms(tally.cpu, r.n)} | {tally.statements / r.n:.2f} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--database-url", default="")
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--mix", action="store_true", help="the kinds of messages in MIX")
    parser.add_argument(
        "--products", type=int, default=0, help="generated products beside the demo's (≤ 3,888)"
    )
    args = parser.parse_args()
    n = max(1, min(args.n, 50_000))

    scratch = tempfile.TemporaryDirectory()
    url = normalize_database_url(args.database_url or f"sqlite:///{scratch.name}/bench.db")
    if not url.startswith("sqlite"):
        host = urlsplit(url.replace("+psycopg", "")).hostname or ""
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("a loopback PostgreSQL only (its schema is dropped)")
    database = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
    graph, api_url = start_fake_graph()
    engine = create_db_engine(url)
    try:
        settings = settings_for(url, api_url)
        sent = messages(n, args.mix)
        phones = [phone for phone, _ in sent]
        prepare(engine, settings, list(dict.fromkeys(phones)), mix=args.mix, extra=args.products)
        pg = PgCpu(engine)
        results: list[StageResult] = []
        with stage("ingest", n, engine, pg, results):
            ingest(engine, sent)
        with stage("process", n, engine, pg, results):
            process(engine, settings, n, time.monotonic() + args.timeout)
        with engine.connect() as connection:
            queued = connection.execute(select(func.count()).select_from(OutboundMessage))
            replies = int(queued.scalar() or 0)
        with stage("outbox", n, engine, pg, results):
            sent = outbox(engine, settings, args.timeout)
        if sent != replies:
            print(f"!! outbox: {sent} sent of {replies} queued")
        with stage("send", n, engine, pg, results):
            send(api_url, phones)
        report(results, database + (" (mix)" if args.mix else ""))
    finally:
        graph.terminate()
        graph.wait(timeout=10)
        engine.dispose()
        scratch.cleanup()


if __name__ == "__main__":
    main()
