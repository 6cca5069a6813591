"""Prepare stockbot for the webhook harness, before stockbot reads its settings.

Everything here runs once, at import time of ``peer_stockbot.app`` / ``peer_stockbot.app_pg``:

1. ``map_env``: the harness's ``BENCH_*`` variables become stockbot's settings (``WHATSAPP_*``,
   ``DATABASE_URL``, …). Connection settings are forced; tuning knobs are only defaults, so
   ``OUTBOX_RATE_PER_SECOND=80 bash run.sh`` (say) still wins.
2. ``prepare_database``: a fresh database for this bot start. SQLite (default): a new file in a
   new temporary directory. PostgreSQL (``BENCH_DATABASE_URL``): the database is created when
   missing and its ``public`` schema dropped and recreated (loopback hosts only). Then the
   migrations run (``bot.db.engine.upgrade_schema``, what ``stockbot db upgrade`` does).
3. ``seed``: a store ``bench`` holding the demo catalog's products that are above their alert
   threshold, through ``apply_products`` (what ``stockbot import products`` does), so no
   low-stock alert, and no alert push, ever goes out and "STOCK RIZ" reads "Riz brisé 50kg";
   then every sender number loadgen uses as a manager of it (``register_managers``: the rows
   ``stockbot managers add`` writes, in one batch, checked with stockbot's own functions).

The run directory (``$TMPDIR/peer-stockbot-<pid>-<start>``: the SQLite file, the setup lock) is
removed at the app's shutdown; leftovers of killed starts are swept at the next start. With
``uvicorn --workers N`` every worker process imports the adapter: the first one prepares the
database under the lock, the others find it ready and use the same one.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

try:  # the harness's own numbers, so that the two never drift apart
    from loadgen import SENDER_BASE, WARMUP_SENDER_BASE
except ImportError:  # pragma: no cover - run from somewhere without loadgen.py
    SENDER_BASE = 221_770_000_000
    WARMUP_SENDER_BASE = 221_760_000_000

log = logging.getLogger("peer_stockbot")

STORE_CODE = "bench"
STORE_NAME = "Banc d'essai (Dakar)"
DEFAULT_SENDERS = 5000  # run.sh's largest default N (N_BASE, N_DUP)
DEFAULT_WARMUP_SENDERS = 50  # loadgen --warmup default
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/bench_peer_stockbot"
LOOPBACK = {"127.0.0.1", "localhost", "::1", ""}


@dataclass(frozen=True)
class Prepared:
    database_url: str
    run_dir: Path
    senders: int
    seconds: float
    did_setup: bool  # False in a worker process that found the database ready
    owner: bool  # not a uvicorn worker process: removes the run directory at shutdown


# ---------------------------------------------------------------- environment


def _int_env(name: str) -> int | None:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


# run.sh's scenarios, the variable giving each one's N, and run.sh's default for it (a default
# is not exported to the bot: only what was given on run.sh's command line reaches it).
RUN_SH_N = {
    "base": ("N_BASE", 5000),
    "dup": ("N_DUP", 5000),
    "latency": ("N_LAT", 2000),
    "fail": ("N_FAIL", 1000),
}


def sender_count() -> int:
    """How many loadgen senders (2217700XXXXX) to register as managers.

    ``BENCH_STOCKBOT_SENDERS`` if set; else the largest N of the scenarios run.sh will run
    (``SCENARIOS``), each read from its ``N_*`` variable or, when that did not reach this
    process, run.sh's default for it. A sender that is not registered still gets a reply,
    stockbot's polite refusal, which the harness would count as a reply (its ``reply_texts``
    shows it).
    """
    explicit = _int_env("BENCH_STOCKBOT_SENDERS")
    if explicit is not None:
        return explicit
    scenarios = os.environ.get("SCENARIOS", "").split() or list(RUN_SH_N)
    counts = [
        _int_env(RUN_SH_N[name][0]) or RUN_SH_N[name][1] for name in scenarios if name in RUN_SH_N
    ]
    return max(counts, default=DEFAULT_SENDERS)


def sender_phones() -> list[str]:
    count = sender_count()
    warmup = _int_env("BENCH_STOCKBOT_WARMUP_SENDERS")
    warmup = DEFAULT_WARMUP_SENDERS if warmup is None else warmup
    phones = [f"+{SENDER_BASE + i}" for i in range(count)]
    phones += [f"+{WARMUP_SENDER_BASE + i}" for i in range(warmup)]
    return phones


def map_env(database_url: str, *, worker_in_app: bool = True) -> None:
    """stockbot's settings from the harness's ``BENCH_*`` variables (before stockbot reads any).

    ``worker_in_app=False``: the web process sends nothing, a ``stockbot worker`` does."""
    env = os.environ
    graph = env.get("BENCH_GRAPH_URL", "http://127.0.0.1:18080").rstrip("/")
    version = env.get("BENCH_GRAPH_VERSION", "22.0").lstrip("v")
    env.update(
        WHATSAPP_PROVIDER="meta",
        WHATSAPP_ENABLED="true",
        WHATSAPP_API_URL=f"{graph}/v{version}",  # stockbot posts to {this}/{phone id}/messages
        WHATSAPP_API_TOKEN=env.get("BENCH_TOKEN", "EAAbenchtoken"),
        WHATSAPP_PHONE_NUMBER_ID=env.get("BENCH_PHONE_ID", "106540352242922"),
        WHATSAPP_APP_SECRET=env.get("BENCH_APP_SECRET", "bench-app-secret"),
        WHATSAPP_VERIFY_TOKEN=env.get("BENCH_VERIFY_TOKEN", "bench-verify-token"),
        DATABASE_URL=database_url,
        # the app sends its own outbox (always so on SQLite), unless a separate worker does
        OUTBOX_WORKER_IN_APP="true" if worker_in_app else "false",
        DIGEST_TIME="off",  # no daily digest in the middle of a run
    )
    # Tuning: defaults only. The global rate goes to Meta's highest tier (stockbot's own
    # default, 80/s, is Meta's default tier and would cap replies/s at ~77). The pair rate
    # (one message per 6 s per recipient, bursts of 3) stays stockbot's: loadgen gives every
    # sender at most 2 replies per bot process (dup runs both drives on one process, warm-up
    # senders included), inside the burst, so it never delays a reply here.
    env.setdefault("OUTBOX_RATE_PER_SECOND", "1000")
    env.setdefault("LOG_LEVEL", env.get("BENCH_LOG_LEVEL", "WARNING"))


# ---------------------------------------------------------------- one run, shared by workers


def _process_start(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]  # field 22: start time in ticks
    except (OSError, IndexError):
        return "0"


RUN_DIR_PREFIX = "peer-stockbot-"


def run_dir() -> tuple[Path, bool]:
    """The directory of this bot start (database file, setup lock), and whether this process
    owns it (not a uvicorn worker process: those share their supervisor's). Named after the
    owning process's pid and start time, so a leftover of an earlier start is never reused."""
    parent = multiprocessing.parent_process()
    owner = parent is None
    pid = os.getpid() if owner else parent.pid  # type: ignore[union-attr]
    path = Path(tempfile.gettempdir()) / f"{RUN_DIR_PREFIX}{pid}-{_process_start(pid or 0)}"
    path.mkdir(mode=0o700, exist_ok=True)
    return path, owner


def sweep_stale() -> None:
    """Remove the run directories of bot starts whose process is gone (killed, or a
    ``--workers`` run, whose workers leave the directory to their supervisor)."""
    for path in Path(tempfile.gettempdir()).glob(RUN_DIR_PREFIX + "*-*"):
        pid, _, start = path.name[len(RUN_DIR_PREFIX) :].partition("-")
        if pid.isdigit() and _process_start(int(pid)) != start:
            shutil.rmtree(path, ignore_errors=True)


def remove_run_dir(prepared: Prepared) -> None:
    """At the app's shutdown (uvicorn re-raises SIGTERM after it, so atexit never runs)."""
    if prepared.owner:
        shutil.rmtree(prepared.run_dir, ignore_errors=True)


def _plain_pg(url: str) -> str:
    """A URL psycopg itself takes (stockbot's settings say postgresql+psycopg://)."""
    for prefix in ("postgresql+psycopg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix) :]
    return url


def reset_postgres(url: str) -> None:
    """Create the database when missing, then drop and recreate its ``public`` schema."""
    import psycopg
    from psycopg import sql

    plain = _plain_pg(url)
    parts = urlsplit(plain)
    if parts.hostname not in LOOPBACK:
        sys.exit(
            f"peer_stockbot: refusing to reset a database that is not on loopback: {parts.hostname}"
        )
    name = parts.path.lstrip("/")
    if not name:
        sys.exit("peer_stockbot: BENCH_DATABASE_URL names no database")
    try:
        connection = psycopg.connect(plain, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if f'"{name}" does not exist' not in str(exc):
            raise
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as root:
            root.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        log.warning("peer_stockbot: created database %s", name)
        connection = psycopg.connect(plain, autocommit=True, connect_timeout=5)
    with connection:
        connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
        connection.execute("CREATE SCHEMA public")


def prepare_database(database_url: str) -> None:
    """Migrations on a fresh database (the schema reset first on PostgreSQL)."""
    from bot.db.engine import upgrade_schema

    if not database_url.startswith("sqlite"):
        reset_postgres(database_url)
    upgrade_schema(database_url)


def register_managers(session: Any, phones: list[str], store_code: str, *, region: str) -> int:
    """Every phone as an active manager of ``store_code``; returns how many.

    The rows are those ``bot.managers.add_manager`` writes for a new manager (``normalize_phone``'s
    E.164, ``Manager``'s defaults: name "", language "fr", active; one ``ManagerStore`` link), in
    one batch: ``add_manager`` itself costs about 1.3 ms a number here (three SELECTs and two
    flushes), 7 s for 5,050 senders, against run.sh's 10 s readiness probe. stockbot's own
    functions then check them: ``add_manager`` on the first and last number must find the
    manager and its link (no new row), and ``find_manager`` / ``manager_stores`` must see them.
    """
    from sqlmodel import func, select

    from bot.db.models import Manager, ManagerStore
    from bot.managers import add_manager, find_manager, manager_stores
    from bot.phones import normalize_phone
    from bot.stock import get_store

    store = get_store(session, store_code)
    numbers = sorted({normalize_phone(phone, region) for phone in phones})
    managers = [Manager(phone=number) for number in numbers]
    session.add_all(managers)
    session.flush()
    links = [ManagerStore(manager_id=m.id, store_id=store.id) for m in managers]  # type: ignore[arg-type]
    session.add_all(links)
    session.flush()
    for number in (numbers[0], numbers[-1]) if numbers else ():
        add_manager(session, number, store_code, region=region)
        manager = find_manager(session, number)
        assert manager is not None and manager.active, number
        assert [s.code for s in manager_stores(session, manager.id)] == [store_code], number  # type: ignore[arg-type]
    count = session.exec(select(func.count()).select_from(Manager)).one()
    linked = session.exec(select(func.count()).select_from(ManagerStore)).one()
    assert count == linked == len(numbers), (count, linked, len(numbers))
    return count


def seed(phones: list[str]) -> None:
    """The store, its products and the managers, in one transaction, with stockbot's functions
    (what ``stockbot import products`` does for the catalog)."""
    from sqlmodel import func, select

    from bot.db.engine import get_engine, transaction
    from bot.db.models import Alert, OutboundMessage, Store
    from bot.demo import demo_catalog_csv
    from bot.products_import import apply_products, parse_products_csv
    from bot.settings import get_settings

    settings = get_settings()
    rows = [row for row in parse_products_csv(demo_catalog_csv()) if row.quantity > row.threshold]
    engine = get_engine(settings.database_url)
    with transaction(engine) as session:
        session.add(Store(code=STORE_CODE, name=STORE_NAME))
        session.flush()
        apply_products(session, STORE_CODE, rows, settings=settings)
        register_managers(session, phones, STORE_CODE, region=settings.default_region)
    with transaction(engine) as session:
        alerts = session.exec(select(func.count()).select_from(Alert)).one()
        queued = session.exec(select(func.count()).select_from(OutboundMessage)).one()
    if alerts or queued:  # anything queued now would be sent during the run and counted
        sys.exit(f"peer_stockbot: seeding left {alerts} alerts and {queued} queued messages")
    engine.dispose()  # the app's lifespan starts from a clean pool of the same engine


def prepare(database_url: str | None = None, *, worker_in_app: bool = True) -> Prepared:
    """Map the environment, then prepare (or, in a sibling worker, find) this start's database."""
    started = time.perf_counter()
    if multiprocessing.parent_process() is None:
        sweep_stale()
    directory, owner = run_dir()
    url = database_url or os.environ.get("BENCH_DATABASE_URL", "").strip()
    if not url:
        url = f"sqlite:///{directory / 'stockbot.db'}"
    map_env(url, worker_in_app=worker_in_app)
    if Path(".env").exists():  # stockbot reads it for whatever the environment does not set
        print("peer_stockbot: note: ./.env also feeds stockbot's settings", file=sys.stderr)
    phones = sender_phones()
    did_setup = False
    with open(directory / "setup.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # sibling workers wait here for the first one
        ready = directory / "ready"
        if not ready.exists():
            prepare_database(url)
            seed(phones)
            ready.write_text(url)
            did_setup = True
    prepared = Prepared(
        url, directory, len(phones), time.perf_counter() - started, did_setup, owner
    )
    atexit.register(remove_run_dir, prepared)  # a plain exit; a signal: see HarnessPath
    if did_setup:
        print(
            f"peer_stockbot: {_masked(url)} ready in {prepared.seconds:.2f}s, store "
            f"{STORE_CODE!r}, {len(phones)} managers (pid {os.getpid()})",
            file=sys.stderr,
            flush=True,
        )
    return prepared


def _masked(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url
