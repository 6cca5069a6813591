"""Meta's app call rate (4) and business-account rate limit (80007): every send would meet them.
The shared reference says "retry over minutes; stop sending and alert the operator if it lasts":
the rate is cut, no attempt is counted (no message lost), every send of the worker is held for
the wait asked, and the limit is recorded for `stockbot doctor` and the metrics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import OutboundMessage, OutboundStatus, SystemState
from bot.inbound.models import DeliveryState, ProviderError, StatusUpdate
from bot.inbound.statuses import apply_statuses
from bot.operations.doctor import Doctor, Level
from bot.operations.metrics import exposition
from bot.outbound.account_limit import LIMIT_KEY, current_limit, note_limit
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
    end_hold(engine)
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
        note_limit(session, code="80007", reason="rate limit hit", now=now - LASTING * 2, wait=60)
        note_limit(session, code="80007", reason="rate limit hit", now=now, wait=60)
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


def end_hold(engine: Engine) -> None:
    """The hold recorded is over (its wait went by), the record still there."""
    with transaction(engine) as session:
        state = session.get(SystemState, LIMIT_KEY)
        assert state is not None
        state.value = state.value | {"until": (utcnow() - timedelta(seconds=1)).isoformat()}


def limit_now(engine: Engine) -> object:
    with Session(engine) as session:
        return current_limit(session, utcnow())


@pytest.mark.parametrize("code", ["4", "80007"])
def test_a_failed_status_with_the_account_limit_holds_every_send(
    fake_graph: FakeGraph, database_url: str, engine: Engine, code: str
) -> None:
    """Meta reports its errors in the send's answer, in a failed status, or both: 4 and 80007 in
    a status mean the account is limited as much as in an answer. The message was queued again
    after a backoff with its attempt counted, and the other sends went on into the limit: now it
    waits Meta's minute uncounted, and no worker sends until the hold ends."""
    open_window(engine, [MANAGER, OTHER])
    [sent_id] = queue(engine, MANAGER, Text("un"))
    settings = meta_settings(database_url, fake_graph, outbox_concurrency=1)
    run_worker(settings, engine, max_wait=1)
    [sent] = rows(engine)
    assert sent.provider_message_id and sent.attempts == 1
    failed = StatusUpdate(
        provider="meta",
        message_id=sent.provider_message_id,
        status=DeliveryState.FAILED,
        raw_status="failed",
        timestamp=utcnow(),
        errors=(ProviderError(code=code, title="Rate limit hit"),),
    )
    now = utcnow()
    with transaction(engine) as session:
        apply_statuses(session, [failed], now=now)
    queue(engine, OTHER, Text("deux"))
    report = run_worker(settings, engine, max_wait=1)
    assert report.sent == 0 and len(fake_graph.requests) == 1  # nothing sent into the limit
    again, waiting = rows(engine)
    assert (again.id, again.status, again.attempts) == (sent_id, OutboundStatus.QUEUED, 0)
    assert again.next_attempt_at.replace(tzinfo=now.tzinfo) >= now + timedelta(seconds=59)
    assert waiting.status == OutboundStatus.QUEUED
    limit = limit_now(engine)
    assert limit is not None and limit.code == code  # type: ignore[attr-defined]


def test_the_hold_a_failed_status_records_is_metas_wait_not_the_rows_backoff(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """A row that failed often before (its backoff now minutes) meets the limit in a status:
    every worker holds for Meta's wait, as when a send meets it, not for that row's backoff."""
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    run_worker(meta_settings(database_url, fake_graph), engine, max_wait=1)
    with transaction(engine) as session:
        [sent] = session.exec(select(OutboundMessage)).all()
        sent.attempts = 9  # its next backoff: 256 s or more
        session.add(sent)
        wamid = sent.provider_message_id
    failed = StatusUpdate(
        provider="meta",
        message_id=wamid or "",
        status=DeliveryState.FAILED,
        raw_status="failed",
        timestamp=utcnow(),
        errors=(ProviderError(code="80007", title="Rate limit hit"),),
    )
    now = utcnow()
    with transaction(engine) as session:
        apply_statuses(session, [failed], now=now)
    limit = limit_now(engine)
    assert limit is not None
    until = limit.until.replace(tzinfo=now.tzinfo)  # type: ignore[attr-defined]
    assert now + timedelta(seconds=30) <= until <= now + timedelta(seconds=61)


def test_a_send_that_started_before_the_hold_does_not_clear_it(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """Two workers: one meets the limit while the other's send, started before, is still under
    way. That send taken cleared the record the first one holds on (its start lost, so that a
    limit met minute after minute never showed as lasting): now only a send that started after
    the hold ends it."""
    import asyncio

    from bot.outbound.worker import OutboxWorker

    open_window(engine, [MANAGER, OTHER])
    queue(engine, OTHER, Text("lent"))
    fake_graph.delay_next(1, 2.0, to=OTHER)
    fake_graph.fail_next(1, 80007, to=MANAGER)
    settings = meta_settings(database_url, fake_graph, outbox_concurrency=1)

    async def both() -> None:
        slow = asyncio.create_task(
            OutboxWorker(settings, engine, worker_id="lent").run(until_idle=True, max_wait=1)
        )
        while rows(engine)[0].sending_started_at is None:  # the slow send is under way
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        assert not fake_graph.requests  # answered in 2 s
        queue(engine, MANAGER, Text("limité"))
        await OutboxWorker(settings, engine, worker_id="limité").run(until_idle=True, max_wait=1)
        assert limit_now(engine) is not None
        await slow

    asyncio.run(both())
    assert fake_graph.texts_to(OTHER) == ["lent"] and fake_graph.texts_to(MANAGER) == []
    limit = limit_now(engine)
    assert limit is not None and limit.code == "80007"  # type: ignore[attr-defined]


def test_sends_waiting_for_their_slot_wait_for_the_hold_too(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """At one send a second, the second send waits for its slot while the first meets the
    limit: it went out into the limit when its slot came; now it is held like the others."""
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    fake_graph.fail_next(1, 80007, to=MANAGER)
    settings = meta_settings(
        database_url, fake_graph, outbox_concurrency=2, outbox_rate_per_second=1.0
    )
    report = run_worker(settings, engine, max_wait=1)
    assert len(fake_graph.requests) == 1 and report.sent == 0
    refused, held = rows(engine)
    assert (held.status, held.attempts, held.sending_started_at) == (
        OutboundStatus.QUEUED,
        0,
        None,
    )


def test_a_send_taken_after_the_hold_clears_the_record(engine: Engine) -> None:
    from bot.outbound.account_limit import clear_limit

    now = utcnow()
    with transaction(engine) as session:
        note_limit(session, code="4", reason="limit", now=now, wait=60)
    with transaction(engine) as session:
        assert not clear_limit(session, sent_from=now + timedelta(seconds=30))
    assert limit_now(engine) is not None
    with transaction(engine) as session:
        assert clear_limit(session, sent_from=now + timedelta(seconds=61))
    assert limit_now(engine) is None


def test_the_account_limit_reported_by_a_webhook_error_holds_every_send(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """Meta's `value.errors` (an app- or account-level problem, no message named) with 80007
    was only kept raw: the workers went on sending into the limit."""
    from tests.bot.inbound.helpers import compact, store_body
    from tests.conftest import TEST_PHONE_NUMBER_ID as PHONE_ID

    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    error = {"code": 80007, "title": "Rate limit hit", "message": "Rate limit hit"}
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "221785550100", "phone_number_id": PHONE_ID},
        "errors": [error],
    }
    change = {"field": "messages", "value": value}
    store_body(
        engine,
        compact(
            {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [change]}]}
        ),
    )
    limit = limit_now(engine)
    assert limit is not None and limit.code == "80007"  # type: ignore[attr-defined]
    settings = meta_settings(database_url, fake_graph)
    report = run_worker(settings, engine, max_wait=1)
    assert report.sent == 0 and fake_graph.requests == []
    [waiting] = rows(engine)
    assert (waiting.status, waiting.attempts) == (OutboundStatus.QUEUED, 0)
