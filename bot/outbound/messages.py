"""Outgoing message values, validated against WhatsApp's limits before anything is queued.

Pure values (no I/O). Transports render them into provider bodies; the outbox stores them as
JSON with `to_payload` and reads them back with `from_payload`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.errors import ValidationError
from bot.outbound.text import cluster_count
from state.values import (
    BUTTON_TITLE_MAX,
    BUTTONS_MAX,
    INTERACTIVE_BODY_MAX,
    LIST_ROWS_MAX,
    ROW_DESCRIPTION_MAX,
    ROW_TITLE_MAX,
    text_length,
)

TEXT_MAX = 4096
TWILIO_BODY_MAX = 1600  # Twilio refuses longer bodies (error 21658)
BUTTON_ID_MAX = 256
# INTERACTIVE_BODY_MAX: reply buttons 1,024. For a list's body Meta's current page says 4,096 and
# older ones (and SDKs) 1,024: 1,024 is accepted by both readings.
HEADER_MAX = 60
FOOTER_MAX = 60
LIST_BUTTON_MAX = 20
ROW_ID_MAX = 200
SECTION_TITLE_MAX = 24
TEMPLATE_NAME_MAX = 512
TEMPLATE_BUTTONS_MAX = 10
MESSAGE_ID_MAX = 256
REACTION_EMOJI_MAX = 16  # one emoji, possibly a sequence of several code points

_TEMPLATE_NAME = re.compile(r"[a-z0-9_]+")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


def _check_length(what: str, value: str, limit: int, *, required: bool = True) -> None:
    if required and not value.strip():
        raise ValidationError(f"{what} : ne doit pas être vide")
    length = text_length(value)
    if length > limit:
        raise ValidationError(f"{what} : {length} caractères, la limite est {limit}")
    if value != value.strip():
        raise ValidationError(f"{what} : pas d'espace au début ni à la fin")


@dataclass(frozen=True, slots=True)
class Button:
    id: str
    title: str

    def __post_init__(self) -> None:
        _check_length("titre de bouton", self.title, BUTTON_TITLE_MAX)
        _check_length("identifiant de bouton", self.id, BUTTON_ID_MAX)


@dataclass(frozen=True, slots=True)
class ListRow:
    id: str
    title: str
    description: str = ""

    def __post_init__(self) -> None:
        _check_length("titre de ligne", self.title, ROW_TITLE_MAX)
        _check_length("identifiant de ligne", self.id, ROW_ID_MAX)
        _check_length("description de ligne", self.description, ROW_DESCRIPTION_MAX, required=False)


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text up to 4096 characters (the outbox splits longer text before it gets here)."""

    body: str
    preview_url: bool = False

    def __post_init__(self) -> None:
        if not self.body.strip():
            raise ValidationError("le texte du message est vide")
        length = text_length(self.body)
        if length > TEXT_MAX:
            raise ValidationError(f"texte de {length} caractères, la limite est {TEXT_MAX}")


@dataclass(frozen=True, slots=True)
class Buttons:
    """Reply buttons: 1 to 3, unique ids and titles."""

    body: str
    buttons: tuple[Button, ...]
    header: str = ""
    footer: str = ""

    def __post_init__(self) -> None:
        _check_length("corps du message", self.body, INTERACTIVE_BODY_MAX)
        _check_length("en-tête", self.header, HEADER_MAX, required=False)
        _check_length("pied de message", self.footer, FOOTER_MAX, required=False)
        if not 1 <= len(self.buttons) <= BUTTONS_MAX:
            raise ValidationError(
                f"{len(self.buttons)} boutons : WhatsApp en accepte de 1 à {BUTTONS_MAX}"
            )
        if len({b.id for b in self.buttons}) != len(self.buttons):
            raise ValidationError("deux boutons ont le même identifiant")
        if len({b.title for b in self.buttons}) != len(self.buttons):
            raise ValidationError("deux boutons ont le même titre")


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
        _check_length("corps du message", self.body, INTERACTIVE_BODY_MAX)
        _check_length("bouton de la liste", self.button, LIST_BUTTON_MAX)
        _check_length("en-tête", self.header, HEADER_MAX, required=False)
        _check_length("pied de message", self.footer, FOOTER_MAX, required=False)
        _check_length("titre de section", self.section_title, SECTION_TITLE_MAX, required=False)
        if not 1 <= len(self.rows) <= LIST_ROWS_MAX:
            raise ValidationError(
                f"{len(self.rows)} lignes : WhatsApp en accepte de 1 à {LIST_ROWS_MAX}"
            )
        if len({r.id for r in self.rows}) != len(self.rows):
            raise ValidationError("deux lignes ont le même identifiant")


@dataclass(frozen=True, slots=True)
class Template:
    """An approved template: positional body parameters and quick-reply button payloads."""

    name: str
    language: str
    body_params: tuple[str, ...] = ()
    button_payloads: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.name) > TEMPLATE_NAME_MAX:
            raise ValidationError(f"nom de modèle de plus de {TEMPLATE_NAME_MAX} caractères")
        if not _TEMPLATE_NAME.fullmatch(self.name):
            raise ValidationError(
                f"nom de modèle {self.name!r} : lettres minuscules a-z, chiffres et _ seulement"
            )
        if not _LANGUAGE_CODE.fullmatch(self.language):
            raise ValidationError(
                f"langue de modèle {self.language!r} : un code comme fr, en ou pt_BR"
            )
        for value in self.body_params:
            if not value.strip():
                raise ValidationError("paramètre de modèle vide")
            if "\n" in value or "\t" in value or " " * 5 in value:
                # Meta refuses (132018) new lines, tabs and more than 4 spaces in a row.
                raise ValidationError(
                    "paramètre de modèle : ni retour à la ligne, ni tabulation, "
                    "ni plus de 4 espaces de suite"
                )
        if len(self.button_payloads) > TEMPLATE_BUTTONS_MAX:
            raise ValidationError(
                f"un modèle a au plus {TEMPLATE_BUTTONS_MAX} boutons de réponse rapide"
            )
        for payload in self.button_payloads:
            _check_length("charge utile de bouton", payload, BUTTON_ID_MAX)


@dataclass(frozen=True, slots=True)
class MarkRead:
    message_id: str
    typing_indicator: bool = False

    def __post_init__(self) -> None:
        _check_length("identifiant de message", self.message_id, MESSAGE_ID_MAX)


@dataclass(frozen=True, slots=True)
class Reaction:
    message_id: str
    emoji: str = ""  # "" removes a reaction

    def __post_init__(self) -> None:
        _check_length("identifiant de message", self.message_id, MESSAGE_ID_MAX)
        if self.emoji and (len(self.emoji) > REACTION_EMOJI_MAX or cluster_count(self.emoji) != 1):
            raise ValidationError("une réaction est un seul emoji")


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
