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
that template, as the worker does when Meta refuses a send with 131047.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import OutboundMessage, OutboundStatus
from bot.inbound.batch import WebhookBatch
from bot.inbound.ingest import committer
from bot.inbound.store import store_webhook_event
from bot.inbound.twilio import (
    MESSAGES_PATH,
    PROVIDER,
    STATUS_PATH,
    FormParams,
    message_batch,
    status_batch,
    verify_twilio_signature,
)
from bot.outbound.outbox import switch_to_fallback
from bot.settings import Settings
from bot.transports.twilio import OUTSIDE_WINDOW_CODES

if TYPE_CHECKING:  # bot.app registers these routes
    from bot.app import AppContext

logger = logging.getLogger(__name__)

_OUTSIDE_WINDOW = {str(code) for code in OUTSIDE_WINDOW_CODES}

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


class _TooLarge(Exception):
    pass


def routes() -> list[Route]:
    return [
        Route(MESSAGES_PATH, inbound_message, methods=["POST"]),
        Route(STATUS_PATH, status_callback, methods=["POST"]),
    ]


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
        return PlainTextResponse("forbidden", status_code=403)
    try:
        body = await _read_body(request, settings.webhook_max_body_bytes)
    except _TooLarge:
        return PlainTextResponse("payload too large", status_code=413)
    except ClientDisconnect:
        return PlainTextResponse("client disconnected", status_code=400)
    params = parse_qsl(
        body.decode("ascii", "replace"), keep_blank_values=True, encoding="utf-8", errors="replace"
    )
    url = settings.public_base_url + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    if not verify_twilio_signature(token, url, params, request.headers.get("X-Twilio-Signature")):
        logger.warning("twilio webhook refused: missing or invalid signature for %s", url)
        return PlainTextResponse("forbidden", status_code=403)
    return body, params


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _store(request: Request, ctx: AppContext, batch: WebhookBatch, body: bytes) -> Response:
    """Commit `batch` (and the raw body when part of it is unusable), then answer empty TwiML.

    A database that is down answers 503; any other storing error keeps the body raw.
    """
    if batch.problems:
        logger.warning("twilio webhook kept raw: %s", "; ".join(batch.problems))
    try:
        failures = await committer(request.app, ctx.engine).store(batch, body)
    except (OperationalError, InterfaceError) as exc:
        logger.error("twilio webhook not stored, database unavailable: %s", type(exc).__name__)
        return PlainTextResponse("service unavailable", status_code=503)
    except Exception as exc:
        logger.exception("twilio webhook stored raw after an error")
        try:
            await asyncio.to_thread(_store_raw, ctx.engine, body, f"not stored: {exc!r}"[:500])
        except Exception:
            logger.exception("twilio webhook not stored at all")
            return PlainTextResponse("service unavailable", status_code=503)
    else:
        for failure in failures:
            logger.info("send %d failed: %s %s", failure.outbound_id, failure.code, failure.title)
        outside = [f.outbound_id for f in failures if f.code in _OUTSIDE_WINDOW]
        if outside and await asyncio.to_thread(_send_templates, ctx.engine, outside) > 0:
            ctx.wake_outbox.set()
    if batch.messages:
        ctx.wake_processor.set()
    return Response(EMPTY_TWIML, media_type="text/xml")


def _send_templates(engine: Engine, outbound_ids: list[int]) -> int:
    """Queue again, as their fallback template, the failed rows that have one; how many."""
    switched = 0
    with transaction(engine) as session:
        for outbound_id in outbound_ids:
            row = session.get(OutboundMessage, outbound_id, with_for_update=True)
            if row is not None and row.status == OutboundStatus.FAILED:
                switched += switch_to_fallback(row, utcnow())
    return switched


def _store_raw(engine: Engine, body: bytes, error: str) -> None:
    with transaction(engine) as session:
        store_webhook_event(session, PROVIDER, body, error, now=utcnow())
