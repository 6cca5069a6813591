"""Lines corrected by their place, several at once (`non le 3e c'est 4 et le 1er 6`, `line 1
is 2, line 3 is 5`): each piece's number goes to the line at its place."""

from __future__ import annotations

from dataclasses import replace

from intents.answers import correction
from intents.items import split_items
from state.drafts import Draft
from state.flows.moves.settle import advance
from state.quantities import MAX_QUANTITY
from state.turn import Turn


def corrected_by_place(turn: Turn, draft: Draft, text: str) -> bool:
    """Two or more pieces, each a place of the draft and a quantity only: those lines take
    them, the confirmation asked again; False for anything else (nothing changed)."""
    pieces = split_items(text, lambda _left, _separator, _right: False)
    if len(pieces) < 2 or len(draft.lines) < 2:
        return False
    fixes: dict[int, int] = {}
    for piece in pieces:
        found = correction(piece)
        if (
            found is None
            or found.place is None
            or found.quantity is None
            or found.rest
            or found.other
            or not 1 <= found.place <= len(draft.lines)
            or not 0 < found.quantity <= MAX_QUANTITY
        ):
            return False
        fixes[found.place - 1] = found.quantity
    for index, quantity in fixes.items():
        draft = draft.with_line(index, replace(draft.lines[index], quantity=quantity))
    turn.answered()
    advance(turn, replace(draft, agreed=False))
    return True
