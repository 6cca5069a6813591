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
from tests.bot.inbound.helpers import PATH, signed_headers, text_webhook


def test_a_delivery_is_answered_before_the_router_and_other_requests_reach_it(
    settings: Settings, engine: Engine
) -> None:
    """A Meta delivery is answered by `MetaWebhookPath` without Starlette's routing; the
    handshake on the same path and every other request still go through the router."""
    app = create_app(settings, engine=engine, run_background=False)
    reached: list[tuple[str, str]] = []
    router = app.router

    class Watched:
        def __getattr__(self, name: str) -> object:
            return getattr(router, name)

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                reached.append((scope["method"], scope["path"]))
            await router(scope, receive, send)

    app.router = Watched()  # type: ignore[assignment]
    body = text_webhook("wamid.FAST1")
    with TestClient(app) as client:
        assert client.post(PATH, content=body, headers=signed_headers(body)).status_code == 200
        assert client.get(PATH, params={"hub.mode": "subscribe"}).status_code == 403
        assert client.get("/healthz").status_code == 200
    assert reached == [("GET", PATH), ("GET", "/healthz")]


def test_the_webhooks_are_the_first_routes(settings: Settings, engine: Engine) -> None:
    """The router tries routes in order: the webhooks come before the back office's and the
    API's, so a delivery is not compared with every one of them first."""
    app = create_app(settings, engine=engine, run_background=False)
    scope = {"type": "http", "method": "GET", "path": PATH, "root_path": ""}
    assert app.routes[0].matches(scope)[0] is Match.FULL
    twilio = {**scope, "method": "POST", "path": "/webhooks/twilio"}
    assert any(route.matches(twilio)[0] is Match.FULL for route in app.routes[:3])


def test_a_deliverys_answer_is_built_anew_for_each_request(
    settings: Settings, engine: Engine
) -> None:
    """Each answer carries its own request id once, and the text `PlainTextResponse` sent: the
    prebuilt headers are never changed by the request id middleware."""
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        answers = []
        for i in range(3):
            body = text_webhook(f"wamid.FAST{i}")
            answers.append(client.post(PATH, content=body, headers=signed_headers(body)))
        refused = client.post(PATH, content=b"{}", headers=signed_headers(b"{}", "wrong"))
    for answer in answers:
        assert answer.status_code == 200
        assert answer.text == "OK"
        assert answer.headers["content-type"] == "text/plain; charset=utf-8"
        assert answer.headers.get_list("x-request-id") == [answer.headers["x-request-id"]]
    assert len({answer.headers["x-request-id"] for answer in answers}) == 3
    assert (refused.status_code, refused.text) == (401, "Unauthorized")
    assert len(refused.headers.get_list("x-request-id")) == 1


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
