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

from bot.inbound.batch import WebhookBatch
from bot.inbound.meta import PROVIDER, loads, parse_webhook
from bot.operations.metrics import WEBHOOKS
from bot.webhooks.delivery import BadBody, BodyTooLarge, commit_delivery, describe, read_body

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

PATH = "/webhooks/whatsapp"
_PREFIX = "sha256="
# Bodies up to this size are parsed on the event loop (well under a millisecond); bigger ones in
# a thread, so that one large batch does not hold up the acknowledgement of the others.
_PARSE_INLINE_BYTES = 64 * 1024


def routes() -> list[BaseRoute]:
    return [
        Route(PATH, verify_subscription, methods=["GET"]),
        Route(PATH, receive, methods=["POST"]),
    ]


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


async def receive(request: Request) -> Response:
    ctx: AppContext = request.app.state.ctx
    limit = ctx.settings.webhook_max_body_bytes
    try:
        body = await read_body(request, limit)
    except BodyTooLarge:
        logger.warning("webhook refused: body over %d bytes", limit)
        WEBHOOKS.labels(PROVIDER, "too_large").inc()
        return PlainTextResponse("Payload Too Large", status_code=413)
    except BadBody:
        WEBHOOKS.labels(PROVIDER, "bad_request").inc()
        return PlainTextResponse("Bad Request", status_code=400)
    header = request.headers.get("x-hub-signature-256")
    if not verify_meta_signature(ctx.settings.secret("whatsapp_app_secret"), body, header):
        logger.warning(
            "webhook refused: %s signature (%d bytes)",
            "invalid" if header else "missing",
            len(body),
        )
        WEBHOOKS.labels(PROVIDER, "unauthorized").inc()
        return PlainTextResponse("Unauthorized", status_code=401)
    our_number = ctx.settings.whatsapp_phone_number_id
    if len(body) > _PARSE_INLINE_BYTES:  # a big batch: keep the event loop free for other acks
        batch = await asyncio.to_thread(_parse, body, our_number)
    else:
        batch = _parse(body, our_number)
    if not await commit_delivery(request, ctx, batch, body):
        WEBHOOKS.labels(PROVIDER, "unavailable").inc()
        return PlainTextResponse("Service Unavailable", status_code=503)
    WEBHOOKS.labels(PROVIDER, "stored").inc()
    return PlainTextResponse("OK")


def _parse(body: bytes, our_number: str) -> WebhookBatch:
    """The delivery's messages and statuses; a body that is not a webhook at all is kept raw."""
    try:
        return parse_webhook(loads(body), phone_number_id=our_number)
    except Exception as exc:  # not JSON, wrong shape, or absurd nesting
        return WebhookBatch(provider=PROVIDER, problems=(f"unparsable: {describe(exc)}",))
