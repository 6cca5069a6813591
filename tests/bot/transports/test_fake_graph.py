"""The fake Graph API itself: what other end-to-end tests rely on."""

from __future__ import annotations

import json

import httpx

from tests.conftest import FIXTURES
from tests.fakes.graph import FakeGraph

TEXT_BODY = json.loads((FIXTURES / "whatsapp" / "send_text.json").read_text())


def _post(graph: FakeGraph, body: dict[str, object], token: str | None = None) -> httpx.Response:
    url = f"{graph.api_url}/{graph.phone_number_id}/messages"
    headers = {"Authorization": f"Bearer {token or graph.token}"}
    return httpx.post(url, json=body, headers=headers, timeout=5)


def test_accepts_and_records_like_meta(fake_graph: FakeGraph) -> None:
    first = _post(fake_graph, TEXT_BODY)
    second = _post(fake_graph, TEXT_BODY)
    assert first.status_code == 200
    answer = first.json()
    assert answer["contacts"] == [{"input": "221771234567", "wa_id": "221771234567"}]
    assert answer["messages"][0]["id"] != second.json()["messages"][0]["id"]
    assert fake_graph.texts_to("+221771234567") == [TEXT_BODY["text"]["body"]] * 2
    assert fake_graph.requests[0].headers["authorization"] == f"Bearer {fake_graph.token}"


def test_wrong_token_is_190(fake_graph: FakeGraph) -> None:
    answer = _post(fake_graph, TEXT_BODY, token="expired")
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == 190
    assert fake_graph.accepted == []


def test_scripted_errors_per_recipient_then_global(fake_graph: FakeGraph) -> None:
    fake_graph.fail_next(1, 131047, to="+221771234567")
    fake_graph.fail_next(1, None, status=502)
    other = dict(TEXT_BODY, to="221761112233")
    assert _post(fake_graph, other).status_code == 502
    refused = _post(fake_graph, TEXT_BODY)
    assert refused.json()["error"]["code"] == 131047
    assert _post(fake_graph, TEXT_BODY).status_code == 200
    assert [r.status for r in fake_graph.requests] == [502, 400, 200]
    fake_graph.reset()
    assert fake_graph.requests == []


def test_delay_next_makes_a_timeout(fake_graph: FakeGraph) -> None:
    fake_graph.delay_next(1, 0.5)
    url = f"{fake_graph.api_url}/{fake_graph.phone_number_id}/messages"
    headers = {"Authorization": f"Bearer {fake_graph.token}"}
    try:
        httpx.post(url, json=TEXT_BODY, headers=headers, timeout=0.1)
        raise AssertionError("expected a timeout")
    except httpx.TimeoutException:
        pass
    assert _post(fake_graph, TEXT_BODY).status_code == 200
