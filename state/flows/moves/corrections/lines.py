"""Which line of a draft words designate: by its product (or candidates), its position, or
the words said wrong (`pas le sucre, le café`)."""

from __future__ import annotations

from collections.abc import Sequence

from intents import ParsedIntent
from intents.answers import keys_of, numbers_in
from state.drafts import Draft, Line
from state.matching import Offered
from state.turn import Turn


def item_line(draft: Draft, item: ParsedIntent) -> int | None:
    """The one line of `item`'s product (or of one of its candidates)."""
    return _line_for(draft, item.product, item.candidates)


def line_of(draft: Draft, line: Line) -> int | None:
    """The one line of the draft of `line`'s product (or of one of its candidates)."""
    return _line_for(draft, line.sku, line.candidates)


def _line_for(draft: Draft, sku: str | None, candidates: Sequence[str]) -> int | None:
    named = {sku} if sku else set(candidates)
    lines = [
        i
        for i, line in enumerate(draft.lines)
        if line.sku in named or (line.sku is None and named & set(line.candidates))
    ]
    return lines[0] if len(lines) == 1 else None


def line_named(draft: Draft, products: Sequence[str]) -> int | None:
    """The line a correction is about: the only line, or the one whose product (or candidates)
    it names."""
    if len(draft.lines) == 1:
        return 0
    if not products:
        return None
    for index, line in enumerate(draft.lines):
        if line.sku in products or set(line.candidates) & set(products):
            return index
    return None


def line_denied(turn: Turn, draft: Draft, text: str, right: str) -> int | None:
    """The one line the words said wrong designate (`pas le sucre, le café`, `not sugar,
    coffee`: the sugar's): the words of `text` other than the right ones."""
    said_right = set(keys_of(right))
    wrong = " ".join(k for k in keys_of(text) if k not in said_right)
    return line_worded(turn, draft, wrong) if wrong else None


def line_worded(turn: Turn, draft: Draft, text: str) -> int | None:
    """The one line whose product the words of `text` other than its numbers designate."""
    keys = keys_of(text)
    numbers = numbers_in(keys).positions
    words = " ".join(k for i, k in enumerate(keys) if i not in numbers)
    return line_picked(turn, draft, words) if words else None


def line_picked(turn: Turn, draft: Draft, typed: str) -> int | None:
    """The one line of the draft `typed` designates (by its product's words, or its position)."""
    offer = [line.sku or "" for line in draft.lines]
    picked = Offered(offer, turn.view.matcher).pick(typed)
    return offer.index(picked[0]) if len(picked) == 1 and picked[0] else None


def lines_picked(turn: Turn, draft: Draft, typed: str) -> set[int]:
    """The settled lines of the draft `typed` designates (by their product's words, or the
    position of one): several when the words fit them as well (`riz` for two rices)."""
    offer = [line.sku or "" for line in draft.lines]
    picked = set(Offered(offer, turn.view.matcher).pick(typed)) - {""}
    return {index for index, sku in enumerate(offer) if sku in picked}
