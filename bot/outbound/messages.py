"""Outgoing message values, validated against WhatsApp's limits before anything is queued.

Pure values (no I/O). Transports render them into provider bodies; the outbox stores them as
JSON with `to_payload` and reads them back with `from_payload`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.errors import ValidationError

TEXT_MAX = 4096
BUTTONS_MAX = 3
BUTTON_TITLE_MAX = 20
BUTTON_ID_MAX = 256
INTERACTIVE_BODY_MAX = 1024
HEADER_MAX = 60
FOOTER_MAX = 60
LIST_ROWS_MAX = 10
LIST_BUTTON_MAX = 20
ROW_ID_MAX = 200
ROW_TITLE_MAX = 24
ROW_DESCRIPTION_MAX = 72
SECTION_TITLE_MAX = 24
TEMPLATE_NAME_MAX = 512
MESSAGE_ID_MAX = 256
REACTION_EMOJI_MAX = 16  # one emoji, possibly a sequence of several code points


def _check_length(what: str, value: str, limit: int, *, required: bool = True) -> None:
    if required and not value.strip():
        raise ValidationError(f"{what} must not be empty")
    if len(value) > limit:
        raise ValidationError(f"{what} is {len(value)} characters, the limit is {limit}")
    if value != value.strip():
        raise ValidationError(f"{what} must not start or end with spaces")


@dataclass(frozen=True, slots=True)
class Button:
    id: str
    title: str

    def __post_init__(self) -> None:
        _check_length("button title", self.title, BUTTON_TITLE_MAX)
        _check_length("button id", self.id, BUTTON_ID_MAX)


@dataclass(frozen=True, slots=True)
class ListRow:
    id: str
    title: str
    description: str = ""

    def __post_init__(self) -> None:
        _check_length("row title", self.title, ROW_TITLE_MAX)
        _check_length("row id", self.id, ROW_ID_MAX)
        _check_length("row description", self.description, ROW_DESCRIPTION_MAX, required=False)


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text up to 4096 characters (the outbox splits longer text before it gets here)."""

    body: str
    preview_url: bool = False

    def __post_init__(self) -> None:
        if not self.body.strip():
            raise ValidationError("text body must not be empty")
        if len(self.body) > TEXT_MAX:
            raise ValidationError(f"text is {len(self.body)} characters, the limit is {TEXT_MAX}")


@dataclass(frozen=True, slots=True)
class Buttons:
    """Reply buttons: 1 to 3, unique ids and titles."""

    body: str
    buttons: tuple[Button, ...]
    header: str = ""
    footer: str = ""

    def __post_init__(self) -> None:
        _check_length("body", self.body, INTERACTIVE_BODY_MAX)
        _check_length("header", self.header, HEADER_MAX, required=False)
        _check_length("footer", self.footer, FOOTER_MAX, required=False)
        if not 1 <= len(self.buttons) <= BUTTONS_MAX:
            raise ValidationError(
                f"{len(self.buttons)} buttons; WhatsApp allows 1 to {BUTTONS_MAX}"
            )
        if len({b.id for b in self.buttons}) != len(self.buttons):
            raise ValidationError("button ids must be unique")
        if len({b.title for b in self.buttons}) != len(self.buttons):
            raise ValidationError("button titles must be unique")


@dataclass(frozen=True, slots=True)
class ListMessage:
    """An interactive list: one section of up to 10 rows."""

    body: str
    button: str
    rows: tuple[ListRow, ...]
    header: str = ""
    footer: str = ""
    section_title: str = ""

    def __post_init__(self) -> None:
        _check_length("body", self.body, INTERACTIVE_BODY_MAX)
        _check_length("list button", self.button, LIST_BUTTON_MAX)
        _check_length("header", self.header, HEADER_MAX, required=False)
        _check_length("footer", self.footer, FOOTER_MAX, required=False)
        _check_length("section title", self.section_title, SECTION_TITLE_MAX, required=False)
        if not 1 <= len(self.rows) <= LIST_ROWS_MAX:
            raise ValidationError(f"{len(self.rows)} rows; WhatsApp allows 1 to {LIST_ROWS_MAX}")
        if len({r.id for r in self.rows}) != len(self.rows):
            raise ValidationError("row ids must be unique")


@dataclass(frozen=True, slots=True)
class Template:
    """An approved template: positional body parameters and quick-reply button payloads."""

    name: str
    language: str
    body_params: tuple[str, ...] = ()
    button_payloads: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.name) > TEMPLATE_NAME_MAX:
            raise ValidationError(f"template name is longer than {TEMPLATE_NAME_MAX} characters")
        if not self.name or not all(ch.islower() or ch.isdigit() or ch == "_" for ch in self.name):
            raise ValidationError(f"template name {self.name!r}: lowercase letters, digits and _")
        if not self.language or len(self.language) > 15:
            raise ValidationError(f"template language {self.language!r} is not a language code")
        for value in self.body_params:
            if not value.strip():
                raise ValidationError("template parameters must not be empty")
            if "\n" in value or "\t" in value or "    " in value:
                # Meta refuses new lines, tabs and more than 4 spaces in a parameter.
                raise ValidationError("template parameters cannot hold new lines or tabs")
        if len(self.button_payloads) > 10:
            raise ValidationError("a template has at most 10 quick-reply buttons")
        for payload in self.button_payloads:
            _check_length("button payload", payload, BUTTON_ID_MAX)


@dataclass(frozen=True, slots=True)
class MarkRead:
    message_id: str
    typing_indicator: bool = False

    def __post_init__(self) -> None:
        _check_length("message id", self.message_id, MESSAGE_ID_MAX)


@dataclass(frozen=True, slots=True)
class Reaction:
    message_id: str
    emoji: str = ""  # "" removes a reaction

    def __post_init__(self) -> None:
        _check_length("message id", self.message_id, MESSAGE_ID_MAX)
        if len(self.emoji) > REACTION_EMOJI_MAX:
            raise ValidationError("a reaction is one emoji")


OutgoingMessage = Text | Buttons | ListMessage | Template | MarkRead | Reaction

KINDS: dict[str, type[Any]] = {
    "text": Text,
    "buttons": Buttons,
    "list": ListMessage,
    "template": Template,
    "read": MarkRead,
    "reaction": Reaction,
}
_KIND_OF = {cls: kind for kind, cls in KINDS.items()}


def kind_of(message: OutgoingMessage) -> str:
    return _KIND_OF[type(message)]


def to_payload(message: OutgoingMessage) -> dict[str, Any]:
    """JSON-ready dict of a message, for the outbox row."""
    data: dict[str, Any] = {}
    for name in message.__dataclass_fields__:
        value = getattr(message, name)
        if isinstance(value, tuple):
            value = [
                {k: getattr(v, k) for k in v.__dataclass_fields__}
                if hasattr(v, "__dataclass_fields__")
                else v
                for v in value
            ]
        data[name] = value
    return data


def from_payload(kind: str, payload: dict[str, Any]) -> OutgoingMessage:
    """The message an outbox row holds (validation runs again)."""
    cls = KINDS[kind]
    data = dict(payload)
    if cls is Buttons:
        data["buttons"] = tuple(Button(**b) for b in data["buttons"])
    elif cls is ListMessage:
        data["rows"] = tuple(ListRow(**r) for r in data["rows"])
    elif cls is Template:
        data["body_params"] = tuple(data.get("body_params", ()))
        data["button_payloads"] = tuple(data.get("button_payloads", ()))
    fields = cls.__dataclass_fields__
    message: OutgoingMessage = cls(**{k: v for k, v in data.items() if k in fields})
    return message


__all__ = [
    "Button",
    "Buttons",
    "ListMessage",
    "ListRow",
    "MarkRead",
    "OutgoingMessage",
    "Reaction",
    "Template",
    "Text",
    "from_payload",
    "kind_of",
    "to_payload",
]
