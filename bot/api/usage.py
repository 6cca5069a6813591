"""`GET /api/usage?month=2026-12`: what WhatsApp will bill for a month, and how managers use
the bot (`bot.operations.usage`, the same report as `stockbot usage`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction
from bot.api.errors import api_endpoint, invalid
from bot.api.responses import JSONResponse
from bot.clock import utcnow
from bot.errors import ValidationError
from bot.operations.usage import current_month, usage_report


@api_endpoint
async def usage(request: Request) -> Response:
    settings = request.app.state.ctx.settings
    month = request.query_params.get("month", "")[:20] or current_month(utcnow())
    try:
        report = await in_transaction(
            request, lambda session: usage_report(session, settings, month=month)
        )
    except ValidationError as exc:
        raise invalid("month", str(exc)) from None
    return JSONResponse(report.as_dict())
