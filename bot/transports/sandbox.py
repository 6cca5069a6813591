"""The default transport: sends nothing outside, so stockbot runs with no WhatsApp account.

Each send gets a `sandbox-…` id and one log line with the number masked; the worker then marks
the outbox row `sent` like any other, so the row itself is the record (`stockbot chat` and
`stockbot outbox` read replies from there). The outbox rules (order, pacing, the 24-hour
window, fallback templates) apply exactly as with Meta, so the sandbox rehearses production.
"""

from __future__ import annotations

import logging
import uuid

from bot.outbound.messages import OutgoingMessage, kind_of
from bot.phones import mask_phone
from bot.transports.base import SendResult

logger = logging.getLogger(__name__)


class SandboxTransport:
    name = "sandbox"

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        message_id = f"sandbox-{uuid.uuid4().hex}"
        logger.info("sandbox: %s to %s (%s)", kind_of(message), mask_phone(recipient), message_id)
        return SendResult(message_id, recipient.lstrip("+"))

    async def aclose(self) -> None:
        return None
