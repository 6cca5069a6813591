"""What both webhooks share once a request is authentic: reading, committing, the raw fallback,
and a 131047 reported in a status webhook."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.db.engine import create_db_engine
from bot.db.models import InboundMessage, OutboundMessage, WebhookEvent
from bot.inbound.batch import ReceivedMessage, WebhookBatch
from bot.inbound.ingest import _Job, commit_group
from bot.inbound.meta import loads, parse_webhook
from bot.outbound.messages import Template, Text
from bot.outbound.outbox import enqueue
from bot.settings import Settings
from tests.bot.inbound.helpers import (
    PATH,
    compact,
    fixture_bytes,
    fixture_json,
    inbound_rows,
    sign,
    signed_headers,
    text_webhook,
)

FAILED_131047 = "meta_status_failed_131047.json"


def events(engine: Engine) -> list[WebhookEvent]:
    with Session(engine) as session:
        return list(session.exec(select(WebhookEvent)))


def test_a_group_whose_shared_transaction_fails_stores_each_delivery_alone(engine: Engine) -> None:
    loop = asyncio.new_event_loop()

    def job(batch: WebhookBatch, body: bytes = b"{}") -> _Job:
        return _Job(batch, body, loop.create_future())

    try:
        good = [job(parse_webhook(loads(text_webhook(f"wamid.G{i}")))) for i in range(3)]
        # A message whose raw JSON cannot be serialised makes its transaction fail.
        [message] = parse_webhook(loads(text_webhook("wamid.BAD"))).messages
        broken = ReceivedMessage(message=message.message, raw={"not json": {1, 2}})
        poisoned = job(WebhookBatch(provider="meta", messages=(broken,)))
        outcomes = commit_group(engine, [good[0], poisoned, good[1], good[2]])
    finally:
        loop.close()
    assert isinstance(outcomes[1], Exception)
    assert [o for i, o in enumerate(outcomes) if i != 1] == [[], [], []]
    stored = {row.provider_message_id for row in inbound_rows(engine)}
    assert stored == {"wamid.G0", "wamid.G1", "wamid.G2"}


def test_a_database_that_is_down_answers_503_so_meta_delivers_again(
    settings: Settings, tmp_path: Path
) -> None:
    missing = create_db_engine(f"sqlite:///{tmp_path / 'no-such-dir' / 'db.sqlite'}")
    app = create_app(settings, engine=missing, run_background=False)
    body = text_webhook("wamid.DOWN")
    with TestClient(app) as client:
        assert client.post(PATH, content=body, headers=signed_headers(body)).status_code == 503
    missing.dispose()


def test_a_malformed_content_length_gets_400_and_nothing_is_stored(
    client: TestClient, engine: Engine
) -> None:
    body = text_webhook("wamid.LEN")
    headers = {**signed_headers(body), "content-length": "12abc"}
    assert client.post(PATH, content=body, headers=headers).status_code == 400
    assert inbound_rows(engine) == []


def test_a_content_length_of_digits_int_cannot_read_is_a_bad_body() -> None:
    """`²` (byte 0xB2 read as Latin-1, as the webhook reads headers) and `①` are digits to
    `str.isdigit`, not to `int`: refused as malformed, never a 500."""
    from bot.webhooks.delivery import BadBody, receive_body

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    for declared in (b"\xb2".decode("latin-1"), "1\u2460", "12abc"):
        try:
            asyncio.run(receive_body(receive, declared, 1024))
        except BadBody:
            continue
        raise AssertionError(f"{declared!r} accepted")


def test_an_uppercase_hex_signature_is_accepted(client: TestClient, engine: Engine) -> None:
    body = text_webhook("wamid.UPPER")
    header = "sha256=" + sign(body).removeprefix("sha256=").upper()
    response = client.post(PATH, content=body, headers={"x-hub-signature-256": header})
    assert response.status_code == 200
    assert [r.provider_message_id for r in inbound_rows(engine)] == ["wamid.UPPER"]


def test_one_absurdly_nested_message_is_skipped_and_the_rest_of_the_delivery_kept(
    client: TestClient, engine: Engine
) -> None:
    payload = fixture_json("meta_text.json")
    value = payload["entry"][0]["changes"][0]["value"]
    deep = copy.deepcopy(value["messages"][0])
    deep["id"] = "wamid.DEEP"
    nested: list[Any] = []
    for _ in range(700):
        nested = [nested]
    deep["text"]["extra"] = nested
    value["messages"].append(deep)
    body = compact(payload)
    assert client.post(PATH, content=body, headers=signed_headers(body)).status_code == 200
    stored = [row.provider_message_id for row in inbound_rows(engine)]
    assert stored == [value["messages"][0]["id"]]
    [event] = events(engine)
    assert "message skipped" in event.error and event.body == body.decode()


def test_a_131047_failed_status_sends_the_fallback_template(
    client: TestClient, engine: Engine
) -> None:
    """Meta often reports a closed window only in a status webhook, after accepting the send."""
    status = fixture_json(FAILED_131047)["entry"][0]["changes"][0]["value"]["statuses"][0]
    template = Template(name="alerte_rupture_stock", language="fr", body_params=("4", "Riz"))
    with Session(engine, expire_on_commit=False) as session:
        [with_fallback] = enqueue(session, "+221709876543", Text("Stock bas"), fallback=template)
        [without] = enqueue(session, "+221709876543", Text("Bonjour"))
        with_fallback.status, with_fallback.provider_message_id = "sent", status["id"]
        without.status, without.provider_message_id = "sent", "wamid.OTHER"
        session.commit()
    body = fixture_bytes(FAILED_131047)
    assert client.post(PATH, content=body, headers=signed_headers(body)).status_code == 200
    other = compact(
        {
            **(data := fixture_json(FAILED_131047)),
            "entry": [
                {
                    "id": data["entry"][0]["id"],
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                **data["entry"][0]["changes"][0]["value"],
                                "statuses": [{**status, "id": "wamid.OTHER"}],
                            },
                        }
                    ],
                }
            ],
        }
    )
    assert client.post(PATH, content=other, headers=signed_headers(other)).status_code == 200
    with Session(engine) as session:
        again = session.get(OutboundMessage, with_fallback.id)
        failed = session.get(OutboundMessage, without.id)
    assert again is not None and failed is not None
    assert (again.kind, again.status, again.last_error_code) == ("template", "queued", "131047")
    assert again.payload["name"] == "alerte_rupture_stock"
    assert (failed.kind, failed.status, failed.last_error_code) == ("text", "failed", "131047")


def test_messages_of_one_second_are_stored_in_delivery_order(
    client: TestClient, engine: Engine
) -> None:
    """Meta's timestamps are whole seconds: ties must keep the order of the delivery, which the
    processor follows (by timestamp, then id), whatever the message ids."""
    payload = fixture_json("meta_text.json")
    value = payload["entry"][0]["changes"][0]["value"]
    first = value["messages"][0]
    value["messages"] = [
        {**first, "id": "wamid.ZZZ", "text": {"body": "VENTE RIZ 2"}},
        {**first, "id": "wamid.AAA", "text": {"body": "VENTE SUCRE 1"}},
    ]
    body = compact(payload)
    assert client.post(PATH, content=body, headers=signed_headers(body)).status_code == 200
    with Session(engine) as session:
        rows = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()  # type: ignore[arg-type]
    assert [r.provider_message_id for r in rows] == ["wamid.ZZZ", "wamid.AAA"]
