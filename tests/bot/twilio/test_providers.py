"""The same dialogue over Meta and over Twilio gives the same replies; numbered choices work.

End to end through the app: signed webhook → stored → processed (`process_pending`) → the
conversation layer → outbox; and for Twilio, the outbox worker sending through TwilioTransport
(pytest-httpx), its status callback, and a manager answering a question by typing its number.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl

import pytest
import time_machine
from pytest_httpx import HTTPXMock
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.clock import utcnow
from bot.db.models import OutboundMessage, Product
from bot.demo import create_demo
from bot.inbound.processor import process_pending
from bot.outbound.worker import OutboxWorker
from bot.settings import Settings
from tests.bot.twilio.conftest import signed_post, twilio_settings
from tests.conftest import TEST_APP_SECRET, TEST_PHONE_NUMBER_ID, empty_database

AWA = "+221771234567"
# The worker reads the real clock: rows queued "at NOW" must be due already and not yet expired
# (OUTBOX_MAX_AGE_HOURS), so the dialogue happens an hour ago.
NOW = utcnow().replace(microsecond=0) - timedelta(hours=1)
API_URL = "https://api.twilio.test/2010-04-01/Accounts/ACb762bf5e4155b6e803280378e8bac72c"
MESSAGES_URL = f"{API_URL}/Messages.json"

# What a manager does: (kind, value); a "tap" taps the button at that index of the last question.
Step = tuple[str, Any]
DIALOGUE: list[Step] = [
    ("text", "vendu 3 ceeb"),
    ("tap", 0),  # Oui
    ("text", "stock riz brisé"),
    ("text", "commande 5 gaz 12"),
    ("text", "2"),  # typed: the second choice (Non)
    ("text", "commande 4 sucre 50"),
    ("text", "oui"),  # typed: the choice's word
]


@pytest.fixture
def app(database_url: str, engine: Engine) -> Iterator[tuple[TestClient, Settings]]:
    """One app receiving on both endpoints (Meta app secret and Twilio token set)."""
    settings = twilio_settings(database_url, outbox_pair_interval_seconds=0)
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        yield client, settings


def fresh_demo(engine: Engine, settings: Settings) -> None:
    """An empty database with the demo store, ids starting again from 1 (they appear in
    button ids, which the two runs compare)."""
    empty_database(engine)
    with Session(engine) as session:
        create_demo(session, settings=settings)
        session.commit()


def meta_post(client: TestClient, n: int, message: dict[str, Any]) -> int:
    entry = {
        "from": AWA.lstrip("+"),
        "id": f"wamid.TEST{n:04d}",
        "timestamp": str(int((NOW + timedelta(seconds=n)).timestamp())),
        **message,
    }
    payload = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "114920385706241",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "221785550100",
                                "phone_number_id": TEST_PHONE_NUMBER_ID,
                            },
                            "contacts": [
                                {"profile": {"name": "Awa Ndiaye"}, "wa_id": AWA.lstrip("+")}
                            ],
                            "messages": [entry],
                        },
                    }
                ],
            }
        ],
    }
    body = json.dumps(payload, separators=(",", ":")).encode()
    signature = hmac.new(TEST_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    response = client.post(
        "/webhooks/whatsapp",
        content=body,
        headers={"content-type": "application/json", "x-hub-signature-256": f"sha256={signature}"},
    )
    return response.status_code


def twilio_post(client: TestClient, n: int, fields: list[tuple[str, str]]) -> int:
    params = [
        ("MessageSid", f"SM{n:032d}"),
        ("AccountSid", "ACb762bf5e4155b6e803280378e8bac72c"),
        ("From", f"whatsapp:{AWA}"),
        ("To", "whatsapp:+221785550100"),
        ("ProfileName", "Awa Ndiaye"),
        ("WaId", AWA.lstrip("+")),
        ("NumMedia", "0"),
        *fields,
    ]
    return signed_post(client, "/webhooks/twilio", params)[0]


def send_step(client: TestClient, provider: str, n: int, step: Step, last: dict[str, Any]) -> None:
    kind, value = step
    if kind == "text":
        status = (
            meta_post(client, n, {"type": "text", "text": {"body": value}})
            if provider == "meta"
            else twilio_post(client, n, [("Body", value), ("MessageType", "text")])
        )
    else:
        button = last["buttons"][value]
        status = (
            meta_post(
                client,
                n,
                {
                    "type": "interactive",
                    "interactive": {"type": "button_reply", "button_reply": button},
                },
            )
            if provider == "meta"
            else twilio_post(
                client,
                n,
                [
                    ("Body", button["title"]),
                    ("ButtonText", button["title"]),
                    ("ButtonPayload", button["id"]),
                    ("MessageType", "interactive"),
                ],
            )
        )
    assert status == 200


def replies_since(engine: Engine, after: int) -> list[OutboundMessage]:
    with Session(engine) as session:
        query = select(OutboundMessage).where(OutboundMessage.id > after)  # type: ignore[operator]
        return list(session.exec(query.order_by(OutboundMessage.id)))  # type: ignore[arg-type]


def run_dialogue(
    client: TestClient, settings: Settings, engine: Engine, provider: str
) -> list[list[tuple[str, dict[str, Any]]]]:
    """The replies queued after each step, as (kind, payload) lists."""
    fresh_demo(engine, settings)
    transcript: list[list[tuple[str, dict[str, Any]]]] = []
    last_question: dict[str, Any] = {}
    seen = 0
    for n, step in enumerate(DIALOGUE):
        send_step(client, provider, n, step, last_question)
        process_pending(engine, settings, now=NOW + timedelta(seconds=n, milliseconds=500))
        rows = replies_since(engine, seen)
        assert rows, f"no reply to {step} on {provider}"
        seen = rows[-1].id or seen
        transcript.append([(row.kind, row.payload) for row in rows])
        questions = [row.payload for row in rows if row.kind == "buttons"]
        if questions:
            last_question = questions[-1]
    return transcript


def quantities(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {p.sku: p.quantity for p in session.exec(select(Product))}


def test_same_dialogue_same_replies_on_meta_and_twilio(
    app: tuple[TestClient, Settings], engine: Engine
) -> None:
    client, settings = app
    # Each run from the same moment: the stock answer shows its last movement's minute, which
    # the two runs would read differently across a minute's turn.
    start = NOW + timedelta(minutes=30, seconds=5)
    with time_machine.travel(start, tick=True):
        on_meta = run_dialogue(client, settings, engine, "meta")
    meta_stock = quantities(engine)
    with time_machine.travel(start, tick=True):
        on_twilio = run_dialogue(client, settings, engine, "twilio")
    assert on_twilio == on_meta
    assert quantities(engine) == meta_stock
    # The dialogue did what it says: a sale recorded, one order refused, one confirmed.
    assert meta_stock["RIZ-BRISE-50"] == 39
    flat = [payload.get("body", "") for replies in on_meta for _, payload in replies]
    assert any("39" in body for body in flat)
    assert [kind for kind, _ in on_meta[0]] == ["buttons"]


def sent_bodies(httpx_mock: HTTPXMock) -> list[dict[str, str]]:
    return [dict(parse_qsl(r.content.decode())) for r in httpx_mock.get_requests()]


def run_worker(settings: Settings, engine: Engine) -> None:
    report = asyncio.run(OutboxWorker(settings, engine).run(until_idle=True, max_wait=0.2))
    assert report.failed == 0 and report.retried == 0, report


def test_numbered_choice_end_to_end_on_twilio(
    app: tuple[TestClient, Settings], engine: Engine, httpx_mock: HTTPXMock
) -> None:
    client, settings = app
    fresh_demo(engine, settings)
    for sid in ("SMq1", "SMq2"):
        httpx_mock.add_response(method="POST", url=MESSAGES_URL, status_code=201, json={"sid": sid})

    # The manager records a sale; the question goes out as numbered lines (no Content SID).
    assert twilio_post(client, 1, [("Body", "vendu 3 ceeb")]) == 200
    process_pending(engine, settings, now=NOW)
    run_worker(settings, engine)
    [question] = sent_bodies(httpx_mock)
    assert question["To"] == f"whatsapp:{AWA}"
    assert question["From"] == "whatsapp:+221785550100"
    assert question["StatusCallback"] == "https://bot.example.sn/webhooks/twilio/status"
    assert "1. Oui\n2. Modifier\n3. Non" in question["Body"]
    assert question["Body"].endswith("Répondez 1 pour Oui, 2 pour Modifier ou 3 pour Non.")
    assert quantities(engine)["RIZ-BRISE-50"] == 42

    # Twilio reports it delivered; the outbox row follows.
    delivered = [("MessageSid", "SMq1"), ("MessageStatus", "delivered"), ("To", f"whatsapp:{AWA}")]
    assert signed_post(client, "/webhooks/twilio/status", delivered)[0] == 200
    with Session(engine) as session:
        row = session.exec(
            select(OutboundMessage).where(OutboundMessage.provider_message_id == "SMq1")
        ).one()
    assert (row.status, row.provider) == ("delivered", "twilio")

    # The manager types "1": understood as the first button, the sale is recorded.
    assert twilio_post(client, 2, [("Body", "1")]) == 200
    process_pending(engine, settings, now=NOW + timedelta(seconds=30))
    run_worker(settings, engine)
    assert quantities(engine)["RIZ-BRISE-50"] == 39
    confirmation = sent_bodies(httpx_mock)[1]["Body"]
    assert "39" in confirmation
