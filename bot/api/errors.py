"""The admin API's error answers: one exception, and the mapping of stockbot's own errors.

Every error is a JSON object with `error` (a stable code) and `reason` (for people), plus
`field` for a bad input, `line` for a bad CSV line, `quantity` for a refused sale.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from bot.api.responses import JSONResponse
from bot.errors import (
    ImportFailed,
    InsufficientStock,
    InvalidInput,
    InvalidPhoneNumber,
    NotFound,
    ValidationError,
)

Endpoint = Callable[[Request], Awaitable[Response]]


class ApiError(Exception):
    def __init__(self, http_status: int, error: str, reason: str, **extra: Any) -> None:
        super().__init__(reason)
        self.http_status = http_status
        self.body: dict[str, Any] = {"error": error, "reason": reason, **extra}


def invalid(field: str, reason: str) -> ApiError:
    """A 422 for one input field."""
    return ApiError(422, "validation", reason, field=field)


def conflict(reason: str, **extra: Any) -> ApiError:
    return ApiError(409, "conflict", reason, **extra)


def _as_api_error(exc: Exception) -> ApiError | None:
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, NotFound):
        return ApiError(404, "not_found", str(exc))
    if isinstance(exc, InsufficientStock):
        return ApiError(409, "insufficient_stock", str(exc), sku=exc.sku, quantity=exc.available)
    if isinstance(exc, ImportFailed):
        extra: dict[str, Any] = {"field": exc.column} if exc.column else {}
        errors = [
            {"line": p.line, "column": p.column, "value": p.value, "reason": p.reason}
            for p in exc.problems[: exc.MAX_SHOWN]
        ]
        return ApiError(
            422,
            "validation",
            exc.reason,
            line=exc.line,
            errors=errors,
            error_count=len(exc.problems),
            message=str(exc),
            **extra,
        )
    if isinstance(exc, InvalidInput):
        return invalid(exc.field, exc.reason)
    if isinstance(exc, InvalidPhoneNumber):
        return invalid("phone", str(exc))
    if isinstance(exc, ValidationError):
        return ApiError(422, "validation", str(exc))
    return None


_HTTP_ERRORS = {
    404: ("not_found", "chemin inconnu"),
    405: ("method_not_allowed", "méthode refusée"),
}


async def http_error(request: Request, exc: Exception) -> Response:
    """Routing errors (unknown path, wrong method) as JSON like every other answer."""
    assert isinstance(exc, HTTPException)
    error, reason = _HTTP_ERRORS.get(exc.status_code, ("http_error", str(exc.detail)))
    return JSONResponse({"error": error, "reason": reason}, exc.status_code, headers=exc.headers)


def api_endpoint(handler: Endpoint) -> Endpoint:
    """Answer ApiError and stockbot's user errors as JSON; anything else stays a 500."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        try:
            return await handler(request)
        except Exception as exc:
            error = _as_api_error(exc)
            if error is None:
                raise
            return JSONResponse(error.body, error.http_status)

    return wrapper
