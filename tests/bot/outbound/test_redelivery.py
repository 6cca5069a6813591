"""A failed status is classified like a refused send, for Meta and Twilio alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import OutboundMessage, OutboundStatus
from bot.inbound.models import DeliveryState, ProviderError, StatusUpdate
from bot.inbound.statuses import apply_statuses
from bot.outbound.messages import Text, to_payload
from bot.outbound.outbox import FALLBACK_KEY, enqueue
from tests.bot.outbound.helpers import (
    ALERT_TEMPLATE,
    MANAGER,
    meta_settings,
    open_window,
    queue,
    run_worker,
)
from tests.fakes.graph import FakeGraph

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def sent_row(session: Session, provider: str, message_id: str, *, fallback: bool = False) -> int:
    payload = to_payload(Text("Rupture : riz"))
    if fallback:
        payload[FALLBACK_KEY] = to_payload(ALERT_TEMPLATE)
    row = OutboundMessage(
        recipient=MANAGER,
        kind="text",
        payload=payload,
        status=OutboundStatus.SENT,
        provider=provider,
        provider_message_id=message_id,
        attempts=1,
        sent_at=NOW - timedelta(seconds=30),
    )
    session.add(row)
    session.commit()
    assert row.id is not None
    return row.id


def failed(provider: str, message_id: str, code: str) -> StatusUpdate:
    return StatusUpdate(
        provider=provider,
        message_id=message_id,
        status=DeliveryState.FAILED,
        raw_status="undelivered" if provider == "twilio" else "failed",
        timestamp=NOW,
        errors=(ProviderError(code=code, title=f"error {code}"),),
    )


def reload(session: Session, row_id: int) -> OutboundMessage:
    session.expire_all()
    row = session.get(OutboundMessage, row_id)
    assert row is not None
    return row


@pytest.mark.parametrize(
    ("provider", "code", "at_least"),
    [
        ("meta", "130429", 0.5),  # throughput: backoff
        ("meta", "131056", 6.0),  # pair rate: this recipient, >= 6 s
        ("meta", "131000", 0.5),  # temporary
        ("twilio", "63018", 0.5),  # the docs' "retried later" (docs/migrating-from-twilio.md)
        ("twilio", "20429", 0.5),
        ("meta", "190", 0.5),  # credentials: retried, the worker pauses if it is refused again
        ("twilio", "20003", 0.5),
    ],
)
def test_rate_limits_and_temporary_failures_are_sent_again_later(
    session: Session, provider: str, code: str, at_least: float
) -> None:
    row_id = sent_row(session, provider, "MID1")
    [failure] = apply_statuses(session, [failed(provider, "MID1", code)], now=NOW)
    session.commit()
    row = reload(session, row_id)
    assert failure.code == code
    assert row.status == OutboundStatus.QUEUED and row.last_error_code == code
    assert row.next_attempt_at >= NOW + timedelta(seconds=at_least)
    assert row.provider_message_id is None  # a late status of the failed send matches nothing
    apply_statuses(session, [failed(provider, "MID1", "131026")], now=NOW)
    assert reload(session, row_id).status == OutboundStatus.QUEUED


@pytest.mark.parametrize(
    ("provider", "code"),
    [("meta", "131026"), ("meta", "368"), ("twilio", "63003"), ("twilio", "30008")],
)
def test_permanent_failures_stay_failed_with_the_reason(
    session: Session, provider: str, code: str
) -> None:
    row_id = sent_row(session, provider, "MID2")
    apply_statuses(session, [failed(provider, "MID2", code)], now=NOW)
    session.commit()
    row = reload(session, row_id)
    assert (row.status, row.last_error_code, row.last_error_text) == (
        OutboundStatus.FAILED,
        code,
        f"error {code}",
    )


@pytest.mark.parametrize(("provider", "code"), [("meta", "131047"), ("twilio", "63016")])
def test_outside_the_window_the_template_is_queued(
    session: Session, provider: str, code: str
) -> None:
    row_id = sent_row(session, provider, "MID3", fallback=True)
    apply_statuses(session, [failed(provider, "MID3", code)], now=NOW)
    session.commit()
    row = reload(session, row_id)
    assert (row.status, row.kind, row.provider_message_id) == (
        OutboundStatus.QUEUED,
        "template",
        None,
    )


def test_a_failed_part_fails_the_later_parts_of_its_text(session: Session) -> None:
    rows = enqueue(session, MANAGER, ("Riz brisé 50kg : 3 sacs.\n" * 400).strip(), now=NOW)
    assert len(rows) == 3
    first = rows[0]
    first.status, first.provider_message_id = OutboundStatus.SENT, "MID4"
    session.commit()
    apply_statuses(session, [failed("meta", "MID4", "131026")], now=NOW)
    session.commit()
    later = [reload(session, row.id) for row in rows[1:] if row.id is not None]
    assert [row.status for row in later] == [OutboundStatus.FAILED] * 2
    assert (later[0].last_error_text or "").startswith("partie précédente en échec")


def test_a_part_queued_again_takes_the_later_parts_that_went_out_with_it(session: Session) -> None:
    rows = enqueue(session, MANAGER, ("Riz brisé 50kg : 3 sacs.\n" * 600).strip(), now=NOW)
    assert len(rows) == 4
    first, second, third, fourth = rows
    for row, mid, status in [
        (first, "MID5", OutboundStatus.SENT),
        (second, "MID6", OutboundStatus.DELIVERED),
        (third, None, OutboundStatus.SENDING),  # in a worker's hands
    ]:
        row.status, row.provider_message_id = status, mid
    third.locked_by = "worker-1"
    second.delivered_at = NOW
    session.commit()
    apply_statuses(session, [failed("meta", "MID5", "131000")], now=NOW)
    session.commit()
    again = [reload(session, row.id) for row in rows if row.id is not None]
    assert [row.status for row in again] == [OutboundStatus.QUEUED] * 4
    assert again[1].provider_message_id is None and again[1].delivered_at is None
    assert again[2].locked_by is None  # its worker's outcome no longer applies to it


def test_a_text_whose_first_part_is_sent_again_arrives_whole_and_in_order(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    long_text = ("Riz brisé 50kg : 3 sacs.\n" * 400).strip()  # 3 parts
    queue(engine, MANAGER, long_text)
    settings = meta_settings(database_url, fake_graph)
    run_worker(settings, engine)
    parts = fake_graph.texts_to(MANAGER)
    assert len(parts) == 3
    # Meta then reports the first part failed with a temporary error: it goes again.
    with Session(engine) as session:
        apply_statuses(
            session, [failed("meta", fake_graph.accepted[0].wamid, "131000")], now=utcnow()
        )
        session.commit()
    with transaction(engine) as session:  # due now rather than after the backoff
        for row in session.exec(select(OutboundMessage)):
            row.next_attempt_at = utcnow()
    run_worker(settings, engine)
    received = fake_graph.texts_to(MANAGER)
    assert received[3:] == parts  # the text again, whole, in order, after the earlier parts
