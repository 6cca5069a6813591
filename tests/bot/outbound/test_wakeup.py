"""`stockbot worker` woken across processes on PostgreSQL (LISTEN/NOTIFY), and polling without it.

The worker's polls are made an hour long where a test shows that a notification woke it: a
reply sent then came through the notification, or the test's hang guard fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, text

from bot.cli.outbox import _work
from bot.db.engine import transaction
from bot.outbound import worker as worker_module
from bot.outbound.messages import Text
from bot.outbound.outbox import captured, enqueue, enqueue_many
from bot.outbound.wakeup import CHANNEL, listen_url
from bot.outbound.worker import OutboxWorker
from tests.bot.outbound.helpers import (
    HANG_GUARD_SECONDS,
    MANAGER,
    OTHER,
    meta_settings,
    open_window,
    queue,
)
from tests.fakes.graph import FakeGraph
from tests.statements import Executed, executed

pytestmark = pytest.mark.postgres_only

MARKER = "test-marker"


@contextlib.contextmanager
def listening(engine: Engine) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(listen_url(engine.url), autocommit=True) as connection:
        connection.execute(f"LISTEN {CHANNEL}")
        yield connection


def notifications_until_marker(connection: psycopg.Connection[Any], engine: Engine) -> list[str]:
    """The payloads received before a marker committed now (delivered in commit order)."""
    with engine.begin() as db:
        db.execute(
            text("SELECT pg_notify(:channel, :marker)"), {"channel": CHANNEL, "marker": MARKER}
        )
    payloads: list[str] = []
    for notify in connection.notifies(timeout=HANG_GUARD_SECONDS):
        if notify.payload == MARKER:
            return payloads
        payloads.append(notify.payload)
    raise AssertionError("the marker never came")


def notifications(statements: list[Executed]) -> list[str]:
    """The statements among these that send a notification."""
    return [e.text for e in statements if "pg_notify" in e.text]


def test_a_committed_queue_notifies_once_per_transaction(engine: Engine) -> None:
    with listening(engine) as connection, executed(engine) as statements:
        with transaction(engine) as session:
            enqueue(session, MANAGER, Text("un"))
            enqueue_many(session, [(MANAGER, Text("deux")), (OTHER, Text("trois"))])
            enqueue(session, OTHER, "x" * 5000)  # split in parts
        assert len(notifications(statements)) == 1
        assert notifications_until_marker(connection, engine) == [""]


def test_nothing_is_notified_for_a_rollback_or_the_simulator(engine: Engine) -> None:
    with listening(engine) as connection, executed(engine) as statements:
        with contextlib.suppress(RuntimeError), transaction(engine) as session:
            enqueue(session, MANAGER, Text("annulé"))
            session.flush()  # written, then rolled back: not even sent (PostgreSQL drops it)
            raise RuntimeError("rolled back")
        with transaction(engine) as session, captured(session):
            enqueue(session, MANAGER, Text("simulé"))
        assert notifications(statements) == []
        assert notifications_until_marker(connection, engine) == []


def test_a_savepoint_rolled_back_does_not_take_the_transaction_notification(
    engine: Engine,
) -> None:
    with listening(engine) as connection:
        with transaction(engine) as session:
            nested = session.begin_nested()
            enqueue(session, MANAGER, Text("annulé"))
            nested.rollback()
            enqueue(session, MANAGER, Text("gardé"))
        assert notifications_until_marker(connection, engine) == [""]


def test_the_notification_is_sent_at_the_commit_not_at_the_first_row(engine: Engine) -> None:
    with listening(engine) as connection, executed(engine) as statements:
        with transaction(engine) as session:
            enqueue(session, MANAGER, Text("un"))
            session.flush()
            assert notifications(statements) == []
            for text_ in ("deux", "trois"):  # each in a savepoint released: still one
                with session.begin_nested():
                    enqueue(session, OTHER, Text(text_))
            assert notifications(statements) == []
        assert len(notifications(statements)) == 1
        assert notifications_until_marker(connection, engine) == [""]


def test_rows_queued_only_in_savepoints_rolled_back_notify_nothing(engine: Engine) -> None:
    with listening(engine) as connection, executed(engine) as statements:
        with transaction(engine) as session:
            outer = session.begin_nested()
            with session.begin_nested():  # released into the outer one, rolled back with it
                enqueue(session, MANAGER, Text("annulé"))
            outer.rollback()
            with contextlib.suppress(RuntimeError), session.begin_nested():
                enqueue(session, OTHER, Text("annulé aussi"))
                raise RuntimeError("rolled back")
        assert notifications(statements) == []
        assert notifications_until_marker(connection, engine) == []


# --- the worker ----------------------------------------------------------------------------------


class Watched:
    """A worker whose wake-ups and idle checks (it found nothing to send) are seen."""

    def __init__(self, worker: OutboxWorker) -> None:
        self.woken: list[float] = []
        self.checked: list[float] = []  # when each idle check that ended had started
        loop = asyncio.get_running_loop()
        wake, check = worker.wake, worker._idle_wait

        def woken() -> None:
            self.woken.append(time.monotonic())
            wake()

        def checked() -> float | None:
            started = time.monotonic()
            wait = check()
            loop.call_soon_threadsafe(self.checked.append, started)
            return wait

        worker.wake = woken  # type: ignore[method-assign]
        worker._idle_wait = checked  # type: ignore[method-assign]

    async def settled(self, wakes: int = 1) -> None:
        """Until the worker was woken `wakes` times (the first: when it started listening) and
        then found nothing to send: it waits for its next poll or wake-up."""
        while len(self.woken) < wakes or not any(c > self.woken[-1] for c in self.checked):
            await asyncio.sleep(0.01)


async def until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.01)


async def sent_once_queued(engine: Engine, graph: FakeGraph, body: str) -> None:
    await asyncio.to_thread(queue, engine, MANAGER, Text(body))
    await until(lambda: body in graph.texts_to(MANAGER))


@contextlib.asynccontextmanager
async def working(worker: OutboxWorker, conninfo: str) -> AsyncIterator[None]:
    """`stockbot worker`'s loop (listening on `conninfo`), stopped at the end of the block."""
    task = asyncio.create_task(_work(worker, until_idle=False, max_wait=1, conninfo=conninfo))
    try:
        yield
    finally:
        worker.stop()
        await asyncio.wait_for(task, HANG_GUARD_SECONDS)


def test_a_queued_reply_wakes_the_waiting_worker_before_its_poll(
    fake_graph: FakeGraph, database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_module, "IDLE_POLL_SECONDS", 3600.0)
    open_window(engine, [MANAGER])

    async def scenario() -> None:
        worker = OutboxWorker(meta_settings(database_url, fake_graph), engine)
        watched = Watched(worker)
        async with asyncio.timeout(HANG_GUARD_SECONDS), working(worker, listen_url(engine.url)):
            for body in ("premier", "second"):
                await watched.settled()
                await sent_once_queued(engine, fake_graph, body)

    asyncio.run(scenario())
    assert fake_graph.texts_to(MANAGER) == ["premier", "second"]


class Proxy:
    """A TCP relay on 127.0.0.1 to the database that can be cut (connections closed, new ones
    refused) and opened again on the same port."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.server: asyncio.Server | None = None
        self.writers: list[asyncio.StreamWriter] = []

    async def open(self, listen_port: int = 0) -> int:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", listen_port)
        return int(self.server.sockets[0].getsockname()[1])

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.close()
        self.writers.clear()
        await self.server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writers += [writer, up_writer]

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


def test_a_lost_listening_connection_falls_back_to_polling_then_listens_again(
    fake_graph: FakeGraph, database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.outbound.wakeup.RETRY_SECONDS", 0.05)
    monkeypatch.setattr(worker_module, "IDLE_POLL_SECONDS", 3600.0)
    open_window(engine, [MANAGER])

    async def scenario() -> None:
        proxy = Proxy(engine.url.port or 5432)
        port = await proxy.open()
        worker = OutboxWorker(meta_settings(database_url, fake_graph), engine)
        watched = Watched(worker)
        conninfo = listen_url(engine.url.set(port=port))
        try:
            async with asyncio.timeout(HANG_GUARD_SECONDS), working(worker, conninfo):
                await watched.settled()
                await proxy.cut()  # the listening connection is lost, and cannot come back
                monkeypatch.setattr(worker_module, "IDLE_POLL_SECONDS", 0.05)
                worker.wake()  # out of its hour-long wait, into short polls
                await sent_once_queued(engine, fake_graph, "par sondage")
                # Polls an hour apart again: the next reply goes only if listening came back.
                monkeypatch.setattr(worker_module, "IDLE_POLL_SECONDS", 3600.0)
                wakes = len(watched.woken)
                await proxy.open(port)
                await watched.settled(wakes + 1)
                await sent_once_queued(engine, fake_graph, "par notification")

        finally:
            await proxy.cut()

    asyncio.run(scenario())
    assert fake_graph.texts_to(MANAGER) == ["par sondage", "par notification"]
