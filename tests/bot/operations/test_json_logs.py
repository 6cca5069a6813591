"""`LOG_FORMAT=json`: one JSON object per line, with the request id, numbers masked, no secrets."""

from __future__ import annotations

import io
import json
import logging

from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.app import create_app
from bot.logs import configure_logging
from tests.bot.inbound.helpers import PATH
from tests.conftest import TEST_APP_SECRET, TEST_VERIFY_TOKEN, make_settings


def test_one_json_object_per_line_with_request_id_and_masked_numbers(
    database_url: str, engine: Engine
) -> None:
    settings = make_settings(database_url, log_format="json")
    stream = io.StringIO()
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        handler = next(
            h for h in logging.getLogger().handlers if type(h).__name__ == "_StockbotHandler"
        )
        handler.setStream(stream)  # type: ignore[attr-defined]
        response = client.post(
            PATH,
            content=b"{}",
            headers={"x-hub-signature-256": "sha256=00", "x-request-id": "abc-123"},
        )
        assert response.status_code == 401
        assert response.headers["x-request-id"] == "abc-123"
        response = client.get(f"{PATH}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")
        generated = response.headers["x-request-id"]
        logging.getLogger("bot.test").error("failed for +221771234567", exc_info=ValueError("x"))
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    refused = next(line for line in lines if "signature" in line["message"])
    assert refused["level"] == "WARNING" and refused["logger"] == "bot.webhooks.meta"
    assert refused["request_id"] == "abc-123"
    assert {"time", "level", "logger", "message"} <= set(refused)
    assert any(line.get("request_id") == generated for line in lines)
    error = next(line for line in lines if line["logger"] == "bot.test")
    assert error["message"] == "failed for +22177***4567" and "ValueError" in error["exception"]
    text = stream.getvalue()
    assert TEST_APP_SECRET not in text and TEST_VERIFY_TOKEN not in text
    configure_logging("INFO")  # back to text for the other tests


def test_text_stays_the_default(database_url: str) -> None:
    assert make_settings(database_url).log_format == "text"
