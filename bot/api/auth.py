"""Bearer-token guard for the admin API: 401 without the right token, 404 when no token is set.

The API is never open: with no `ADMIN_TOKEN` configured it answers 404 to everything.
"""

from __future__ import annotations

import hmac

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send


class AdminAuth:
    """ASGI wrapper comparing `Authorization: Bearer <token>` in constant time."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.token:
            response = JSONResponse({"error": "not_found", "reason": "API désactivée"}, 404)
            await response(scope, receive, send)
            return
        if not self._authorized(Headers(scope=scope).get("authorization", "")):
            response = JSONResponse(
                {"error": "unauthorized", "reason": "jeton Bearer absent ou faux"},
                401,
                headers={"WWW-Authenticate": "Bearer"},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _authorized(self, header: str) -> bool:
        scheme, _, credentials = header.partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(credentials.strip().encode(), self.token)
