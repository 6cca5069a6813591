"""The serving setup of `stockbot serve` over real sockets on 127.0.0.1: slow clients are closed,
normal ones served, requests beyond the concurrency limit refused with 503."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from bot.serving import uvicorn_options
from tests.bot.webhooks.servers import ROOT, _wait_for_port
from tests.conftest import make_settings

# Generous bounds: a slow client is expected to be cut well before them.
MAX_TRICKLE_STEPS = 40
TRICKLE_PAUSE = 0.25


class _App:
    """Answers `ok` with the body length; `/hold` waits until released (a request in progress)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.holding = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            more = message.get("more_body", False)
        if scope["path"] == "/hold":
            self.holding += 1
            while not self.release.is_set():
                await asyncio.sleep(0.02)
        body = f"ok {size}".encode()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


@contextmanager
def served(tmp_path: Path, **overrides: object) -> Iterator[tuple[int, _App]]:
    """A uvicorn server with `stockbot serve`'s options from these settings, in a thread."""
    settings = make_settings(f"sqlite:///{tmp_path / 'serve.db'}", **overrides)
    app = _App()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_level="warning", lifespan="off",
        **uvicorn_options(settings),
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started:
                break
            time.sleep(0.02)
        assert server.started
        port = server.servers[0].sockets[0].getsockname()[1]
        yield port, app
    finally:
        app.release.set()
        server.should_exit = True
        thread.join(timeout=10)


def trickle(port: int, head: bytes, pieces: list[bytes]) -> tuple[int, bytes]:
    """Sends `head`, then one piece every TRICKLE_PAUSE; returns how many pieces went out before
    the server closed the connection, and what it answered."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(head)
        sent = 0
        for piece in pieces:
            time.sleep(TRICKLE_PAUSE)
            try:
                sock.sendall(piece)
            except OSError:  # reset: the server closed
                break
            if _closed(sock):
                break
            sent += 1
        return sent, _read_all(sock)


def _closed(sock: socket.socket) -> bool:
    timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        sock.settimeout(timeout)


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    try:
        while chunk := sock.recv(4096):
            chunks.append(chunk)
    except OSError:
        pass
    return b"".join(chunks)


def test_a_client_trickling_header_lines_is_answered_408_and_closed(tmp_path: Path) -> None:
    with served(tmp_path, server_header_timeout_seconds=1.0) as (port, _):
        lines = [f"X-Slow-{i}: x\r\n".encode() for i in range(MAX_TRICKLE_STEPS)]
        sent, answer = trickle(port, b"GET / HTTP/1.1\r\nHost: x\r\n", lines)
    assert sent < MAX_TRICKLE_STEPS
    assert answer.startswith(b"HTTP/1.1 408 ")


def test_a_connection_that_sends_nothing_is_closed(tmp_path: Path) -> None:
    with (
        served(tmp_path, server_header_timeout_seconds=1.0) as (port, _),
        socket.create_connection(("127.0.0.1", port), timeout=30) as sock,
    ):
        assert sock.recv(4096).startswith(b"HTTP/1.1 408 ")
        assert sock.recv(4096) == b""


def test_a_body_sent_too_slowly_is_answered_408_and_closed(tmp_path: Path) -> None:
    with served(
        tmp_path, server_body_timeout_seconds=1.0, server_body_min_bytes_per_second=100
    ) as (port, _):
        head = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"
        sent, answer = trickle(port, head, [b"x"] * MAX_TRICKLE_STEPS)
    assert sent < MAX_TRICKLE_STEPS
    assert answer.startswith(b"HTTP/1.1 408 ")


def test_normal_clients_are_served_and_kept_alive(tmp_path: Path) -> None:
    with (
        served(tmp_path, server_header_timeout_seconds=1.0, server_body_timeout_seconds=1.0) as (
            port,
            _,
        ),
        httpx.Client(base_url=f"http://127.0.0.1:{port}") as client,
    ):
        for _ in range(3):  # one connection, kept alive across requests
            assert client.get("/").text == "ok 0"
            assert client.post("/", content=b"x" * 200_000).text == "ok 200000"
            time.sleep(0.4)  # idle between requests is the keep-alive's business, not a timeout


def test_requests_beyond_the_concurrency_limit_get_503(tmp_path: Path) -> None:
    # uvicorn counts the connection of the request being refused: a limit of 3 lets 2 in.
    with served(tmp_path, server_limit_concurrency=3) as (port, app):
        base = f"http://127.0.0.1:{port}"
        results: list[int] = []

        def hold() -> None:
            results.append(httpx.get(base + "/hold", timeout=30).status_code)

        holders = [threading.Thread(target=hold) for _ in range(2)]
        for thread in holders:
            thread.start()
        for _ in range(500):
            if app.holding == 2:
                break
            time.sleep(0.02)
        assert app.holding == 2
        refused = httpx.get(base + "/", timeout=30)
        app.release.set()
        for thread in holders:
            thread.join()
        assert refused.status_code == 503
        assert results == [200, 200]
        assert httpx.get(base + "/", timeout=30).status_code == 200


@pytest.mark.slow
def test_stockbot_serve_closes_slow_clients(tmp_path: Path) -> None:
    """The command the Procfile runs uses these settings."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "WHATSAPP_PROVIDER": "sandbox",
        "SERVER_HEADER_TIMEOUT_SECONDS": "1",
    }
    command = [str(Path(sys.executable).parent / "stockbot"), "serve", "--port", "0"]
    with open(tmp_path / "log", "w+") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stderr=log, stdout=subprocess.DEVNULL
        )
        try:
            port = _wait_for_port(process, log, 60)
            assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
            sent, answer = trickle(
                port, b"GET /healthz HTTP/1.1\r\n", [b"X-Slow: x\r\n"] * MAX_TRICKLE_STEPS
            )
            assert sent < MAX_TRICKLE_STEPS
            assert answer.startswith(b"HTTP/1.1 408 ")
        finally:
            process.terminate()
            process.wait(timeout=15)
