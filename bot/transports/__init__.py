"""Providers behind one small sending interface: Meta Cloud API, Twilio, and the local sandbox."""

from __future__ import annotations

from bot.settings import Settings
from bot.transports.base import Transport


def make_transport(settings: Settings) -> Transport:
    """The transport `WHATSAPP_PROVIDER` names; the sandbox when sending is disabled."""
    if not settings.whatsapp_enabled or settings.whatsapp_provider == "sandbox":
        from bot.transports.sandbox import SandboxTransport

        return SandboxTransport()
    if settings.whatsapp_provider == "meta":
        from bot.transports.meta import MetaCloudTransport

        return MetaCloudTransport.from_settings(settings)
    from bot.transports.twilio import TwilioTransport

    return TwilioTransport(settings)
