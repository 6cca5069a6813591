"""Meta WhatsApp Cloud API transport: one reused httpx client, bearer token, timeouts.

The client is httpx's sync `Client`, driven from a thread pool of `max_connections` threads (the
worker's `outbox_concurrency`): on our 2-core machine it sends about 2.8 times as many messages
per second as `AsyncClient` (bench/outbound.py, bench/README.md); the coroutine API is the same.

`POST {WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages` with the body `_graph.render_body`
builds; errors are classified by `_graph.classify_graph_error` (Graph codes, not HTTP status).
Network failures and timeouts are retryable: a timed-out send may still have gone out (Meta has
no idempotency key), which is why at most the sends in flight can be duplicated.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from bot.errors import RetryableSendError
from bot.outbound.messages import OutgoingMessage
from bot.settings import Settings
from bot.transports._graph import classify_graph_error, parse_success, render_body
from bot.transports.base import SendResult

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)


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
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        pair_retry_seconds: float = 6.0,
    ) -> None:
        self._url = f"{api_url.rstrip('/')}/{phone_number_id}/messages"
        self._pair_retry_seconds = pair_retry_seconds
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        self._client = httpx.Client(
            headers={"Authorization": f"Bearer {token}"}, timeout=timeout, limits=limits
        )
        self._threads = ThreadPoolExecutor(max_connections, thread_name_prefix="meta-send")

    @classmethod
    def from_settings(cls, settings: Settings) -> MetaCloudTransport:
        return cls(
            settings.whatsapp_api_url,
            settings.secret("whatsapp_api_token"),
            settings.whatsapp_phone_number_id,
            max_connections=settings.outbox_concurrency,
            pair_retry_seconds=max(6.0, settings.outbox_pair_interval_seconds),
        )

    async def send(self, recipient: str, message: OutgoingMessage) -> SendResult:
        body = render_body(recipient, message)
        try:
            loop = asyncio.get_running_loop()
            response = await loop.run_in_executor(self._threads, self._post, body)
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

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        return self._client.post(self._url, json=body)

    async def aclose(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)
        self._client.close()


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
