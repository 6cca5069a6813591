"""The movement waiting said to be of the other kind (`non c'est une livraison`, `oups c'était
un arrivage pas une vente`, `it was a delivery not a sale`): the same lines, as that kind,
offered again (the product and the amount said stay)."""

from __future__ import annotations

from dataclasses import replace

from intents.other_kind import kind_meant
from state.drafts import Draft
from state.flows.moves.settle import advance
from state.turn import Turn

_SWAPPED = frozenset({"sale", "receipt"})  # the kinds one is said to be instead of the other


def other_kind(turn: Turn, draft: Draft, text: str) -> bool:
    """Whether `text` says the draft is of the other kind; if so, it is offered as that kind. A
    draft with a reason (a loss, a customer's return), of an order's arrival, planned or with
    goods brought back is not turned over: what it is is not only its kind."""
    kind = kind_meant(text)
    if kind is None or draft.action not in _SWAPPED or kind == draft.action:
        return False
    if draft.reason or draft.order_id is not None or draft.planned:
        return False
    if any(line.returned or line.whole for line in draft.lines):
        return False
    turn.ctx["misses"] = 0
    advance(turn, replace(draft, action=kind))
    return True
