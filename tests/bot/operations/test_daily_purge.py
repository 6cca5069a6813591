"""The daily purge run by the service itself: due once a day, one process only, counts logged,
never the outbox nor a message whose reply is still to be sent."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.app import AppContext
from bot.db.engine import transaction
from bot.db.models import (
    DeliveryStatus,
    InboundMessage,
    OutboundMessage,
    SystemState,
    WebhookEvent,
)
from bot.operations import daily_purge
from bot.operations.daily_purge import (
    PURGE_KEY,
    claim_purge,
    due_since,
    purge_if_due,
    release_purge,
    run_purge,
)
from bot.outbound.outbox import enqueue
from bot.settings import Settings

AWA = "+221771234567"
# 10:00 in Dakar (UTC+0 all year): the purge of the day is due since 03:00.
MORNING = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def test_the_purge_is_due_from_three_in_the_morning_local_time() -> None:
    three = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
    assert due_since(MORNING) == three
    assert due_since(three) == three
    assert due_since(three - timedelta(seconds=1)) == three - timedelta(days=1)


def _old_and_new(engine: Engine, now: datetime) -> None:
    old, recent = now - timedelta(days=31), now - timedelta(days=29)
    with transaction(engine) as session:
        for when, tag in ((old, "old"), (recent, "new")):
            session.add(WebhookEvent(provider="meta", body=tag, digest=tag, received_at=when))
            session.add(
                DeliveryStatus(
                    provider="meta",
                    provider_message_id=f"wamid.{tag}",
                    status="read",
                    occurred_at=when,
                    received_at=when,
                )
            )
            for name in ("answered", "waiting"):
                session.add(
                    InboundMessage(
                        provider="meta",
                        provider_message_id=f"wamid.in.{tag}.{name}",
                        sender=AWA,
                        type="text",
                        payload={"message": {"body": "STOCK RIZ"}},
                        sent_at=when,
                        received_at=when,
                        processed_at=when,
                    )
                )
        session.flush()
        waiting = session.exec(
            select(InboundMessage).where(
                InboundMessage.provider_message_id == "wamid.in.old.waiting"
            )
        ).one()
        # Its reply is still queued (sending paused for weeks): neither goes.
        enqueue(session, AWA, "réponse pas encore envoyée", inbound_message_id=waiting.id, now=old)
        enqueue(session, AWA, "alerte pas encore envoyée", now=old)


def test_one_purge_a_day_whatever_the_number_of_processes(
    engine: Engine, settings: Settings
) -> None:
    _old_and_new(engine, MORNING)
    with ThreadPoolExecutor(6) as pool:  # six processes checking at the same moment
        reports = list(pool.map(lambda _: purge_if_due(engine, settings, now=MORNING), range(6)))
    [report] = [r for r in reports if r is not None]
    assert (report.raw_bodies, report.statuses, report.inbound_messages) == (1, 1, 1)
    with Session(engine) as session:
        assert [e.body for e in session.exec(select(WebhookEvent))] == ["new"]
        assert len(session.exec(select(DeliveryStatus)).all()) == 1
        left = sorted(m.provider_message_id for m in session.exec(select(InboundMessage)))
        assert left == ["wamid.in.new.answered", "wamid.in.new.waiting", "wamid.in.old.waiting"]
        outbox = session.exec(select(OutboundMessage)).all()
        assert {o.status for o in outbox} == {"queued"} and len(outbox) == 2
        state = session.get(SystemState, PURGE_KEY)
        assert state is not None and state.value["raw_bodies"] == 1
    # Later the same day: nobody purges again; the next day, one process does.
    assert purge_if_due(engine, settings, now=MORNING + timedelta(hours=12)) is None
    tomorrow = MORNING + timedelta(days=1)
    with ThreadPoolExecutor(3) as pool:
        again = list(pool.map(lambda _: purge_if_due(engine, settings, now=tomorrow), range(3)))
    assert len([r for r in again if r is not None]) == 1


def test_a_purge_given_back_is_taken_again(engine: Engine) -> None:
    previous = claim_purge(engine, now=MORNING)
    assert previous is not None
    assert claim_purge(engine, now=MORNING + timedelta(minutes=10)) is None
    release_purge(engine, started=MORNING, previous=previous)  # the purge failed
    assert claim_purge(engine, now=MORNING + timedelta(minutes=10)) == previous


def test_the_service_loop_purges_and_logs_the_counts(
    engine: Engine,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = datetime.now(UTC)
    _old_and_new(engine, now)
    monkeypatch.setattr(daily_purge, "CHECK_EVERY_SECONDS", 0.05)

    async def serve_a_moment() -> None:
        task = asyncio.create_task(run_purge(AppContext(settings=settings, engine=engine)))
        await asyncio.sleep(0.5)
        task.cancel()

    with caplog.at_level(logging.INFO, logger="bot.operations.daily_purge"):
        asyncio.run(serve_a_moment())
    lines = [r.getMessage() for r in caplog.records if "daily purge" in r.getMessage()]
    assert len(lines) == 1, lines  # checked ~10 times, purged once
    assert "removed 1 raw webhook bodies, 1 delivery statuses, 1 processed inbound" in lines[0]
