"""`GET/POST /webhooks/whatsapp`: Meta's verification handshake and signed webhook deliveries.

A POST is checked in this order, before anything is parsed or stored: size (413), signature over
the raw bytes (401). A signed body is then parsed, stored in full (messages, statuses, and the raw
body when part of it is unusable) and committed (`bot.webhooks.delivery`), and only then
acknowledged with 200; processing happens afterwards, from the database
(`bot.inbound.processor`). No input yields a 500: a signed body that cannot be stored as messages
is stored raw and acknowledged, and only a database failure answers 503 (Meta re-delivers later).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.inbound.arrivals import ARRIVALS
from bot.inbound.batch import WebhookBatch
from bot.inbound.meta import PROVIDER, is_clean, loads, parse_webhook
from bot.operations.metrics import WEBHOOKS
from bot.webhooks.delivery import BadBody, BodyTooLarge, commit_delivery, describe, receive_body

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

PATH = "/webhooks/whatsapp"
_PREFIX = "sha256="
# Bodies up to this size are parsed on the event loop (well under a millisecond); bigger ones in
# a thread, so that one large batch does not hold up the acknowledgement of the others.
_PARSE_INLINE_BYTES = 64 * 1024


def routes() -> list[BaseRoute]:
    """The verification handshake; deliveries are answered by `MetaWebhookPath`."""
    return [Route(PATH, verify_subscription, methods=["GET"])]


def verify_meta_signature(secret: str, body: bytes, header: str | None) -> bool:
    """Whether `header` is `sha256=<hex HMAC-SHA256 of body with secret>`, compared in constant
    time. An empty secret never verifies."""
    if not secret or not header or not header.startswith(_PREFIX):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest().encode()
    given = header[len(_PREFIX) :].lower().encode("utf-8", "replace")
    return hmac.compare_digest(expected, given)


async def verify_subscription(request: Request) -> Response:
    """Meta's handshake: echo `hub.challenge` when mode and verify token match, else 403."""
    ctx: AppContext = request.app.state.ctx
    token = ctx.settings.secret("whatsapp_verify_token")
    params = request.query_params
    given = params.get("hub.verify_token", "")
    if (
        token
        and params.get("hub.mode") == "subscribe"
        and hmac.compare_digest(given.encode("utf-8", "replace"), token.encode())
    ):
        return PlainTextResponse(params.get("hub.challenge", ""))
    logger.warning("webhook verification refused (mode %r)", params.get("hub.mode", "")[:20])
    return PlainTextResponse("Forbidden", status_code=403)


class MetaWebhookPath:
    """Answers `POST /webhooks/whatsapp` itself, as a bare ASGI app (the app's other paths go
    on to it): nearly every request is a delivery, and Starlette's routing, `Request` and
    `Response` objects and exception middleware cost more CPU than checking, parsing and
    storing it (see `bench/README.md`, issue 18's sixth round). Placed inside the request id
    middleware, so its log lines carry the request's id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"] in (PATH, scope.get("root_path", "") + PATH)
        ):
            with ARRIVALS.receiving():  # the processor gives way meanwhile
                await self._answer(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    @staticmethod
    async def _answer(scope: Scope, receive: Receive, send: Send) -> None:
        status = await receive_delivery(scope["app"].state.ctx, scope, receive)
        # New messages each time: a middleware may change them (the request id's header).
        await send({"type": "http.response.start", "status": status, "headers": _HEADERS[status]})
        await send({"type": "http.response.body", "body": _BODIES[status]})


async def receive_delivery(ctx: AppContext, scope: Scope, receive: Receive) -> int:
    """Check, parse and commit one delivery; the status to answer."""
    limit = ctx.settings.webhook_max_body_bytes
    content_length, header = _headers(scope)
    try:
        body = await receive_body(receive, content_length, limit)
    except BodyTooLarge:
        logger.warning("webhook refused: body over %d bytes", limit)
        WEBHOOKS.labels(PROVIDER, "too_large").inc()
        return 413
    except BadBody:
        WEBHOOKS.labels(PROVIDER, "bad_request").inc()
        return 400
    if not verify_meta_signature(ctx.settings.secret("whatsapp_app_secret"), body, header):
        logger.warning(
            "webhook refused: %s signature (%d bytes)",
            "invalid" if header else "missing",
            len(body),
        )
        WEBHOOKS.labels(PROVIDER, "unauthorized").inc()
        return 401
    our_number = ctx.settings.whatsapp_phone_number_id
    if len(body) > _PARSE_INLINE_BYTES:  # a big batch: keep the event loop free for other acks
        batch = await asyncio.to_thread(_parse, body, our_number)
    else:
        batch = _parse(body, our_number)
    if not await commit_delivery(scope["app"], ctx, batch, body):
        WEBHOOKS.labels(PROVIDER, "unavailable").inc()
        return 503
    WEBHOOKS.labels(PROVIDER, "stored").inc()
    return 200


def _headers(scope: Scope) -> tuple[str | None, str | None]:
    """The request's `Content-Length` and `X-Hub-Signature-256` (None when absent)."""
    length = signature = None
    for key, value in scope["headers"]:
        if key == b"content-length":
            length = value.decode("latin-1")
        elif key == b"x-hub-signature-256":
            signature = value.decode("latin-1")
    return length, signature


_TEXTS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    413: "Payload Too Large",
    503: "Service Unavailable",
}
# Each answer's headers and body, as `PlainTextResponse` sends them.
_ANSWERS = {status: PlainTextResponse(text, status_code=status) for status, text in _TEXTS.items()}
_HEADERS = {status: answer.raw_headers for status, answer in _ANSWERS.items()}
_BODIES = {status: bytes(answer.body) for status, answer in _ANSWERS.items()}


def _parse(body: bytes, our_number: str) -> WebhookBatch:
    """The delivery's messages and statuses; a body that is not a webhook at all is kept raw."""
    try:
        return parse_webhook(loads(body), phone_number_id=our_number, clean=not is_clean(body))
    except Exception as exc:  # not JSON, wrong shape, or absurd nesting
        return WebhookBatch(provider=PROVIDER, problems=(f"unparsable: {describe(exc)}",))
