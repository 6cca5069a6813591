"""The transports' HTTP/1.1 pool under httpx, against a scripted server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable

import httpx
import pytest
from pytest_httpx import HTTPXMock

from bot.transports._pool import Answer, JsonPoster, LeanTransport

Reply = Callable[[asyncio.StreamReader, asyncio.StreamWriter, int], Awaitable[bool]]
OK = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}'


async def read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return head + await reader.readexactly(length)


async def answering(raw: bytes, client: Callable[[str], Awaitable[None]]) -> list[bytes]:
    """Run `client(api_url)` against a server answering `raw` to every request; the requests."""
    seen: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                seen.append(await read_request(reader))
                writer.write(raw)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    async with server:
        await client(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/v21.0")
    return seen


async def serve(reply: Reply, requests: int, client: Callable[[str], Awaitable[None]]) -> int:
    """Run `client(url)` against a server answering with `reply(reader, writer, n)` (True: keep
    the connection); returns how many connections were opened."""
    connections = 0
    counter = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections, counter
        connections += 1
        try:
            while counter < requests:
                await read_request(reader)
                counter += 1
                if not await reply(reader, writer, counter):
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await client(f"http://127.0.0.1:{port}/v21.0/1/messages")
    return connections


def run(reply: Reply, requests: int, client: Callable[[str], Awaitable[None]]) -> int:
    return asyncio.run(asyncio.wait_for(serve(reply, requests, client), 20))


def client(size: int = 2, **timeouts: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=LeanTransport(size), timeout=httpx.Timeout(5.0, **timeouts))


async def ok(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> bool:
    writer.write(OK)
    await writer.drain()
    return True


def test_one_connection_is_kept_alive_and_reused() -> None:
    async def three(url: str) -> None:
        async with client() as http:
            for _ in range(3):
                response = await http.post(url, json={"n": 1})
                assert response.status_code == 200 and response.json() == {"ok": True}

    assert run(ok, 3, three) == 1


def test_concurrent_requests_use_at_most_the_pool_size() -> None:
    async def slow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> bool:
        await asyncio.sleep(0.05)
        return await ok(reader, writer, n)

    async def many(url: str) -> None:
        async with client(size=3) as http:
            answers = await asyncio.gather(*(http.post(url, json={}) for _ in range(10)))
        assert [a.status_code for a in answers] == [200] * 10

    assert run(slow, 10, many) == 3


def test_a_connection_the_server_closes_is_not_reused() -> None:
    async def closing(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> bool:
        writer.write(OK.replace(b"Content-Length", b"Connection: close\r\nContent-Length"))
        await writer.drain()
        return False

    async def two(url: str) -> None:
        async with client() as http:
            for _ in range(2):
                assert (await http.post(url, json={})).status_code == 200

    assert run(closing, 2, two) == 2


def test_an_idle_connection_closed_by_the_server_is_replaced() -> None:
    async def then_close(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int
    ) -> bool:
        await ok(reader, writer, n)
        return False  # closes after answering, without saying so

    async def two(url: str) -> None:
        async with client() as http:
            assert (await http.post(url, json={})).status_code == 200
            await asyncio.sleep(0.1)  # the close arrives while the connection is idle
            assert (await http.post(url, json={})).status_code == 200

    assert run(then_close, 2, two) == 2


def test_a_chunked_answer_is_read_whole() -> None:
    async def chunked(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> bool:
        writer.write(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            b'5\r\n{"ok"\r\n6\r\n:true}\r\n0\r\n\r\n'
        )
        await writer.drain()
        return True

    async def one(url: str) -> None:
        async with client() as http:
            assert (await http.post(url, json={})).json() == {"ok": True}

    run(chunked, 1, one)


def test_a_server_that_hangs_up_without_answering_is_a_transport_error() -> None:
    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> bool:
        return False

    async def one(url: str) -> None:
        async with client() as http:
            with pytest.raises(httpx.RemoteProtocolError):
                await http.post(url, json={})

    run(hang_up, 1, one)


def test_timeouts_are_httpx_timeouts() -> None:
    async def late(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> bool:
        await asyncio.sleep(0.3)
        return await ok(reader, writer, n)

    async def waits(url: str) -> None:
        async with client(size=1, read=0.1, pool=0.05) as http:
            first = asyncio.ensure_future(http.post(url, json={}))
            await asyncio.sleep(0.02)
            with pytest.raises(httpx.PoolTimeout):  # the only connection is busy
                await http.post(url, json={})
            with pytest.raises(httpx.ReadTimeout):
                await first
            await asyncio.sleep(0.4)  # the server's late answer meets a closed connection

    assert run(late, 1, waits) == 1


def test_an_unreachable_server_is_a_connect_error() -> None:
    async def nobody() -> None:
        async with client() as http:
            with pytest.raises(httpx.ConnectError):
                await http.post("http://127.0.0.1:9/", json={})

    asyncio.run(nobody())


def test_json_poster_sends_what_client_post_sends(httpx_mock: HTTPXMock) -> None:
    """`JsonPoster` skips `AsyncClient.post`'s per-request work, not a byte of the request: same
    method, URL, body, headers (the client's defaults included) and timeouts; the answer is read."""
    url = "https://graph.example.test/v21.0/106540352249871/messages"
    body = {"to": "221771234567", "text": {"body": "Riz brisé : 3 sacs ✓"}, "n": [1, 2.5, None]}
    headers = {"Authorization": "Bearer t"}
    timeout = httpx.Timeout(15.0, connect=5.0)
    httpx_mock.add_response(url=url, json={"messages": [{"id": "wamid.1"}]}, is_reusable=True)

    async def go() -> Answer:
        async with httpx.AsyncClient(headers=headers, timeout=timeout) as client:
            await client.post(url, json=body)
        poster = JsonPoster(url, headers, timeout, LeanTransport(2))
        try:
            return await poster.post(body)
        finally:
            await poster.aclose()

    answer = asyncio.run(go())
    expected, sent = httpx_mock.get_requests()
    assert (sent.method, sent.url, sent.content) == (
        expected.method,
        expected.url,
        expected.content,
    )
    assert sent.headers.multi_items() == expected.headers.multi_items()  # in their order
    assert sent.extensions["timeout"] == expected.extensions["timeout"]
    assert answer.status_code == 200
    assert answer.json() == {"messages": [{"id": "wamid.1"}]}


def test_json_poster_puts_on_the_wire_the_bytes_client_post_puts() -> None:
    """Byte for byte on the socket: request line, headers in their order, body."""
    body = {"to": "221771234567", "text": {"body": "Riz brisé : 3 sacs ✓"}, "n": [1, 2.5, None]}
    headers = {"Authorization": "Bearer t"}
    timeout = httpx.Timeout(5.0)

    async def client(api_url: str) -> None:
        url = api_url + "/1/messages"
        lean = LeanTransport(1)
        async with httpx.AsyncClient(headers=headers, timeout=timeout, transport=lean) as http:
            await http.post(url, json=body)
        poster = JsonPoster(url, headers, timeout, LeanTransport(1))
        try:
            answer = await poster.post(body)
        finally:
            await poster.aclose()
        assert answer.json() == {"ok": True}

    seen = asyncio.run(asyncio.wait_for(answering(OK, client), 20))
    expected, sent = seen
    assert b"Content-Length" in sent
    assert sent == expected


def test_the_ca_bundle_is_loaded_at_the_first_https_connection_not_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Loading it costs ~25 ms: once per transport, when a connection needs it (the parent
    class's unused pool loads none). The context is httpx's default: it verifies the peer."""
    loads: list[object] = []
    load = ssl.SSLContext.load_verify_locations

    def counted(self: ssl.SSLContext, *args: object, **kwargs: object) -> None:
        loads.append(args or kwargs)
        load(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", counted)
    transport = LeanTransport(2)
    assert loads == []

    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    async def go() -> None:
        server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server, httpx.AsyncClient(transport=transport, timeout=5.0) as http:
            for _ in range(2):
                with pytest.raises(httpx.TransportError):  # no TLS there: the handshake fails
                    await http.post(f"https://127.0.0.1:{port}/", json={})

    asyncio.run(asyncio.wait_for(go(), 20))
    assert len(loads) == 1
    context = transport._pool._ssl
    assert context is not None
    default = httpx.create_ssl_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats() == default.cert_store_stats()
