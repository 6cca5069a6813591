"""Choice ids (explicit and versioned) and reading a typed reply as one of the offered choices.

Ids look like `sale:v1:<token>:yes`, `product:v1:<token>:<sku>`, `restock:v1:<order id>:no`.
The token names one question of one manager (`<manager id>-<question number>`), so a tap on an
old message or on another manager's message never matches the question waiting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from state.values import Choice

VERSION = "v1"
_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


@dataclass(frozen=True, slots=True)
class ChoiceId:
    kind: str
    key: str  # the question token, or the order id for `restock`
    value: str


def choice_id(kind: str, key: str | int, value: str) -> str:
    return f"{kind}:{VERSION}:{key}:{value}"


def parse_choice_id(raw: str) -> ChoiceId | None:
    """The parts of an id we made, or None for anything else (other versions included)."""
    parts = raw.split(":", 3)
    if len(parts) != 4 or parts[1] != VERSION or not all(parts):
        return None
    return ChoiceId(kind=parts[0], key=parts[2], value=parts[3])


_NOT_WORDS = re.compile(r"[^\w]+")


def fold(value: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: for comparing typed words."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORDS.sub(" ", letters).split())


def by_number(choices: Sequence[Choice], text: str) -> Choice | None:
    """`1`, `2.`, `3)` read as the choice shown at that position."""
    match = _NUMBER.match(text)
    if match is None:
        return None
    position = int(match.group(1))
    if 1 <= position <= len(choices):
        return choices[position - 1]
    return None


def by_words(choices: Sequence[Choice], text: str, *, cut: bool = True) -> Choice | None:
    """The one choice whose title is what was typed (ellipsis and accents ignored); with `cut`,
    also a cut title's that the text starts like (`bouteille de gaz 12kg` for « Bouteille de
    gaz 1… »: where a flow reads the rest itself, not where it would drop it)."""
    typed = fold(text)
    if not typed:
        return None
    found = [c for c in choices if fold(c.title.rstrip("…")) == typed]
    if len(found) == 1:
        return found[0]
    if not cut:
        return None
    # A cut title ("Bouteille de gaz 1…") matches what starts like it.
    found = [c for c in choices if c.title.endswith("…") and typed.startswith(fold(c.title[:-1]))]
    return found[0] if len(found) == 1 else None


def by_value(choices: Sequence[Choice], value: str) -> Choice | None:
    """The choice whose id ends with `value` (`yes`, `no`, a sku)."""
    for choice in choices:
        parsed = parse_choice_id(choice.id)
        if parsed is not None and parsed.value == value:
            return choice
    return None
