"""What one webhook delivery yields, provider-independent: typed values plus their raw JSON.

A provider's parser (`bot.inbound.meta`, `bot.inbound.twilio`) builds a `WebhookBatch`; the
ingress stores it (`bot.inbound.store`) in one transaction before the webhook is acknowledged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.inbound.models import InboundMessageEvent, ProviderError, StatusUpdate


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
class ReceivedOperatorEvent:
    """An account-level change (a template's status, the number's quality…): the webhook
    `field`, its `value` as sent, the WhatsApp Business Account it concerns and when."""

    field: str
    value: Mapping[str, Any]
    account_id: str = ""
    occurred_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class WebhookBatch:
    """Everything usable in one delivery, and why any part of it was not (kept raw).

    `problems` are parts that could not be used (logged as warnings); `ignored` are parts of
    kinds stockbot does not handle (calls, flows…), kept raw too, without a warning.
    `other_numbers`: the `phone_number_id`s of the changes addressed to another number of the
    WhatsApp Business Account (Meta posts every number's events to the subscribed app): kept
    raw and listed in `ignored`, never processed nor applied. `display_number`: our number as
    WhatsApp shows it (`metadata.display_phone_number` of the changes addressed to it), which
    tells the account-level events about our number from those about another. `errors`: the
    errors Meta reports for the app or the account with no message of ours (`value.errors`),
    listed in `problems` too; the store acts on those that hold sending (its rate limit).
    """

    provider: str
    messages: tuple[ReceivedMessage, ...] = ()
    statuses: tuple[ReceivedStatus, ...] = ()
    operator_events: tuple[ReceivedOperatorEvent, ...] = ()
    problems: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    other_numbers: tuple[str, ...] = ()
    display_number: str = ""
    errors: tuple[ProviderError, ...] = ()

    @property
    def keep_raw(self) -> bool:
        """Whether the delivery's raw body is kept (part of it was not stored otherwise)."""
        return bool(self.problems or self.ignored)
