"""The fate of a row for each kind of error, end to end: worker, Meta transport, fake Graph."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from bot.db.models import OutboundStatus
from bot.outbound.messages import Text
from bot.outbound.service import AlertService
from tests.bot.outbound.helpers import (
    MANAGER,
    OTHER,
    meta_settings,
    open_window,
    queue,
    rows,
    run_worker,
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
    settings = meta_settings(database_url, fake_graph, outbox_send_timeout_seconds=0.3)
    report = run_worker(settings, engine)
    [row] = rows(engine)
    assert row.status == OutboundStatus.SENT and row.attempts == 2
    assert row.last_error_code == "timeout" and report.retried == 1
    # The first send went out but its answer was lost (the fake Graph records it once it has
    # answered, a second after it came): Meta has no idempotency key.
    deadline = time.monotonic() + 3
    while len(fake_graph.accepted) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert fake_graph.texts_to(MANAGER) == ["Bonjour", "Bonjour"]


def test_throughput_error_holds_every_send_of_the_number(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    fake_graph.fail_next(1, 130429, to=MANAGER)
    run_worker(meta_settings(database_url, fake_graph, outbox_concurrency=1), engine)
    [refused] = [r for r in fake_graph.requests if r.status == 429]
    later = [r.time for r in fake_graph.accepted]
    assert len(later) == 2
    assert min(later) - refused.time >= 0.95  # held a second, for the other recipient too
    assert all(r.status == OutboundStatus.SENT for r in rows(engine))


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
    from bot.db.engine import transaction
    from bot.db.models import OutboundMessage

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
