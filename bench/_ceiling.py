"""The bare ceiling for accepting webhooks: Starlette that checks the signature and answers 200.

Borrowed from the shared harness (`shared/bench/ceiling/app.py`, `ack_app`): no parsing, no
storage. Same path as stockbot's webhook. Secret from `WHATSAPP_APP_SECRET`.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

SECRET = os.environ.get("WHATSAPP_APP_SECRET", "").encode()


def signature_ok(body: bytes, header: str | None) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len("sha256=") :])


async def ack(request: Request) -> Response:
    body = await request.body()
    if not signature_ok(body, request.headers.get("x-hub-signature-256")):
        return PlainTextResponse("Unauthorized", status_code=401)
    return PlainTextResponse("OK")


app = Starlette(routes=[Route("/webhooks/whatsapp", ack, methods=["POST"])])
