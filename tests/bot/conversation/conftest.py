"""A manager of the demo store talking to `respond()` over a real database session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest
from sqlmodel import Session

from bot.clock import utcnow
from bot.conversation import respond
from bot.db.models import Manager
from bot.demo import DEMO_MANAGER_PHONE, create_demo
from bot.inbound.models import (
    ButtonReply,
    InboundMessageEvent,
    ListReply,
    MediaKind,
    MediaMessage,
    TextMessage,
)
from bot.managers import find_manager
from bot.outbound.messages import Buttons, ListMessage, OutgoingMessage, Text
from bot.settings import Settings

# After the demo import, which happens at real time; on a whole hour so that replies can be read.
START = (utcnow() + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
STEP = timedelta(seconds=5)  # the clock moves on after each message
_ids = count(1)


def shown(messages: list[OutgoingMessage]) -> str:
    """What the phone shows, as one string (bodies, button and row titles)."""
    parts: list[str] = []
    for message in messages:
        if isinstance(message, Text):
            parts.append(message.body)
        elif isinstance(message, Buttons):
            parts.append(message.body)
            parts += [f"[{b.title}]" for b in message.buttons]
        elif isinstance(message, ListMessage):
            parts.append(message.body)
            parts += [f"- {r.title}" for r in message.rows]
    return "\n".join(parts)


def choice_ids(messages: list[OutgoingMessage]) -> list[str]:
    ids: list[str] = []
    for message in messages:
        if isinstance(message, Buttons):
            ids += [b.id for b in message.buttons]
        elif isinstance(message, ListMessage):
            ids += [r.id for r in message.rows]
    return ids


@dataclass
class Chat:
    """One manager's side of the conversation; each call commits like the processor does."""

    session: Session
    manager: Manager
    settings: Settings
    now: datetime = START
    last: list[OutgoingMessage] = field(default_factory=list)

    def send(self, message: InboundMessageEvent) -> list[OutgoingMessage]:
        self.last = respond(
            self.session, self.manager, message, settings=self.settings, now=self.now
        )
        self.session.commit()
        self.now += STEP
        return self.last

    def common(self) -> dict[str, Any]:
        return {
            "provider": "meta",
            "message_id": f"wamid.test{next(_ids)}",
            "sender": self.manager.phone,
            "timestamp": self.now,
        }

    def say(self, body: str) -> str:
        return shown(self.send(TextMessage(body=body, **self.common())))

    def tap(self, button_id: str) -> str:
        message = ButtonReply(id=button_id, title="", **self.common())
        return shown(self.send(message))

    def pick(self, row_id: str) -> str:
        return shown(self.send(ListReply(id=row_id, title="", **self.common())))

    def photo(self) -> str:
        message = MediaMessage(media=MediaKind.IMAGE, media_id="m1", **self.common())
        return shown(self.send(message))

    def ids(self) -> list[str]:
        return choice_ids(self.last)

    def button(self, suffix: str) -> str:
        """The id of the last message's choice ending with `suffix` (`yes`, a sku…)."""
        found = [i for i in self.ids() if i.endswith(":" + suffix)]
        assert len(found) == 1, (suffix, self.ids())
        return found[0]


@pytest.fixture
def chat(session: Session, settings: Settings) -> Iterator[Chat]:
    create_demo(session, settings=settings)
    session.commit()
    manager = find_manager(session, DEMO_MANAGER_PHONE)
    assert manager is not None
    yield Chat(session, manager, settings)


from tests.fakes.graph import fake_graph  # noqa: E402, F401
