"""End-to-end fixtures of the event treatment tests: the app on the test database (background
loops off), the demo store, signed Meta deliveries in, the outbox rows out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.clock import utcnow
from bot.db.models import OutboundMessage
from bot.demo import create_demo
from bot.inbound.processor import process_pending
from bot.settings import Settings
from tests.bot.inbound.helpers import PATH, signed_headers

AWA = "+221771234567"  # the demo manager, sender of the fixtures


@pytest.fixture
def demo(engine: Engine, settings: Settings) -> None:
    with Session(engine) as session:
        create_demo(session, settings=settings)
        session.commit()


@pytest.fixture
def client(settings: Settings, engine: Engine, demo: None) -> Iterator[TestClient]:
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        yield client


class Bot:
    """Deliver signed webhooks, process them, read what was queued."""

    def __init__(self, client: TestClient, engine: Engine, settings: Settings) -> None:
        self.client = client
        self.engine = engine
        self.settings = settings

    def deliver(self, body: bytes, *, now: datetime | None = None) -> None:
        response = self.client.post(PATH, content=body, headers=signed_headers(body))
        assert response.status_code == 200, response.text
        # As the app's processor, started before the message came: on PostgreSQL it is fresh,
        # claimed in the transaction that processes it.
        process_pending(self.engine, self.settings, now=now or utcnow(), fresh_after=0)

    def outbox(self, recipient: str | None = None) -> list[OutboundMessage]:
        with Session(self.engine) as session:
            query = select(OutboundMessage).order_by(OutboundMessage.id)  # type: ignore[arg-type]
            if recipient is not None:
                query = query.where(OutboundMessage.recipient == recipient)
            return list(session.exec(query))

    def texts(self, recipient: str = AWA) -> list[str]:
        return [shown(row.kind, row.payload) for row in self.outbox(recipient)]


def shown(kind: str, payload: dict[str, Any]) -> str:
    if kind in ("text", "buttons", "list"):
        return str(payload["body"])
    return f"<{kind}:{payload.get('name', '')}>"


@pytest.fixture
def bot(client: TestClient, engine: Engine, settings: Settings) -> Bot:
    return Bot(client, engine, settings)
