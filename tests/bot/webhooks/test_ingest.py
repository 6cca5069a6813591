"""POST /webhooks/whatsapp: what a signed delivery leaves in the database before the 200."""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.db.models import Contact, DeliveryStatus, OutboundMessage, WebhookEvent
from bot.inbound.models import message_from_dict
from bot.operations.doctor import Doctor, Level
from bot.settings import Settings
from tests.bot.inbound.helpers import (
    META,
    PATH,
    compact,
    fixture_bytes,
    fixture_json,
    inbound_rows,
    signed_headers,
    text_webhook,
)
from tests.conftest import TEST_PHONE_NUMBER_ID


def _one_message_from_a_number(name: str) -> bool:
    """A fixture of one message with its sender's number and contact (not a system message, a
    username-only sender, a status, a batch or an account event)."""
    value = fixture_json(name)["entry"][0]["changes"][0]["value"]
    messages = value.get("messages", [])
    return len(messages) == 1 and "from" in messages[0] and "contacts" in value


MESSAGE_FIXTURES = sorted(
    p.name
    for p in META.glob("meta_*.json")
    if "signature" not in p.name and _one_message_from_a_number(p.name)
)


def post(client: TestClient, body: bytes) -> int:
    return client.post(PATH, content=body, headers=signed_headers(body)).status_code


def events(engine: Engine) -> list[WebhookEvent]:
    with Session(engine) as session:
        return list(session.exec(select(WebhookEvent)))


def statuses(engine: Engine) -> list[DeliveryStatus]:
    with Session(engine) as session:
        return list(session.exec(select(DeliveryStatus).order_by(DeliveryStatus.id)))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", MESSAGE_FIXTURES)
def test_each_message_type_is_stored_pending(client: TestClient, engine: Engine, name: str) -> None:
    assert post(client, fixture_bytes(name)) == 200
    [row] = inbound_rows(engine)
    raw = fixture_json(name)["entry"][0]["changes"][0]["value"]
    assert row.provider == "meta"
    assert row.provider_message_id == raw["messages"][0]["id"]
    assert row.sender == "+" + raw["messages"][0]["from"]
    assert row.sender_name == raw["contacts"][0]["profile"]["name"]
    assert row.phone_number_id == "106540352249871"
    assert row.sent_at == datetime.fromtimestamp(int(raw["messages"][0]["timestamp"]), UTC)
    assert row.processed_at is None and row.attempts == 0
    assert row.payload["raw"] == raw["messages"][0]
    assert row.payload["contact"] == raw["contacts"][0]
    message = message_from_dict(row.payload["message"])
    assert message.message_id == row.provider_message_id
    assert row.type == message.type
    assert events(engine) == []


def test_the_contact_and_its_24_hour_window_are_recorded(
    client: TestClient, engine: Engine
) -> None:
    assert post(client, fixture_bytes("meta_text.json")) == 200
    assert post(client, text_webhook("wamid.OLDER", timestamp=1773800000)) == 200
    with Session(engine) as session:
        [contact] = session.exec(select(Contact)).all()
    assert contact.phone == "+221771234567"
    assert contact.wa_id == "221771234567"
    assert contact.user_id == "SN.48210937561284730159"  # not erased by a delivery without it
    assert contact.profile_name == "Awa Ndiaye"  # not replaced by an older message's "Awa"
    # An older message delivered later does not move the window back.
    assert contact.last_inbound_at == datetime.fromtimestamp(1773824400, UTC)


@pytest.mark.parametrize(
    "name",
    [
        "meta_status_sent.json",
        "meta_status_delivered.json",
        "meta_status_read.json",
        "meta_status_failed_131047.json",
        "meta_status_failed_131026.json",
    ],
)
def test_each_status_type_is_kept_even_for_an_unknown_id(
    client: TestClient, engine: Engine, name: str
) -> None:
    assert post(client, fixture_bytes(name)) == 200
    [stored] = statuses(engine)
    raw = fixture_json(name)["entry"][0]["changes"][0]["value"]["statuses"][0]
    assert (stored.provider_message_id, stored.status) == (raw["id"], raw["status"])
    assert stored.recipient == raw["recipient_id"]
    assert stored.payload == raw  # conversation and pricing kept
    assert stored.error_code == (str(raw["errors"][0]["code"]) if "errors" in raw else None)
    assert inbound_rows(engine) == []


def test_a_batch_stores_every_entry_change_message_and_status(
    client: TestClient, engine: Engine
) -> None:
    with Session(engine) as session:
        session.add(
            OutboundMessage(
                recipient="+221761112233",
                kind="text",
                status="sent",
                provider="meta",
                provider_message_id="wamid.HBgMMjIxNzYxMTEyMjMzFQIAERgSRjcwQjUwOUMwNjBENjVCRkVFAA==",
            )
        )
        session.commit()
    assert post(client, fixture_bytes("meta_batch.json")) == 200
    rows = inbound_rows(engine)
    assert {r.sender for r in rows} == {"+221761112233", "+221771234567"}
    assert [r.sent_at for r in rows] == sorted(r.sent_at for r in rows)  # ids follow time
    assert {r.payload["message"]["body"] for r in rows} == {"STOCK SUCRE", "jaay naa 4 kafe"}
    assert [(s.status) for s in statuses(engine)] == ["delivered", "read"]
    # The third message and the `sent` status were for our other number: kept raw, ignored.
    [event] = events(engine)
    assert "106540352250114" in event.error
    assert json.loads(event.body) == fixture_json("meta_batch.json")
    with Session(engine) as session:
        [outbound] = session.exec(select(OutboundMessage)).all()
    assert outbound.status == "read"  # read came before delivered: it stays read
    assert outbound.read_at == datetime.fromtimestamp(1773829390, UTC)
    assert outbound.delivered_at == datetime.fromtimestamp(1773827105, UTC)


def test_a_redelivery_is_stored_once_same_bytes_or_re_serialised(
    client: TestClient, engine: Engine
) -> None:
    body = fixture_bytes("meta_text.json")
    re_serialised = json.dumps(json.loads(body), indent=1, sort_keys=True).encode()
    for copy in (body, body, re_serialised):
        assert post(client, copy) == 200
    assert len(inbound_rows(engine)) == 1
    status = fixture_bytes("meta_status_read.json")
    for copy in (status, compact(json.loads(status))):
        assert post(client, copy) == 200
    assert len(statuses(engine)) == 1


def test_concurrent_copies_are_stored_once(client: TestClient, engine: Engine) -> None:
    bodies = [text_webhook(f"wamid.C{i % 5}", sender=f"22177000000{i % 5}") for i in range(40)]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda b: post(client, b), bodies))
    assert codes == [200] * 40
    assert sorted(r.provider_message_id for r in inbound_rows(engine)) == [
        f"wamid.C{i}" for i in range(5)
    ]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"not json at all", "unparsable: JSONDecodeError"),
        (b"\xff\xfe\x00garbage", "unparsable"),
        (b'{"object": "page", "entry": []}', "unparsable: MetaPayloadError"),
        (b"[1, 2, 3]", "unparsable: MetaPayloadError"),
        (b"[" * 100_000 + b"]" * 100_000, "unparsable: RecursionError"),
        (b'{"entry": [NaN]}', "unparsable"),
    ],
    ids=["text", "binary", "other-object", "list", "deep-nesting", "nan"],
)
def test_a_signed_body_that_cannot_be_used_is_acked_and_kept_raw(
    client: TestClient, engine: Engine, body: bytes, error: str
) -> None:
    assert post(client, body) == 200
    [event] = events(engine)
    assert event.provider == "meta"
    assert event.error.startswith(error)
    assert event.body == body.decode("utf-8", "replace").replace("\x00", "\ufffd")
    assert inbound_rows(engine) == []


OTHER_NUMBER = "106540352250114"  # another number of the same WhatsApp Business Account


def test_a_delivery_for_another_number_is_kept_raw_once_and_not_processed(
    client: TestClient, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    first = text_webhook("wamid.OTHER1", phone_number_id=OTHER_NUMBER)
    second = text_webhook("wamid.OTHER2", phone_number_id=OTHER_NUMBER, body="bonjour")
    with caplog.at_level(logging.INFO, logger="bot.webhooks.delivery"):
        for body in (first, first, second):
            assert post(client, body) == 200
    assert inbound_rows(engine) == []
    with Session(engine) as session:
        assert session.exec(select(Contact)).all() == []  # no window opened for our number
    kept = events(engine)
    assert len(kept) == 2  # once per distinct body
    assert all(f"phone_number_id {OTHER_NUMBER} is another number" in e.error for e in kept)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1  # once per number, not per delivery
    assert OTHER_NUMBER in warnings[0]  # an account id, not masked as a phone number
    assert TEST_PHONE_NUMBER_ID in warnings[0]


def test_statuses_for_another_number_leave_our_outbox_alone(
    client: TestClient, engine: Engine
) -> None:
    """Both numbers may have sent a message with the same id shape; only ours apply."""
    status = fixture_json("meta_status_failed_131047.json")
    raw = status["entry"][0]["changes"][0]["value"]["statuses"][0]
    with Session(engine) as session:
        session.add(
            OutboundMessage(
                recipient="+221771234567",
                kind="text",
                status="sent",
                provider="meta",
                provider_message_id=raw["id"],
            )
        )
        session.commit()
    status["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = OTHER_NUMBER
    assert post(client, compact(status)) == 200
    assert statuses(engine) == []
    with Session(engine) as session:
        [row] = session.exec(select(OutboundMessage)).all()
    assert (row.status, row.last_error_code) == ("sent", None)
    [event] = events(engine)
    assert OTHER_NUMBER in event.error


def test_a_mixed_delivery_keeps_ours_and_ignores_the_other_number(
    client: TestClient, engine: Engine
) -> None:
    ours = json.loads(text_webhook("wamid.OURS"))
    other = json.loads(text_webhook("wamid.THEIRS", phone_number_id=OTHER_NUMBER))
    ours["entry"][0]["changes"] += other["entry"][0]["changes"]
    assert post(client, compact(ours)) == 200
    assert [r.provider_message_id for r in inbound_rows(engine)] == ["wamid.OURS"]
    [event] = events(engine)
    assert OTHER_NUMBER in event.error


@pytest.mark.parametrize("strip", ["metadata", "phone_number_id"])
def test_a_signed_message_naming_no_number_is_not_processed_and_shows_in_doctor(
    client: TestClient, engine: Engine, settings: Settings, strip: str
) -> None:
    """With one number configured, a change without `metadata.phone_number_id` may still be
    another number's of the account (Meta posts them all): never answered through ours, kept
    raw with why, and `stockbot doctor` says so."""
    payload = json.loads(text_webhook("wamid.NONUMBER"))
    value = payload["entry"][0]["changes"][0]["value"]
    if strip == "metadata":
        del value["metadata"]
    else:
        del value["metadata"]["phone_number_id"]
    assert post(client, compact(payload)) == 200
    assert inbound_rows(engine) == []
    [event] = events(engine)
    assert "1 message(s)" in event.error and "not processed" in event.error
    doctor = Doctor(settings, engine, now=datetime.now(UTC))
    doctor._unprocessed()  # the database's part only: no Graph call
    [check] = doctor.checks
    assert (check.key, check.level) == ("webhooks.unprocessed", Level.WARN)
    assert "1 " in check.detail and "phone_number_id" in check.detail


def test_doctor_says_nothing_of_webhooks_when_all_were_processed(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    assert post(client, text_webhook("wamid.FINE")) == 200
    doctor = Doctor(settings, engine, now=datetime.now(UTC))
    doctor._unprocessed()
    assert doctor.checks == []
