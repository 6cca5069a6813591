"""Delivery statuses applied to the outbox: forward only, failures recorded, alert flag set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.db.models import Alert, DeliveryStatus, OutboundMessage, Product, Store
from bot.inbound.models import DeliveryState, ProviderError, StatusUpdate
from bot.inbound.statuses import apply_recorded_statuses, apply_statuses
from bot.outbound.messages import Template, to_payload
from bot.outbound.outbox import ALERTS_KEY, enqueue_many, fallback_payload

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
WAMID = "wamid.OUT1"


def status(state: str, minute: int = 0, *, code: str = "", message_id: str = WAMID) -> StatusUpdate:
    errors = (ProviderError(code=code, title=f"error {code}"),) if code else ()
    return StatusUpdate(
        provider="meta",
        message_id=message_id,
        status=DeliveryState(state),
        raw_status=state,
        timestamp=NOW + timedelta(minutes=minute),
        errors=errors,
    )


def outbound(
    session: Session, status: str = "sending", alert_id: int | None = None
) -> OutboundMessage:
    row = OutboundMessage(
        recipient="+221771234567",
        kind="text",
        status=status,
        provider="meta",
        provider_message_id=WAMID,
        alert_id=alert_id,
    )
    session.add(row)
    session.commit()
    return row


def reload(session: Session, row: OutboundMessage) -> OutboundMessage:
    session.expire_all()
    fresh = session.get(OutboundMessage, row.id)
    assert fresh is not None
    return fresh


@pytest.mark.parametrize(
    ("sequence", "final"),
    [
        (["sent", "delivered", "read"], "read"),
        (["read", "delivered"], "read"),
        (["read", "sent"], "read"),
        (["delivered", "sent"], "delivered"),
        (["sent", "failed"], "failed"),
        (["delivered", "failed"], "delivered"),
        (["read", "failed"], "read"),
        (["failed", "sent"], "failed"),
        (["failed", "delivered"], "delivered"),
    ],
)
def test_a_status_never_moves_backwards(session: Session, sequence: list[str], final: str) -> None:
    row = outbound(session)
    for minute, state in enumerate(sequence):
        apply_statuses(
            session, [status(state, minute, code="131026" * (state == "failed"))], now=NOW
        )
        session.commit()
    assert reload(session, row).status == final


def test_each_status_fills_its_own_time_once(session: Session) -> None:
    row = outbound(session)
    apply_statuses(session, [status("read", 5), status("delivered", 3), status("sent", 1)], now=NOW)
    apply_statuses(session, [status("delivered", 9)], now=NOW)  # a duplicate, later
    session.commit()
    row = reload(session, row)
    assert (row.sent_at, row.delivered_at, row.read_at) == (
        NOW + timedelta(minutes=1),
        NOW + timedelta(minutes=3),
        NOW + timedelta(minutes=5),
    )


def test_failed_records_the_code_and_returns_the_failure(session: Session) -> None:
    row = outbound(session, status="sent")
    [failure] = apply_statuses(session, [status("failed", code="131047")], now=NOW)
    session.commit()
    row = reload(session, row)
    assert (row.status, row.last_error_code, row.last_error_text) == (
        "failed",
        "131047",
        "error 131047",
    )
    assert (failure.outbound_id, failure.code, failure.recipient) == (
        row.id,
        "131047",
        row.recipient,
    )
    # The same failure again changes nothing and is not reported twice.
    assert apply_statuses(session, [status("failed", code="131047")], now=NOW) == []


def test_a_failure_after_delivery_is_not_recorded(session: Session) -> None:
    row = outbound(session, status="delivered")
    assert apply_statuses(session, [status("failed", code="131026")], now=NOW) == []
    session.commit()
    row = reload(session, row)
    assert (row.status, row.last_error_code) == ("delivered", None)


def _alert(session: Session) -> Alert:
    store = Store(code="s1", name="S1")
    session.add(store)
    session.flush()
    product = Product(store_id=store.id, sku="RIZ", name="Riz")  # type: ignore[arg-type]
    session.add(product)
    session.flush()
    alert = Alert(product_id=product.id, level="low")  # type: ignore[arg-type]
    session.add(alert)
    session.commit()
    return alert


@pytest.mark.parametrize(("state", "flag"), [("sent", True), ("read", True), ("failed", False)])
def test_sent_or_later_sets_the_alert_flag(session: Session, state: str, flag: bool) -> None:
    alert = _alert(session)
    outbound(session, alert_id=alert.id)
    apply_statuses(session, [status(state, code="131026" * (state == "failed"))], now=NOW)
    session.commit()
    session.expire_all()
    fresh = session.get(Alert, alert.id)
    assert fresh is not None and fresh.sent_whatsapp is flag


def test_a_grouped_message_sets_the_flag_of_every_alert_it_lists(session: Session) -> None:
    """An import that opens several alerts tells each manager of them in one message."""
    first = _alert(session)
    second = Alert(product_id=first.product_id, level="out", state="resolved")
    session.add(second)
    session.commit()
    assert first.id is not None and second.id is not None
    both = [first.id, second.id]
    enqueue_many(session, [("+221771234567", "Stock bas : Riz, Sucre")], alert_ids=both)
    session.commit()
    sent = session.exec(select(OutboundMessage)).one()
    assert sent.payload[ALERTS_KEY] == both and sent.alert_id is None
    # The worker sends the text outside the window as its template: the list goes along.
    template = Template(name="alerte_rupture_stock", language="fr", body_params=("2", "Riz"))
    sent.payload = fallback_payload("text", sent.payload | {"_fallback": to_payload(template)})
    sent.provider_message_id, sent.status = WAMID, "sending"
    session.add(sent)
    session.commit()
    assert sent.payload[ALERTS_KEY] == both
    apply_statuses(session, [status("sent")], now=NOW)
    session.commit()
    session.expire_all()
    assert all(session.get(Alert, i).sent_whatsapp for i in both)  # type: ignore[union-attr]


def test_a_status_for_an_unknown_id_is_harmless(session: Session) -> None:
    row = outbound(session)
    updates = [
        status("read", message_id="wamid.UNKNOWN"),
        status("failed", code="1", message_id="x"),
    ]
    assert apply_statuses(session, updates, now=NOW) == []
    session.commit()
    assert reload(session, row).status == "sending"


def test_statuses_received_before_the_send_was_recorded_are_caught_up(session: Session) -> None:
    session.add(
        DeliveryStatus(
            provider="meta", provider_message_id=WAMID, status="delivered", occurred_at=NOW
        )
    )
    session.add(
        DeliveryStatus(provider="meta", provider_message_id=WAMID, status="sent", occurred_at=NOW)
    )
    session.commit()
    row = outbound(session)  # the worker stores the wamid after the statuses arrived
    apply_recorded_statuses(session, WAMID, now=NOW)
    session.commit()
    row = reload(session, row)
    assert (row.status, row.delivered_at) == ("delivered", NOW)
    assert session.exec(select(DeliveryStatus)).all()  # kept
