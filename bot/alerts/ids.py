"""Button ids of alert pushes: `alert:v1:<alert id>:order` and `alert:v1:<alert id>:later`.

Explicit and versioned, so that a tap on an old message can always be recognised; the same ids
are the quick-reply payloads of the alert template.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.db.models import INT_MAX

PREFIX = "alert:"
_VERSION = "v1"


class AlertChoice(StrEnum):
    ORDER = "order"
    LATER = "later"


@dataclass(frozen=True, slots=True)
class AlertButton:
    alert_id: int
    choice: AlertChoice


def button_id(alert_id: int, choice: AlertChoice) -> str:
    return f"{PREFIX}{_VERSION}:{alert_id}:{choice.value}"


def parse_button_id(raw: str) -> AlertButton | None:
    """The alert and choice a button id names, or None when it is not one of ours."""
    parts = raw.strip().split(":")
    if len(parts) != 4 or parts[0] + ":" != PREFIX or parts[1] != _VERSION:
        return None
    alert_part, choice_part = parts[2], parts[3]
    if not _is_id(alert_part) or choice_part not in AlertChoice.__members__.values():
        return None
    return AlertButton(int(alert_part), AlertChoice(choice_part))


def _is_id(raw: str) -> bool:
    """ASCII digits naming a possible row id (larger ones would fail in the database)."""
    return raw.isascii() and raw.isdigit() and int(raw) <= INT_MAX
