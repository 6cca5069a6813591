"""The one interface every provider implements; the rest of the code never knows which runs.

A transport sends one message and either returns a SendResult or raises one of the SendError
classes of `bot.errors` (RetryableSendError, OutsideWindowError, PermanentSendError,
StopSending), classified once, at this boundary, from the provider's own error codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.outbound.messages import OutgoingMessage


@dataclass(frozen=True, slots=True)
class SendResult:
    provider_message_id: str
    wa_id: str = ""  # the canonical WhatsApp id the provider answered with, when it gives one


class Transport(Protocol):
    name: str

    async def send(self, recipient: str, message: OutgoingMessage) -> SendResult:
        """Send `message` to `recipient` (E.164)."""
        ...

    async def aclose(self) -> None: ...
