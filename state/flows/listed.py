"""The products a stock answer just listed (`stock huile`: the three oils), and the ones a reply
designates among them (`le grand`, `the small one`, `le 2e`, `2`, `celui en paquets`, `le 20kg`)."""

from __future__ import annotations

from intents.answers import position, size_wish
from state.matching import Offered, sizes_only, unit_only
from state.turn import Turn


def picked(turn: Turn, text: str) -> tuple[str, ...]:
    """The listed products `text` designates by a size, a place or a unit; () when none."""
    listed = turn.listed()
    if len(listed) < 2:
        return ()
    if not (size_wish(text) or position(text, len(listed)) or unit_only(text) or sizes_only(text)):
        return ()
    return Offered(listed, turn.view.matcher).pick(text)
