"""Replies duplicated and lost when the outbox worker is killed with SIGKILL (issue 19 §3).

    python bench/kills.py [--database-url URL] [--kills 10] [--port 19200] [--no-statuses]

On PostgreSQL (a scratch database: its `public` schema is dropped and recreated), all on
127.0.0.1: the fake Graph API (`tests/fakes/graph.py`) as a process answering each send after
`--latency` seconds and posting signed `sent`/`delivered` status webhooks for what it accepted
(as Meta does, even when the sender died meanwhile; `--no-statuses`: none), `stockbot serve`
(`OUTBOX_WORKER_IN_APP=false`: it receives the status webhooks) and one `stockbot worker` child
process. This script queues numbered text replies (`enqueue`, as the processor does) to
`--recipients` managers at `--rate` per second, kills the worker with SIGKILL `--kills` times at
random moments (once the new worker is sending, after `--every` seconds on average) and starts
it again at once, then stops
queueing and waits until nothing is pending (or `--drain` seconds).

Printed: replies queued, delivered, **duplicated** (copies received beyond the first, each
reply's text being unique) in all and per kill, **lost** (never received and not failed),
failed, replies received out of their recipient's order, and the delay from queueing to the first
copy (p50, p99, max): the rows a dead worker held wait for its lease to end. The pair rate is off
(`OUTBOX_PAIR_INTERVAL_SECONDS=0`) so that the delays are the kills' own.

Importable with a small K for other suites: `run(KillOptions(kills=2))` returns a `KillReport`.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

try:
    import _paths  # first: the repository root on sys.path (run as `python bench/kills.py`)
except ImportError:  # imported as `bench.kills` (bench/reliability.py)
    from bench import _paths
import httpx
from sqlalchemy import func, insert, select, text
from sqlmodel import Session

import bot.db.models  # noqa: F401  (registers every table)
from bot.clock import utcnow
from bot.db.engine import create_db_engine, upgrade_schema
from bot.db.models import Contact, OutboundMessage, OutboundStatus
from bot.outbound.outbox import enqueue

try:
    from bot.outbound.in_doubt import SETTLED_NOTE
except ImportError:  # a revision before it (a baseline run)
    SETTLED_NOTE = "-"
from bot.settings import normalize_database_url

ROOT = _paths.ROOT
TOKEN = "bench-kills-token"
SECRET = "bench-kills-app-secret"
PHONE_ID = "106540352249871"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bench_leases_kills"
T = OutboundMessage.__table__  # type: ignore[attr-defined]


@dataclass
class KillOptions:
    database_url: str = DEFAULT_URL
    kills: int = 10
    every: float = 4.0  # mean seconds between kills (uniform in [every/2, 3*every/2])
    rate: float = 4.0  # replies queued per second
    recipients: int = 200
    latency: float = 0.4  # seconds the fake Graph takes to answer a send
    statuses: bool = True
    drain: float = 300.0  # seconds to wait for the queue to empty after the last kill
    port: int = 19200  # the app; the fake Graph listens on port + 1
    seed: int = 19
    log: str = os.path.join(tempfile.gettempdir(), "stockbot-kills.log")  # the processes' output
    env: dict[str, str] = field(default_factory=dict)  # more settings for app and worker


@dataclass
class KillReport:
    kills: int
    queued: int
    delivered: int  # distinct replies received
    duplicates: int  # copies received beyond the first
    lost: int  # never received, not failed
    failed: int
    out_of_order: int
    delay_p50: float
    delay_p99: float
    delay_max: float
    duplicates_per_kill: list[int]
    pending_left: int  # still queued or sending when the bench stopped waiting
    restart_seconds: float = 0.0  # mean time from a restart of the worker to its first send
    settled: int = 0  # sends in doubt that a status confirmed (not sent again)

    def lines(self) -> list[str]:
        per_kill = " ".join(str(n) for n in self.duplicates_per_kill)
        return [
            f"kills: {self.kills}",
            f"replies queued: {self.queued}, delivered: {self.delivered}, failed: {self.failed}",
            f"duplicated: {self.duplicates} ({self.duplicates / max(self.kills, 1):.2f} per kill;"
            f" after each kill: {per_kill})",
            f"lost: {self.lost} (pending when the bench stopped waiting: {self.pending_left})",
            f"sends in doubt settled by their status (not sent again): {self.settled}",
            f"received out of order: {self.out_of_order}",
            f"delay queued -> first copy: p50 {self.delay_p50:.2f} s, p99 {self.delay_p99:.2f} s,"
            f" max {self.delay_max:.2f} s (a restarted worker's first send came"
            f" {self.restart_seconds:.1f} s after its start, on average)",
        ]


def _reset(url: str) -> None:
    engine = create_db_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    upgrade_schema(url)


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A process of the bench, its output appended to the log file `env["KILLS_LOG"]`."""
    with open(env["KILLS_LOG"], "ab") as log:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def _wait_http(url: str, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} did not answer in {seconds:g} s")


def _sending_again(graph_port: int, seconds: float = 60.0) -> float:
    """Wait until the fake Graph accepts a new message (a worker that started is sending);
    returns how long that took."""
    url = f"http://127.0.0.1:{graph_port}/_records"
    started = time.monotonic()
    before = len(httpx.get(url, timeout=30).json())
    while time.monotonic() < started + seconds and len(httpx.get(url, timeout=30).json()) == before:
        time.sleep(0.1)
    return time.monotonic() - started


def _environment(options: KillOptions, graph_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=options.database_url,
        WHATSAPP_PROVIDER="meta",
        WHATSAPP_API_URL=f"http://127.0.0.1:{graph_port}/v21.0",
        WHATSAPP_API_TOKEN=TOKEN,
        WHATSAPP_PHONE_NUMBER_ID=PHONE_ID,
        WHATSAPP_APP_SECRET=SECRET,
        WHATSAPP_VERIFY_TOKEN="bench-kills-verify",
        OUTBOX_WORKER_IN_APP="false",
        OUTBOX_PAIR_INTERVAL_SECONDS="0",
        DIGEST_TIME="off",
        LOG_LEVEL="ERROR",
        PORT=str(options.port),
        KILLS_LOG=options.log,
    )
    env.update(options.env)
    return env


class _Producer(threading.Thread):
    """Queues numbered replies at a steady rate until stopped; remembers when each was queued."""

    def __init__(self, url: str, phones: list[str], rate: float, seed: int) -> None:
        super().__init__(daemon=True)
        self.engine = create_db_engine(url)
        self.phones, self.rate = phones, rate
        self.random = random.Random(seed)
        self.queued: dict[str, tuple[str, float]] = {}  # text -> (recipient, time queued)
        self.halt = threading.Event()

    def run(self) -> None:
        number = 0
        start = time.monotonic()
        while not self.halt.is_set():
            number += 1
            phone = self.random.choice(self.phones)
            body = f"kill-bench reply {number:06d}"
            with Session(self.engine) as session, session.begin():
                enqueue(session, phone, body)
            self.queued[body] = (phone, time.time())
            self.halt.wait(max(0.0, start + number / self.rate - time.monotonic()))
        self.engine.dispose()


def run(options: KillOptions) -> KillReport:
    """The whole measure (see the module docstring); stops every process it started."""
    options.database_url = normalize_database_url(options.database_url)
    _reset(options.database_url)
    chance = random.Random(options.seed)
    graph_port = options.port + 1
    env = _environment(options, graph_port)
    engine = create_db_engine(options.database_url)
    phones = [f"+2217790{index:05d}" for index in range(options.recipients)]
    with engine.begin() as connection:  # their 24-hour window is open
        now = utcnow()
        connection.execute(
            insert(Contact.__table__),  # type: ignore[attr-defined]
            [{"phone": p, "last_inbound_at": now, "created_at": now} for p in phones],
        )
    graph_command = [
        sys.executable,
        "-m",
        "tests.fakes.graph",
        "--port",
        str(graph_port),
        "--token",
        TOKEN,
        "--latency",
        str(options.latency),
    ]
    if options.statuses:
        graph_command += [
            "--statuses-to",
            f"http://127.0.0.1:{options.port}/webhooks/whatsapp",
            "--app-secret",
            SECRET,
        ]
    stockbot = [sys.executable, "-c", "from bot.cli import main; main()"]
    started: list[subprocess.Popen[bytes]] = []
    producer = _Producer(options.database_url, phones, options.rate, options.seed)
    kill_times: list[float] = []
    startups: list[float] = []  # from each start of the worker to its first send
    try:
        started.append(_start(graph_command, env))
        _wait_http(f"http://127.0.0.1:{graph_port}/_records")
        started.append(_start([*stockbot, "serve", "--port", str(options.port)], env))
        _wait_http(f"http://127.0.0.1:{options.port}/healthz")
        worker = _start([*stockbot, "worker"], env)
        started.append(worker)
        producer.start()
        for _ in range(options.kills):
            startups.append(_sending_again(graph_port))  # the (new) worker is up and sending
            time.sleep(chance.uniform(options.every / 2, options.every * 1.5))
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            kill_times.append(time.time())
            worker = _start([*stockbot, "worker"], env)
            started.append(worker)
        time.sleep(options.every / 2)
        producer.halt.set()
        producer.join()
        deadline = time.monotonic() + options.drain
        pending = _pending(engine)
        while pending and time.monotonic() < deadline:
            time.sleep(0.5)
            pending = _pending(engine)
        time.sleep(1.0)  # the last answers' statuses
        answer = httpx.get(f"http://127.0.0.1:{graph_port}/_accepted", timeout=60)
        accepted: list[list[object]] = answer.json()
        with engine.connect() as connection:
            settled = connection.execute(
                select(func.count()).where(T.c.last_error_text == SETTLED_NOTE)
            ).scalar()
            failed = set(
                connection.execute(
                    select(T.c.payload).where(T.c.status == OutboundStatus.FAILED.value)
                ).scalars()
            )
    finally:
        producer.halt.set()
        for process in reversed(started):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        engine.dispose()
    failed_texts = {p.get("body", "") for p in failed if isinstance(p, dict)}
    report = _report(producer.queued, accepted, kill_times, failed_texts, pending)
    report.restart_seconds = statistics.mean(startups[1:]) if len(startups) > 1 else 0.0
    report.settled = int(settled or 0)
    return report


def _pending(engine: object) -> int:
    assert hasattr(engine, "connect")
    with engine.connect() as connection:
        statement = select(func.count()).where(
            T.c.status.in_([OutboundStatus.QUEUED.value, OutboundStatus.SENDING.value])
        )
        return int(connection.execute(statement).scalar() or 0)


def _report(
    queued: dict[str, tuple[str, float]],
    accepted: list[list[object]],
    kill_times: list[float],
    failed: set[str],
    pending: int,
) -> KillReport:
    copies: Counter[str] = Counter()
    first: dict[str, float] = {}
    per_kill = [0] * len(kill_times)
    order: dict[str, list[str]] = defaultdict(list)
    for moment, _to, body, _tag in sorted(accepted, key=lambda row: float(str(row[0]))):
        body = str(body)
        if body not in queued:
            continue
        copies[body] += 1
        if copies[body] == 1:
            first[body] = float(str(moment))
            order[queued[body][0]].append(body)
        elif kill_times:  # a duplicate: blamed on the first kill after its first copy went
            went = first[body]
            index = next((i for i, k in enumerate(kill_times) if k >= went), len(kill_times) - 1)
            per_kill[index] += 1
    out_of_order = sum(
        sum(1 for a, b in zip(bodies, bodies[1:], strict=False) if a > b)
        for bodies in order.values()
    )
    delays = sorted(first[body] - queued[body][1] for body in first)
    lost = [body for body in queued if body not in first and body not in failed]
    return KillReport(
        kills=len(kill_times),
        queued=len(queued),
        delivered=len(first),
        duplicates=sum(n - 1 for n in copies.values()),
        lost=len(lost),
        failed=len(failed & set(queued)),
        out_of_order=out_of_order,
        delay_p50=statistics.median(delays) if delays else 0.0,
        delay_p99=delays[min(len(delays) - 1, int(len(delays) * 0.99))] if delays else 0.0,
        delay_max=delays[-1] if delays else 0.0,
        duplicates_per_kill=per_kill,
        pending_left=pending,
    )


def main() -> None:
    defaults = KillOptions()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=defaults.database_url)
    parser.add_argument("--kills", type=int, default=defaults.kills)
    parser.add_argument("--every", type=float, default=defaults.every)
    parser.add_argument("--rate", type=float, default=defaults.rate)
    parser.add_argument("--recipients", type=int, default=defaults.recipients)
    parser.add_argument("--latency", type=float, default=defaults.latency)
    parser.add_argument("--no-statuses", action="store_true")
    parser.add_argument("--drain", type=float, default=defaults.drain)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--log", default=defaults.log, help="the processes' output")
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="a setting (env)"
    )
    args = parser.parse_args()
    options = KillOptions(
        database_url=args.database_url,
        kills=args.kills,
        every=args.every,
        rate=args.rate,
        recipients=args.recipients,
        latency=args.latency,
        statuses=not args.no_statuses,
        drain=args.drain,
        port=args.port,
        seed=args.seed,
        log=args.log,
        env=dict(item.split("=", 1) for item in args.set),
    )
    started = time.monotonic()
    open(options.log, "w").close()
    report = run(options)
    print(f"(the processes' output: {options.log})")
    for line in report.lines():
        print(line)
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
