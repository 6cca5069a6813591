"""Bearer-token guard for the admin API: 401 without the right token, 404 when no token is set,
429 with `Retry-After` for an address that failed too often (`bot.throttle`).

The API is never open: with no `ADMIN_TOKEN` configured it answers 404 to everything.
"""

from __future__ import annotations

import hmac

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.throttle import FailedAuthLimiter


def client_address(scope: Scope) -> str:
    """The client's address as the server sees it (behind a proxy, uvicorn's proxy headers)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def too_many_attempts(retry_after: int) -> JSONResponse:
    return JSONResponse(
        {
            "error": "too_many_attempts",
            "reason": f"trop d'essais échoués : réessayez dans {retry_after} s",
        },
        429,
        headers={"Retry-After": str(retry_after)},
    )


class AdminAuth:
    """ASGI wrapper comparing `Authorization: Bearer <token>` in constant time."""

    def __init__(self, app: ASGIApp, token: str, limiter: FailedAuthLimiter) -> None:
        self.app = app
        self.token = token.encode()
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.token:
            response = JSONResponse({"error": "not_found", "reason": "API désactivée"}, 404)
            await response(scope, receive, send)
            return
        address = client_address(scope)
        wait = await self.limiter.retry_after(address)
        if wait:
            await too_many_attempts(wait)(scope, receive, send)
            return
        if not self._authorized(Headers(scope=scope).get("authorization", "")):
            await self.limiter.failed(address)
            response = JSONResponse(
                {"error": "unauthorized", "reason": "jeton Bearer absent ou faux"},
                401,
                headers={"WWW-Authenticate": "Bearer"},
            )
            await response(scope, receive, send)
            return
        await self.limiter.succeeded(address)
        await self.app(scope, receive, send)

    def _authorized(self, header: str) -> bool:
        scheme, _, credentials = header.partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(credentials.strip().encode(), self.token)
