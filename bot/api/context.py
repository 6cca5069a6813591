"""Running an endpoint's database work: sync SQLAlchemy in the threadpool, one transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from bot.db.engine import transaction

T = TypeVar("T")


async def in_transaction(request: Request, work: Callable[[Session], T]) -> T:
    """Run `work(session)` in a thread; it commits when `work` returns, rolls back if it raises."""
    engine = request.app.state.ctx.engine

    def run() -> T:
        with transaction(engine) as session:
            return work(session)

    return await run_in_threadpool(run)


def wake_outbox(request: Request) -> None:
    """Tell the outbox worker that new rows may be due (alerts queued by a movement)."""
    request.app.state.ctx.wake_outbox.set()
