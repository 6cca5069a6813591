"""What one webhook delivery yields, provider-independent: typed values plus their raw JSON.

A provider's parser (`bot.inbound.meta`, `bot.inbound.twilio`) builds a `WebhookBatch`; the
ingress stores it (`bot.inbound.store`) in one transaction before the webhook is acknowledged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.inbound.models import InboundMessageEvent, StatusUpdate


@dataclass(frozen=True, slots=True)
class ReceivedMessage:
    """A parsed message, the provider's JSON for it, and the sender's contact entry if any."""

    message: InboundMessageEvent
    raw: Mapping[str, Any]
    contact: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class ReceivedStatus:
    """A parsed delivery status and the provider's JSON for it."""

    status: StatusUpdate
    raw: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class WebhookBatch:
    """Everything usable in one delivery, and why any part of it was not (kept raw)."""

    provider: str
    messages: tuple[ReceivedMessage, ...] = ()
    statuses: tuple[ReceivedStatus, ...] = ()
    problems: tuple[str, ...] = ()
