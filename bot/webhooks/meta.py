"""`GET/POST /webhooks/whatsapp`: Meta's verification handshake and signed webhook deliveries.

A POST is checked in this order, before anything is parsed or stored: size (413), signature over
the raw bytes (401). A signed body is then parsed, stored in full (messages, statuses, and the raw
body when part of it is unusable) and committed, and only then acknowledged with 200; processing
happens afterwards, from the database (`bot.inbound.processor`). No input yields a 500: a signed
body that cannot be stored as messages is stored raw and acknowledged, and only a database
failure answers 503 (Meta re-delivers later).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.inbound.batch import WebhookBatch
from bot.inbound.ingest import committer
from bot.inbound.meta import PROVIDER, loads, parse_webhook
from bot.inbound.store import store_webhook_event

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

PATH = "/webhooks/whatsapp"
_PREFIX = "sha256="


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
        body = await _read_body(request, limit)
    except _TooLarge:
        logger.warning("webhook refused: body over %d bytes", limit)
        return PlainTextResponse("Payload Too Large", status_code=413)
    except (ClientDisconnect, ValueError):
        return PlainTextResponse("Bad Request", status_code=400)
    header = request.headers.get("x-hub-signature-256")
    if not verify_meta_signature(ctx.settings.secret("whatsapp_app_secret"), body, header):
        logger.warning(
            "webhook refused: %s signature (%d bytes)",
            "invalid" if header else "missing",
            len(body),
        )
        return PlainTextResponse("Unauthorized", status_code=401)
    return await _store(request, ctx, body)


async def _store(request: Request, ctx: AppContext, body: bytes) -> Response:
    try:
        batch = parse_webhook(loads(body), phone_number_id=ctx.settings.whatsapp_phone_number_id)
    except Exception as exc:  # not JSON, wrong shape, or absurd nesting: keep it raw, ack
        batch = WebhookBatch(provider=PROVIDER, problems=(f"unparsable: {_describe(exc)}",))
    if batch.problems:
        logger.warning("webhook kept raw: %s", "; ".join(batch.problems)[:300])
    try:
        failures = await committer(request.app, ctx.engine).store(batch, body)
    except (OperationalError, InterfaceError) as exc:
        logger.error("webhook not stored, database unavailable: %s", _describe(exc))
        return PlainTextResponse("Service Unavailable", status_code=503)
    except Exception as exc:
        return await _keep_raw(ctx.engine, body, exc)
    for failure in failures:
        logger.info("send %d failed: %s %s", failure.outbound_id, failure.code, failure.title)
    if batch.messages:
        ctx.wake_processor.set()
    return PlainTextResponse("OK")


async def _keep_raw(engine: Engine, body: bytes, error: BaseException) -> Response:
    """A signed delivery that could not be stored as parsed: keep it raw and acknowledge it."""
    logger.exception("webhook stored raw after an error", exc_info=error)
    try:
        await asyncio.to_thread(_store_raw, engine, body, f"not stored: {_describe(error)}")
    except Exception as exc:
        logger.error("webhook not stored at all: %s", _describe(exc))
        return PlainTextResponse("Service Unavailable", status_code=503)
    return PlainTextResponse("OK")


def _store_raw(engine: Engine, body: bytes, error: str) -> None:
    with transaction(engine) as session:
        store_webhook_event(session, PROVIDER, body, error, now=utcnow())


class _TooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refusing (before reading it) more than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and int(declared) > limit:
        raise _TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"
