"""`GET /api/status`: the outbox's state (`AlertService.get_status()`), open alerts and the
inbound backlog."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction
from bot.api.errors import api_endpoint
from bot.api.responses import JSONResponse
from bot.db.models import Alert, AlertLevel, AlertState, InboundMessage
from bot.operations.events import account_health
from bot.outbound.service import AlertService


def alerts_and_backlog(session: Session) -> dict[str, Any]:
    """Open alerts by level, the inbound backlog, and the WhatsApp account's state."""
    open_by_level = dict(
        session.exec(
            select(Alert.level, func.count())
            .where(Alert.state == AlertState.OPEN)
            .group_by(col(Alert.level))
        ).all()
    )
    backlog = session.exec(
        select(func.count()).where(col(InboundMessage.processed_at).is_(None))
    ).one()
    return {
        "open_alerts": {level.value: open_by_level.get(level.value, 0) for level in AlertLevel},
        "inbound_backlog": backlog,
        "whatsapp": account_health(session.connection()),
    }


@api_endpoint
async def status(request: Request) -> Response:
    ctx = request.app.state.ctx
    outbox = await run_in_threadpool(AlertService(ctx.settings, ctx.engine).get_status)
    counts = await in_transaction(request, alerts_and_backlog)
    return JSONResponse({**outbox.as_dict(), **counts})
