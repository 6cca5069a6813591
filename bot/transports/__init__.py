"""Providers behind one small sending interface: Meta Cloud API, Twilio, and the local sandbox."""

from __future__ import annotations

from bot.errors import PermanentSendError, SendError
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


def classify_status_error(provider: str, code: str, title: str = "") -> SendError:
    """The SendError a failed delivery status stands for: the provider's error code read by the
    same classifier as a refused send (so 131047/63016 mean "send the template", 130429/63018
    "retry later", and so on). An unknown provider or a missing code is permanent."""
    if code.isdecimal() and provider == "meta":
        from bot.transports._graph import classify_graph_error

        return classify_graph_error(0, {"error": {"code": int(code), "message": title}})
    if code.isdecimal() and provider == "twilio":
        from bot.transports.twilio import classify_error

        return classify_error(0, {"code": int(code), "message": title})
    return PermanentSendError(title or f"delivery failed ({code or 'no code'})", code=code or None)
