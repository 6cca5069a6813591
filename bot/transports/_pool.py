"""httpx plumbing of the transports: timeouts, and a lean HTTP/1.1 pool under `httpx.AsyncClient`.

What a transport's client spends per request is mostly httpcore's: its pool re-examines every
connection and queued request when a request starts or ends, and its HTTP/1.1 state machine
(h11) is pure Python. The Graph API and Twilio need only what this module does: keep-alive
HTTP/1.1 requests with a small body, over TLS, to one origin, a bounded number of connections
at a time. `LeanTransport` is an `httpx.AsyncHTTPTransport` (so the client, its timeouts and its
errors are httpx's, and pytest-httpx still intercepts it) whose connection pool is `LeanPool`,
on asyncio and httptools: idle connections kept per origin, the last freed reused first (a quiet
period keeps reusing one warm connection), a request waiting at most the pool timeout for a free
one, the response read whole (these APIs answer a few hundred bytes) and its connection freed at
once. It costs less than half the CPU of httpx's own pool per request, and well under
`AsyncClient`'s own share (bench/stages.py, stage "send"). Callers keep their concurrency within
`max_connections` (the worker's sender tasks do).

Errors are httpx's own exceptions (`httpx.ConnectError`, `ConnectTimeout`, `PoolTimeout`,
`ReadTimeout`, `RemoteProtocolError`), raised by the pool itself (httpx's transport passes them
on as they are): a connection that fails in any way is closed, never reused. A request never
goes out twice here: a kept-alive connection the server closed while idle is seen before it is
used, and one closed during a request fails that request.

`JsonPoster` goes one step further for the transports' sends: it writes each request's bytes to
the pool itself and reads the answer's status and body, without the httpx and httpcore request
and response objects around them (a third of a send's CPU on the event loop), whenever the
transport is a `LeanTransport` whose request handling is httpx's own; otherwise (a test's
pytest-httpx, another transport) through the transport, as before.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import httpcore
import httptools
import httpx

CONNECT_TIMEOUT_SECONDS = 5.0


def send_timeout(seconds: float) -> httpx.Timeout:
    """httpx timeouts for a send: every phase bounded by `seconds` (connecting by at most 5 s)."""
    return httpx.Timeout(seconds, connect=min(CONNECT_TIMEOUT_SECONDS, seconds))


Origin = tuple[bytes, bytes, int]


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer read whole: its status and its body, decoded as httpx decodes it."""

    status_code: int
    content: bytes

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    def json(self) -> Any:
        """The body as JSON, as `httpx.Response.json()` reads it (ValueError when it is not)."""
        return json.loads(self.content)


class JsonPoster:
    """POSTs JSON bodies to one URL through an httpx transport, as `httpx.AsyncClient.post(url,
    json=body)` would send them, without the client's per-request work: the URL parsed, the
    headers merged and the timeouts built again for each request, then auth, redirect and event
    hook handling, and each answer's cookies read into a cookie jar (a fifth of a send's CPU).
    Those APIs set no cookies and are never redirected.

    Over a `LeanTransport` whose request handling is httpx's own, each request is written to
    its pool as bytes made once per poster but for the body's length and the body (the request
    line, then the headers in the order `AsyncClient.post` puts them: Host, the client's, the
    body's length and type), and the answer is its status and body: no `httpx.Request`,
    `httpcore.Request`, `httpcore.Response` or `httpx.Response` for each send. An answer with a
    `Content-Encoding` is decoded by `httpx.Response`, as before. Over any other transport, or
    one whose `handle_async_request` was replaced (pytest-httpx intercepts there), the request
    is an `httpx.Request` handed to the transport. Either way the bytes on the wire are
    `AsyncClient.post`'s (tests/bot/transports/test_pool.py compares them), and so are the
    errors (httpx's)."""

    def __init__(
        self,
        url: str,
        headers: dict[str, str],
        timeout: httpx.Timeout,
        transport: httpx.AsyncBaseTransport,
    ) -> None:
        # The client owns the transport (closing it closes the connections) and gives its
        # default headers (User-Agent, Accept…), merged here once.
        self._client = httpx.AsyncClient(headers=headers, timeout=timeout, transport=transport)
        self._transport = transport
        self._url = httpx.URL(url)
        self._head = [(b"Host", self._url.netloc), *self._client.headers.raw]
        self._timeouts: dict[str, float | None] = timeout.as_dict()
        self._extensions = {"timeout": self._timeouts}
        self._pool = transport._pool if isinstance(transport, LeanTransport) else None
        self._origin = origin_of(self._url.raw_scheme, self._url.raw_host, self._url.port)
        # Everything before the body's length: the request line, Host and the client's headers.
        self._start = request_head(b"POST", self._url.raw_path, self._head) + b"Content-Length: "

    async def post(self, body: Any) -> Answer:
        """The answer to `POST url` with `body` as JSON, read whole."""
        content = json_bytes(body)
        pool = self._pool
        if pool is not None and type(self._transport).handle_async_request is _HTTPX_HANDLING:
            data = b"".join((self._start, str(len(content)).encode(), _JSON_END, content))
            status, headers, raw = await pool.exchange(self._origin, data, self._timeouts)
            for name, _ in headers:
                if name.lower() == b"content-encoding":  # gzip, deflate…: httpx decodes it
                    return Answer(
                        status, httpx.Response(status, headers=headers, content=raw).content
                    )
            return Answer(status, raw)
        request = httpx.Request(
            "POST",
            self._url,
            headers=[
                *self._head,
                (b"Content-Length", str(len(content)).encode()),
                _JSON_TYPE,
            ],
            stream=httpx.ByteStream(content),
            extensions=self._extensions,
        )
        request.read()  # as `httpx.Request(content=…)` does: `request.content` is then set
        response = await self._transport.handle_async_request(request)
        response.request = request
        try:
            await response.aread()
        finally:
            await response.aclose()
        return Answer(response.status_code, response.content)

    async def aclose(self) -> None:
        await self._client.aclose()


_JSON_TYPE = (b"Content-Type", b"application/json")
_JSON_END = b"\r\nContent-Type: application/json\r\n\r\n"


def json_bytes(body: Any) -> bytes:
    """`body` as httpx encodes `json=`: compact, UTF-8, no NaN."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def request_head(method: bytes, target: bytes, headers: Iterable[tuple[bytes, bytes]]) -> bytes:
    """An HTTP/1.1 request line and headers, each line ended by CRLF (not the empty line)."""
    head = [method, b" ", target, b" HTTP/1.1\r\n"]
    for name, value in headers:
        head += (name, b": ", value, b"\r\n")
    return b"".join(head)


def origin_of(scheme: bytes, host: bytes, port: int | None) -> Origin:
    return (scheme, host, port or (443 if scheme == b"https" else 80))


class LeanTransport(httpx.AsyncHTTPTransport):
    """`httpx.AsyncHTTPTransport` over `LeanPool(max_connections)`.

    The CA bundle (~25 ms to load) is loaded once, at the first HTTPS connection: the parent
    class's own pool, replaced at once and never used, gets a context that trusts nothing."""

    def __init__(self, max_connections: int, *, verify: ssl.SSLContext | None = None) -> None:
        super().__init__(
            verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT),
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        )
        self._pool: LeanPool = LeanPool(max_connections, verify)  # type: ignore[assignment]


# httpx's own request handling (pytest-httpx replaces it on the class while a test runs).
_HTTPX_HANDLING = LeanTransport.handle_async_request


class LeanPool:
    """The part of `httpcore.AsyncConnectionPool`'s interface httpx's transport uses."""

    def __init__(self, max_connections: int, ssl_context: ssl.SSLContext | None = None) -> None:
        self._max = max_connections
        self._ssl = ssl_context  # None: httpx's default, made at the first HTTPS connection
        self._open = 0  # connections open or being opened
        self._idle: dict[Origin, list[_Connection]] = defaultdict(list)
        self._waiters: list[asyncio.Future[None]] = []
        self._closed = False

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        stream: Any = request.stream
        body = b"".join([chunk async for chunk in stream])
        data = request_head(request.method, request.url.target, request.headers) + b"\r\n" + body
        url = request.url
        origin = origin_of(url.scheme, url.host, url.port)
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        status, headers, content = await self.exchange(origin, data, timeouts)
        return httpcore.Response(status, headers=headers, content=content)

    async def exchange(
        self, origin: Origin, data: bytes, timeouts: dict[str, float | None]
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """Send a request's bytes (head and body) on a connection to `origin`; the answer's
        status, headers and body, read whole."""
        connection = await self._take(origin, timeouts)
        try:
            status, headers, body, keep = await connection.round_trip(data, timeouts.get("read"))
        except BaseException:
            connection.close()
            self._release(origin, None)
            raise
        self._release(origin, connection if keep else None)
        return status, headers, body

    async def aclose(self) -> None:
        self._closed = True
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()

    async def __aenter__(self) -> LeanPool:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # --- connections ---------------------------------------------------------------------------

    async def _take(self, origin: Origin, timeouts: dict[str, float | None]) -> _Connection:
        if self._closed:
            raise httpx.PoolTimeout("the connection pool is closed")
        while True:
            idle = self._idle.get(origin)
            while idle:
                connection = idle.pop()
                if connection.usable():
                    return connection
                connection.close()
                self._open -= 1
            if self._open < self._max:
                self._open += 1
                try:
                    return await self._connect(origin, timeouts.get("connect"))
                except BaseException:
                    self._open -= 1
                    self._wake_one()
                    raise
            if self._idle_elsewhere():  # a free connection to another origin: make room
                continue
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                async with asyncio.timeout(timeouts.get("pool")):
                    await waiter
            except TimeoutError:
                raise httpx.PoolTimeout("no free connection") from None
            finally:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)

    def _idle_elsewhere(self) -> bool:
        for connections in self._idle.values():
            if connections:
                connections.pop(0).close()
                self._open -= 1
                return True
        return False

    def _release(self, origin: Origin, connection: _Connection | None) -> None:
        if connection is not None and not self._closed and connection.usable():
            self._idle[origin].append(connection)
        else:
            if connection is not None:
                connection.close()
            self._open -= 1
        self._wake_one()

    def _wake_one(self) -> None:
        while self._waiters:
            waiter = self._waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                return

    async def _connect(self, origin: Origin, timeout: float | None) -> _Connection:
        scheme, host, port = origin
        loop = asyncio.get_running_loop()
        name = host.decode("ascii")
        secure = scheme == b"https"
        if secure and self._ssl is None:
            self._ssl = httpx.create_ssl_context()
        try:
            async with asyncio.timeout(timeout):
                _, connection = await loop.create_connection(
                    _Connection,
                    name,
                    port,
                    ssl=self._ssl if secure else None,
                    server_hostname=name if secure else None,
                )
        except TimeoutError:
            raise httpx.ConnectTimeout(f"connecting to {name}:{port} timed out") from None
        except OSError as exc:
            raise httpx.ConnectError(str(exc)) from exc
        return connection


class _Connection(asyncio.Protocol):
    """One keep-alive connection; one request at a time."""

    def __init__(self) -> None:
        self._transport: asyncio.Transport | None = None
        self._parser = httptools.HttpResponseParser(self)
        self._done: asyncio.Future[None] | None = None
        self._headers: list[tuple[bytes, bytes]] = []
        self._body: list[bytes] = []
        self._lost = False
        self._status = 0
        self._keep = False

    def usable(self) -> bool:
        transport = self._transport
        return not self._lost and transport is not None and not transport.is_closing()

    def close(self) -> None:
        self._lost = True
        if self._transport is not None:
            self._transport.close()

    async def round_trip(
        self, data: bytes, timeout: float | None
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes, bool]:
        assert self._transport is not None
        self._headers, self._body = [], []
        loop = asyncio.get_running_loop()
        self._done = done = loop.create_future()
        self._transport.write(data)
        # One timer, which fails the answer's future: cheaper than `asyncio.timeout` (a task
        # cancellation turned into TimeoutError), for the same ReadTimeout.
        late = None if timeout is None else loop.call_later(timeout, self._time_out, done)
        try:
            await done
        finally:
            if late is not None:
                late.cancel()
        return self._status, self._headers, b"".join(self._body), self._keep

    @staticmethod
    def _time_out(done: asyncio.Future[None]) -> None:
        if not done.done():
            done.set_exception(httpx.ReadTimeout("no answer within the read timeout"))

    # --- asyncio.Protocol ----------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses; they have its methods.
        self._transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(httpx.RemoteProtocolError(f"malformed answer: {exc}"))
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._lost = True
        self._fail(httpx.RemoteProtocolError("server disconnected without a complete answer"))

    def _fail(self, error: Exception) -> None:
        if self._done is not None and not self._done.done():
            self._done.set_exception(error)

    # --- httptools callbacks -------------------------------------------------------------------

    def on_headers_complete(self) -> None:
        # Read here: once the message is complete the parser is ready for the next one.
        self._status = self._parser.get_status_code()
        self._keep = self._parser.should_keep_alive()

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name, value))

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        if self._done is not None and not self._done.done():
            self._done.set_result(None)
