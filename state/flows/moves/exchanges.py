"""A customer's return and a sale in one message: `le client a rendu 2 savons et pris 2
sucres`, `customer returned 2 soap and bought 2 sugar`, and exchanges (`échangé 1 huile 5l contre
1 huile 20l`, `swapped 1 oil 5L for 1 oil 20L`, `intents.exchanges`). One sale draft: the goods
brought back first (`Line.returned`, into the stock as a customer return), then those sold;
settled line by line, confirmed and recorded together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from intents import ParsedIntent
from intents.exchanges import Exchange, one_thing, some_of
from state.drafts import Draft
from state.flows.moves.settle import advance, new_line
from state.turn import Turn

# Read before each part of an exchange, so that its count is read as a movement's.
_AS_MOVED = "vendu"


def start_swap(
    turn: Turn, back: Sequence[ParsedIntent], sold: Sequence[ParsedIntent], typed: str = ""
) -> None:
    """One draft of the goods brought back (`back`) and those sold (`sold`)."""
    lines = tuple(
        replace(new_line(turn, item, item.text, "sale"), returned=True) for item in back
    ) + tuple(new_line(turn, item, item.text, "sale") for item in sold)
    advance(turn, Draft("sale", lines))


def exchange_items(turn: Turn, found: Exchange | None) -> list[ParsedIntent] | None:
    """The readings of the goods brought back and of those taken, when `found` names products
    on both sides; None otherwise (`le client a changé d'avis, il en veut 2`). A part without a
    count said of one thing (`son sac de riz`, `a 20L one`) is one; the part taken without a
    count is as many as brought back (`1 gaz 6 en gaz 12`), unless said as some (`du sucre`:
    how much is asked)."""
    matcher = turn.view.matcher
    if matcher is None or found is None:
        return None
    parts = []
    for words in (found.back, found.taken):
        item = matcher.parse(f"{_AS_MOVED} {words}")
        if item.product is None and not item.candidates:
            return None
        if item.quantity is None and item.quantity_issue is None and one_thing(words):
            item = replace(item, quantity=1)
        parts.append(replace(item, text=words))
    back, taken = parts
    if taken.quantity is None and taken.quantity_issue is None and not some_of(found.taken):
        # `changé 1 gaz 6 en gaz 12`: as many as brought back (`contre du sucre`: asked)
        parts[1] = replace(taken, quantity=back.quantity)
    return parts


def exchanged(turn: Turn, found: Exchange | None) -> bool:
    """The exchange `found` as a draft; False, nothing done, when it names no products."""
    parts = exchange_items(turn, found)
    if parts is None:
        return False
    turn.ctx["misses"] = 0
    start_swap(turn, parts[:1], parts[1:])
    return True
