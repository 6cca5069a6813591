"""Twilio's WhatsApp webhooks: `POST /webhooks/twilio` (messages) and `/webhooks/twilio/status`.

Each request is checked with `X-Twilio-Signature` against the public URL Twilio called
(`PUBLIC_BASE_URL` + path: behind a proxy the URL the app sees differs) and `TWILIO_AUTH_TOKEN`
before anything is stored; without both settings, or with a bad or missing signature: 403.
What is signed is stored through the same provider-neutral ingress as Meta's webhook (one row per
`MessageSid`, committed before the answer) and processed after it, so the conversation layer
cannot tell the providers apart. The answer is an empty TwiML document: replies go through the
outbox, never in the webhook response.

Twilio accepts a free-form message outside the 24-hour window and reports it undelivered later
(63016) in a status callback: a row that carries a fallback template is then queued again as
that template (`bot.inbound.statuses`), as the worker does when Meta refuses a send with 131047.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.clock import utcnow
from bot.inbound.arrivals import ARRIVALS
from bot.inbound.batch import WebhookBatch
from bot.inbound.twilio import (
    MESSAGES_PATH,
    PROVIDER,
    STATUS_PATH,
    FormParams,
    message_batch,
    status_batch,
    verify_twilio_signature,
)
from bot.operations.metrics import WEBHOOKS
from bot.settings import Settings
from bot.webhooks.delivery import BadBody, BodyTooLarge, commit_delivery, read_body

if TYPE_CHECKING:  # bot.app registers these routes
    from bot.app import AppContext

logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def routes() -> list[Route]:
    return [
        Route(MESSAGES_PATH, _received(inbound_message), methods=["POST"]),
        Route(STATUS_PATH, _received(status_callback), methods=["POST"]),
    ]


def _received(
    handler: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    """`handler`, counted as a delivery being received while it runs (the processor gives way
    meanwhile, as to Meta's: `bot.inbound.arrivals`)."""

    async def receiving(request: Request) -> Response:
        with ARRIVALS.receiving():
            return await handler(request)

    return receiving


async def inbound_message(request: Request) -> Response:
    ctx: AppContext = request.app.state.ctx
    signed = await _signed_form(request, ctx.settings)
    if isinstance(signed, Response):
        return signed
    body, params = signed
    batch = message_batch(params, received_at=utcnow(), region=ctx.settings.default_region)
    return await _store(request, ctx, batch, body)


async def status_callback(request: Request) -> Response:
    ctx: AppContext = request.app.state.ctx
    signed = await _signed_form(request, ctx.settings)
    if isinstance(signed, Response):
        return signed
    body, params = signed
    batch = status_batch(params, received_at=utcnow(), region=ctx.settings.default_region)
    return await _store(request, ctx, batch, body)


async def _signed_form(request: Request, settings: Settings) -> tuple[bytes, FormParams] | Response:
    """The request's body and form when Twilio signed them, else the refusal to answer."""
    token = settings.secret("twilio_auth_token")
    if not token or not settings.public_base_url:
        logger.warning(
            "twilio webhook refused: TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL must be set to check "
            "Twilio's signatures"
        )
        WEBHOOKS.labels(PROVIDER, "unauthorized").inc()
        return PlainTextResponse("forbidden", status_code=403)
    try:
        body = await read_body(request, settings.webhook_max_body_bytes)
    except BodyTooLarge:
        WEBHOOKS.labels(PROVIDER, "too_large").inc()
        return PlainTextResponse("payload too large", status_code=413)
    except BadBody:
        WEBHOOKS.labels(PROVIDER, "bad_request").inc()
        return PlainTextResponse("bad request", status_code=400)
    params = parse_qsl(
        body.decode("ascii", "replace"), keep_blank_values=True, encoding="utf-8", errors="replace"
    )
    url = settings.public_base_url + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    if not verify_twilio_signature(token, url, params, request.headers.get("X-Twilio-Signature")):
        logger.warning("twilio webhook refused: missing or invalid signature for %s", url)
        WEBHOOKS.labels(PROVIDER, "unauthorized").inc()
        return PlainTextResponse("forbidden", status_code=403)
    return body, params


async def _store(request: Request, ctx: AppContext, batch: WebhookBatch, body: bytes) -> Response:
    """Commit `batch`, then answer empty TwiML (503 while the database is unavailable)."""
    if not await commit_delivery(request.app, ctx, batch, body):
        WEBHOOKS.labels(PROVIDER, "unavailable").inc()
        return PlainTextResponse("service unavailable", status_code=503)
    WEBHOOKS.labels(PROVIDER, "stored").inc()
    return Response(EMPTY_TWIML, media_type="text/xml")
