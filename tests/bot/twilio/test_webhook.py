"""POST /webhooks/twilio and /webhooks/twilio/status: signed, stored once, same typed messages."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.clock import utcnow
from bot.db.engine import create_db_engine
from bot.db.models import (
    Alert,
    Contact,
    DeliveryStatus,
    InboundMessage,
    OutboundMessage,
    Product,
    Store,
    WebhookEvent,
)
from bot.inbound.arrivals import ARRIVALS
from bot.inbound.batch import WebhookBatch
from bot.inbound.models import ButtonReply, TextMessage, message_from_dict
from bot.inbound.twilio import twilio_signature
from bot.outbound.messages import Template, Text
from bot.outbound.outbox import enqueue
from bot.settings import Settings
from bot.webhooks import twilio as twilio_webhook
from tests.bot.twilio.conftest import (
    AUTH_TOKEN,
    PUBLIC_URL,
    fixture_form,
    signed_post,
    twilio_settings,
)
from tests.conftest import make_settings

TEXT_SID = "SM5738a30596aba52fb592d62c0253efa5"


def count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def inbound_rows(engine: Engine) -> list[InboundMessage]:
    with Session(engine) as session:
        return list(session.exec(select(InboundMessage).order_by(InboundMessage.id)))


def nothing_stored(engine: Engine) -> bool:
    return all(
        count(engine, table) == 0
        for table in (InboundMessage, WebhookEvent, DeliveryStatus, Contact)
    )


def client_for(settings: Settings, engine: Engine) -> TestClient:
    return TestClient(create_app(settings, engine=engine, run_background=False))


def test_text_is_stored_and_answered_with_empty_twiml(
    twilio_app: TestClient, engine: Engine
) -> None:
    status, content_type, body = signed_post(
        twilio_app, "/webhooks/twilio", fixture_form("twilio_inbound_text.txt")
    )
    assert status == 200
    assert content_type.startswith("text/xml")
    assert body.endswith("<Response/>")
    [row] = inbound_rows(engine)
    assert (row.provider, row.provider_message_id, row.type) == ("twilio", TEXT_SID, "text")
    assert (row.sender, row.sender_name) == ("+221771234567", "Awa Ndiaye")
    assert row.processed_at is None
    message = message_from_dict(row.payload["message"])
    assert isinstance(message, TextMessage)
    assert message.body == "STOCK RIZ"
    with Session(engine) as session:
        contact = session.exec(select(Contact)).one()
    assert (contact.phone, contact.wa_id, contact.profile_name) == (
        "+221771234567",
        "221771234567",
        "Awa Ndiaye",
    )
    assert contact.last_inbound_at is not None


def test_quick_reply_is_a_button_reply(twilio_app: TestClient, engine: Engine) -> None:
    status, _, _ = signed_post(
        twilio_app, "/webhooks/twilio", fixture_form("twilio_inbound_quick_reply.txt")
    )
    assert status == 200
    [row] = inbound_rows(engine)
    message = message_from_dict(row.payload["message"])
    assert isinstance(message, ButtonReply)
    assert (message.id, message.title) == ("REORDER:RIZ-BRISE-50:20", "Commander")


def test_redelivery_is_stored_once(twilio_app: TestClient, engine: Engine) -> None:
    params = fixture_form("twilio_inbound_text.txt")
    for attempt in (params, params, list(reversed(params))):  # same, then re-ordered fields
        assert signed_post(twilio_app, "/webhooks/twilio", attempt)[0] == 200
    assert [row.provider_message_id for row in inbound_rows(engine)] == [TEXT_SID]


def test_same_sid_from_meta_and_twilio_are_two_messages(
    twilio_app: TestClient, engine: Engine
) -> None:
    """Uniqueness is per provider: a Twilio SID never collides with a Meta wamid anyway."""
    signed_post(twilio_app, "/webhooks/twilio", fixture_form("twilio_inbound_text.txt"))
    signed_post(twilio_app, "/webhooks/twilio", fixture_form("twilio_inbound_quick_reply.txt"))
    assert len(inbound_rows(engine)) == 2


@pytest.mark.parametrize(
    "signature", ["", "C+v98z/5w0vUaSr+Z9EXNKBI3sA=", "garbage", "o9Brcksf9d6M9VhEAsOwTN+9Va0="]
)
def test_bad_or_missing_signature_is_403_and_nothing_stored(
    twilio_app: TestClient, engine: Engine, signature: str
) -> None:
    status, _, _ = signed_post(
        twilio_app, "/webhooks/twilio", fixture_form("twilio_inbound_text.txt"), signature=signature
    )
    assert status == 403
    assert nothing_stored(engine)


def test_wrong_token_is_403(twilio_app: TestClient, engine: Engine) -> None:
    params = fixture_form("twilio_inbound_text.txt")
    assert signed_post(twilio_app, "/webhooks/twilio", params, token="other")[0] == 403
    assert nothing_stored(engine)


@pytest.mark.parametrize(
    "signed_url",
    [
        "http://testserver/webhooks/twilio",  # the URL the app sees behind the proxy
        "http://bot.example.sn/webhooks/twilio",  # scheme lost
        "https://bot.example.sn/webhooks/twilio/",  # extra slash
        "https://other.example.sn/webhooks/twilio",
    ],
)
def test_signature_over_another_url_is_403(
    twilio_app: TestClient, engine: Engine, signed_url: str
) -> None:
    params = fixture_form("twilio_inbound_text.txt")
    assert signed_post(twilio_app, "/webhooks/twilio", params, signed_url=signed_url)[0] == 403
    assert nothing_stored(engine)


def test_default_port_in_the_signed_url_is_accepted(twilio_app: TestClient, engine: Engine) -> None:
    params = fixture_form("twilio_inbound_text.txt")
    url = "https://bot.example.sn:443/webhooks/twilio"
    assert signed_post(twilio_app, "/webhooks/twilio", params, signed_url=url)[0] == 200
    assert len(inbound_rows(engine)) == 1


def test_query_string_is_part_of_the_signed_url(twilio_app: TestClient, engine: Engine) -> None:
    params = fixture_form("twilio_inbound_text.txt")
    good = f"{PUBLIC_URL}/webhooks/twilio?store=42"
    assert signed_post(twilio_app, "/webhooks/twilio?store=42", params, signed_url=good)[0] == 200
    without = f"{PUBLIC_URL}/webhooks/twilio"
    assert (
        signed_post(twilio_app, "/webhooks/twilio?store=43", params, signed_url=without)[0] == 403
    )
    assert len(inbound_rows(engine)) == 1


def test_parameter_added_after_signing_is_403(twilio_app: TestClient, engine: Engine) -> None:
    params = fixture_form("twilio_inbound_text.txt")
    signature = twilio_signature(AUTH_TOKEN, PUBLIC_URL + "/webhooks/twilio", params)
    tampered = [*params, ("Body", "VENTE 50 RIZ")]
    status, _, _ = signed_post(twilio_app, "/webhooks/twilio", tampered, signature=signature)
    assert status == 403
    assert nothing_stored(engine)


@pytest.mark.parametrize(
    "overrides",
    [
        {"whatsapp_provider": "sandbox"},  # no TWILIO_AUTH_TOKEN
        {"whatsapp_provider": "sandbox", "twilio_auth_token": AUTH_TOKEN},  # no PUBLIC_BASE_URL
    ],
)
def test_not_configured_is_403(
    database_url: str, engine: Engine, overrides: dict[str, object]
) -> None:
    settings = make_settings(database_url, **overrides)
    with client_for(settings, engine) as client:
        params = fixture_form("twilio_inbound_text.txt")
        assert signed_post(client, "/webhooks/twilio", params)[0] == 403
        assert signed_post(client, "/webhooks/twilio/status", params)[0] == 403
    assert nothing_stored(engine)


def test_meta_provider_still_receives_on_twilio(database_url: str, engine: Engine) -> None:
    """During the switch: sending through Meta, managers still writing to the Twilio number."""
    settings = make_settings(
        database_url,
        whatsapp_provider="meta",
        whatsapp_api_token="meta-token",
        twilio_auth_token=AUTH_TOKEN,
        public_base_url=PUBLIC_URL,
    )
    with client_for(settings, engine) as client:
        params = fixture_form("twilio_inbound_text.txt")
        assert signed_post(client, "/webhooks/twilio", params)[0] == 200
    assert [row.provider for row in inbound_rows(engine)] == ["twilio"]


def test_public_url_with_a_path_prefix(database_url: str, engine: Engine) -> None:
    settings = twilio_settings(database_url, public_base_url="https://example.sn/stockbot/")
    with client_for(settings, engine) as client:
        params = fixture_form("twilio_inbound_text.txt")
        url = "https://example.sn/stockbot/webhooks/twilio"
        assert signed_post(client, "/webhooks/twilio", params, signed_url=url)[0] == 200


def test_body_over_the_limit_is_413(database_url: str, engine: Engine) -> None:
    settings = twilio_settings(database_url, webhook_max_body_bytes=1024)
    params = [*fixture_form("twilio_inbound_text.txt"), ("Padding", "x" * 2000)]
    with client_for(settings, engine) as client:
        assert signed_post(client, "/webhooks/twilio", params)[0] == 413
    assert nothing_stored(engine)


def test_signed_form_without_message_sid_is_kept_raw(
    twilio_app: TestClient, engine: Engine
) -> None:
    params = [(k, v) for k, v in fixture_form("twilio_inbound_text.txt") if k != "MessageSid"]
    status, _, body = signed_post(twilio_app, "/webhooks/twilio", params)
    assert (status, body.endswith("<Response/>")) == (200, True)
    assert count(engine, InboundMessage) == 0
    with Session(engine) as session:
        event = session.exec(select(WebhookEvent)).one()
    assert event.provider == "twilio"
    assert "MessageSid" in event.error
    assert event.body == urlencode(params)


def test_odd_bytes_never_make_a_500(twilio_app: TestClient, engine: Engine) -> None:
    for body in (b"\xff\xfe%00%zz&&==", b"From=%00&MessageSid=%C3", b"", b"a" * 500):
        response = twilio_app.post(
            "/webhooks/twilio", content=body, headers={"X-Twilio-Signature": "x"}
        )
        assert response.status_code == 403
    assert nothing_stored(engine)


def test_nul_and_odd_characters_in_a_signed_form_are_stored(
    twilio_app: TestClient, engine: Engine
) -> None:
    params = [
        ("MessageSid", "SM0000000000000000000000000000000a"),
        ("From", "whatsapp:+221771234567"),
        ("Body", "stock\x00riz é 🍚"),
    ]
    signature = twilio_signature(AUTH_TOKEN, PUBLIC_URL + "/webhooks/twilio", params)
    response = twilio_app.post(
        "/webhooks/twilio",
        content=urlencode(params).encode(),
        headers={"X-Twilio-Signature": signature},
    )
    assert response.status_code == 200
    [row] = inbound_rows(engine)
    assert row.payload["message"]["body"] == "stock\ufffdriz é 🍚"


# ------------------------------------------------------------------ status callbacks


@pytest.fixture
def sent_rows(engine: Engine) -> Iterator[dict[str, int]]:
    """Two outbox rows sent through Twilio (one of them an alert push), by SID."""
    now = utcnow() - timedelta(minutes=5)
    with Session(engine, expire_on_commit=False) as session:
        store = Store(code="dakar", name="Dakar")
        session.add(store)
        session.flush()
        product = Product(store_id=store.id, sku="RIZ-50", name="Riz 50kg", unit="sac")
        session.add(product)
        session.flush()
        alert = Alert(product_id=product.id, level="low", quantity=3)
        session.add(alert)
        session.flush()
        rows = {
            "SM3d3c8373524cb32ccacadaafdf5d72c7": OutboundMessage(
                recipient="+221771234567",
                kind="buttons",
                payload={},
                status="sent",
                provider="twilio",
                provider_message_id="SM3d3c8373524cb32ccacadaafdf5d72c7",
                alert_id=alert.id,
                sent_at=now,
            ),
            "SM92f75a1b06da1df80617e6f08eb852e4": OutboundMessage(
                recipient="+221709876543",
                kind="text",
                payload={"body": "x"},
                status="sent",
                provider="twilio",
                provider_message_id="SM92f75a1b06da1df80617e6f08eb852e4",
                sent_at=now,
            ),
        }
        session.add_all(rows.values())
        session.commit()
        yield {sid: row.id for sid, row in rows.items() if row.id is not None} | {
            "alert": alert.id or 0
        }


def outbound(engine: Engine, row_id: int) -> OutboundMessage:
    with Session(engine) as session:
        row = session.get(OutboundMessage, row_id)
        assert row is not None
        return row


def test_status_read_updates_the_row_and_the_alert_flag(
    twilio_app: TestClient, engine: Engine, sent_rows: dict[str, int]
) -> None:
    status, _, _ = signed_post(
        twilio_app, "/webhooks/twilio/status", fixture_form("twilio_status_read.txt")
    )
    assert status == 200
    row = outbound(engine, sent_rows["SM3d3c8373524cb32ccacadaafdf5d72c7"])
    assert row.status == "read"
    assert row.read_at is not None
    with Session(engine) as session:
        alert = session.get(Alert, sent_rows["alert"])
        assert alert is not None and alert.sent_whatsapp
        [recorded] = session.exec(select(DeliveryStatus)).all()
    assert (recorded.provider, recorded.status) == ("twilio", "read")


def test_status_never_moves_backwards(
    twilio_app: TestClient, engine: Engine, sent_rows: dict[str, int]
) -> None:
    sid = "SM3d3c8373524cb32ccacadaafdf5d72c7"
    read = fixture_form("twilio_status_read.txt")
    delivered = [
        (k, "delivered" if k in ("MessageStatus", "SmsStatus") else v)
        for k, v in read
        if k != "EventType"
    ]
    signed_post(twilio_app, "/webhooks/twilio/status", read)
    signed_post(twilio_app, "/webhooks/twilio/status", delivered)
    failed = [(k, v) for k, v in delivered if k not in ("MessageStatus", "SmsStatus")]
    failed += [("MessageStatus", "failed"), ("ErrorCode", "30008")]
    signed_post(twilio_app, "/webhooks/twilio/status", failed)
    row = outbound(engine, sent_rows[sid])
    assert row.status == "read"
    assert row.delivered_at is not None  # the late status still fills its own timestamp
    assert count(engine, DeliveryStatus) == 3


def test_undelivered_63016_fails_the_row_with_code_and_reason(
    twilio_app: TestClient, engine: Engine, sent_rows: dict[str, int]
) -> None:
    form = fixture_form("twilio_status_undelivered_63016.txt")
    assert signed_post(twilio_app, "/webhooks/twilio/status", form)[0] == 200
    row = outbound(engine, sent_rows["SM92f75a1b06da1df80617e6f08eb852e4"])
    assert (row.status, row.last_error_code) == ("failed", "63016")
    assert row.last_error_text == "Outside the allowed window to send free-form messages"


def test_status_for_an_unknown_sid_is_kept_and_harmless(
    twilio_app: TestClient, engine: Engine, sent_rows: dict[str, int]
) -> None:
    form = [
        ("MessageSid", "SMffffffffffffffffffffffffffffffff"),
        ("MessageStatus", "delivered"),
        ("To", "whatsapp:+221771234567"),
    ]
    assert signed_post(twilio_app, "/webhooks/twilio/status", form)[0] == 200
    assert count(engine, DeliveryStatus) == 1
    assert {outbound(engine, i).status for k, i in sent_rows.items() if k != "alert"} == {"sent"}


def test_duplicate_status_callbacks_are_recorded_once(
    twilio_app: TestClient, engine: Engine, sent_rows: dict[str, int]
) -> None:
    form = fixture_form("twilio_status_read.txt")
    for _ in range(3):
        assert signed_post(twilio_app, "/webhooks/twilio/status", form)[0] == 200
    assert count(engine, DeliveryStatus) == 1


def test_status_callback_needs_the_signature_too(
    twilio_app: TestClient, engine: Engine, sent_rows: dict[str, int]
) -> None:
    form = fixture_form("twilio_status_read.txt")
    assert signed_post(twilio_app, "/webhooks/twilio/status", form, signature="bad")[0] == 403
    # A status signed for the messages endpoint is not valid for the status endpoint.
    url = PUBLIC_URL + "/webhooks/twilio"
    assert signed_post(twilio_app, "/webhooks/twilio/status", form, signed_url=url)[0] == 403
    assert count(engine, DeliveryStatus) == 0
    assert outbound(engine, sent_rows["SM3d3c8373524cb32ccacadaafdf5d72c7"]).status == "sent"


def test_undelivered_63016_with_a_fallback_is_queued_again_as_the_template(
    twilio_app: TestClient, engine: Engine
) -> None:
    sid = "SM92f75a1b06da1df80617e6f08eb852e4"
    template = Template(name="alerte_rupture_stock", language="fr", body_params=("1", "Riz"))
    with Session(engine, expire_on_commit=False) as session:
        [row] = enqueue(session, "+221709876543", Text("Stock bas : Riz"), fallback=template)
        row.status, row.provider, row.provider_message_id = "sent", "twilio", sid
        session.commit()
    form = fixture_form("twilio_status_undelivered_63016.txt")
    assert signed_post(twilio_app, "/webhooks/twilio/status", form)[0] == 200
    assert row.id is not None
    again = outbound(engine, row.id)
    assert (again.kind, again.status) == ("template", "queued")
    assert again.payload["name"] == "alerte_rupture_stock"
    assert again.last_error_code == "63016"


def test_concurrent_copies_at_two_apps_are_stored_once(database_url: str, engine: Engine) -> None:
    """Two app instances (own engines, one database) receive the same message at once."""
    settings = twilio_settings(database_url)
    params = fixture_form("twilio_inbound_text.txt")
    engines = [create_db_engine(settings.database_url) for _ in range(2)]
    try:
        with client_for(settings, engines[0]) as first, client_for(settings, engines[1]) as second:
            clients = [first, second] * 4
            with ThreadPoolExecutor(max_workers=len(clients)) as pool:
                statuses = list(
                    pool.map(lambda c: signed_post(c, "/webhooks/twilio", params)[0], clients)
                )
    finally:
        for other in engines:
            other.dispose()
    assert statuses == [200] * len(clients)
    assert [row.provider_message_id for row in inbound_rows(engine)] == [TEXT_SID]


def test_a_twilio_delivery_is_being_received_while_its_webhook_is_handled(
    twilio_app: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Messages and status callbacks count as deliveries being received (the processor gives
    way to them, as to Meta's) while they are checked and stored, and no longer after."""
    seen: list[bool] = []
    store = twilio_webhook.commit_delivery

    async def commit_delivery(app: object, ctx: object, batch: WebhookBatch, body: bytes) -> bool:
        seen.append(ARRIVALS.busy)
        return await store(app, ctx, batch, body)  # type: ignore[arg-type]

    monkeypatch.setattr(twilio_webhook, "commit_delivery", commit_delivery)
    for path, form in [
        ("/webhooks/twilio", "twilio_inbound_text.txt"),
        ("/webhooks/twilio/status", "twilio_status_read.txt"),
    ]:
        assert signed_post(twilio_app, path, fixture_form(form))[0] == 200
    assert seen == [True, True] and ARRIVALS.give_way(30) and not ARRIVALS.busy
    assert count(engine, InboundMessage) == 1
