"""MetaCloudTransport: the exact bodies Meta expects, and every error class (pytest-httpx)."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from bot.errors import (
    OutsideWindowError,
    PermanentSendError,
    RetryableSendError,
    SendError,
    StopSending,
)
from bot.outbound.messages import (
    Button,
    Buttons,
    ListMessage,
    ListRow,
    MarkRead,
    OutgoingMessage,
    Reaction,
    Template,
    Text,
)
from bot.transports.base import (
    AccountBlocked,
    AccountRateLimited,
    SendResult,
    ThroughputExceeded,
)
from bot.transports.meta import MetaCloudTransport
from tests.conftest import FIXTURES
from tests.fakes.graph import FakeGraph

API = "https://graph.example.test/v21.0"
PHONE_ID = "106540352249871"
URL = f"{API}/{PHONE_ID}/messages"
WHATSAPP = FIXTURES / "whatsapp"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((WHATSAPP / name).read_text())
    return data


def send(message: OutgoingMessage, recipient: str = "+221771234567") -> SendResult:
    async def go() -> SendResult:
        transport = MetaCloudTransport(API, "secret-token", PHONE_ID)
        try:
            return await transport.send(recipient, message)
        finally:
            await transport.aclose()

    return asyncio.run(go())


CASES: list[tuple[str, str, OutgoingMessage]] = [
    ("send_text.json", "+221771234567", Text("Riz brisé 50kg : 3 sacs en stock (seuil 5).")),
    (
        "send_interactive_buttons.json",
        "+221771234567",
        Buttons(
            "Riz brisé 50kg : il reste 3 sacs. Commander 20 sacs maintenant ?",
            (
                Button("restock:yes:RIZ-BRISE-50", "Oui"),
                Button("restock:no:RIZ-BRISE-50", "Non"),
                Button("restock:later:RIZ-BRISE-50", "Plus tard"),
            ),
            header="Stock faible",
            footer="Boutique Ndiaye",
        ),
    ),
    (
        "send_interactive_list.json",
        "+221761112233",
        ListMessage(
            "Plusieurs produits correspondent à « huile ». Choisissez :",
            "Voir les produits",
            (
                ListRow("product:HUILE-1L", "Huile Jadida 1L", "Bouteille · 30 en stock"),
                ListRow("product:HUILE-5L", "Huile Jadida 5L", "Bidon 5L · 4 en stock"),
                ListRow("product:HUILE-20L", "Huile d'arachide 20L", "Bidon 20L · 0 en stock"),
            ),
            header="Quelle huile ?",
            footer="3 résultats",
            section_title="Huiles",
        ),
    ),
    (
        "send_template.json",
        "+221771234567",
        Template(
            "alerte_rupture_stock",
            "fr",
            ("2", "Riz brisé 50kg (3), Gaz 12kg (1)"),
            ("REORDER:RIZ-BRISE-50:20", "SNOOZE:RIZ-BRISE-50:24h"),
        ),
    ),
    (
        "send_mark_read.json",
        "+221771234567",
        MarkRead(
            "wamid.HBgMMjIxNzcxMjM0NTY3FQIAEhgUNTlBMDQwQzU2NDg4MjU1Qzg4RTQA",
            typing_indicator=True,
        ),
    ),
    (
        "send_reaction.json",
        "+221771234567",
        Reaction("wamid.HBgMMjIxNzcxMjM0NTY3FQIAEhgUMkZBQTA0QzNDRDBEQTE5NDA1OTIA", "✅"),
    ),
]


@pytest.mark.parametrize(("name", "recipient", "message"), CASES, ids=[c[0] for c in CASES])
def test_body_is_exactly_what_meta_expects(
    httpx_mock: HTTPXMock, name: str, recipient: str, message: OutgoingMessage
) -> None:
    answer = fixture("graph_send_success.json")
    if isinstance(message, MarkRead):
        answer = {"success": True}
    httpx_mock.add_response(url=URL, method="POST", json=answer)
    result = send(message, recipient)
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == fixture(name)
    assert request.headers["authorization"] == "Bearer secret-token"
    assert request.headers["content-type"] == "application/json"
    if isinstance(message, MarkRead):
        assert result == SendResult("", "")
    else:
        assert result.provider_message_id == answer["messages"][0]["id"]
        assert result.wa_id == "221771234567"


def graph_error(code: int) -> dict[str, Any]:
    return {"error": {"message": f"(#{code}) x", "type": "OAuthException", "code": code}}


ERRORS: list[tuple[int, dict[str, Any], type[SendError]]] = [
    (429, fixture("graph_error_130429.json"), ThroughputExceeded),
    (400, fixture("graph_error_131056.json"), RetryableSendError),
    (400, fixture("graph_error_131047.json"), OutsideWindowError),
    (400, fixture("graph_error_100.json"), PermanentSendError),
    (401, fixture("graph_error_190.json"), StopSending),
    (400, graph_error(4), AccountRateLimited),  # the app or account: every send holds
    (400, graph_error(80007), AccountRateLimited),
    (400, graph_error(131048), RetryableSendError),
    (400, graph_error(131049), RetryableSendError),
    (500, graph_error(131000), RetryableSendError),
    (503, graph_error(131016), RetryableSendError),
    (503, graph_error(2), RetryableSendError),
    (400, graph_error(131026), PermanentSendError),
    (400, graph_error(131051), PermanentSendError),
    (400, graph_error(131008), PermanentSendError),
    (400, graph_error(131009), PermanentSendError),
    (400, graph_error(132000), PermanentSendError),
    (404, graph_error(132001), PermanentSendError),
    # A paused or disabled template fails its messages only; other sends go on.
    (400, graph_error(132015), PermanentSendError),
    (400, graph_error(132016), PermanentSendError),
    (400, graph_error(133010), StopSending),
    (403, graph_error(10), StopSending),
    (403, graph_error(200), StopSending),
    # Permissions missing or removed, whatever the HTTP status: every send would meet them.
    (500, graph_error(3), StopSending),
    (403, graph_error(131005), StopSending),
    # Policy block, account locked: the message fails and all sending pauses.
    (403, graph_error(368), AccountBlocked),
    (403, graph_error(131031), AccountBlocked),
    (400, graph_error(131042), StopSending),
    # The class follows the Graph code, not the HTTP status:
    (500, graph_error(131026), PermanentSendError),
    (400, graph_error(130429), ThroughputExceeded),
]


@pytest.mark.parametrize(
    ("status", "answer", "expected"), ERRORS, ids=[str(e[1]["error"]["code"]) for e in ERRORS]
)
def test_graph_errors_are_classified_by_code(
    httpx_mock: HTTPXMock, status: int, answer: dict[str, Any], expected: type[SendError]
) -> None:
    httpx_mock.add_response(url=URL, method="POST", status_code=status, json=answer)
    with pytest.raises(SendError) as caught:
        send(Text("Bonjour"))
    assert type(caught.value) is expected
    assert caught.value.code == answer["error"]["code"]


def test_pair_rate_waits_at_least_six_seconds(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=URL, status_code=400, json=fixture("graph_error_131056.json"))
    with pytest.raises(RetryableSendError) as caught:
        send(Text("Bonjour"))
    assert caught.value.retry_after is not None and caught.value.retry_after >= 6


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (502, RetryableSendError),
        (429, ThroughputExceeded),  # a subclass of RetryableSendError: slows every send
        (401, StopSending),
        (400, PermanentSendError),
    ],
)
def test_bare_http_errors_fall_back_on_status(
    httpx_mock: HTTPXMock, status: int, expected: type[SendError]
) -> None:
    httpx_mock.add_response(url=URL, status_code=status, text="<html>oops</html>")
    with pytest.raises(expected):
        send(Text("Bonjour"))


@pytest.mark.parametrize(
    "failure", [httpx.ReadTimeout("slow"), httpx.ConnectError("refused")], ids=["timeout", "net"]
)
def test_timeouts_and_network_errors_are_retryable(
    httpx_mock: HTTPXMock, failure: httpx.HTTPError
) -> None:
    httpx_mock.add_exception(failure, url=URL)
    with pytest.raises(RetryableSendError):
        send(Text("Bonjour"))


def test_timeouts_are_set(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=URL, json=fixture("graph_send_success.json"))
    send(Text("un"))
    [request] = httpx_mock.get_requests()
    timeouts = {"connect": 5.0, "read": 15.0, "write": 15.0, "pool": 15.0}
    assert request.extensions["timeout"] == timeouts


def test_one_client_and_its_connections_are_reused(fake_graph: FakeGraph) -> None:
    """Sends one after the other share one connection; concurrent ones at most
    `max_connections` (a client, or a connection, per request would show a new peer each)."""

    async def go() -> None:
        transport = MetaCloudTransport(
            fake_graph.api_url, fake_graph.token, fake_graph.phone_number_id, max_connections=3
        )
        try:
            for n in range(4):
                await transport.send("+221771234567", Text(f"seul {n}"))
            await asyncio.gather(
                *(transport.send("+221761112233", Text(f"ensemble {n}")) for n in range(12))
            )
        finally:
            await transport.aclose()

    fake_graph.latency = 0.02
    asyncio.run(go())
    one_by_one = {r.peer for r in fake_graph.accepted if r.to == "221771234567"}
    together = {r.peer for r in fake_graph.accepted if r.to == "221761112233"}
    assert len(fake_graph.accepted) == 16
    assert len(one_by_one) == 1
    assert 1 <= len(together) <= 3
    assert one_by_one <= together  # the same pool throughout


def test_more_sends_than_connections_wait_for_one(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=URL, json=fixture("graph_send_success.json"), is_reusable=True)

    async def go() -> list[SendResult]:
        transport = MetaCloudTransport(API, "t", PHONE_ID, max_connections=2)
        try:
            return await asyncio.gather(
                *(transport.send("+221771234567", Text(f"n{n}")) for n in range(7))
            )
        finally:
            await transport.aclose()

    assert len(asyncio.run(go())) == 7
    assert len(httpx_mock.get_requests()) == 7


@pytest.mark.parametrize(
    "answer",
    [
        {"messaging_product": "whatsapp", "contacts": [{"input": "+221771234567"}]},
        {"messaging_product": "whatsapp", "messages": [{"message_status": "accepted"}]},
        {"messaging_product": "whatsapp", "messages": []},
    ],
    ids=["no messages", "no id", "empty"],
)
def test_a_2xx_without_a_message_id_is_a_send_not_a_retry(
    httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture, answer: dict[str, Any]
) -> None:
    """Meta accepted it: retrying would send it twice. Kept as sent, without an id, and said."""
    httpx_mock.add_response(url=URL, json=answer)
    with caplog.at_level(logging.WARNING):
        result = send(Text("Bonjour"))
    assert result.provider_message_id == ""
    assert "without giving its id" in caplog.text


def test_a_2xx_that_is_not_json_is_retried(httpx_mock: HTTPXMock) -> None:
    """Not a Graph answer at all (a proxy's page): the message did not reach Meta."""
    httpx_mock.add_response(url=URL, text="<html>OK</html>")
    with pytest.raises(RetryableSendError):
        send(Text("Bonjour"))
