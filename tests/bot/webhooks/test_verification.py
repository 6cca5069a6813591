"""GET /webhooks/whatsapp: Meta's subscription handshake."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.app import create_app
from tests.bot.inbound.helpers import PATH
from tests.conftest import TEST_VERIFY_TOKEN, make_settings


def test_good_token_echoes_the_challenge_unchanged(client: TestClient) -> None:
    params = {"hub.mode": "subscribe", "hub.verify_token": TEST_VERIFY_TOKEN}
    response = client.get(PATH, params={**params, "hub.challenge": "0123456789"})
    assert response.status_code == 200
    assert response.text == "0123456789"  # not JSON, not cast to int
    assert response.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize(
    "params",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "wrong-token"},
        {"hub.mode": "unsubscribe", "hub.verify_token": TEST_VERIFY_TOKEN},
        {"hub.verify_token": TEST_VERIFY_TOKEN},
        {"hub.mode": "subscribe"},
        {"hub.mode": "subscribe", "hub.verify_token": ""},
    ],
    ids=["wrong-token", "wrong-mode", "no-mode", "no-token", "empty-token"],
)
def test_anything_else_is_refused(client: TestClient, params: dict[str, str]) -> None:
    response = client.get(PATH, params={**params, "hub.challenge": "42"})
    assert response.status_code == 403
    assert "42" not in response.text


def test_an_unset_token_never_matches_an_empty_one(database_url: str, engine: Engine) -> None:
    settings = make_settings(database_url, whatsapp_verify_token=None)
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        params = {"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "42"}
        assert client.get(PATH, params=params).status_code == 403
