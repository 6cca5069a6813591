"""The fate of a row for each kind of error, end to end: worker, Meta transport, fake Graph."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, Engine

from bot.db.engine import transaction
from bot.db.models import OutboundMessage, OutboundStatus
from bot.outbound import outcomes as outcomes_module
from bot.outbound.messages import Text
from bot.outbound.outcomes import Done, Outcome
from bot.outbound.service import AlertService
from bot.outbound.worker import OutboxWorker, WorkerReport
from tests.bot.outbound.helpers import (
    CLAIM_SQL,
    CUT_SQL,
    HANG_GUARD_SECONDS,
    MANAGER,
    OTHER,
    PAUSE_SQL,
    SENT_SQL,
    failing,
    meta_settings,
    open_window,
    queue,
    rate_rows,
    rows,
    run_worker,
    until_idle,
)
from tests.fakes.graph import FakeGraph


@pytest.mark.parametrize("code", [100, 131026, 132001, 132015, 132016])
def test_a_permanent_error_fails_that_row_and_the_rest_goes(
    fake_graph: FakeGraph, database_url: str, engine: Engine, code: int
) -> None:
    """132015/132016 (template paused or disabled) included: they no longer pause everything."""
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"), Text("deux"))
    queue(engine, OTHER, Text("trois"))
    fake_graph.fail_next(1, code, to=MANAGER)
    report = run_worker(meta_settings(database_url, fake_graph), engine)
    first, second, third = rows(engine)
    assert (first.status, first.last_error_code) == (OutboundStatus.FAILED, str(code))
    assert first.last_error_text
    assert second.status == third.status == OutboundStatus.SENT
    assert report.paused == ""


@pytest.mark.parametrize(("code", "status"), [(190, None), (0, None), (3, 500), (131005, 403)])
def test_a_credentials_error_pauses_sending_and_keeps_its_code_on_the_rows(
    fake_graph: FakeGraph, database_url: str, engine: Engine, code: int, status: int | None
) -> None:
    """Graph's AuthException is code 0: a falsy code is still a code, on the rows, in the
    report and in the metrics' labels."""
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    fake_graph.fail_next(1, code, status=status)
    settings = meta_settings(database_url, fake_graph)
    report = run_worker(settings, engine, max_wait=1)
    [row] = rows(engine)
    assert report.paused.startswith(f"{code}:")
    assert AlertService(settings, engine).get_status().paused
    assert (row.status, row.last_error_code, row.attempts) == (OutboundStatus.QUEUED, str(code), 0)
    assert set(report.errors) == {str(code)}


@pytest.mark.parametrize("code", [368, 131031])
def test_a_policy_block_fails_the_row_and_pauses_all_sending(
    fake_graph: FakeGraph, database_url: str, engine: Engine, code: int
) -> None:
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"), Text("trois"))
    fake_graph.fail_next(1, code, to=MANAGER)
    settings = meta_settings(database_url, fake_graph, outbox_concurrency=1)
    report = run_worker(settings, engine)
    blocked, *others = rows(engine)
    assert (blocked.status, blocked.last_error_code) == (OutboundStatus.FAILED, str(code))
    assert report.paused.startswith(str(code))
    assert AlertService(settings, engine).get_status().paused
    # The rest waits, queued, for the pause to be lifted (one sender: nothing else went out).
    assert [r.status for r in others] == [OutboundStatus.QUEUED] * 2
    assert len(fake_graph.requests) == 1


def test_pair_rate_error_retries_that_recipient_six_seconds_later(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    fake_graph.fail_next(1, 131056)
    report = run_worker(meta_settings(database_url, fake_graph), engine, max_wait=1)
    [row] = rows(engine)
    assert row.status == OutboundStatus.QUEUED and row.last_error_code == "131056"
    assert report.left == 1
    refused_at = fake_graph.requests[0].time
    assert row.next_attempt_at.timestamp() - refused_at >= 5.9


def test_a_timed_out_send_is_retried(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("Bonjour"))
    fake_graph.delay_next(1, 1.0)
    settings = meta_settings(
        database_url,
        fake_graph,
        outbox_send_timeout_seconds=0.3,
        outbox_status_grace_seconds=0.5,  # no status webhook comes here
    )
    report = run_worker(settings, engine)
    [row] = rows(engine)
    assert row.status == OutboundStatus.SENT and row.attempts == 2
    assert row.last_error_code == "timeout" and report.retried == 1
    assert row.sending_started_at is None
    # The first send went out but its answer was lost (the fake Graph records it once it has
    # answered, a second after it came): Meta has no idempotency key, and no status confirmed
    # it within the grace period.
    deadline = time.monotonic() + 3
    while len(fake_graph.accepted) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert fake_graph.texts_to(MANAGER) == ["Bonjour", "Bonjour"]


def test_throughput_error_slows_every_send_of_the_number(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    fake_graph.fail_next(1, 130429, to=MANAGER)
    settings = meta_settings(database_url, fake_graph, outbox_concurrency=1)
    run_worker(settings, engine)
    [refused] = [r for r in fake_graph.requests if r.status == 429]
    assert len(fake_graph.accepted) == 2
    assert all(r.status == OutboundStatus.SENT for r in rows(engine))
    # The cut is the number's, in the database, for every worker: below the ceiling, from then.
    [rate] = rate_rows(engine)
    assert 0 < rate.rate < settings.outbox_rate_per_second
    assert rate.cut_at >= refused.time - 1


def test_pair_rate_error_slows_that_recipient_only(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    fake_graph.fail_next(1, 131056, to=MANAGER)
    run_worker(meta_settings(database_url, fake_graph), engine, max_wait=1)
    assert fake_graph.texts_to(OTHER) == ["deux"]
    [rate] = rate_rows(engine)
    assert (rate.rate, rate.cut_at) == (0.0, 0.0)  # never cut: the number's rate is untouched


def test_the_pause_is_logged_loudly_once(
    fake_graph: FakeGraph, database_url: str, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    recipients = [f"+2217700000{i:02d}" for i in range(6)]
    open_window(engine, recipients)
    for recipient in recipients:
        queue(engine, recipient, Text("Bonjour"))
    stale = meta_settings(
        database_url, fake_graph, whatsapp_api_token="EAAstale-token-1234", outbox_concurrency=6
    )
    fake_graph.latency = 0.05  # several sends meet the 190 at once
    with caplog.at_level(logging.INFO):
        run_worker(stale, engine)
        run_worker(stale, engine)  # a second worker finds the pause
    assert len([r for r in fake_graph.requests if r.status == 401]) >= 2
    critical = [r for r in caplog.records if r.levelno == logging.CRITICAL]
    assert len(critical) == 1 and "OUTBOX PAUSED" in critical[0].getMessage()
    noticed = [r for r in caplog.records if "sending paused since" in r.getMessage()]
    assert len(noticed) == 1
    assert "EAAstale" not in caplog.text  # the token never shows


def test_a_row_out_of_attempts_fails_at_its_claim(database_url: str, engine: Engine) -> None:
    """A delivery failure may queue a row again after its last attempt: the claim ends it."""
    open_window(engine, [MANAGER])
    [row_id] = queue(engine, MANAGER, Text("Bonjour"))
    with transaction(engine) as session:
        row = session.get(OutboundMessage, row_id)
        assert row is not None
        row.attempts, row.last_error_text = 3, "(#131000) Something went wrong"
        row.next_attempt_at -= timedelta(seconds=1)
    from tests.conftest import make_settings

    report = run_worker(make_settings(database_url, outbox_max_attempts=3), engine)
    [row] = rows(engine)
    assert row.status == OutboundStatus.FAILED and report.failed == 1
    assert row.last_error_text == "abandonné après 3 essais : (#131000) Something went wrong"


def test_a_send_refused_for_throughput_goes_again_from_its_sender_with_no_retry_written(
    fake_graph: FakeGraph, database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the refused row's sender waits (for a slot of the slower rate): no retry is written
    and claimed again 0.5-1 s later, the other rows go on."""
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    fake_graph.fail_next(2, 130429, to=MANAGER)
    written: list[Outcome] = []
    record = outcomes_module.record_outcomes

    def spy(connection: Connection, outcomes: list[Outcome], **kwargs: Any) -> None:
        written.extend(outcomes)
        record(connection, outcomes, **kwargs)

    monkeypatch.setattr("bot.outbound.worker.record_outcomes", spy)
    settings = meta_settings(database_url, fake_graph, outbox_concurrency=2)
    report = run_worker(settings, engine)
    to_manager = [r.status for r in fake_graph.requests if r.to == MANAGER.lstrip("+")]
    assert to_manager == [429, 429, 200]
    assert fake_graph.texts_to(OTHER) == ["deux"]
    assert report.sent == 2 and report.retried == 2
    assert {o.id for o in written} == {r.id for r in rows(engine)}
    assert all(isinstance(o, Done) for o in written)
    assert all(r.status == OutboundStatus.SENT and r.attempts == 1 for r in rows(engine))


def test_a_stop_while_the_provider_keeps_refusing_puts_the_row_back(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """The sender sending a refused row again stops with the worker: the row goes back to the
    queue, unmarked (never sent), its attempts untouched; nothing waits for a send timeout."""
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    fake_graph.refuse_share(1.0)
    worker = OutboxWorker(meta_settings(database_url, fake_graph), engine)

    async def scenario() -> WorkerReport:
        running = asyncio.create_task(worker.run())
        while len(fake_graph.requests) < 3:
            await asyncio.sleep(0.01)
        worker.stop()
        return await running

    report = asyncio.run(asyncio.wait_for(scenario(), HANG_GUARD_SECONDS))
    [row] = rows(engine)
    assert report.sent == 0 and report.retried >= 3
    assert fake_graph.accepted == []
    assert row.status == OutboundStatus.QUEUED and row.attempts == 0
    assert row.locked_by is None and row.sending_started_at is None


def test_a_throughput_error_while_the_database_is_down_leaves_no_row_behind(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """The 130429's cut cannot reach the database: the sender goes on (slower), the row is
    retried."""
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    fake_graph.fail_next(1, 130429, to=MANAGER)
    settings = meta_settings(database_url, fake_graph, outbox_concurrency=1)
    with failing(engine, CUT_SQL) as faults:
        report = run_worker(settings, engine)
    assert faults.failed == 1
    assert sorted(fake_graph.texts_to(MANAGER) + fake_graph.texts_to(OTHER)) == ["deux", "un"]
    assert report.sent == 2 and report.retried == 1
    assert all(r.status == OutboundStatus.SENT and r.locked_by is None for r in rows(engine))


def test_a_stored_payload_that_cannot_be_read_fails_its_row_and_the_rest_goes(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER, OTHER])
    [broken] = queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    with transaction(engine) as session:  # written by hand, or by an older version
        row = session.get(OutboundMessage, broken)
        assert row is not None
        row.payload = ["pas", "un", "objet"]  # type: ignore[assignment]
    report = run_worker(meta_settings(database_url, fake_graph, outbox_concurrency=1), engine)
    first, second = rows(engine)
    assert (first.status, first.last_error_code) == (OutboundStatus.FAILED, "invalid")
    assert second.status == OutboundStatus.SENT and report.sent == 1
    assert fake_graph.texts_to(OTHER) == ["deux"]


def test_outcomes_whose_write_fails_are_kept_and_written_later_never_sent_again(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """The database refuses the writes for a few seconds, longer than the 1-second lease: the
    rows stay leased (renewed) with their outcome kept, and no worker sends them again."""
    recipients = [f"+2217763{i:05d}" for i in range(10)]
    open_window(engine, recipients)
    for recipient in recipients:
        queue(engine, recipient, Text(f"msg {recipient[-5:]}"))
    settings = meta_settings(
        database_url, fake_graph, outbox_lease_seconds=1.0, outbox_send_timeout_seconds=0.4
    )

    async def two_workers() -> list[WorkerReport]:
        workers = [OutboxWorker(settings, engine) for _ in range(2)]
        return await asyncio.gather(*(until_idle(w, max_wait=5) for w in workers))

    with failing(engine, SENT_SQL, times=5) as faults:  # 0.1 + 0.2 + 0.4 + 0.8 + 1.6 s
        reports = asyncio.run(two_workers())
    assert faults.failed == 5
    sent = Counter(r.body["text"]["body"] for r in fake_graph.accepted)
    assert sorted(sent.values()) == [1] * 10
    assert sum(r.sent for r in reports) == 10
    assert all(r.status == OutboundStatus.SENT for r in rows(engine))


def test_a_pause_whose_write_fails_is_written_later(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    stale = meta_settings(database_url, fake_graph, whatsapp_api_token="expired-token")
    with failing(engine, PAUSE_SQL) as faults:
        report = run_worker(stale, engine)
    assert faults.failed == 1
    assert report.paused.startswith("190")
    assert AlertService(stale, engine).get_status().paused
    [row] = rows(engine)
    assert row.status == OutboundStatus.QUEUED and row.locked_by is None


def test_a_row_retried_much_later_holds_its_recipient_back_without_busy_polling(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """The first of two texts gets 131048 (spam rate: again in 10 minutes): the second waits
    behind it, so nothing is due within max_wait and the run ends, having claimed twice."""
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"), Text("deux"))
    fake_graph.fail_next(1, 131048, to=MANAGER)
    with failing(engine, CLAIM_SQL, times=0) as claims:
        report = run_worker(meta_settings(database_url, fake_graph), engine, max_wait=1)
    assert report.left == 2 and report.retried == 1
    assert claims.seen <= 3  # the claim that took "un", then one that found nothing due
    first, second = rows(engine)
    assert first.status == second.status == OutboundStatus.QUEUED
    assert fake_graph.accepted == []
