"""A production-like stockbot on 127.0.0.1 for the reliability suite (`bench/reliability.py`).

Two `stockbot serve` processes and one `stockbot worker` on one PostgreSQL scratch database
(or SQLite), the fake Graph API (`tests/fakes/graph.py`) in this process, managers and a store
seeded, and a sender that delivers webhooks as Meta does: to either web process, again until one
answers 200. Processes can be killed with SIGKILL and started again on the same port.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import _paths  # noqa: F401  (first: the repository root on sys.path)
import httpx
from sqlalchemy import Engine, create_engine, make_url, text
from sqlmodel import Session

import bot.db.models  # noqa: F401  (registers every table)
from bot.db.engine import create_db_engine, upgrade_schema
from bot.db.models import Product
from bot.managers import add_manager
from bot.stores import add_store
from tests.bot.inbound.helpers import sign, text_webhook
from tests.conftest import (
    TEST_ADMIN_TOKEN,
    TEST_APP_SECRET,
    TEST_PHONE_NUMBER_ID,
    TEST_VERIFY_TOKEN,
)
from tests.fakes.graph import FakeGraph

ROOT = _paths.ROOT
TWILIO_TOKEN = "bench-reliability-twilio-token"
PUBLIC_URL = "https://bot.example.sn"
STORE = "bench"
PRODUCTS = ["RIZ", "SUCRE", "HUILE", "SAVON", "LAIT"]
INITIAL_STOCK = 50_000
META_PATH = "/webhooks/whatsapp"


def stockbot_command() -> str:
    """The `stockbot` script of the interpreter running the suite."""
    import sys

    return str(Path(sys.executable).parent / "stockbot")


def reset_database(url: str) -> None:
    """An empty scratch database at the current schema (PostgreSQL: `public` recreated, the
    database created when missing; SQLite: the file removed)."""
    if url.startswith("postgresql"):
        _create_database(url)
        engine = create_db_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:  # SQLite: a new file
        database = make_url(url).database
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    upgrade_schema(url)


def _create_database(url: str) -> None:
    """Creates the scratch PostgreSQL database when it does not exist yet."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            ).first()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    finally:
        admin.dispose()


def seed(engine: Engine, managers: int) -> list[str]:
    """The bench store, its products (plenty of stock: no alert opens) and `managers` managers
    of it; returns their numbers (digits, as Meta sends them)."""
    numbers = [f"22170{n:07d}" for n in range(managers)]
    with Session(engine) as session:
        store = add_store(session, STORE, "Banc d'essai")
        for sku in PRODUCTS:
            session.add(
                Product(
                    store_id=store.id or 0,
                    sku=sku,
                    name=sku.capitalize(),
                    aliases=[sku.lower()],
                    unit="sac",
                    quantity=INITIAL_STOCK,
                    threshold=1,
                    reorder_quantity=10,
                )
            )
        for digits in numbers:
            add_manager(session, "+" + digits, STORE)
        session.commit()
    return numbers


@dataclass
class Process:
    name: str
    command: list[str]
    port: int | None = None  # web processes
    popen: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Stack:
    """The processes, the fake Graph API and the environment they share."""

    database_url: str
    port: int
    graph: FakeGraph
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, Process] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "WHATSAPP_PROVIDER": "meta",
            "WHATSAPP_API_URL": self.graph.api_url,
            "WHATSAPP_API_TOKEN": self.graph.token,
            "WHATSAPP_PHONE_NUMBER_ID": TEST_PHONE_NUMBER_ID,
            "WHATSAPP_APP_SECRET": TEST_APP_SECRET,
            "WHATSAPP_VERIFY_TOKEN": TEST_VERIFY_TOKEN,
            "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
            "PUBLIC_BASE_URL": PUBLIC_URL,
            "ADMIN_TOKEN": TEST_ADMIN_TOKEN,
            "OUTBOX_WORKER_IN_APP": "false",
            "OUTBOX_PAIR_INTERVAL_SECONDS": "0",
            # Short leases, so that what a killed process held is taken back within seconds
            # (production keeps the defaults; the bench measures losses, not waiting).
            "INBOUND_LEASE_SECONDS": "5",
            "OUTBOX_SEND_TIMEOUT_SECONDS": "3",
            "OUTBOX_LEASE_SECONDS": "6",
            # A send in doubt after a kill (issue 19 §3) goes again after this without a status
            # confirming it; the fake Graph API here sends no status webhooks.
            "OUTBOX_STATUS_GRACE_SECONDS": "5",
            "LOG_LEVEL": "WARNING",
        }
        command = stockbot_command()
        for index, name in enumerate(("web-a", "web-b")):
            port = self.port + 1 + index
            self.processes[name] = Process(name, [command, "serve", "--port", str(port)], port=port)
        self.processes["worker"] = Process("worker", [command, "worker"])

    @property
    def webs(self) -> list[Process]:
        return [p for p in self.processes.values() if p.port is not None]

    def start_all(self) -> None:
        for process in self.processes.values():
            self.start(process.name, wait=False)
        for process in self.webs:
            self.wait_ready(process)

    def start(self, name: str, *, wait: bool = True) -> None:
        process = self.processes[name]
        with open(self.log, "ab") as log:
            process.popen = subprocess.Popen(
                process.command, cwd=ROOT, env=self.env, stdout=log, stderr=log
            )
        process.starts += 1
        if wait and process.port is not None:
            self.wait_ready(process)

    def wait_ready(self, process: Process, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert process.popen is not None
            if process.popen.poll() is not None:
                raise RuntimeError(f"{process.name} exited; see {self.log}")
            try:
                if httpx.get(process.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{process.name} not ready after {timeout:g} s; see {self.log}")

    def kill(self, name: str) -> None:
        """SIGKILL, then start again at once (a supervisor's restart)."""
        process = self.processes[name]
        assert process.popen is not None
        process.popen.send_signal(signal.SIGKILL)
        process.popen.wait(timeout=30)
        self.start(name, wait=False)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.popen is not None and process.popen.poll() is None:
                process.popen.terminate()
        for process in self.processes.values():
            if process.popen is None:
                continue
            try:
                process.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.popen.kill()
                process.popen.wait()

    def alive(self) -> bool:
        return all(p.popen is not None and p.popen.poll() is None for p in self.processes.values())


class Sender:
    """Delivers signed Meta webhooks the way Meta does: to any web process, again (after a short
    pause) until one answers 200, for at most `patience` seconds. Thread-safe."""

    def __init__(self, stack: Stack, rng: random.Random, patience: float = 120) -> None:
        self.stack = stack
        self.rng = rng
        self.patience = patience
        self.answers: Counter[int] = Counter()  # HTTP status (0: no answer) of every attempt
        self.given_up = 0
        self._lock = threading.Lock()
        self._local = threading.local()

    def _client(self) -> httpx.Client:
        client = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(timeout=10)
            self._local.client = client
        return client

    def message(self, wamid: str, sender: str, body: str = "stock riz") -> bool:
        payload = text_webhook(
            wamid, sender=sender, body=body, phone_number_id=TEST_PHONE_NUMBER_ID
        )
        return self.deliver(payload)

    def deliver(self, payload: bytes, *, to: str | None = None) -> bool:
        headers = {"Content-Type": "application/json", "X-Hub-Signature-256": sign(payload)}
        deadline = time.monotonic() + self.patience
        while time.monotonic() < deadline:
            with self._lock:
                web = self.rng.choice(self.stack.webs) if to is None else None
            base = to or (web.url if web else "")
            try:
                status = self._client().post(base + META_PATH, content=payload, headers=headers)
                code = status.status_code
            except httpx.HTTPError:
                code = 0
            with self._lock:
                self.answers[code] += 1
            if code == 200:
                return True
            time.sleep(0.3)
        with self._lock:
            self.given_up += 1
        return False


def replies_by_recipient(graph: FakeGraph, numbers: set[str]) -> Counter[str]:
    """Text replies the fake Graph API accepted, per recipient among `numbers`."""
    counts: Counter[str] = Counter()
    for request in graph.accepted:
        if request.to in numbers and request.body.get("type") == "text":
            counts[request.to] += 1
    return counts


def wait_for_replies(
    graph: FakeGraph, numbers: set[str], timeout: float, settle: float = 3.0
) -> Counter[str]:
    """Waits until every number got a reply (then `settle` seconds more, for late duplicates),
    or `timeout` seconds; returns the replies per number."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if set(replies_by_recipient(graph, numbers)) >= numbers:
            time.sleep(settle)
            break
        time.sleep(0.25)
    return replies_by_recipient(graph, numbers)
