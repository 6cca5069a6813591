"""The same treatments for Twilio's form posts: captions, voice notes, a `ButtonText` without
payload, locations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from bot.app import create_app
from bot.demo import create_demo
from bot.inbound.processor import process_pending
from bot.settings import Settings
from tests.bot.events.conftest import AWA, Bot
from tests.bot.twilio.conftest import fixture_form, signed_post, twilio_settings


@pytest.fixture
def twilio(database_url: str, engine: Engine) -> Iterator[tuple[TestClient, Bot]]:
    settings: Settings = twilio_settings(database_url)
    with Session(engine) as session:
        create_demo(session, settings=settings)
        session.commit()
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        yield client, Bot(client, engine, settings)


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("twilio_inbound_media_caption.txt", "Farine de blé 50kg"),
        ("twilio_inbound_button_text.txt", "Farine de blé 50kg"),
        ("twilio_inbound_voice.txt", "Je ne lis pas encore les messages vocaux."),
        ("twilio_inbound_location.txt", None),
    ],
)
def test_twilio_messages_get_their_treatment(
    twilio: tuple[TestClient, Bot], fixture: str, expected: str | None
) -> None:
    client, bot = twilio
    status, _, _ = signed_post(client, "/webhooks/twilio", fixture_form(fixture))
    assert status == 200
    process_pending(bot.engine, bot.settings)
    texts = bot.texts(AWA)
    if expected is None:
        assert texts == []
    else:
        [reply] = texts
        assert reply.startswith(expected)
