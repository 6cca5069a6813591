"""The Graph API beyond sending messages: the token, the phone number, the account's webhooks
subscription and its message templates (`stockbot doctor`, `stockbot templates`).

Same rules as the sending transport: the `WHATSAPP_API_URL` (version included) and token of the
settings, bounded timeouts (`_pool.send_timeout`), and a Graph error classified once by
`_graph.classify_graph_error`, here raised as `GraphError` carrying Meta's code and message. A
network failure or timeout is a `GraphError` too (code `network` / `timeout`), never an httpx
exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import Any

import httpx

from bot.errors import RetryableSendError, SendError, StopSending
from bot.settings import Settings
from bot.transports._graph import classify_graph_error
from bot.transports._pool import send_timeout

MAX_PAGES = 20  # templates come 100 a page: 2,000 is far more than an account holds


class GraphError(Exception):
    """A Graph API call that failed: Meta's error code (or `network`, `timeout`, `http-NNN`),
    its message, and whether trying again later may help or the token must change."""

    def __init__(self, error: SendError, *, status: int = 0, subcode: int | None = None) -> None:
        super().__init__(str(error))
        self.code = str(error.code) if error.code is not None else ""
        self.message = str(error)
        self.status = status
        self.subcode = subcode
        self.retryable = isinstance(error, RetryableSendError)
        self.token_problem = isinstance(error, StopSending)


class GraphAPI:
    """Synchronous Graph API calls for the operator's commands; use as a context manager."""

    def __init__(
        self,
        api_url: str,
        token: str,
        *,
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self._client = httpx.Client(
            headers={"Authorization": f"Bearer {token}"},
            timeout=send_timeout(timeout),
            transport=transport,
        )

    @classmethod
    def from_settings(
        cls, settings: Settings, *, transport: httpx.BaseTransport | None = None
    ) -> GraphAPI:
        return cls(
            settings.whatsapp_api_url,
            settings.secret("whatsapp_api_token"),
            timeout=settings.outbox_send_timeout_seconds,
            transport=transport,
        )

    def __enter__(self) -> GraphAPI:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, path: str, **params: str) -> dict[str, Any]:
        return self._call("GET", self._url(path), params=params)

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._call("POST", self._url(path), json=body)

    def pages(self, path: str, **params: str) -> Iterator[dict[str, Any]]:
        """Every item of a paged list (`data`, following `paging.next`)."""
        answer = self.get(path, **params)
        for _ in range(MAX_PAGES):
            data = answer.get("data")
            if isinstance(data, list):
                yield from (item for item in data if isinstance(item, dict))
            paging = answer.get("paging")
            following = paging.get("next") if isinstance(paging, dict) else None
            if not isinstance(following, str) or not following:
                return
            answer = self._call("GET", following)

    def _url(self, path: str) -> str:
        return f"{self.api_url}/{path.lstrip('/')}"

    def _call(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            error: SendError = RetryableSendError(f"timeout ({type(exc).__name__})", code="timeout")
            raise GraphError(error) from None
        except httpx.TransportError as exc:
            error = RetryableSendError(f"network ({type(exc).__name__})", code="network")
            raise GraphError(error) from None
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.is_success and isinstance(answer, dict):
            return answer
        if response.is_success:
            error = RetryableSendError("2xx answer that is not JSON", code="bad-answer")
            raise GraphError(error, status=response.status_code)
        subcode = None
        if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
            raw = answer["error"].get("error_subcode")
            subcode = raw if isinstance(raw, int) else None
        raise GraphError(
            classify_graph_error(response.status_code, answer),
            status=response.status_code,
            subcode=subcode,
        )
