"""A fake Meta Graph API (the WhatsApp Cloud API send endpoint) on 127.0.0.1, for end-to-end tests.

It serves ``POST /{version}/{phone_number_id}/messages`` from a background thread (uvicorn, port 0),
checks the bearer token, records every request and answers the way Meta does
(``graph_send_success.json`` shape, a unique ``wamid`` per accepted message). It can be scripted to
answer with any Graph error code, a bare HTTP status, or after a delay.

Use it as a pytest fixture, imported in your test folder's ``conftest.py`` (in a test module
ruff flags the parameter as a redefinition, F811)::

    from tests.fakes.graph import fake_graph  # noqa: F401

    def test_something(fake_graph: FakeGraph, database_url: str) -> None:
        settings = make_settings(database_url, **fake_graph.settings_overrides())
        ...  # run the worker
        assert fake_graph.texts_to("+221771234567") == ["Bonjour"]

or as a context manager::

    with FakeGraph.start() as graph:
        ...

Attributes and helpers (all thread-safe):

- ``api_url`` (``http://127.0.0.1:PORT/v21.0``, for ``WHATSAPP_API_URL``), ``token``,
  ``phone_number_id``, ``settings_overrides()`` (the four ``whatsapp_*`` settings for
  ``make_settings``: provider ``meta``, api url, token, phone number id).
- ``requests``: every ``RecordedRequest`` received (accepted or not), in the order answered,
  with its arrival ``time`` and the client's ``peer`` address (one per connection);
  ``accepted``: only those answered 200.
- ``sent_to(recipient)``: accepted bodies for a recipient (``+221…`` or digits);
  ``texts_to(recipient)``: their ``text.body`` values (``<template:name>`` etc. for other kinds);
  ``bodies(kind=None)``: accepted bodies, optionally of one ``type``.
- ``fail_next(n, code=130429, *, to=None, status=None)``: the next ``n`` sends (to ``to`` only,
  or any) are answered with Graph error ``code`` (HTTP status from ``ERROR_STATUS`` unless given).
  ``code=None`` answers a bare ``status`` (e.g. 502) with a non-JSON body.
- ``delay_next(n, seconds, *, to=None)``: the next ``n`` sends wait ``seconds`` before answering
  (longer than the client timeout = a timeout; the message is still recorded as accepted, like a
  send that went out but whose answer was lost).
- ``latency``: seconds added before every answer (set it directly).
- ``refuse_share(share, *, seed=0, code=130429)``: from now on, answer that share of the sends
  (0..1, drawn at random with ``seed``, after the scripted errors) with Graph error ``code``
  (130429: "throughput reached", HTTP 429), whatever the rate: the bench's ``fail`` scenario.
  ``refuse_share(0)`` stops it.
- ``token``: set it to change the accepted token; a wrong token gets code 190 (HTTP 401).
- ``reset()``: forgets requests, queued errors, delays and latency.
- ``post_statuses(url, app_secret, delay=0.2)``: after each accepted message, POST a signed
  Meta status webhook (``sent``, then ``delivered``) for its wamid to ``url`` (the app's
  ``/webhooks/whatsapp``), ``delay`` seconds later, echoing its ``biz_opaque_callback_data``, as
  Meta does, even when the client that sent it is gone (killed while waiting for the answer).
- ``account``: the account side (``tests/fakes/graph_account.py``): ``debug_token``, the phone
  number, its account's numbers, ``subscribed_apps`` and ``message_templates``, for
  ``stockbot doctor`` and ``stockbot templates``; set its attributes to script a case.

Error answers are not recorded in ``accepted``; they are in ``requests`` with their ``status``.
Run as a separate process (benchmarks): ``python -m tests.fakes.graph --port 0`` prints
``PORT <n>`` once listening; ``GET /_records`` gives ``[[time, to], ...]`` for accepted sends,
``GET /_accepted`` ``[[time, to, text, callback data], ...]``; ``GET /_refused`` how many sends
were refused; ``POST /_refuse_share?share=0.1&seed=1`` calls ``refuse_share``; ``--latency``,
``--statuses-to`` and ``--app-secret`` set the latency and ``post_statuses``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import random
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count
from typing import Any
from urllib.parse import parse_qs

import pytest
import uvicorn

from tests.fakes.graph_account import FakeAccount

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

DEFAULT_TOKEN = "fake-graph-token"
DEFAULT_PHONE_NUMBER_ID = "106540352249871"
GRAPH_VERSION = "v21.0"
MESSAGES_PATH = re.compile(r"^/(v\d+(?:\.\d+)?)/(\w+)/messages/?$")

# Indicative HTTP statuses Meta pairs with each code (see the shared WhatsApp README, section 5).
ERROR_STATUS: dict[int, int] = {
    130429: 429,
    131056: 429,
    4: 429,
    80007: 429,
    131000: 500,
    131016: 503,
    2: 503,
    190: 401,
    0: 401,
    10: 403,
    368: 403,
    131031: 403,
    132001: 404,
}
ERROR_TITLE: dict[int, str] = {
    130429: "Rate limit hit",
    131056: "(Business Account, Consumer Account) pair rate limit hit",
    131047: "Re-engagement message",
    131026: "Message undeliverable",
    100: "Invalid parameter",
    190: "Error validating access token: Session has expired",
    132001: "Template name does not exist in the translation",
    131000: "Something went wrong",
}


def graph_error(code: int, message: str | None = None) -> dict[str, Any]:
    """The synchronous error envelope of the Graph API."""
    title = message or ERROR_TITLE.get(code, "Error")
    return {
        "error": {
            "message": f"(#{code}) {title}",
            "type": "OAuthException",
            "code": code,
            "error_data": {"messaging_product": "whatsapp", "details": title},
            "fbtrace_id": "AfakeTrace" + str(code),
        }
    }


def _digits(recipient: str) -> str:
    return recipient.strip().lstrip("+")


@dataclass(frozen=True)
class RecordedRequest:
    """One request received on the messages endpoint."""

    time: float  # time.time() when it arrived
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    to: str  # digits, "" for mark-as-read
    status: int  # HTTP status answered
    wamid: str = ""  # set when accepted
    peer: str = ""  # the client's "host:port": one per connection


@dataclass
class _Script:
    code: int | None
    status: int


@dataclass
class _State:
    requests: list[RecordedRequest] = field(default_factory=list)
    errors: dict[str, deque[_Script]] = field(default_factory=dict)  # "" = any recipient
    delays: dict[str, deque[float]] = field(default_factory=dict)


class FakeGraph:
    """The fake Graph API; see the module docstring for its API."""

    def __init__(
        self, token: str = DEFAULT_TOKEN, phone_number_id: str = DEFAULT_PHONE_NUMBER_ID
    ) -> None:
        self.token = token
        self.phone_number_id = phone_number_id
        self.latency = 0.0
        self.port = 0
        self._refuse: tuple[float, int, random.Random] = (0.0, 130429, random.Random(0))
        self._lock = threading.Lock()
        self._state = _State()
        self._ids = count(1)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.account = FakeAccount(phone_number_id)
        self._status_url = ""
        self._status_secret = b""
        self._status_delay = 0.2
        self._posting: set[asyncio.Task[None]] = set()

    # --- lifecycle ---------------------------------------------------------------------------

    @classmethod
    @contextmanager
    def start(
        cls,
        token: str = DEFAULT_TOKEN,
        phone_number_id: str = DEFAULT_PHONE_NUMBER_ID,
        port: int = 0,
    ) -> Iterator[FakeGraph]:
        """Serve on 127.0.0.1 (`port`, by default an ephemeral one) in a background thread for
        the block."""
        graph = cls(token, phone_number_id)
        graph._serve_in_thread(port)
        try:
            yield graph
        finally:
            graph._stop()

    def _serve_in_thread(self, port: int = 0, http: str = "h11") -> None:
        config = uvicorn.Config(
            self,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            http=http,
            ws="none",
            timeout_graceful_shutdown=1,
        )
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(target=server.run, name="fake-graph", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("fake Graph API did not start")
            time.sleep(0.01)
        self.port = server.servers[0].sockets[0].getsockname()[1]

    def _stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """What WHATSAPP_API_URL should be (version included)."""
        return f"{self.url}/{GRAPH_VERSION}"

    def settings_overrides(self) -> dict[str, object]:
        """Keyword arguments for `make_settings` that point the Meta transport here."""
        return {
            "whatsapp_provider": "meta",
            "whatsapp_api_url": self.api_url,
            "whatsapp_api_token": self.token,
            "whatsapp_phone_number_id": self.phone_number_id,
        }

    # --- scripting -----------------------------------------------------------------------------

    def fail_next(
        self, n: int, code: int | None = 130429, *, to: str | None = None, status: int | None = None
    ) -> None:
        """Answer the next `n` sends (to `to`, or to anyone) with Graph error `code`."""
        if code is None and status is None:
            raise ValueError("a bare error needs an HTTP status")
        answer = status if status is not None else ERROR_STATUS.get(code or 0, 400)
        with self._lock:
            queue = self._state.errors.setdefault(_digits(to or ""), deque())
            queue.extend(_Script(code, answer) for _ in range(n))

    def delay_next(self, n: int, seconds: float, *, to: str | None = None) -> None:
        """The next `n` sends (to `to`, or to anyone) answer after `seconds`."""
        with self._lock:
            queue = self._state.delays.setdefault(_digits(to or ""), deque())
            queue.extend(seconds for _ in range(n))

    def post_statuses(self, url: str, app_secret: str, delay: float = 0.2) -> None:
        """Report `sent` then `delivered` for each accepted message to the webhook at `url`."""
        self._status_url, self._status_secret, self._status_delay = (
            url,
            app_secret.encode(),
            delay,
        )

    def refuse_share(self, share: float, *, seed: int = 0, code: int = 130429) -> None:
        """Answer `share` of the sends from now on with Graph error `code`, at random."""
        with self._lock:
            self._refuse = (min(max(share, 0.0), 1.0), code, random.Random(seed))

    def reset(self) -> None:
        with self._lock:
            self._state = _State()
            self._refuse = (0.0, 130429, random.Random(0))
            self.latency = 0.0
            self.account = FakeAccount(self.phone_number_id)

    # --- inspection ----------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._state.requests)

    @property
    def accepted(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.status == 200]

    def bodies(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [r.body for r in self.accepted if kind is None or r.body.get("type") == kind]

    def sent_to(self, recipient: str) -> list[dict[str, Any]]:
        digits = _digits(recipient)
        return [r.body for r in self.accepted if r.to == digits]

    def texts_to(self, recipient: str) -> list[str]:
        """What `recipient` received, in order: text bodies, `<template:name>`, `<interactive>`…"""
        return [_text_of(body) for body in self.sent_to(recipient)]

    # --- ASGI ----------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        status, payload = await self._handle(scope, b"".join(chunks))
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", b"%d" % len(payload)),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})

    async def _handle(self, scope: Scope, raw: bytes) -> tuple[int, bytes]:
        path, method = scope["path"], scope["method"]
        if method == "GET" and path == "/_records":
            records = [[r.time, r.to] for r in self.accepted]
            return 200, json.dumps(records).encode()
        if method == "GET" and path == "/_accepted":
            rows = [
                [r.time, r.to, _text_of(r.body), str(r.body.get("biz_opaque_callback_data", ""))]
                for r in self.accepted
            ]
            return 200, json.dumps(rows).encode()
        if method == "GET" and path == "/_refused":
            refused = sum(1 for r in self.requests if r.status == 429)
            return 200, json.dumps(refused).encode()
        if method == "POST" and path == "/_refuse_share":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            share, seed = float(query["share"][0]), int(query.get("seed", ["0"])[0])
            self.refuse_share(share, seed=seed)
            return 200, b"{}"
        if not (method == "POST" and MESSAGES_PATH.match(path)):
            return self._account_call(scope, raw)
        arrived = time.time()
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        client = scope.get("client") or ("", 0)
        peer = f"{client[0]}:{client[1]}"
        try:
            body = json.loads(raw)
            if not isinstance(body, dict) or body.get("messaging_product") != "whatsapp":
                raise ValueError("not a WhatsApp body")
        except ValueError:
            return self._record(arrived, path, headers, {}, "", 400, graph_error(100), peer)
        to = _digits(str(body.get("to", "")))
        delay = self.latency + self._pop(self._state.delays, to, 0.0)
        if delay > 0:
            await asyncio.sleep(delay)
        if headers.get("authorization") != f"Bearer {self.token}":
            return self._record(arrived, path, headers, body, to, 401, graph_error(190), peer)
        script = self._pop(self._state.errors, to, None) or self._refused()
        if script is not None:
            if script.code is None:
                return self._record(arrived, path, headers, body, to, script.status, None, peer)
            error = graph_error(script.code)
            return self._record(arrived, path, headers, body, to, script.status, error, peer)
        if "type" not in body and body.get("status") != "read":
            return self._record(arrived, path, headers, body, to, 400, graph_error(100), peer)
        return self._record(arrived, path, headers, body, to, 200, None, peer)

    def _account_call(self, scope: Scope, raw: bytes) -> tuple[int, bytes]:
        path, method = scope["path"], scope["method"]
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("authorization") != f"Bearer {self.token}":
            return 401, _dump(graph_error(190))
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        query = scope.get("query_string", b"").decode("latin-1")
        with self._lock:
            answer = self.account.handle(method, path, query, body, self.url)
        if answer is None:
            return 404, _dump(graph_error(100, f"Unknown path components: {path}"))
        status, payload = answer
        return status, _dump(payload)

    def _refused(self) -> _Script | None:
        with self._lock:
            share, code, draw = self._refuse
            if share <= 0 or draw.random() >= share:
                return None
        return _Script(code, ERROR_STATUS.get(code, 429))

    def _pop(self, queues: dict[str, deque[Any]], to: str, default: Any) -> Any:
        with self._lock:
            for key in (to, ""):
                queue = queues.get(key)
                if queue:
                    return queue.popleft()
        return default

    def _record(
        self,
        arrived: float,
        path: str,
        headers: dict[str, str],
        body: dict[str, Any],
        to: str,
        status: int,
        error: dict[str, Any] | None,
        peer: str,
    ) -> tuple[int, bytes]:
        wamid = ""
        if status == 200:
            wamid = f"wamid.FAKE{next(self._ids):08d}{int(arrived * 1000) % 100000:05d}"
        record = RecordedRequest(arrived, path, headers, body, to, status, wamid, peer)
        with self._lock:
            self._state.requests.append(record)
        if status == 200 and to and self._status_url:
            task = asyncio.get_running_loop().create_task(self._post_statuses(record))
            self._posting.add(task)
            task.add_done_callback(self._posting.discard)
        if status == 200:
            if not to:  # mark as read
                return 200, b'{"success":true}'
            answer = {
                "messaging_product": "whatsapp",
                "contacts": [{"input": body.get("to") or body.get("recipient"), "wa_id": to}],
                "messages": [{"id": wamid, "message_status": "accepted"}],
            }
            return 200, _dump(answer)
        if error is None:
            return status, b"<html>Bad Gateway</html>"
        return status, _dump(error)

    async def _post_statuses(self, record: RecordedRequest) -> None:
        """What Meta does after accepting a message: its statuses, signed, to the webhook."""
        import httpx  # only when statuses are posted

        await asyncio.sleep(self._status_delay)
        async with httpx.AsyncClient(timeout=10) as client:
            for state in ("sent", "delivered"):
                status: dict[str, Any] = {
                    "id": record.wamid,
                    "status": state,
                    "timestamp": str(int(time.time())),
                    "recipient_id": record.to,
                }
                tag = record.body.get("biz_opaque_callback_data")
                if tag:
                    status["biz_opaque_callback_data"] = tag
                change = {
                    "field": "messages",
                    "value": {
                        "messaging_product": "whatsapp",
                        "metadata": {
                            "display_phone_number": "221785550100",
                            "phone_number_id": self.phone_number_id,
                        },
                        "statuses": [status],
                    },
                }
                payload = _dump(
                    {
                        "object": "whatsapp_business_account",
                        "entry": [{"id": "114920385706241", "changes": [change]}],
                    }
                )
                digest = hmac.new(self._status_secret, payload, hashlib.sha256).hexdigest()
                headers = {
                    "content-type": "application/json",
                    "x-hub-signature-256": f"sha256={digest}",
                }
                try:
                    await client.post(self._status_url, content=payload, headers=headers)
                except httpx.HTTPError:
                    return  # the app is down: Meta would retry later; the bench counts it lost


def _text_of(body: dict[str, Any]) -> str:
    kind = body.get("type")
    if kind == "text":
        return str(_dict(body.get("text")).get("body", ""))
    if kind == "template":
        return f"<template:{_dict(body.get('template')).get('name')}>"
    return f"<{kind}>"


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dump(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    """A started FakeGraph, stopped after the test."""
    with FakeGraph.start() as graph:
        yield graph


def main() -> None:
    """Serve in the foreground (a separate process, for benchmarks)."""
    parser = argparse.ArgumentParser(description="fake Graph API on 127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--statuses-to", default="", help="webhook URL for post_statuses")
    parser.add_argument("--app-secret", default="", help="signs the status webhooks")
    args = parser.parse_args()
    graph = FakeGraph(args.token)
    graph.latency = args.latency
    if args.statuses_to:
        graph.post_statuses(args.statuses_to, args.app_secret)
    graph._serve_in_thread(args.port, http="httptools")
    sys.stdout.write(f"PORT {graph.port}\n")
    sys.stdout.flush()
    try:
        assert graph._thread is not None
        graph._thread.join()
    except KeyboardInterrupt:
        graph._stop()


if __name__ == "__main__":
    main()
