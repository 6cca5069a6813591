"""Helpers of the Twilio tests: settings, an app client, and signed form posts."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.app import create_app
from bot.inbound.twilio import twilio_signature
from bot.settings import Settings
from tests.conftest import FIXTURES, make_settings

ACCOUNT_SID = "ACb762bf5e4155b6e803280378e8bac72c"
AUTH_TOKEN = "7d4e2a9c1b8f6035e2d9a4c7b1f0e8a3"
PUBLIC_URL = "https://bot.example.sn"


def twilio_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "whatsapp_provider": "twilio",
        "twilio_account_sid": ACCOUNT_SID,
        "twilio_auth_token": AUTH_TOKEN,
        "twilio_whatsapp_from": "whatsapp:+221785550100",
        "twilio_api_url": "https://api.twilio.test",
        "public_base_url": PUBLIC_URL,
    }
    values.update(overrides)
    return make_settings(database_url, **values)


def fixture_form(name: str) -> list[tuple[str, str]]:
    raw = (FIXTURES / "whatsapp" / name).read_text(encoding="utf-8")
    return parse_qsl(raw, keep_blank_values=True, strict_parsing=True)


def signed_post(
    client: TestClient,
    path: str,
    params: list[tuple[str, str]],
    *,
    signed_url: str | None = None,
    token: str = AUTH_TOKEN,
    signature: str | None = None,
) -> tuple[int, str, str]:
    """POST `params` form-encoded to `path`, signed the way Twilio signs the public URL."""
    url = signed_url or PUBLIC_URL + path
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is None:
        signature = twilio_signature(token, url, params)
    if signature:
        headers["X-Twilio-Signature"] = signature
    response = client.post(path, content=urlencode(params).encode(), headers=headers)
    return response.status_code, response.headers.get("content-type", ""), response.text


@pytest.fixture
def twilio_app(database_url: str, engine: Engine) -> Iterator[TestClient]:
    """The app on Twilio settings, background loops off (tests run the processor themselves)."""
    app = create_app(twilio_settings(database_url), engine=engine, run_background=False)
    with TestClient(app) as client:
        yield client
