"""What a manager's phone shows, and how replies are read: accent- and case-insensitive."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tests.bot.conversation.phone import choice_ids, shown
from tests.dialogues.corpus import Member
from tests.fakes.graph import FakeGraph

# Named patterns usable in `mentions` / `not_mentions` (French, English and Wolof wordings).
MACROS = {
    "@nothing": (
        r"(rien|aucun|annul|(pas|non) (ete |encore )*(enregistr|note|pris|fait)|nothing|cancel|"
        r"not (been )?(recorded|saved|done)|no change|dara|amul)"
    ),
    "@replaced": (
        r"(annul|abandon|cancel|remplac|laiss|(pas|non) (ete )?enregistr|rien (n'a ete |n'est )?"
        r"enregistr|not recorded|dropped|discard|bayyi|dindi)"
    ),
    "@unknown": (
        r"(pas compris|pas bien compris|comprends pas|compris .?\?|didn'?t understand|"
        r"don'?t understand|not sure what|degguma|xamuma)"
    ),
    "@polite": (
        r"(plaisir|de rien|merci|bonne (journee|soiree|fin)|a demain|a bientot|welcome|"
        r"pleasure|thanks|thank you|any ?time|jerejef|ba beneen|ba ci kanam|\U0001f64f|"
        r"\U0001f44d|\U0001f60a)"
    ),
    "@already": r"(deja|already|ba pare|noppi)",
    "@noquestion": r"(pas de question|aucune question|no question|nothing pending|no pending)",
}

_THOUSANDS = re.compile(r"(?<=\d)[ .,\u00a0\u202f](?=\d{3}(?!\d))")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, one space for any run of white space, and
    digit groups joined (`5 000` and `5,000` read `5000`)."""
    text = strip_accents(text).replace("\u2019", "'").replace("\u2018", "'")
    text = _THOUSANDS.sub("", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def pattern_of(raw: str) -> str:
    return MACROS.get(raw, strip_accents(raw).replace("\u2019", "'"))


def mentions(text: str, raw: str) -> bool:
    return re.search(pattern_of(raw), fold(text), re.IGNORECASE) is not None


def render(body: dict[str, Any]) -> str:
    """What a phone shows for one message (templates with their parameters)."""
    if body.get("type") == "template":
        template = body["template"]
        params = [
            str(p.get("text", p.get("payload", "")))
            for component in template.get("components", [])
            for p in component.get("parameters", [])
        ]
        return f"<template {template.get('name')}> " + " | ".join(params)
    return shown(body)


@dataclass(frozen=True)
class Choice:
    id: str
    title: str
    kind: str  # button | row | quick_reply


def choices_of(body: dict[str, Any]) -> list[Choice]:
    if body.get("type") == "interactive":
        action = body["interactive"]["action"]
        found = [
            Choice(b["reply"]["id"], b["reply"]["title"], "button")
            for b in action.get("buttons", [])
        ]
        for section in action.get("sections", []):
            found += [Choice(r["id"], r["title"], "row") for r in section["rows"]]
        assert [c.id for c in found] == choice_ids(body)
        return found
    if body.get("type") == "template":
        return [
            Choice(p["payload"], p["payload"], "quick_reply")
            for component in body["template"].get("components", [])
            if component.get("sub_type") == "quick_reply"
            for p in component.get("parameters", [])
            if "payload" in p
        ]
    return []


def title_shown(title: str) -> str:
    """A button title as read, without the ellipsis of a cut (folding turns `…` into `...`)."""
    return fold(title).rstrip("…").rstrip(".").strip()


def title_matches(title: str, wanted: str) -> bool:
    shown_title = title_shown(title)
    want = fold(wanted)
    return (
        shown_title == want
        or bool(shown_title)
        and (shown_title.startswith(want) or (title.endswith("…") and want.startswith(shown_title)))
    )


def product_of_title(title: str, names: Iterable[tuple[str, str]]) -> str | None:
    """The product a button shows among `names` (sku, folded name): the longest name in the
    title, or starting with a cut title (`Insecticide Cypercal 25…`)."""
    shown_title = title_shown(title)
    best: tuple[int, str] | None = None
    for sku, name in names:
        fits = name in shown_title or (title.endswith("…") and name.startswith(shown_title))
        if fits and (best is None or len(name) > best[0]):
            best = (len(name), sku)
    return best[1] if best else None


@dataclass
class Handset:
    """One manager's phone: everything it received, and what arrived at the latest step."""

    member: Member
    inbox: list[dict[str, Any]] = field(default_factory=list)
    new: list[dict[str, Any]] = field(default_factory=list)

    @property
    def phone(self) -> str:
        return self.member.person.phone

    def collect(self, graph: FakeGraph) -> None:
        received = graph.sent_to(self.phone)
        self.new = received[len(self.inbox) :]
        self.inbox = received

    @property
    def reply(self) -> str:
        return "\n".join(render(b) for b in self.new)

    def on_screen(self) -> list[Choice]:
        """The choices of the latest message that offered some."""
        for body in reversed(self.inbox):
            found = choices_of(body)
            if found:
                return found
        return []

    def find(self, wanted: str | int) -> Choice | None:
        offered = self.on_screen()
        if isinstance(wanted, int):
            return offered[wanted - 1] if 0 < wanted <= len(offered) else None
        for alternative in str(wanted).split("|"):
            for choice in offered:
                if title_matches(choice.title, alternative):
                    return choice
        return None
