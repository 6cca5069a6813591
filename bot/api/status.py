"""`GET /api/status`: the outbox's state, open alerts and the inbound backlog."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.api.context import in_transaction
from bot.api.errors import api_endpoint
from bot.db.models import Alert, AlertLevel, AlertState, InboundMessage


def alerts_and_backlog(session: Session) -> dict[str, Any]:
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
    }


@api_endpoint
async def status(request: Request) -> Response:
    return JSONResponse(await in_transaction(request, alerts_and_backlog))
