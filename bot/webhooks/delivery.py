"""What every provider's webhook does with an authentic delivery: read it within a size limit,
commit it, and only then let the handler acknowledge it.

A delivery is committed through the app's `GroupCommitter` (messages, statuses, and the raw body
when part of it is unusable). When storing the parsed delivery fails for any reason other than
the database being unavailable, the raw body is kept with the error instead, so what the provider
sent is never lost and never re-sent forever. Only an unavailable database makes the handler
answer 503, so that the provider delivers again later.

Events of another number of the WhatsApp Business Account (`WebhookBatch.other_numbers`) are
kept raw and never processed; the first time a process meets such a number it says so at WARNING
(with the `phone_number_id`, an account id that is not masked), later deliveries at INFO only: a
busy sister number must not flood the log.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.requests import Request
from starlette.types import Receive

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.inbound.batch import WebhookBatch
from bot.inbound.ingest import committer
from bot.inbound.store import store_webhook_event

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

_OTHER_NUMBERS_MAX = 1000  # a bound on the numbers remembered as already warned about


class BodyTooLarge(Exception):
    """The request body is over `WEBHOOK_MAX_BODY_BYTES` (answer 413)."""


class BadBody(Exception):
    """The body could not be read: client gone, or a malformed `Content-Length` (answer 400)."""


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, refusing more than `limit` bytes before reading them when it is declared."""
    return await receive_body(request.receive, request.headers.get("content-length"), limit)


async def receive_body(receive: Receive, declared: str | None, limit: int) -> bytes:
    """The raw body of an ASGI request from its `receive` channel, with its declared
    `Content-Length` (None: not declared): more than `limit` bytes is refused before they are
    read when declared, as soon as they come otherwise."""
    if declared is not None:
        if not declared.strip().isdecimal():
            raise BadBody("malformed Content-Length")
        if int(declared) > limit:
            raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # http.disconnect: the client went away
            raise BadBody("client disconnected")
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


async def commit_delivery(app: Any, ctx: AppContext, batch: WebhookBatch, body: bytes) -> bool:
    """Commit `batch` (or, failing that, `body` raw) through `app`'s group commit; False when
    the database is unavailable."""
    provider = batch.provider
    _warn_other_numbers(batch.other_numbers, ctx)
    if batch.problems:
        logger.warning("%s webhook kept raw: %s", provider, "; ".join(batch.problems)[:300])
    elif batch.ignored:
        logger.info("%s webhook kept raw: %s", provider, "; ".join(batch.ignored)[:300])
    try:
        failures = await committer(app, ctx.engine).store(batch, body)
    except (OperationalError, InterfaceError) as exc:
        logger.error("%s webhook not stored, database unavailable: %s", provider, describe(exc))
        return False
    except Exception as exc:
        logger.exception("%s webhook stored raw after an error", provider)
        try:
            await asyncio.to_thread(_store_raw, ctx.engine, provider, body, describe(exc))
        except Exception as again:
            logger.error("%s webhook not stored at all: %s", provider, describe(again))
            return False
        return True
    for failure in failures:
        logger.info("send %d failed: %s %s", failure.outbound_id, failure.code, failure.title)
    if failures:  # some may have been queued again as their template
        ctx.wake_outbox.set()
    if batch.messages:
        ctx.wake_processor.set()
    return True


def _warn_other_numbers(numbers: tuple[str, ...], ctx: AppContext) -> None:
    warned = ctx.other_numbers_warned
    for number in numbers:
        if number in warned or len(warned) >= _OTHER_NUMBERS_MAX:
            continue
        warned.add(number)
        logger.warning(
            "webhook events for phone_number_id %s, not ours (WHATSAPP_PHONE_NUMBER_ID %s): "
            "another number of the WhatsApp Business Account; kept raw, never processed nor "
            "answered (said once per process)",
            number,
            ctx.settings.whatsapp_phone_number_id,
        )


def _store_raw(engine: Engine, provider: str, body: bytes, error: str) -> None:
    with transaction(engine) as session:
        store_webhook_event(session, provider, body, f"not stored: {error}", now=utcnow())


def describe(exc: BaseException) -> str:
    """An exception in one short line for logs and stored errors."""
    return f"{type(exc).__name__}: {str(exc)[:200]}"
