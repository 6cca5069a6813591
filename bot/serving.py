"""How `stockbot serve` runs the app under uvicorn: limits, and the read timeouts uvicorn lacks.

uvicorn closes an idle keep-alive connection, but never one that is slowly sending its request:
a client sending one header line every 2 s keeps its socket forever, and enough of them exhaust
the process's file limit. The HTTP protocol here is uvicorn's own (httptools) with two deadlines:

- the request head (request line and headers) must arrive within `SERVER_HEADER_TIMEOUT_SECONDS`
  of the connection opening or of the request's first byte (a connection that sends nothing at
  all is closed too);
- a body must arrive at `SERVER_BODY_MIN_BYTES_PER_SECOND` on average over each window of
  `SERVER_BODY_TIMEOUT_SECONDS` (a window where the app is not reading, or where it has not yet
  asked a client that sent `Expect: 100-continue`, does not count against the client).

A request that misses either gets `408 Request Timeout` and the connection is closed.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from bot.settings import Settings

logger = logging.getLogger(__name__)

_TIMEOUT_BODY = b"request timeout"
_TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"content-length: " + str(len(_TIMEOUT_BODY)).encode() + b"\r\n"
    b"connection: close\r\n\r\n" + _TIMEOUT_BODY
)


@dataclass(frozen=True, slots=True)
class ReadTimeouts:
    head_seconds: float
    body_window_seconds: float
    body_min_bytes_per_second: float


class TimedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing connections that send their request too slowly."""

    timeouts: ClassVar[ReadTimeouts] = ReadTimeouts(10.0, 10.0, 512.0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._body_window_bytes = 0

    # Connection
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        self._cancel_body_timer()
        super().connection_lost(exc)

    # Parser callbacks
    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._head_timer is None:  # a later request of a kept-alive connection
            self._arm_head_timer()

    def on_headers_complete(self) -> None:
        self._cancel_head_timer()
        super().on_headers_complete()
        self._arm_body_timer()

    def on_body(self, body: bytes) -> None:
        self._body_window_bytes += len(body)
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._cancel_body_timer()
        super().on_message_complete()

    # Deadlines
    def _arm_head_timer(self) -> None:
        self._head_timer = self.loop.call_later(self.timeouts.head_seconds, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _arm_body_timer(self) -> None:
        self._body_window_bytes = 0
        self._body_timer = self.loop.call_later(
            self.timeouts.body_window_seconds, self._body_window_ended
        )

    def _cancel_body_timer(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            # A pipelined request trickling in behind a response being written: the connection
            # ends with that response.
            cycle.keep_alive = False
            return
        self._close("request head", self.timeouts.head_seconds, answer=True)

    def _body_window_ended(self) -> None:
        self._body_timer = None
        cycle = self.cycle
        if self.transport.is_closing() or cycle is None or not cycle.more_body:
            return
        app_not_reading = self.flow.read_paused or cycle.waiting_for_100_continue
        needed = self.timeouts.body_min_bytes_per_second * self.timeouts.body_window_seconds
        if app_not_reading or self._body_window_bytes >= needed:
            self._arm_body_timer()
            return
        answer = not cycle.response_started
        self._close("request body", self.timeouts.body_window_seconds, answer=answer)

    def _close(self, what: str, seconds: float, *, answer: bool) -> None:
        client = f"{self.client[0]}:{self.client[1]}" if self.client else "?"
        logger.info("connection from %s closed: %s too slow (%g s)", client, what, seconds)
        if answer:
            self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()


def timed_protocol(timeouts: ReadTimeouts) -> type[TimedHttpToolsProtocol]:
    """The protocol class with these deadlines (uvicorn builds one instance per connection)."""
    return type("TimedHttpToolsProtocol", (TimedHttpToolsProtocol,), {"timeouts": timeouts})


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """What `stockbot serve` passes to uvicorn besides the app, host and port."""
    timeouts = ReadTimeouts(
        head_seconds=settings.server_header_timeout_seconds,
        body_window_seconds=settings.server_body_timeout_seconds,
        body_min_bytes_per_second=settings.server_body_min_bytes_per_second,
    )
    return {
        "http": timed_protocol(timeouts),
        "limit_concurrency": settings.server_limit_concurrency,
        "timeout_keep_alive": settings.server_timeout_keep_alive,
        "proxy_headers": True,
    }
