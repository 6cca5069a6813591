"""httpx plumbing of the transports: timeouts, and the connections behind one `AsyncClient`.

httpx's own pool (httpcore's `AsyncConnectionPool`) re-examines its connections for the queued
requests every time a request starts or ends; with twenty sends in flight that bookkeeping costs
more than the HTTP itself (bench/outbound.py: one client with a pool of 20 sends about a third as
many messages per second as the same client over `OneConnectionEach(20)`). `OneConnectionEach`
keeps every pool trivial: `size` transports of one connection each, a request taking a free one
(the last freed first, so a quiet period keeps reusing one warm connection). Callers keep their
concurrency within `size` (the worker's sender tasks do); a request finding none free waits at
most the pool timeout.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx

CONNECT_TIMEOUT_SECONDS = 5.0


def send_timeout(seconds: float) -> httpx.Timeout:
    """httpx timeouts for a send: every phase bounded by `seconds` (connecting by at most 5 s)."""
    return httpx.Timeout(seconds, connect=min(CONNECT_TIMEOUT_SECONDS, seconds))


class OneConnectionEach(httpx.AsyncBaseTransport):
    """An httpx transport made of `size` single-connection transports."""

    def __init__(self, size: int) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        tls = httpx.create_ssl_context()  # one for all: loading the CA bundle takes ~25 ms
        self._transports = [
            httpx.AsyncHTTPTransport(verify=tls, limits=limits) for _ in range(size)
        ]
        self._free: asyncio.LifoQueue[httpx.AsyncHTTPTransport] = asyncio.LifoQueue()
        for transport in self._transports:
            self._free.put_nowait(transport)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            transport = self._free.get_nowait()
        except asyncio.QueueEmpty:
            transport = await self._wait_for_one(request)
        try:
            response = await transport.handle_async_request(request)
        except BaseException:
            self._free.put_nowait(transport)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Releasing(response.stream, lambda: self._free.put_nowait(transport))
        return response

    async def _wait_for_one(self, request: httpx.Request) -> httpx.AsyncHTTPTransport:
        timeout = request.extensions.get("timeout", {}).get("pool")
        try:
            return await asyncio.wait_for(self._free.get(), timeout)
        except TimeoutError:
            raise httpx.PoolTimeout("no free connection", request=request) from None

    async def aclose(self) -> None:
        for transport in self._transports:
            await transport.aclose()


class _Releasing(httpx.AsyncByteStream):
    """A response body that hands its connection back once closed (read to the end or not)."""

    def __init__(self, stream: httpx.AsyncByteStream, release: Callable[[], None]) -> None:
        self._stream = stream
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            release, self._release = self._release, None
            if release is not None:
                release()
