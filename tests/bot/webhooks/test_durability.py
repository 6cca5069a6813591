"""Nothing acknowledged is lost, nothing is processed twice: restarts and two app processes."""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.clock import utcnow
from bot.db.engine import create_db_engine
from bot.db.models import InboundMessage, OutboundMessage
from bot.demo import create_demo
from bot.managers import add_manager
from bot.settings import Settings
from tests.bot.inbound.helpers import (
    PATH,
    inbound_rows,
    recent,
    signed_headers,
    text_webhook,
)
from tests.bot.webhooks.servers import uvicorn_app
from tests.conftest import (
    PG_URL,
    TEST_APP_SECRET,
    TEST_PHONE_NUMBER_ID,
    TEST_VERIFY_TOKEN,
    make_settings,
)


def wait_until(condition: Callable[[], bool], timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def replies(engine: Engine) -> list[OutboundMessage]:
    with Session(engine) as session:
        query = select(OutboundMessage).where(col(OutboundMessage.inbound_message_id).is_not(None))
        return list(session.exec(query))


def test_a_message_acked_before_a_crash_is_processed_after_restart(
    settings: Settings, engine: Engine
) -> None:
    with Session(engine) as session:
        create_demo(session, settings=settings)
        session.commit()
    # First life: the webhook is stored and acknowledged, then the process dies unprocessed.
    body = recent("meta_text.json")
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        assert client.post(PATH, content=body, headers=signed_headers(body)).status_code == 200
    # Another message was being processed when it died: its lease has expired since.
    other = text_webhook("wamid.LEASED", timestamp=int(time.time()) + 1)
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        assert client.post(PATH, content=other, headers=signed_headers(other)).status_code == 200
    with Session(engine) as session:
        leased = session.exec(
            select(InboundMessage).where(InboundMessage.provider_message_id == "wamid.LEASED")
        ).one()
        leased.locked_until = utcnow() - timedelta(seconds=1)
        leased.attempts = 1
        session.add(leased)
        session.commit()
    assert all(row.processed_at is None for row in inbound_rows(engine))
    # Second life: the app starts and picks everything up.
    with TestClient(create_app(settings, engine=engine)):
        assert wait_until(lambda: all(r.processed_at for r in inbound_rows(engine)))
    rows = inbound_rows(engine)
    assert [r.error for r in rows] == [None, None]
    assert {r.inbound_message_id for r in replies(engine)} == {r.id for r in rows}


@pytest.mark.slow
def test_messages_acked_by_a_process_killed_with_sigkill_are_processed_after_restart(
    database_url: str, tmp_path: Path
) -> None:
    """A real crash: the process that acknowledged the webhooks dies with SIGKILL before
    processing any of them (its background loops are off); the next app start processes each
    one exactly once."""
    url = database_url if PG_URL else f"sqlite:///{tmp_path / 'crash.db'}"  # migrated by the app
    env = {
        "DATABASE_URL": url,
        "WHATSAPP_PROVIDER": "sandbox",
        "WHATSAPP_APP_SECRET": TEST_APP_SECRET,
        "WHATSAPP_VERIFY_TOKEN": TEST_VERIFY_TOKEN,
        "WHATSAPP_PHONE_NUMBER_ID": TEST_PHONE_NUMBER_ID,
        "LOG_LEVEL": "WARNING",
    }
    senders = [f"22176111220{i}" for i in range(5)]  # not managers: each gets the refusal
    bodies = [text_webhook(f"wamid.KILL{i}", sender=s) for i, s in enumerate(senders)]
    with uvicorn_app(env, app="tests.bot.webhooks.servers:ack_only_app", factory=True) as app:
        for body in bodies:
            response = httpx.post(app.url + PATH, content=body, headers=signed_headers(body))
            assert response.status_code == 200
        app.process.send_signal(signal.SIGKILL)
        app.process.wait(timeout=10)
    engine = create_db_engine(url)
    try:
        rows = inbound_rows(engine)
        assert len(rows) == len(bodies) and all(r.processed_at is None for r in rows)
        settings = make_settings(url)
        with TestClient(create_app(settings, engine=engine)):
            assert wait_until(lambda: all(r.processed_at for r in inbound_rows(engine)))
        per_message = Counter(r.inbound_message_id for r in replies(engine))
        assert set(per_message) == {r.id for r in inbound_rows(engine)}
        assert set(per_message.values()) == {1}
    finally:
        engine.dispose()


@pytest.mark.postgres_only
@pytest.mark.slow
def test_two_app_processes_receiving_the_same_messages_at_once_process_each_once(
    database_url: str, engine: Engine, settings: Settings
) -> None:
    senders = [f"22177123450{i}" for i in range(8)]
    with Session(engine) as session:
        create_demo(session, settings=settings)
        for digits in senders:
            add_manager(session, "+" + digits, "demo")
        session.commit()
    env = {
        "DATABASE_URL": database_url,
        "WHATSAPP_PROVIDER": "sandbox",
        "WHATSAPP_APP_SECRET": TEST_APP_SECRET,
        "WHATSAPP_VERIFY_TOKEN": TEST_VERIFY_TOKEN,
        "WHATSAPP_PHONE_NUMBER_ID": TEST_PHONE_NUMBER_ID,
        "LOG_LEVEL": "WARNING",
    }
    bodies = [text_webhook(f"wamid.DUP{i}", sender=s) for i, s in enumerate(senders)]
    with uvicorn_app(env) as first, uvicorn_app(env) as second:
        codes: list[int] = []
        for body in bodies:  # each message reaches both processes at the same moment
            start = threading.Barrier(2)

            def deliver(base: str, body: bytes = body, start: threading.Barrier = start) -> None:
                start.wait()
                response = httpx.post(base.url + PATH, content=body, headers=signed_headers(body))
                codes.append(response.status_code)

            threads = [threading.Thread(target=deliver, args=(b,)) for b in (first, second)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert codes == [200] * 2 * len(bodies)
        assert wait_until(lambda: all(r.processed_at for r in inbound_rows(engine)), 20)
        time.sleep(1)  # time for a wrong second processing to show
    rows = inbound_rows(engine)
    assert sorted(r.provider_message_id for r in rows) == sorted(f"wamid.DUP{i}" for i in range(8))
    assert all(r.attempts == 1 and r.error is None for r in rows)
    per_message = Counter(r.inbound_message_id for r in replies(engine))
    assert set(per_message) == {r.id for r in rows}
    assert set(per_message.values()) == {1}  # one reply each, none doubled
