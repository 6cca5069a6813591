"""The worker end to end against the fake Graph API: retries, window, pause, order, rates."""

from __future__ import annotations

import asyncio
import re
from collections import Counter

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.db.engine import transaction
from bot.db.models import OutboundStatus
from bot.outbound import worker as worker_module
from bot.outbound.budget import SendBudget
from bot.outbound.claims import ClaimBatch, claim_due
from bot.outbound.messages import OutgoingMessage, Text
from bot.outbound.outbox import enqueue
from bot.outbound.pause import current_pause, pause_for
from bot.outbound.policy import NO_TEMPLATE
from bot.outbound.service import AlertService
from bot.outbound.worker import OutboxWorker
from bot.transports.base import SendResult
from tests.bot.outbound.helpers import (
    ALERT_TEMPLATE,
    HANG_GUARD_SECONDS,
    MANAGER,
    OTHER,
    hours_ago,
    meta_settings,
    open_window,
    queue,
    rows,
    run_worker,
)
from tests.conftest import make_settings
from tests.fakes.graph import FakeGraph
from tests.statements import executed


def test_sends_and_stores_the_provider_id(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("Bonjour"))
    report = run_worker(meta_settings(database_url, fake_graph), engine)
    assert report.sent == 1
    assert fake_graph.texts_to(MANAGER) == ["Bonjour"]
    [row] = rows(engine)
    assert row.status == OutboundStatus.SENT
    assert row.provider == "meta"
    assert row.provider_message_id == fake_graph.accepted[0].wamid
    assert row.sent_at is not None and row.attempts == 1


def test_retry_after_throughput_error(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("Stock riz ?"))
    fake_graph.fail_next(2, 130429)
    report = run_worker(meta_settings(database_url, fake_graph), engine)
    assert [r.status for r in fake_graph.requests] == [429, 429, 200]
    assert fake_graph.texts_to(MANAGER) == ["Stock riz ?"]
    assert report.retried == 2 and report.sent == 1
    [row] = rows(engine)
    # The number's throughput, not the row: the refusals are not its attempts (never given up),
    # and its sender sent it again at once (no retry written, no claim again).
    assert row.status == OutboundStatus.SENT and row.attempts == 1


def test_gives_up_after_max_attempts_with_the_reason(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("Bonjour"))
    fake_graph.fail_next(5, 131000)
    run_worker(meta_settings(database_url, fake_graph, outbox_max_attempts=2), engine)
    [row] = rows(engine)
    assert row.status == OutboundStatus.FAILED
    assert row.attempts == 2
    assert row.last_error_code == "131000"
    assert (row.last_error_text or "").startswith("abandonné après 2 essais : (#131000)")


def test_outside_window_sends_the_fallback_template(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER], at=hours_ago(30))
    queue(engine, MANAGER, Text("Rupture : riz"), fallback=ALERT_TEMPLATE)
    queue(engine, OTHER, Text("Rupture : huile"))  # no contact, no template
    run_worker(meta_settings(database_url, fake_graph), engine)
    assert fake_graph.texts_to(MANAGER) == ["<template:alerte_rupture_stock>"]
    assert fake_graph.texts_to(OTHER) == []
    first, second = rows(engine)
    assert first.kind == "template" and first.status == OutboundStatus.SENT
    assert first.payload["_replaced"]["payload"]["body"] == "Rupture : riz"
    assert second.status == OutboundStatus.FAILED
    assert second.last_error_text == NO_TEMPLATE


def test_131047_from_meta_switches_to_the_template(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])  # our clock says open, Meta says closed
    queue(engine, MANAGER, Text("Rupture : riz"), fallback=ALERT_TEMPLATE)
    fake_graph.fail_next(1, 131047)
    run_worker(meta_settings(database_url, fake_graph), engine)
    bodies = [r.body for r in fake_graph.requests]
    assert [b["type"] for b in bodies] == ["text", "template"]
    assert fake_graph.accepted[0].body["template"]["components"][0]["parameters"][1] == {
        "type": "text",
        "text": "Riz (3)",
    }
    [row] = rows(engine)
    assert row.status == OutboundStatus.SENT and row.kind == "template"


def test_invalid_token_pauses_everything_until_the_token_changes(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"), Text("deux"))
    queue(engine, OTHER, Text("trois"))
    stale = meta_settings(database_url, fake_graph, whatsapp_api_token="expired-token")
    report = run_worker(stale, engine)
    assert report.paused.startswith("190")
    assert fake_graph.accepted == []
    assert len(fake_graph.requests) <= 2  # at most the sends already in flight
    assert {r.status for r in rows(engine)} == {OutboundStatus.QUEUED}
    status = AlertService(stale, engine).get_status()
    assert status.paused and status.pause_reason.startswith("190")
    # Same token again: still paused, nothing sent.
    assert run_worker(stale, engine).paused
    assert fake_graph.accepted == []
    # A new token deployed: the pause lifts by itself and everything goes, in order.
    report = run_worker(meta_settings(database_url, fake_graph), engine)
    assert report.paused == "" and report.sent == 3
    assert fake_graph.texts_to(MANAGER) == ["un", "deux"]
    with Session(engine) as session:  # lifted; the stale token is remembered as refused
        assert current_pause(session) is None
        assert pause_for(session, stale) is not None


def test_order_per_recipient_is_kept_under_retries(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER, OTHER])
    long_text = ("Riz brisé 50kg : 3 sacs.\n" * 200).strip()  # 5,000 characters: 2 parts
    ids = queue(engine, MANAGER, long_text, Text("fin"))
    assert len(ids) == 3
    queue(engine, OTHER, Text("a"), Text("b"), Text("c"))
    fake_graph.fail_next(2, 130429, to=MANAGER)
    fake_graph.fail_next(1, None, to=OTHER, status=502)
    fake_graph.delay_next(1, 0.3, to=MANAGER)
    run_worker(meta_settings(database_url, fake_graph), engine)
    to_manager = fake_graph.texts_to(MANAGER)
    assert len(to_manager) == 3 and to_manager[2] == "fin"
    assert "\n".join(to_manager[:2]).split() == long_text.split()
    assert fake_graph.texts_to(OTHER) == ["a", "b", "c"]
    assert all(r.status == OutboundStatus.SENT for r in rows(engine))


def test_pair_rate_spaces_sends_to_one_recipient_after_the_burst(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, *[Text(f"m{i}") for i in range(5)])
    settings = meta_settings(
        database_url, fake_graph, outbox_pair_interval_seconds=0.5, outbox_pair_burst=2
    )
    run_worker(settings, engine)
    times = [r.time for r in fake_graph.accepted]
    assert fake_graph.texts_to(MANAGER) == [f"m{i}" for i in range(5)]
    # Two at once (the burst), then one per interval: never three within one interval (the
    # bucket refills while the burst's second send waits, so the gap right after the burst is
    # shorter than the interval by as much as the burst was spread).
    assert times[1] - times[0] < 0.4
    for earlier, later in zip(times, times[2:], strict=False):
        assert later - earlier >= 0.45


def test_global_rate_is_never_exceeded(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    recipients = [f"+2217712{i:05d}" for i in range(90)]
    open_window(engine, recipients)
    with transaction(engine) as session:
        service = AlertService(meta_settings(database_url, fake_graph), engine)
        service.send_alert_notifications(session, recipients, "Alerte stock")
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=30)
    report = run_worker(settings, engine)
    assert report.sent == 90
    times = sorted(r.time for r in fake_graph.accepted)
    # The most sends seen by the server in any one-second window (sliding, from each send).
    busiest = max(sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times))
    assert busiest <= 30
    assert times[-1] - times[0] >= 2.0  # 90 at 30/s cannot take less than ~3 s


def test_permanent_error_fails_only_that_message(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"), Text("deux"))
    fake_graph.fail_next(1, 131026)
    run_worker(meta_settings(database_url, fake_graph), engine)
    first, second = rows(engine)
    assert first.status == OutboundStatus.FAILED and first.last_error_code == "131026"
    assert second.status == OutboundStatus.SENT
    assert fake_graph.texts_to(MANAGER) == ["deux"]


def test_rows_older_than_the_max_age_fail_with_the_reason(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    from bot.outbound.outbox import enqueue

    with transaction(engine) as session:
        enqueue(session, MANAGER, Text("vieux"), now=hours_ago(30))
    run_worker(meta_settings(database_url, fake_graph), engine)
    [row] = rows(engine)
    assert row.status == OutboundStatus.FAILED
    assert row.last_error_text == "expiré : pas envoyé dans les 24 h"
    assert fake_graph.requests == []


@pytest.mark.parametrize("provider", ["sandbox"])
def test_sandbox_marks_rows_sent_and_sends_nothing(
    fake_graph: FakeGraph, database_url: str, engine: Engine, provider: str
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("Bonjour"))
    report = run_worker(make_settings(database_url, whatsapp_provider=provider), engine)
    [row] = rows(engine)
    assert report.sent == 1 and row.status == OutboundStatus.SENT
    assert (row.provider_message_id or "").startswith("sandbox-")
    assert fake_graph.requests == []
    assert Counter(r.status for r in rows(engine)) == {"sent": 1}


def test_a_row_is_marked_in_flight_before_its_send_waits_for_its_slot(
    fake_graph: FakeGraph, database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mark's commit is not part of the time a send holds a place in the receiver window
    (at 1,000/s, each millisecond there costs a send a second)."""
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    marked_while_waiting: list[bool] = []
    acquire = SendBudget.acquire

    async def spy(budget: SendBudget) -> None:
        marked_while_waiting.extend(r.sending_started_at is not None for r in rows(engine))
        await acquire(budget)

    monkeypatch.setattr(SendBudget, "acquire", spy)
    run_worker(meta_settings(database_url, fake_graph), engine)
    assert marked_while_waiting == [True]
    [row] = rows(engine)
    assert row.status == OutboundStatus.SENT and row.sending_started_at is None


def test_a_stop_while_a_marked_row_waits_for_its_slot_puts_it_back_unmarked(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """Never sent: back in the queue for the next worker at once, not in doubt."""
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=0.5)
    worker = OutboxWorker(settings, engine)

    def waiting_marked() -> bool:
        states = {r.status: r.sending_started_at for r in rows(engine)}
        return states.get(OutboundStatus.SENT, 0) is None and OutboundStatus.SENDING in states

    async def scenario() -> None:
        running = asyncio.create_task(worker.run())
        while not waiting_marked():  # one sent, the other marked, its slot 2 s away
            await asyncio.sleep(0.01)
        worker.stop()
        await running

    asyncio.run(asyncio.wait_for(scenario(), HANG_GUARD_SECONDS))
    assert len(fake_graph.accepted) == 1
    unsent = [r for r in rows(engine) if r.status != OutboundStatus.SENT]
    assert [(r.status, r.sending_started_at, r.locked_by) for r in unsent] == [
        (OutboundStatus.QUEUED, None, None)
    ]


_MARK_SQL = re.compile(r"UPDATE outbound_message SET locked_until=[^,]+, sending_started_at=")


def test_with_a_backlog_the_marks_of_sends_about_to_start_share_a_transaction(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    """Each sender asks for its mark as it comes free: while a backlog waits for its slots,
    those marks are gathered (one transaction for several), and every row still goes once."""
    recipients = [f"+2217712{i:05d}" for i in range(60)]
    open_window(engine, recipients)
    for phone in recipients:
        queue(engine, phone, Text("Alerte stock"))
    settings = meta_settings(database_url, fake_graph, outbox_rate_per_second=200)
    with executed(engine) as statements:
        report = run_worker(settings, engine)
    assert report.sent == 60
    assert sorted(r.to for r in fake_graph.accepted) == sorted(p.lstrip("+") for p in recipients)
    marks = sum(1 for e in statements if _MARK_SQL.match(e.text))
    assert marks <= 20, marks


def test_a_backlog_is_claimed_a_small_batch_first_then_more_at_a_time(
    fake_graph: FakeGraph, database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first send does not wait for a claim of the whole batch: 0.1 s of sends first, then
    twice as many each time a claim comes back full, up to the batch; every row goes once."""
    recipients = [f"+2217712{i:05d}" for i in range(700)]
    open_window(engine, recipients)
    with transaction(engine) as session:
        for phone in recipients:
            enqueue(session, phone, Text("Alerte stock"))
    limits: list[int] = []

    def spy(*args: object, limit: int, **kwargs: object) -> ClaimBatch:
        limits.append(limit)
        return claim_due(*args, limit=limit, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(worker_module, "claim_due", spy)
    settings = meta_settings(
        database_url, fake_graph, outbox_rate_per_second=1000, outbox_batch_size=1000
    )
    report = run_worker(settings, engine)
    assert report.sent == 700
    assert sorted(r.to for r in fake_graph.accepted) == sorted(p.lstrip("+") for p in recipients)
    assert limits[:2] == [100, 200]


class SlowFor:
    """A transport answering at once, but `slow` recipients' sends a moment later."""

    name = "meta"

    def __init__(self, slow: str) -> None:
        self.slow = slow
        self.sent: list[str] = []

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        if recipient == self.slow:
            await asyncio.sleep(0.05)
        self.sent.append(recipient)
        return SendResult(f"wamid.{len(self.sent)}", recipient.lstrip("+"))

    async def aclose(self) -> None:
        return None


def test_outcomes_are_written_once_every_row_held_has_its_own(
    database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer gathers outcomes while other sends are under way, not once the last one is
    in: the next part of a reply waits for its previous part's outcome (here the gathering is
    made 30 s long: the parts go at once, or the run outlasts its bound)."""
    monkeypatch.setattr(worker_module, "FLUSH_DELAY_SECONDS", 30.0)
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"), Text("deux"))
    queue(engine, OTHER, Text("trois"))
    transport = SlowFor(OTHER)
    worker = OutboxWorker(make_settings(database_url), engine, transport)
    report = asyncio.run(asyncio.wait_for(worker.run(until_idle=True, max_wait=5), 10))
    assert report.sent == 3
    assert transport.sent == [MANAGER, OTHER, MANAGER]
