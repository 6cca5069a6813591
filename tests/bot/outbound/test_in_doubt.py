"""Short leases, the in-flight mark, and the sends a dead worker leaves in doubt (issue 19 §3).

A worker's heartbeat keeps its leases while it lives; the rows of a dead worker are taken back
once their short lease ends: at once when their send never started, and when it had started
(in doubt) only once a status confirms it (settled as sent, not sent again) or the grace period
after its timeout has passed. Meanwhile the recipient's later rows wait behind it.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, update

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import DeliveryStatus, OutboundMessage, OutboundStatus
from bot.errors import RetryableSendError
from bot.outbound.claims import Claim, claim_due, mark_in_flight
from bot.outbound.in_doubt import resend_at, send_tag
from bot.outbound.messages import MarkRead, OutgoingMessage, Text
from bot.outbound.worker import OutboxWorker
from bot.settings import Settings
from bot.transports.base import SendResult
from tests.bot.outbound.helpers import (
    MANAGER,
    OTHER,
    meta_settings,
    open_window,
    queue,
    rows,
    run_worker,
    until_idle,
)
from tests.conftest import make_settings
from tests.fakes.graph import FakeGraph

DIGITS = MANAGER.lstrip("+")


def claim(engine: Engine, settings: Settings, worker: str, at: datetime) -> list[Claim]:
    with engine.begin() as connection:
        return claim_due(connection, settings, worker_id=worker, now=at, limit=10).claims


def mark(engine: Engine, settings: Settings, ids: list[int], worker: str, at: datetime) -> set[int]:
    until = at + timedelta(seconds=settings.outbox_lease_seconds)
    with engine.begin() as connection:
        return mark_in_flight(connection, ids, worker_id=worker, until=until, now=at)


def store_status(
    engine: Engine,
    message_id: str,
    *,
    at: datetime,
    status: str = "sent",
    recipient: str = DIGITS,
    tag: str = "",
) -> None:
    payload: dict[str, Any] = {"id": message_id, "status": status, "recipient_id": recipient}
    if tag:
        payload["biz_opaque_callback_data"] = tag
    with transaction(engine) as session:
        session.add(
            DeliveryStatus(
                provider="meta",
                provider_message_id=message_id,
                status=status,
                recipient=recipient,
                payload=payload,
                occurred_at=at,
            )
        )


def by_body(engine: Engine) -> dict[str, OutboundMessage]:
    return {row.payload["body"]: row for row in rows(engine)}


def test_a_dead_workers_rows_never_sent_are_taken_back_when_the_short_lease_ends(
    database_url: str, engine: Engine
) -> None:
    settings = make_settings(database_url)
    assert settings.outbox_lease_seconds <= 10  # seconds, not a minute
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("un"))
    queue(engine, OTHER, Text("deux"))
    t0 = utcnow()
    assert len(claim(engine, settings, "dead", t0)) == 2  # then it dies, before any send
    lease = timedelta(seconds=settings.outbox_lease_seconds)
    assert claim(engine, settings, "next", t0 + lease - timedelta(seconds=1)) == []
    taken = claim(engine, settings, "next", t0 + lease + timedelta(seconds=0.1))
    assert sorted(c.payload["body"] for c in taken) == ["deux", "un"]
    assert all(c.started_at is None for c in taken)  # never started: sent at once


def test_a_send_in_flight_at_a_crash_waits_for_the_grace_period_and_holds_its_recipients_line(
    database_url: str, engine: Engine
) -> None:
    settings = make_settings(database_url)
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"), Text("deux"))
    t0 = utcnow()
    [first] = claim(engine, settings, "dead", t0)
    assert mark(engine, settings, [first.id], "dead", t0) == {first.id}  # then it dies
    after_lease = t0 + timedelta(seconds=settings.outbox_lease_seconds + 1)
    assert claim(engine, settings, "next", after_lease) == []  # neither "un" nor "deux"
    again = resend_at(t0, settings)
    assert again == t0 + timedelta(seconds=15 + 45)  # send timeout + grace, by default
    row = by_body(engine)["un"]
    assert row.status == OutboundStatus.QUEUED and row.next_attempt_at == again
    assert row.sending_started_at == t0
    assert claim(engine, settings, "next", again - timedelta(seconds=1)) == []
    [resent] = claim(engine, settings, "next", again + timedelta(seconds=0.1))
    assert resent.payload["body"] == "un" and resent.started_at == t0  # no status came: again
    assert claim(engine, settings, "other", again + timedelta(seconds=0.2)) == []  # "deux" waits


def test_a_mark_as_read_in_flight_at_a_crash_goes_again_at_once(
    database_url: str, engine: Engine
) -> None:
    """Marking a message read twice changes nothing: no grace period for it."""
    settings = make_settings(database_url)
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, MarkRead("wamid.IN1"), Text("un"))
    t0 = utcnow()
    [first] = claim(engine, settings, "dead", t0)
    mark(engine, settings, [first.id], "dead", t0)
    after_lease = t0 + timedelta(seconds=settings.outbox_lease_seconds + 1)
    [again] = claim(engine, settings, "next", after_lease)
    assert again.id == first.id and again.kind == "read"


def test_a_status_tagged_for_the_row_settles_it_and_frees_the_line(
    database_url: str, engine: Engine
) -> None:
    settings = make_settings(database_url)
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"), Text("deux"))
    t0 = utcnow()
    [first] = claim(engine, settings, "dead", t0)
    mark(engine, settings, [first.id], "dead", t0)
    tag = send_tag(first.id, t0)
    store_status(engine, "wamid.LOST", at=t0 + timedelta(seconds=1), tag=tag)
    store_status(engine, "wamid.LOST", at=t0 + timedelta(seconds=2), status="delivered", tag=tag)
    after_lease = t0 + timedelta(seconds=settings.outbox_lease_seconds + 1)
    assert claim(engine, settings, "next", after_lease) == []  # settled, not sent
    row = by_body(engine)["un"]
    assert row.status == OutboundStatus.DELIVERED  # its recorded statuses applied
    assert row.provider_message_id == "wamid.LOST" and row.sending_started_at is None
    assert row.locked_by is None and row.attempts == 1
    [second] = claim(engine, settings, "next", after_lease + timedelta(seconds=0.1))
    assert second.payload["body"] == "deux"  # at once, not after the grace period


def test_only_a_matching_status_settles_a_row_in_doubt(database_url: str, engine: Engine) -> None:
    """Untagged statuses (Twilio, or no echo) settle by recipient: a message id no row knows,
    timestamped after the send started. Statuses of earlier rows, tagged for another row, from
    before the send, or for another recipient never do."""
    settings = make_settings(database_url)
    open_window(engine, [MANAGER, OTHER])
    queue(engine, MANAGER, Text("zéro"))
    queue(engine, MANAGER, Text("un"))
    t0 = utcnow()
    with engine.begin() as connection:  # "zéro" went out before, its id known
        connection.execute(
            update(OutboundMessage)
            .where(OutboundMessage.payload["body"].as_string() == "zéro")  # type: ignore[index]
            .values(status=OutboundStatus.SENT.value, provider_message_id="wamid.OLD")
        )
    [first] = claim(engine, settings, "dead", t0)
    assert first.payload["body"] == "un"
    mark(engine, settings, [first.id], "dead", t0)
    later = t0 + timedelta(seconds=2)
    store_status(engine, "wamid.OLD", at=later, status="read")  # the earlier row's
    store_status(engine, "wamid.TAGGED", at=later, tag=send_tag(first.id + 1000, t0))
    store_status(engine, "wamid.EARLY", at=t0 - timedelta(minutes=5))
    store_status(engine, "wamid.ELSE", at=later, recipient=OTHER.lstrip("+"))
    store_status(engine, "wamid.FAIL", at=later, status="failed")
    after_lease = t0 + timedelta(seconds=settings.outbox_lease_seconds + 1)
    assert claim(engine, settings, "next", after_lease) == []
    assert by_body(engine)["un"].status == OutboundStatus.QUEUED  # still in doubt
    store_status(engine, "wamid.NEW", at=later)
    # Checked again when its grace period ends, before it would be sent again.
    assert claim(engine, settings, "next", resend_at(t0, settings)) == []
    row = by_body(engine)["un"]
    assert row.status == OutboundStatus.SENT and row.provider_message_id == "wamid.NEW"


class AnswerLost:
    """Meta's transport in spirit: the first send reaches the recipient (its `sent` status is
    stored, tag echoed) but its answer is lost (a timeout); every later send succeeds."""

    name = "meta"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.tags: list[str] = []

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        self.tags.append(tag)
        if len(self.tags) == 1:
            store_status(self.engine, "wamid.FIRST", at=utcnow(), tag=tag)
            raise RetryableSendError("timeout (ReadTimeout)", code="timeout")
        return SendResult(f"wamid.NEXT{len(self.tags)}")

    async def aclose(self) -> None:
        return None


def test_a_timed_out_send_that_a_status_confirms_is_not_sent_again(
    database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"), Text("deux"))
    settings = make_settings(database_url, outbox_status_grace_seconds=0.5)
    transport = AnswerLost(engine)
    run_worker(settings, engine, transport=transport)
    first, second = rows(engine)
    assert first.status == OutboundStatus.SENT and first.provider_message_id == "wamid.FIRST"
    assert second.status == OutboundStatus.SENT and second.provider_message_id == "wamid.NEXT2"
    assert len(transport.tags) == 2  # "un" once, "deux" once
    assert transport.tags[0].startswith(f"stockbot-outbox:{first.id}:")


def test_meta_sends_carry_the_tag_their_statuses_echo(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    run_worker(meta_settings(database_url, fake_graph), engine)
    [row] = rows(engine)
    [body] = fake_graph.sent_to(MANAGER)
    assert body["biz_opaque_callback_data"].startswith(f"stockbot-outbox:{row.id}:")
    assert row.status == OutboundStatus.SENT and row.sending_started_at is None


def test_the_heartbeat_keeps_a_send_longer_than_the_lease_from_other_workers(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("lent"))
    fake_graph.delay_next(1, 2.0)  # four leases long
    settings = meta_settings(
        database_url, fake_graph, outbox_lease_seconds=0.5, outbox_send_timeout_seconds=5.0
    )

    async def scenario() -> tuple[list[datetime], list[list[Claim]]]:
        worker = OutboxWorker(settings, engine)
        running = asyncio.create_task(until_idle(worker))
        leases: list[datetime] = []
        stolen: list[list[Claim]] = []
        for _ in range(40):  # bounded: 10 s
            await asyncio.sleep(0.25)
            [row] = await asyncio.to_thread(rows, engine)
            if row.sending_started_at is None and not leases:
                continue  # its send has not started yet
            if row.status != OutboundStatus.SENDING:
                break
            assert row.locked_until is not None
            leases.append(row.locked_until)
            stolen.append(await asyncio.to_thread(claim, engine, settings, "other", utcnow()))
        await running
        return leases, stolen

    leases, stolen = asyncio.run(scenario())
    assert len(leases) >= 4  # watched during the send
    assert leases[-1] - leases[0] >= timedelta(seconds=0.5)  # renewed, again and again
    assert all(taken == [] for taken in stolen)
    assert [r.body["text"]["body"] for r in fake_graph.accepted] == ["lent"]
