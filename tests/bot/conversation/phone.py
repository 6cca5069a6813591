"""A manager's phone for end-to-end tests: signed Meta webhooks in, the fake Graph API out."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.inbound.processor import process_pending
from bot.outbound.worker import OutboxWorker
from bot.settings import Settings
from tests.bot.inbound.helpers import compact, signed_headers
from tests.conftest import TEST_PHONE_NUMBER_ID
from tests.fakes.graph import FakeGraph

_ids = count(1)


def delivery(sender: str, message: dict[str, Any]) -> bytes:
    """A signed-ready Meta webhook body carrying one message from `sender` (E.164)."""
    value = {
        "messaging_product": "whatsapp",
        "metadata": {
            "display_phone_number": "221785550100",
            "phone_number_id": TEST_PHONE_NUMBER_ID,
        },
        "contacts": [{"profile": {"name": "Gérant"}, "wa_id": sender[1:]}],
        "messages": [message],
    }
    change = {"field": "messages", "value": value}
    entry = {"id": "1", "changes": [change]}
    return compact({"object": "whatsapp_business_account", "entry": [entry]})


def shown(body: dict[str, Any]) -> str:
    """What a phone shows for one message the fake Graph received."""
    if body["type"] == "text":
        return str(body["text"]["body"])
    if body["type"] == "interactive":
        interactive = body["interactive"]
        lines = [interactive["body"]["text"]]
        action = interactive["action"]
        lines += [f"[{b['reply']['title']}]" for b in action.get("buttons", [])]
        for section in action.get("sections", []):
            lines += [f"- {row['title']}" for row in section["rows"]]
        return "\n".join(lines)
    return f"<{body['type']}>"


def choice_ids(body: dict[str, Any]) -> list[str]:
    if body["type"] != "interactive":
        return []
    action = body["interactive"]["action"]
    ids = [b["reply"]["id"] for b in action.get("buttons", [])]
    for section in action.get("sections", []):
        ids += [row["id"] for row in section["rows"]]
    return ids


@dataclass
class Phone:
    number: str
    client: TestClient
    graph: FakeGraph
    settings: Settings
    engine: Engine
    seen: int = 0
    last: list[dict[str, Any]] = field(default_factory=list)

    def post(self, message: dict[str, Any]) -> str:
        """Deliver `message` (signed webhook), let the processor and the worker run, and return
        what reached this phone since the previous call."""
        message = {"from": self.number[1:], "timestamp": str(int(time.time())), **message}
        message.setdefault("id", f"wamid.conv{next(_ids)}")
        body = delivery(self.number, message)
        headers = signed_headers(body)
        response = self.client.post("/webhooks/whatsapp", content=body, headers=headers)
        assert response.status_code == 200
        process_pending(self.engine, self.settings)
        asyncio.run(OutboxWorker(self.settings, self.engine).run(until_idle=True, max_wait=5.0))
        received = self.graph.sent_to(self.number)
        self.last = received[self.seen :]
        self.seen = len(received)
        return "\n".join(shown(b) for b in self.last)

    def say(self, text: str, *, message_id: str | None = None) -> str:
        message: dict[str, Any] = {"type": "text", "text": {"body": text}}
        if message_id:
            message["id"] = message_id
        return self.post(message)

    def tap(self, button_id: str, title: str = "Oui") -> str:
        reply = {"type": "button_reply", "button_reply": {"id": button_id, "title": title}}
        return self.post({"type": "interactive", "interactive": reply})

    def pick(self, row_id: str, title: str = "Produit") -> str:
        reply = {"type": "list_reply", "list_reply": {"id": row_id, "title": title}}
        return self.post({"type": "interactive", "interactive": reply})

    def ids(self) -> list[str]:
        return [i for body in self.last for i in choice_ids(body)]

    def button(self, suffix: str) -> str:
        found = [i for i in self.ids() if i.endswith(":" + suffix)]
        assert len(found) == 1, (suffix, self.ids())
        return found[0]
