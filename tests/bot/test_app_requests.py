"""What the app does around every request (the routes' order, the request id) and for its
whole life (the cycle collector's pace)."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from starlette.routing import Match
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from bot.app import RequestIdMiddleware, create_app
from bot.runtime import GEN0_THRESHOLD, tune_collector
from bot.settings import Settings
from tests.bot.inbound.helpers import PATH


def test_a_webhook_is_matched_by_the_first_routes(settings: Settings, engine: Engine) -> None:
    """The router tries routes in order: the webhooks come before the back office's and the
    API's, so a delivery is not compared with every one of them first."""
    app = create_app(settings, engine=engine, run_background=False)
    scope = {"type": "http", "method": "POST", "path": PATH, "root_path": ""}
    first_full = next(
        i for i, route in enumerate(app.routes) if route.matches(scope)[0] is Match.FULL
    )
    assert first_full <= 1
    twilio = {**scope, "path": "/webhooks/twilio"}
    assert any(route.matches(twilio)[0] is Match.FULL for route in app.routes[:4])


def test_request_ids_are_given_kept_or_made_distinct(settings: Settings, engine: Engine) -> None:
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        given = client.get("/healthz", headers={"x-request-id": "abc-123"})
        refused = client.get("/healthz", headers={"x-request-id": "no spaces please"})
        made = [client.get("/healthz").headers["x-request-id"] for _ in range(3)]
    assert given.headers["x-request-id"] == "abc-123"
    assert refused.headers["x-request-id"] != "no spaces please"
    for request_id in [refused.headers["x-request-id"], *made]:
        assert re.fullmatch(r"[0-9a-f]{16}", request_id)
    assert len({refused.headers["x-request-id"], *made}) == 4


def test_the_request_id_leaves_a_responses_own_headers_alone() -> None:
    """A response sent with the same header list every time (a prebuilt one) keeps it as it
    was: the id goes in a copy."""
    shared = [(b"content-type", b"text/plain")]

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": shared})
        await send({"type": "http.response.body", "body": b"ok"})

    client = TestClient(RequestIdMiddleware(app))
    first, second = client.get("/"), client.get("/")
    assert first.headers["x-request-id"] != second.headers["x-request-id"]
    assert shared == [(b"content-type", b"text/plain")]


@pytest.fixture
def gc_threshold() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's default
    yield
    gc.set_threshold(*saved)


@pytest.mark.usefixtures("gc_threshold")
def test_the_app_collects_young_objects_less_often(settings: Settings, engine: Engine) -> None:
    with TestClient(create_app(settings, engine=engine, run_background=False)):
        assert gc.get_threshold() == (GEN0_THRESHOLD, 10, 10)


@pytest.mark.usefixtures("gc_threshold")
def test_a_higher_or_disabled_threshold_is_left_as_it_is() -> None:
    gc.set_threshold(50_000, 5, 5)
    tune_collector()
    assert gc.get_threshold() == (50_000, 5, 5)
    gc.set_threshold(0)
    tune_collector()
    assert gc.get_threshold()[0] == 0
