"""The web application, declared in one place: `bot.app:app`.

`create_app(settings)` builds it; the lifespan opens the database (bringing an embedded SQLite
schema up to date) and starts the background loops that process what the webhooks stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from bot import __version__
from bot.admin import admin_routes
from bot.alerts.digest import run_digest
from bot.alerts.renotify import run_renotify
from bot.api import api_mount
from bot.db.engine import get_engine, upgrade_schema
from bot.inbound.processor import run_processor
from bot.logs import configure_logging
from bot.operations.events import account_health
from bot.outbound.worker import run_outbox
from bot.settings import Settings, get_settings
from bot.throttle import FailedAuthLimiter
from bot.webhooks import meta as meta_webhook
from bot.webhooks import twilio as twilio_webhook

logger = logging.getLogger(__name__)

BackgroundLoop = Callable[["AppContext"], Coroutine[Any, Any, None]]


@dataclass
class AppContext:
    """What request handlers and background loops share: `request.app.state.ctx`."""

    settings: Settings
    engine: Engine
    # Set by the inbound processor so webhooks can wake it without waiting for its poll.
    wake_processor: asyncio.Event = field(default_factory=asyncio.Event)
    wake_outbox: asyncio.Event = field(default_factory=asyncio.Event)
    # Failed admin authentications per client address (the API and the back office share it).
    auth_limiter: FailedAuthLimiter = field(default_factory=FailedAuthLimiter)
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


def _ping(engine: Engine) -> dict[str, Any] | None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        try:
            return account_health(connection)
        except Exception as exc:  # details only: never fails the check
            logger.warning("health check: no WhatsApp account details (%s)", type(exc).__name__)
            return None


def _routes(settings: Settings, limiter: FailedAuthLimiter) -> list[BaseRoute]:
    routes: list[BaseRoute] = [Route("/healthz", healthz, methods=["GET"])]
    routes.append(api_mount(settings, limiter))
    routes.extend(admin_routes())
    routes.extend(meta_webhook.routes())
    routes.extend(twilio_webhook.routes())
    return routes


def _background_loops(settings: Settings) -> list[BackgroundLoop]:
    loops: list[BackgroundLoop] = []
    loops.append(run_outbox)
    loops.append(run_processor)
    loops.append(run_digest)
    loops.append(run_renotify)
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
        configure_logging(settings.log_level)
        for warning in settings.startup_warnings():
            logger.warning("%s", warning)
        db = engine or get_engine(settings.database_url)
        if settings.is_sqlite and engine is None:
            await asyncio.to_thread(upgrade_schema, settings.database_url)
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

    return Starlette(routes=_routes(settings, limiter), lifespan=lifespan)


app = create_app()
