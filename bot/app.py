"""The web application, declared in one place: `bot.app:app`.

`create_app(settings)` builds it; the lifespan opens the database (bringing an embedded SQLite
schema up to date) and starts the background loops that process what the webhooks stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import re
import secrets
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import __version__
from bot.admin import admin_routes
from bot.alerts.digest import run_digest
from bot.alerts.renotify import run_renotify
from bot.api import api_mount
from bot.db.engine import get_engine, head_revision, reading, schema_revision, upgrade_schema
from bot.inbound.processor import run_backlog_pass, run_processor
from bot.logs import REQUEST_ID, configure_logging
from bot.operations.daily_purge import run_purge
from bot.operations.events import account_health
from bot.operations.metrics import metrics_endpoint
from bot.outbound.worker import run_outbox
from bot.runtime import tune_collector
from bot.settings import Settings, get_settings
from bot.throttle import FailedAuthLimiter
from bot.webhooks import meta as meta_webhook
from bot.webhooks import twilio as twilio_webhook

logger = logging.getLogger(__name__)

BackgroundLoop = Callable[["AppContext"], Coroutine[Any, Any, None]]
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


@dataclass
class AppContext:
    """What request handlers and background loops share: `request.app.state.ctx`."""

    settings: Settings
    engine: Engine
    # Set by the inbound processor so webhooks can wake it without waiting for its poll.
    wake_processor: asyncio.Event = field(default_factory=asyncio.Event)
    wake_outbox: asyncio.Event = field(default_factory=asyncio.Event)
    # Set by the inbound processor when its claims come back full (PostgreSQL: a second pass).
    backlog: asyncio.Event = field(default_factory=asyncio.Event)
    # Failed admin authentications per client address (the API and the back office share it).
    auth_limiter: FailedAuthLimiter = field(default_factory=FailedAuthLimiter)
    # Other numbers of the WhatsApp Business Account already warned about (`bot.webhooks.delivery`).
    other_numbers_warned: set[str] = field(default_factory=set)
    # The back office's cookie key, read from the database on first use (`bot.admin.auth`).
    admin_cookie_key: bytes | None = None


async def healthz(request: Request) -> JSONResponse:
    """Liveness: the database answers. The WhatsApp account's state (templates that cannot be
    sent, the number's quality, restrictions) is in the details; it never changes the code."""
    ctx: AppContext = request.app.state.ctx
    try:
        whatsapp = await asyncio.to_thread(_ping, ctx.engine)
    except Exception as exc:  # any database failure means "not ready"
        logger.warning("health check: database unreachable (%s)", type(exc).__name__)
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    body: dict[str, Any] = {"status": "ok", "database": "ok", "version": __version__}
    if whatsapp is not None:
        body["whatsapp"] = whatsapp
    return JSONResponse(body)


async def readyz(request: Request) -> JSONResponse:
    """Readiness: the database answers and its schema is the one this code expects."""
    ctx: AppContext = request.app.state.ctx
    expected = head_revision()
    try:
        current = await asyncio.to_thread(_revision, ctx.engine)
    except Exception as exc:
        logger.warning("readiness check: database unreachable (%s)", type(exc).__name__)
        return JSONResponse({"status": "not ready", "database": "unreachable"}, status_code=503)
    body = {
        "status": "ready" if current == expected else "not ready",
        "database": "ok",
        "schema": {"current": current, "expected": expected},
    }
    return JSONResponse(body, status_code=200 if current == expected else 503)


def _revision(engine: Engine) -> str:
    with reading(engine) as connection:
        return schema_revision(connection)


class RequestIdMiddleware:
    """Gives each HTTP request an id (the caller's `X-Request-ID` when it is a sensible one),
    answered in `X-Request-ID` and carried by every log line written while it is handled.

    Our own ids are a random prefix drawn once per process followed by a counter (16 hex
    digits, unique across processes in practice): drawing 16 random bytes and building a UUID
    for every request cost more than the rest of this middleware."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._prefix = secrets.token_hex(4)
        self._count = itertools.count(1)

    def new_id(self) -> str:
        return f"{self._prefix}{next(self._count) & 0xFFFFFFFF:08x}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        request_id = given if given and _REQUEST_ID.fullmatch(given) else self.new_id()
        token = REQUEST_ID.set(request_id)
        answered = (b"x-request-id", request_id.encode())

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A new list: the response's own (a shared, prebuilt one too) stays as it was.
                message["headers"] = [*message.get("headers", ()), answered]
            await send(message)

        try:
            await self.app(scope, receive, tagged)
        finally:
            REQUEST_ID.reset(token)


def _header(scope: Scope, name: bytes) -> str:
    """The first value of header `name` (lower case) of an ASGI scope, '' when absent."""
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def _ping(engine: Engine) -> dict[str, Any] | None:
    with reading(engine) as connection:
        connection.execute(text("SELECT 1"))
        try:
            return account_health(connection)
        except Exception as exc:  # details only: never fails the check
            logger.warning("health check: no WhatsApp account details (%s)", type(exc).__name__)
            return None


def _routes(settings: Settings, limiter: FailedAuthLimiter) -> list[BaseRoute]:
    # The webhooks first: the router tries the routes in order, and nearly every request is a
    # webhook (the back office's forty routes would be tried, and missed, before each of them).
    # No other route shares their paths, so the order changes nothing else.
    routes: list[BaseRoute] = [*meta_webhook.routes(), *twilio_webhook.routes()]
    routes += [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics_endpoint, methods=["GET"]),
    ]
    routes.append(api_mount(settings, limiter))
    routes.extend(admin_routes())
    return routes


def _background_loops(settings: Settings) -> list[BackgroundLoop]:
    loops: list[BackgroundLoop] = []
    loops.append(run_outbox)
    loops.append(run_processor)
    if not settings.is_sqlite:  # a single writer there
        loops.append(run_backlog_pass)
    loops.append(run_digest)
    loops.append(run_renotify)
    loops.append(run_purge)
    return loops


def create_app(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    run_background: bool = True,
) -> Starlette:
    """Build the app. Tests pass their own settings and engine, and may turn the loops off."""
    settings = settings or get_settings()
    limiter = FailedAuthLimiter()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        configure_logging(settings.log_level, settings.log_format, settings.default_region)
        tune_collector()
        for warning in settings.startup_warnings():
            logger.warning("%s", warning)
        db = engine or get_engine(settings.database_url)
        if settings.is_sqlite and engine is None:
            await asyncio.to_thread(upgrade_schema, settings.database_url)
        limiter.attach(db)  # failed sign-ins are counted in the database, for every process
        ctx = AppContext(settings=settings, engine=db, auth_limiter=limiter)
        app.state.ctx = ctx
        tasks: list[asyncio.Task[None]] = (
            [asyncio.create_task(loop(ctx)) for loop in _background_loops(settings)]
            if run_background
            else []
        )
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    return Starlette(
        routes=_routes(settings, limiter),
        lifespan=lifespan,
        middleware=[Middleware(RequestIdMiddleware), Middleware(meta_webhook.MetaWebhookPath)],
    )


app = create_app()
