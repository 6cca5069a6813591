"""Helpers for the ingress tests: fixture bytes, Meta signatures, stored rows."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.db.models import InboundMessage
from tests.conftest import FIXTURES, TEST_APP_SECRET

META = FIXTURES / "whatsapp"
PATH = "/webhooks/whatsapp"


def fixture_bytes(name: str) -> bytes:
    return (META / name).read_bytes()


def fixture_json(name: str) -> Any:
    return json.loads(fixture_bytes(name))


def recent(name: str, *, at: int | None = None) -> bytes:
    """A fixture whose messages and statuses happen now (or at Unix time `at`): processed now,
    they are inside the 24-hour window, as a real delivery is."""
    payload = fixture_json(name)
    moment = str(at if at is not None else int(time.time()))
    for entry in payload["entry"]:
        for change in entry["changes"]:
            for item in change["value"].get("messages", []) + change["value"].get("statuses", []):
                item["timestamp"] = moment
    return compact(payload)


def sign(body: bytes, secret: str = TEST_APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signed_headers(body: bytes, secret: str = TEST_APP_SECRET) -> dict[str, str]:
    return {"content-type": "application/json", "x-hub-signature-256": sign(body, secret)}


def compact(payload: Any) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def text_webhook(
    message_id: str,
    *,
    sender: str = "221771234567",
    body: str = "STOCK RIZ",
    timestamp: int | None = None,
    phone_number_id: str = "106540352249871",
) -> bytes:
    """A one-message Meta delivery, compact JSON, sent at Unix time `timestamp` (default: now)."""
    if timestamp is None:
        timestamp = int(time.time())
    return compact(
        {
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
                                    "phone_number_id": phone_number_id,
                                },
                                "contacts": [{"profile": {"name": "Awa"}, "wa_id": sender}],
                                "messages": [
                                    {
                                        "from": sender,
                                        "id": message_id,
                                        "timestamp": str(timestamp),
                                        "type": "text",
                                        "text": {"body": body},
                                    }
                                ],
                            },
                        }
                    ],
                }
            ],
        }
    )


def inbound_rows(engine: Engine) -> list[InboundMessage]:
    with Session(engine) as session:
        return list(session.exec(select(InboundMessage).order_by(InboundMessage.id)))  # type: ignore[arg-type]


def store_body(engine: Engine, body: bytes, *, now: datetime | None = None) -> None:
    """Store a Meta delivery the way the webhook does (received `now`), without HTTP."""
    from bot.clock import utcnow
    from bot.db.engine import transaction
    from bot.inbound.meta import loads, parse_webhook
    from bot.inbound.store import store_batch

    with transaction(engine) as session:
        store_batch(session, parse_webhook(loads(body)), body, now=now or utcnow())
