"""The alerts' background loops in `stockbot serve`: a job run once a minute, off the event
loop, that wakes the outbox when it queued something and survives its own failures."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Engine

from bot.clock import utcnow
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

CHECK_EVERY_SECONDS = 60.0


class Job(Protocol):
    def __call__(self, engine: Engine, settings: Settings, *, now: datetime) -> int: ...


async def every_minute(ctx: AppContext, name: str, job: Job) -> None:
    """Run `job(engine, settings, now=…)` once a minute; it returns how many alerts or digests it
    queued."""
    while True:
        try:
            queued = await asyncio.to_thread(lambda: job(ctx.engine, ctx.settings, now=utcnow()))
        except Exception:
            logger.exception("%s: failed, trying again in a minute", name)
        else:
            if queued:
                logger.info("%s: %d queued", name, queued)
                ctx.wake_outbox.set()
        await asyncio.sleep(CHECK_EVERY_SECONDS)
