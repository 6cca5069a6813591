"""Twilio's WhatsApp webhooks, pure: the signature check and form posts into typed values.

Twilio posts `application/x-www-form-urlencoded` forms (`From=whatsapp:+221…`, `Body`,
`MessageSid`, …) signed with `X-Twilio-Signature`. Parsing gives the same typed messages as Meta's
payloads (`bot.inbound.models`), so nothing after this module knows which provider delivered a
message. Fields Twilio adds without notice are ignored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bot.errors import InvalidPhoneNumber
from bot.inbound.batch import ReceivedMessage, ReceivedStatus, WebhookBatch
from bot.inbound.models import (
    ButtonReply,
    DeliveryState,
    InboundMessageEvent,
    ListReply,
    LocationMessage,
    MediaKind,
    MediaMessage,
    ProviderError,
    ReplyContext,
    StatusUpdate,
    TextMessage,
    UnsupportedMessage,
)
from bot.phones import normalize_phone, wa_digits
from bot.validation import clean_text

PROVIDER = "twilio"
# Where Twilio posts (the app serves them; the transport asks for status callbacks on the second).
MESSAGES_PATH = "/webhooks/twilio"
STATUS_PATH = "/webhooks/twilio/status"

FormParams = Sequence[tuple[str, str]]

# Column sizes of InboundMessage / DeliveryStatus: longer values cannot be stored, so refused.
_MAX_ID = 255
_MAX_SENDER = 64
_MAX_STATUS = 16
_MAX_FIELD = 4096

_DEFAULT_PORTS = {"https": 443, "http": 80}

_STATES = {
    "accepted": DeliveryState.QUEUED,
    "scheduled": DeliveryState.QUEUED,
    "queued": DeliveryState.QUEUED,
    "sending": DeliveryState.QUEUED,
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "read": DeliveryState.READ,
    "failed": DeliveryState.FAILED,
    "undelivered": DeliveryState.FAILED,
    "canceled": DeliveryState.FAILED,
}


class TwilioPayloadError(ValueError):
    """A signed form that lacks what every Twilio message or status carries."""


def twilio_signature(auth_token: str, url: str, params: FormParams) -> str:
    """`X-Twilio-Signature` for a POST of `params` to `url`, as Twilio computes it.

    HMAC-SHA1 with the auth token over the URL followed by `name + value` of every parameter,
    sorted by name, then by value for repeated names (the SDK's rule, duplicates counted once).
    """
    signed = url
    for name in sorted({name for name, _ in params}):
        for value in sorted({value for key, value in params if key == name}):
            signed += name + value
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def verify_twilio_signature(
    auth_token: str, url: str, params: FormParams, signature: str | None
) -> bool:
    """True when `signature` is Twilio's for `params` posted to `url` (constant-time compare).

    Like Twilio's SDK, the URL is also tried with its default port added or removed (`:443`),
    because Twilio has not signed consistently with or without it.
    """
    if not auth_token or not signature:
        return False
    given = signature.strip().encode()
    matched = False
    for candidate in _url_variants(url):
        expected = twilio_signature(auth_token, candidate, params).encode()
        matched |= hmac.compare_digest(expected, given)
    return matched


def _url_variants(url: str) -> list[str]:
    parts = urlsplit(url)
    default_port = _DEFAULT_PORTS.get(parts.scheme)
    host = parts.hostname or ""
    if parts.username or default_port is None or not host:
        return [url]
    if parts.port is None:
        other = f"{host}:{default_port}"
    elif parts.port == default_port:
        other = host
    else:
        return [url]
    return [url, urlunsplit(parts._replace(netloc=other))]


def message_batch(params: FormParams, *, received_at: datetime, region: str = "SN") -> WebhookBatch:
    """An inbound webhook form as the ingress's provider-neutral batch (one message, or the
    reason it cannot be used, so the raw body is kept)."""
    try:
        message = parse_twilio_message(params, received_at=received_at, region=region)
    except TwilioPayloadError as exc:
        return WebhookBatch(provider=PROVIDER, problems=(str(exc),))
    received = ReceivedMessage(message=message, raw=_first_values(params))
    return WebhookBatch(provider=PROVIDER, messages=(received,))


def status_batch(params: FormParams, *, received_at: datetime, region: str = "SN") -> WebhookBatch:
    """A status callback form as the ingress's provider-neutral batch."""
    try:
        status = parse_twilio_status(params, received_at=received_at, region=region)
    except TwilioPayloadError as exc:
        return WebhookBatch(provider=PROVIDER, problems=(str(exc),))
    received = ReceivedStatus(status=status, raw=_first_values(params))
    return WebhookBatch(provider=PROVIDER, statuses=(received,))


def parse_twilio_message(
    params: FormParams, *, received_at: datetime, region: str = "SN"
) -> InboundMessageEvent:
    """The typed message of an inbound WhatsApp webhook form.

    Twilio gives no message time, so `received_at` (aware UTC) stands for it.
    Raises TwilioPayloadError when `MessageSid` or `From` is missing.
    """
    form = _first_values(params)
    message_id = _required(form, "MessageSid", _MAX_ID)
    sender = _address(_required(form, "From", _MAX_FIELD), region)
    if len(sender) > _MAX_SENDER:
        raise TwilioPayloadError("Twilio form with an invalid From")
    common: dict[str, Any] = {
        "provider": PROVIDER,
        "message_id": message_id,
        "sender": sender,
        "timestamp": received_at,
        "sender_name": form.get("ProfileName", ""),
        "wa_id": form.get("WaId", ""),
        "user_id": _strip_channel(form.get("ExternalUserId", "")),
        "phone_number_id": _address(form["To"], region) if form.get("To") else "",
        "context": _context(form, region),
    }
    body = form.get("Body", "")
    message_type = form.get("MessageType", "")

    if form.get("ButtonPayload") or form.get("ButtonText"):
        return ButtonReply(
            **common,
            id=form.get("ButtonPayload") or form["ButtonText"],
            title=form.get("ButtonText") or form["ButtonPayload"],
            # Twilio mirrors Meta's types: `button` is a template quick reply, `interactive` not.
            from_template=message_type == "button",
        )
    if form.get("ListId"):  # list-picker selection (field names unconfirmed)
        return ListReply(
            **common,
            id=form["ListId"],
            title=form.get("ListTitle", ""),
            description=form.get("ListDescription", ""),
        )
    if _int(form.get("NumMedia")) > 0:
        mime_type = form.get("MediaContentType0", "")
        kind = _media_kind(mime_type)
        return MediaMessage(
            **common,
            media=kind,
            media_id=form.get("MediaUrl0", ""),
            mime_type=mime_type,
            caption=body,
            voice=kind is MediaKind.AUDIO and mime_type.startswith("audio/ogg"),
        )
    if form.get("Latitude") or form.get("Longitude"):
        latitude = _coordinate(form.get("Latitude"), 90)
        longitude = _coordinate(form.get("Longitude"), 180)
        if latitude is None or longitude is None:
            return UnsupportedMessage(
                **common,
                original_type="location",
                errors=(ProviderError(code="invalid", title="malformed Latitude/Longitude"),),
            )
        return LocationMessage(
            **common,
            latitude=latitude,
            longitude=longitude,
            name=form.get("Label", ""),
            address=form.get("Address", ""),
        )
    if body:
        return TextMessage(**common, body=body)
    return UnsupportedMessage(**common, original_type=message_type or "unknown")


def parse_twilio_status(
    params: FormParams, *, received_at: datetime, region: str = "SN"
) -> StatusUpdate:
    """The delivery status of a status callback form (`MessageStatus`, `ErrorCode`).

    Twilio's callbacks carry no time, so `received_at` stands for it.
    """
    form = _first_values(params)
    message_id = _required(form, "MessageSid", _MAX_ID)
    raw_status = (form.get("MessageStatus") or form.get("SmsStatus") or "").strip().lower()
    if len(raw_status) > _MAX_STATUS:
        raise TwilioPayloadError("Twilio status callback with an invalid MessageStatus")
    errors: tuple[ProviderError, ...] = ()
    if form.get("ErrorCode"):
        errors = (
            ProviderError(
                code=form["ErrorCode"],
                title=form.get("ChannelStatusMessage", "") or form.get("ErrorMessage", ""),
            ),
        )
    return StatusUpdate(
        provider=PROVIDER,
        message_id=message_id,
        status=_STATES.get(raw_status, DeliveryState.UNKNOWN),
        raw_status=raw_status,
        timestamp=received_at,
        recipient=_address(form["To"], region) if form.get("To") else "",
        errors=errors,
    )


def _first_values(params: FormParams) -> dict[str, str]:
    """The first value of each field, as text the database accepts (no NUL), length-capped."""
    form: dict[str, str] = {}
    for name, value in params:
        form.setdefault(_storable(name)[:200], _storable(value)[:_MAX_FIELD])
    return form


def _storable(text: str) -> str:
    return clean_text(text)


def _required(form: dict[str, str], name: str, limit: int) -> str:
    value = form.get(name, "").strip()
    if not value or len(value) > limit:
        raise TwilioPayloadError(f"Twilio form without a valid {name}")
    return value


def _coordinate(value: str | None, bound: float) -> float | None:
    try:
        number = float(value or "")
    except ValueError:
        return None
    return number if math.isfinite(number) and -bound <= number <= bound else None


def _strip_channel(value: str) -> str:
    value = value.strip()
    return value[len("whatsapp:") :] if value.lower().startswith("whatsapp:") else value


def _address(raw: str, region: str) -> str:
    """E.164 for a phone address (`whatsapp:+221…`), else the provider's id as given."""
    try:
        return normalize_phone(raw, region)
    except InvalidPhoneNumber:
        return _strip_channel(raw)


def _context(form: dict[str, str], region: str) -> ReplyContext | None:
    replied = form.get("OriginalRepliedMessageSid", "")[:_MAX_ID]
    forwarded = any(
        form.get(name, "").lower() == "true" for name in ("Forwarded", "FrequentlyForwarded")
    )
    if not replied and not forwarded:
        return None
    # Meta gives the replied-to sender as digits (`221785550100`): the same here.
    sender = _address(form.get("OriginalRepliedMessageSender", ""), region)
    return ReplyContext(
        message_id=replied,
        sender=wa_digits(sender)[:_MAX_SENDER],
        forwarded=forwarded,
    )


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _media_kind(mime_type: str) -> MediaKind:
    mime = mime_type.lower()
    if mime == "image/webp":
        return MediaKind.STICKER
    family = mime.split("/", 1)[0]
    if family == "image":
        return MediaKind.IMAGE
    if family == "audio":
        return MediaKind.AUDIO
    if family == "video":
        return MediaKind.VIDEO
    if family in ("application", "text"):
        return MediaKind.DOCUMENT
    return MediaKind.UNKNOWN
