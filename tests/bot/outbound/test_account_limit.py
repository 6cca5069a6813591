"""Meta's app call rate (4) and business-account rate limit (80007): every send would meet them.
The shared reference says "retry over minutes; stop sending and alert the operator if it lasts":
the rate is cut, no attempt is counted (no message lost), every send of the worker is held for
the wait asked, and the limit is recorded for `stockbot doctor` and the metrics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import OutboundMessage, OutboundStatus
from bot.operations.doctor import Doctor, Level
from bot.operations.metrics import exposition
from bot.outbound.messages import Text
from tests.bot.outbound.helpers import (
    MANAGER,
    OTHER,
    meta_settings,
    open_window,
    queue,
    rate_rows,
    rows,
    run_worker,
)
from tests.fakes.graph import FakeGraph


@pytest.mark.parametrize("code", [4, 80007])
def test_an_account_rate_limit_holds_sending_counts_no_attempt_and_is_recorded(
    fake_graph: FakeGraph, database_url: str, engine: Engine, code: int
) -> None:
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    fake_graph.fail_next(1, code, to=MANAGER)
    settings = meta_settings(database_url, fake_graph, outbox_concurrency=1)
    before = utcnow()
    report = run_worker(settings, engine, max_wait=1)
    # One call met the limit; the other row was not sent into it (held), nothing was lost.
    assert len(fake_graph.requests) == 1 and fake_graph.accepted == []
    assert report.sent == 0 and report.failed == 0
    refused, held = rows(engine)
    assert (refused.status, refused.attempts, refused.last_error_code) == (
        OutboundStatus.QUEUED,
        0,
        str(code),
    )
    assert refused.next_attempt_at.replace(tzinfo=before.tzinfo) >= before + timedelta(seconds=50)
    assert (held.status, held.attempts) == (OutboundStatus.QUEUED, 0)
    assert held.next_attempt_at.replace(tzinfo=before.tzinfo) >= before + timedelta(seconds=50)
    [rate] = rate_rows(engine)
    assert 0 < rate.rate < settings.outbox_rate_per_second  # the adaptive cut, never above
    from bot.outbound.account_limit import current_limit

    with Session(engine) as session:
        limit = current_limit(session, utcnow())
    assert limit is not None and limit.code == str(code)


def test_a_send_taken_again_clears_the_record(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    fake_graph.fail_next(1, 4, to=MANAGER)
    settings = meta_settings(database_url, fake_graph, outbox_concurrency=1)
    run_worker(settings, engine, max_wait=1)
    [row] = rows(engine)
    with transaction(engine) as session:
        stored = session.get(OutboundMessage, row.id)
        assert stored is not None
        stored.next_attempt_at = utcnow() - timedelta(seconds=1)
    report = run_worker(settings, engine, max_wait=1)
    assert report.sent == 1 and fake_graph.texts_to(MANAGER) == ["un"]
    from bot.outbound.account_limit import current_limit

    with Session(engine) as session:
        assert current_limit(session, utcnow()) is None


def test_a_lasting_limit_shows_in_doctor_and_metrics(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    from bot.outbound.account_limit import LASTING, note_limit

    settings = meta_settings(database_url, fake_graph)
    now = utcnow()
    with transaction(engine) as session:
        note_limit(session, code="80007", reason="rate limit hit", now=now - LASTING * 2)
        note_limit(session, code="80007", reason="rate limit hit", now=now)
    text = exposition(engine, settings).decode()
    assert "stockbot_sending_rate_limited 1.0" in text
    doctor = Doctor(settings, engine, now=utcnow())
    doctor._worker()  # the database's part only: no Graph call
    [sending] = [c for c in doctor.checks if c.key == "worker"]
    assert sending.level == Level.FAIL and "80007" in sending.detail


def test_a_held_row_forgets_its_mark_so_that_sent_later_it_is_marked_again(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """A row held (its retry clears `sending_started_at`) kept its premark in the worker: claimed
    again by the same worker, it was sent without being marked, so a kill during that send
    left it neither in doubt nor leased, and another worker sent it again."""
    import asyncio
    import time

    from bot.outbound.claims import Claim
    from bot.outbound.worker import OutboxWorker
    from bot.transports.base import AccountRateLimited

    settings = meta_settings(database_url, fake_graph)
    worker = OutboxWorker(settings, engine)
    claim = Claim(7, MANAGER, "text", {"body": "x"}, 0, utcnow())
    worker._premarked[claim.id] = utcnow()
    worker._hold(AccountRateLimited("limit", code="4", retry_after=60.0))
    assert worker._held_until > time.monotonic()
    outcome = asyncio.run(worker._send_one(claim, None, None, None))  # type: ignore[arg-type]
    assert outcome is not None and claim.id not in worker._premarked
