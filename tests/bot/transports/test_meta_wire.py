"""MetaCloudTransport over real sockets: the poster's direct path to the pool reads every answer
Meta sends as httpx does, and every one is classified as through httpx (a scripted server on
127.0.0.1; test_meta.py checks the same classes through pytest-httpx)."""

from __future__ import annotations

import asyncio
import gzip
import json
import zlib
from typing import Any

import httpx
import pytest

from bot.errors import RetryableSendError, SendError
from bot.outbound.messages import Text
from bot.transports import _pool
from bot.transports._pool import Answer, JsonPoster, LeanTransport
from bot.transports.base import SendResult
from bot.transports.meta import MetaCloudTransport
from tests.bot.transports.test_meta import ERRORS, fixture
from tests.bot.transports.test_pool import answering, read_request

PHONE_ID = "106540352249871"


def http(status: int, body: bytes, *headers: str, length: bool = True) -> bytes:
    """The bytes of an answer: status line, headers, then the body (chunked without length)."""
    lines = [f"HTTP/1.1 {status} Whatever", *headers]
    if length:
        lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
    lines.append("Transfer-Encoding: chunked")
    half = len(body) // 2
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (body[:half], body[half:]) if c)
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + chunks + b"0\r\n\r\n"


def graph_json(status: int, answer: Any) -> bytes:
    """As the Graph API answers: JSON with a charset, a few of its headers."""
    return http(
        status,
        json.dumps(answer).encode(),
        "Content-Type: application/json; charset=UTF-8",
        "x-fb-trace-id: AbCdEf",
        "Connection: keep-alive",
    )


class ThroughHttpx(LeanTransport):
    """The same pool, its request handling replaced: the poster goes through httpx's objects."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await super().handle_async_request(request)


def both_ways(raw: bytes) -> tuple[Answer, Answer]:
    """The answer `raw` as the poster reads it directly and through httpx."""
    answers: list[Answer] = []

    async def client(api: str) -> None:
        for transport in (LeanTransport(2), ThroughHttpx(2)):
            poster = JsonPoster(f"{api}/{PHONE_ID}/messages", {}, httpx.Timeout(5.0), transport)
            try:
                answers.append(await poster.post({"to": "221771234567"}))
            finally:
                await poster.aclose()

    asyncio.run(asyncio.wait_for(answering(raw, client), 20))
    direct, through = answers
    return direct, through


def outcome(raw: bytes) -> SendResult | SendError:
    """What `MetaCloudTransport.send` makes of the answer `raw` (the direct path)."""
    results: list[SendResult | SendError] = []

    async def client(api: str) -> None:
        transport = MetaCloudTransport(api, "token", PHONE_ID)
        try:
            results.append(await transport.send("+221771234567", Text("Bonjour")))
        except SendError as exc:
            results.append(exc)
        finally:
            await transport.aclose()

    asyncio.run(asyncio.wait_for(answering(raw, client), 20))
    return results[0]


@pytest.mark.parametrize(
    ("status", "answer", "expected"), ERRORS, ids=[str(e[1]["error"]["code"]) for e in ERRORS]
)
def test_every_graph_error_read_from_the_socket_is_classified_by_its_code(
    status: int, answer: dict[str, Any], expected: type[SendError]
) -> None:
    raw = graph_json(status, answer)
    direct, through = both_ways(raw)
    assert direct == through == Answer(status, json.dumps(answer).encode())
    error = outcome(raw)
    assert type(error) is expected
    assert isinstance(error, SendError) and error.code == answer["error"]["code"]


SUCCESS = fixture("graph_send_success.json")
WAMID = SUCCESS["messages"][0]["id"]
BODY = json.dumps(SUCCESS).encode()

ANSWERS: dict[str, tuple[bytes, SendResult | tuple[type[SendError], str]]] = {
    "accepted": (graph_json(200, SUCCESS), SendResult(WAMID, "221771234567")),
    "chunked": (
        http(200, BODY, "Content-Type: application/json", length=False),
        SendResult(WAMID, "221771234567"),
    ),
    "gzip": (
        http(200, gzip.compress(BODY), "Content-Type: application/json", "Content-Encoding: gzip"),
        SendResult(WAMID, "221771234567"),
    ),
    "deflate": (
        http(200, zlib.compress(BODY), "content-encoding: deflate"),
        SendResult(WAMID, "221771234567"),
    ),
    "no id": (
        graph_json(200, {"messaging_product": "whatsapp", "messages": []}),
        SendResult("", ""),
    ),
    "2xx not json": (
        http(200, b"<html>OK</html>", "Content-Type: text/html"),
        (RetryableSendError, "bad-answer"),
    ),
    "2xx not utf-8": (http(200, b"\xff\xfe{}"), (RetryableSendError, "bad-answer")),
    "2xx empty": (http(200, b""), (RetryableSendError, "bad-answer")),
    "502 page": (
        http(502, b"<html>Bad Gateway</html>", "Content-Type: text/html"),
        (RetryableSendError, "http-502"),
    ),
    "429 bare": (http(429, b""), (SendError, "http-429")),
    "401 bare": (http(401, b"Unauthorized"), (SendError, "http-401")),
    "400 bare": (http(400, b"nope"), (SendError, "http-400")),
    "408 bare": (http(408, b""), (RetryableSendError, "http-408")),
}


@pytest.mark.parametrize("name", list(ANSWERS))
def test_every_answer_is_read_as_httpx_reads_it_and_gives_the_same_outcome(name: str) -> None:
    raw, expected = ANSWERS[name]
    direct, through = both_ways(raw)
    assert direct == through
    result = outcome(raw)
    if isinstance(expected, SendResult):
        assert result == expected
    else:
        kind, code = expected
        assert isinstance(result, kind) and result.code == code


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"", httpx.RemoteProtocolError),  # hangs up without answering
        (b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{}", httpx.RemoteProtocolError),
        (b"NOT HTTP AT ALL\r\n\r\n", httpx.RemoteProtocolError),
    ],
    ids=["hang up", "cut short", "malformed"],
)
def test_a_broken_answer_is_an_httpx_transport_error_either_way(
    raw: bytes, error: type[httpx.HTTPError]
) -> None:
    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(raw)
        await writer.drain()
        writer.close()

    async def go() -> list[type[BaseException]]:
        server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
        url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/v21.0/1/messages"
        kinds: list[type[BaseException]] = []
        async with server:
            for transport in (LeanTransport(1), ThroughHttpx(1)):
                poster = JsonPoster(url, {}, httpx.Timeout(5.0), transport)
                try:
                    await poster.post({})
                except httpx.HTTPError as exc:
                    kinds.append(type(exc))
                finally:
                    await poster.aclose()
        return kinds

    assert asyncio.run(asyncio.wait_for(go(), 20)) == [error, error]


def test_a_send_over_the_lean_pool_builds_no_httpx_request_or_response(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The point of the direct path (a third of a send's CPU): the request's bytes go to the
    pool, the answer comes back as status and body."""
    built: list[str] = []
    for cls in (httpx.Request, httpx.Response):
        init = cls.__init__

        def counted(self: Any, *args: Any, _init: Any = init, **kwargs: Any) -> None:
            built.append(type(self).__name__)
            _init(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", counted)
    assert isinstance(outcome(graph_json(200, SUCCESS)), SendResult)
    assert built == []
    assert _pool._HTTPX_HANDLING is httpx.AsyncHTTPTransport.handle_async_request
