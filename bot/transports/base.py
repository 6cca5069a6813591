"""The one interface every provider implements; the rest of the code never knows which runs.

A transport sends one message and either returns a SendResult or raises one of the SendError
classes of `bot.errors` (RetryableSendError, OutsideWindowError, PermanentSendError,
StopSending), classified once, at this boundary, from the provider's own error codes. Two
refinements, defined here since only transports raise them and only the worker tells them apart:

    RetryableSendError
    └── ThroughputExceeded   the number's rate was exceeded: retry, and every send waits a moment
        └── AccountRateLimited   the app's or account's call rate (Meta 4, 80007): every send waits
    StopSending
    └── AccountBlocked       policy block / account locked: this message fails, all sending pauses
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.errors import RetryableSendError, StopSending
from bot.outbound.messages import OutgoingMessage


class ThroughputExceeded(RetryableSendError):
    """The sending number's throughput was exceeded (Meta 130429, Twilio 63018)."""


class AccountRateLimited(ThroughputExceeded):
    """The app's call rate or the business account's rate limit was reached (Meta 4, 80007):
    every send would meet it, not this message only; sending is held for the wait asked."""


class AccountBlocked(StopSending):
    """The account may not send (Meta 368 policy block, 131031 account locked)."""


@dataclass(frozen=True, slots=True)
class SendResult:
    provider_message_id: str
    wa_id: str = ""  # the canonical WhatsApp id the provider answered with, when it gives one


class Transport(Protocol):
    name: str

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        """Send `message` to `recipient` (E.164). `tag`: what the provider should echo in the
        message's statuses (Meta's `biz_opaque_callback_data`), when it can."""
        ...

    async def aclose(self) -> None: ...
