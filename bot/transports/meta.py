"""Meta WhatsApp Cloud API transport: one reused httpx transport, bearer token, timeouts.

`POST {WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages` with the body `_graph.render_body`
builds; errors are classified by `_graph.classify_graph_error` (Graph codes, not HTTP status).
The connections are `_pool.LeanTransport(max_connections)` (the worker's `outbox_concurrency`),
which is what lets one worker process send 1,000 messages per second (bench/outbound.py); each
request is built by `_pool.JsonPoster` from what every send shares (URL, headers, timeouts).
Network failures and timeouts are retryable: a timed-out send may still have gone out (Meta has
no idempotency key), which is why at most the sends in flight can be duplicated.
"""

from __future__ import annotations

from typing import Any

import httpx

from bot.errors import RetryableSendError
from bot.outbound.messages import OutgoingMessage
from bot.settings import Settings
from bot.transports._graph import classify_graph_error, parse_success, render_body
from bot.transports._pool import Answer, JsonPoster, LeanTransport, send_timeout
from bot.transports.base import SendResult

CALLBACK_KEY = "biz_opaque_callback_data"
CALLBACK_MAX = 512


class MetaCloudTransport:
    """Sends through the Graph API. One instance per worker; `aclose()` when done."""

    name = "meta"

    def __init__(
        self,
        api_url: str,
        token: str,
        phone_number_id: str,
        *,
        max_connections: int = 20,
        timeout: float = 15.0,
        pair_retry_seconds: float = 6.0,
    ) -> None:
        self._pair_retry_seconds = pair_retry_seconds
        self._poster = JsonPoster(
            f"{api_url.rstrip('/')}/{phone_number_id}/messages",
            {"Authorization": f"Bearer {token}"},
            send_timeout(timeout),
            LeanTransport(max_connections),
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> MetaCloudTransport:
        return cls(
            settings.whatsapp_api_url,
            settings.secret("whatsapp_api_token"),
            settings.whatsapp_phone_number_id,
            max_connections=settings.outbox_concurrency,
            timeout=settings.outbox_send_timeout_seconds,
            pair_retry_seconds=max(6.0, settings.outbox_pair_interval_seconds),
        )

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        body = render_body(recipient, message)
        if tag and "type" in body:  # echoed in its statuses (not for a mark as read)
            body[CALLBACK_KEY] = tag[:CALLBACK_MAX]
        try:
            response = await self._poster.post(body)
        except httpx.TimeoutException as exc:
            raise RetryableSendError(f"timeout ({type(exc).__name__})", code="timeout") from None
        except httpx.TransportError as exc:
            raise RetryableSendError(f"network ({type(exc).__name__})", code="network") from None
        answer = _json(response)
        if response.is_success:
            message_id, wa_id = parse_success(answer)
            return SendResult(message_id, wa_id)
        raise classify_graph_error(
            response.status_code, answer, pair_retry_seconds=self._pair_retry_seconds
        )

    async def aclose(self) -> None:
        await self._poster.aclose()


def _json(response: Answer) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
