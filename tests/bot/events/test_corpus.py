"""Every WhatsApp fixture replayed through the signed webhook, twice and re-serialised: never a
5xx, each message, status, operator event and raw body stored exactly once, then processed
without error."""

from __future__ import annotations

import json

from sqlmodel import Session, func, select

from bot.db.models import (
    DeliveryStatus,
    InboundMessage,
    OperatorEvent,
    WebhookEvent,
)
from bot.inbound.processor import process_pending
from tests.bot.events.conftest import Bot
from tests.bot.inbound.helpers import META, PATH, compact, signed_headers
from tests.conftest import TEST_PHONE_NUMBER_ID


def count(bot: Bot, model: type) -> int:
    with Session(bot.engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def test_the_whole_corpus_is_stored_once_and_processed(bot: Bot) -> None:
    bodies = [p.read_bytes() for p in sorted(META.glob("meta_*.json"))]
    messages, statuses, events, raw = set(), set(), 0, set()
    for body in bodies:
        payload = json.loads(body)
        for entry in payload.get("entry", []):
            for change in entry.get("changes", []):
                value = change.get("value", {})
                if change.get("field") == "messages":
                    if value["metadata"]["phone_number_id"] != TEST_PHONE_NUMBER_ID:
                        raw.add(body)  # another number of ours: kept raw, not used
                        continue
                    messages |= {m["id"] for m in value.get("messages", [])}
                    statuses |= {(s["id"], s["status"]) for s in value.get("statuses", [])}
                    if "errors" in value:
                        raw.add(body)
                elif change.get("field") in ("calls",):
                    raw.add(body)
                else:
                    events += 1
    for body in bodies:
        for copy in (body, body, compact(json.loads(body))):
            response = bot.client.post(PATH, content=copy, headers=signed_headers(copy))
            assert response.status_code == 200, (body[:80], response.status_code)
    assert count(bot, InboundMessage) == len(messages)
    assert count(bot, DeliveryStatus) == len(statuses)
    assert count(bot, OperatorEvent) == events
    # A raw body is kept once per distinct body: the re-serialised copy is another body.
    assert count(bot, WebhookEvent) == 2 * len(raw)
    process_pending(bot.engine, bot.settings)
    with Session(bot.engine) as session:
        rows = list(session.exec(select(InboundMessage)))
    assert rows and all(r.processed_at is not None and r.error is None for r in rows)
