"""Typed inbound events, the same for every provider (Meta Cloud API, Twilio).

The webhooks turn provider payloads into these values; they are stored (`to_dict`) in
`InboundMessage.payload["message"]` and rebuilt (`message_from_dict`) by the processor, so the
conversation layer never sees a provider's format and cannot tell the providers apart.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class ProviderError:
    code: str
    title: str = ""
    details: str = ""


@dataclass(frozen=True, slots=True)
class ReplyContext:
    """The message this one answers (a quoted reply, or the message whose button was tapped)."""

    message_id: str
    sender: str = ""
    forwarded: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Inbound:
    """What every inbound message carries."""

    provider: str  # "meta" | "twilio"
    message_id: str  # wamid.… or Twilio MessageSid
    sender: str  # E.164 when it is a phone number (+221771234567), else the provider's user id
    timestamp: datetime  # aware UTC, the provider's time of the message
    sender_name: str = ""
    wa_id: str = ""
    user_id: str = ""
    phone_number_id: str = ""  # our number it was sent to
    context: ReplyContext | None = None

    @property
    def type(self) -> str:
        return _TYPE_OF[type(self)]

    def to_dict(self) -> dict[str, Any]:
        """What `dataclasses.asdict` gives (the webhook's hot path: it copied every string and
        number, which are immutable, through `copy.deepcopy`), the time in ISO form, the type."""
        names = _FIELD_NAMES.get(type(self))
        if names is None:
            names = _FIELD_NAMES[type(self)] = tuple(f.name for f in dataclasses.fields(self))
        data = {name: _plain(getattr(self, name)) for name in names}
        data["timestamp"] = self.timestamp.isoformat()
        data["type"] = self.type
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class TextMessage(Inbound):
    body: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ButtonReply(Inbound):
    """A tapped reply button (interactive `button_reply`, a template quick reply, or Twilio's
    `ButtonPayload`). `id` is the button id or payload we set; `title` the text shown."""

    id: str
    title: str = ""
    from_template: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ListReply(Inbound):
    id: str
    title: str = ""
    description: str = ""


class MediaKind(StrEnum):
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    DOCUMENT = "document"
    STICKER = "sticker"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaMessage(Inbound):
    media: MediaKind
    media_id: str = ""  # Meta media id, or Twilio MediaUrl0
    mime_type: str = ""
    caption: str = ""
    filename: str = ""
    sha256: str = ""
    voice: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class LocationMessage(Inbound):
    latitude: float
    longitude: float
    name: str = ""
    address: str = ""


@dataclass(frozen=True, slots=True)
class SharedContact:
    name: str
    phones: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactsMessage(Inbound):
    contacts: tuple[SharedContact, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ReactionMessage(Inbound):
    reacted_message_id: str
    emoji: str = ""  # "" = reaction removed


@dataclass(frozen=True, slots=True, kw_only=True)
class EditMessage(Inbound):
    """The sender edited an earlier message (`original_message_id`); `body` is its new text (or
    caption)."""

    original_message_id: str
    body: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokeMessage(Inbound):
    """The sender deleted an earlier message (`original_message_id`) for everyone."""

    original_message_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SystemMessage(Inbound):
    """A notice WhatsApp sends about the user: `user_changed_number` (with the new `new_wa_id`,
    and `new_user_id` when Meta gives it), or another kind, stored and otherwise ignored."""

    kind: str
    body: str = ""
    new_wa_id: str = ""
    new_user_id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class UnsupportedMessage(Inbound):
    """A type we do not handle (`unsupported`, `unknown`, `system`, `order`…), with its errors."""

    original_type: str = "unsupported"
    errors: tuple[ProviderError, ...] = ()


InboundMessageEvent = (
    TextMessage
    | ButtonReply
    | ListReply
    | MediaMessage
    | LocationMessage
    | ContactsMessage
    | ReactionMessage
    | EditMessage
    | RevokeMessage
    | SystemMessage
    | UnsupportedMessage
)

_TYPES: dict[str, type[Inbound]] = {
    "text": TextMessage,
    "button": ButtonReply,
    "list": ListReply,
    "media": MediaMessage,
    "location": LocationMessage,
    "contacts": ContactsMessage,
    "reaction": ReactionMessage,
    "edit": EditMessage,
    "revoke": RevokeMessage,
    "system": SystemMessage,
    "unsupported": UnsupportedMessage,
}
_TYPE_OF = {cls: name for name, cls in _TYPES.items()}


_IMMUTABLE = (str, int, float, datetime)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # each message class's fields, in order


def _plain(value: Any) -> Any:
    """A field's value as `dataclasses.asdict` gives it."""
    if value is None or isinstance(value, _IMMUTABLE):  # asdict's copy would be equal
        return value
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return copy.deepcopy(value)


def message_from_dict(data: dict[str, Any]) -> InboundMessageEvent:
    """Rebuild a typed message from `Inbound.to_dict()` output."""
    data = dict(data)
    cls = _TYPES[data.pop("type")]
    data["timestamp"] = datetime.fromisoformat(data["timestamp"]).astimezone(UTC)
    if data.get("context"):
        data["context"] = ReplyContext(**data["context"])
    if "errors" in data:
        data["errors"] = tuple(ProviderError(**e) for e in data["errors"])
    if "contacts" in data:
        data["contacts"] = tuple(
            SharedContact(name=c["name"], phones=tuple(c.get("phones", ())))
            for c in data["contacts"]
        )
    if "media" in data:
        data["media"] = MediaKind(data["media"])
    message: InboundMessageEvent = cls(**data)  # type: ignore[assignment]
    return message


class DeliveryState(StrEnum):
    """Delivery states of a message we sent; `rank` only moves forward."""

    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    PLAYED = "played"  # a voice message listened to: read, and more
    FAILED = "failed"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {
    DeliveryState.UNKNOWN: -1,
    DeliveryState.QUEUED: 0,
    DeliveryState.SENT: 1,
    DeliveryState.DELIVERED: 2,
    DeliveryState.READ: 3,
    DeliveryState.PLAYED: 3,
    DeliveryState.FAILED: 1,  # a failure after `sent`; never overrides delivered/read
}


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusUpdate:
    """A delivery status of a message we sent."""

    provider: str
    message_id: str  # our provider message id (wamid or SID)
    status: DeliveryState
    raw_status: str
    timestamp: datetime
    recipient: str = ""
    errors: tuple[ProviderError, ...] = ()
    conversation_id: str = ""
    conversation_origin: str = ""
    pricing_category: str = ""
    pricing_model: str = ""
    pricing_type: str = ""  # regular, free_customer_service, free_entry_point
    billable: bool | None = None
    callback_data: str = ""
