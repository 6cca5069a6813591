"""The movement waiting said to be of the other kind (`non c'est une livraison`, `oups c'était
un arrivage pas une vente`, `it was a delivery not a sale`): the same lines, as that kind,
offered again (the product and the amount said stay)."""

from __future__ import annotations

from dataclasses import replace

from intents.other_kind import kind_denied, kind_meant
from state.drafts import Draft
from state.flows.moves.acts import decline
from state.flows.moves.settle import advance
from state.turn import Reading, Turn

# The kinds one is said to be instead of another: a sale, an arrival; an order that arrived.
_SWAPPED = {"sale": {"receipt"}, "receipt": {"sale"}, "restock": {"receipt"}}


def other_kind(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """Whether `reading` says the draft is of the other kind; if so, it is offered as that
    kind. A draft with a reason (a loss, a customer's return), of an order's arrival, planned or
    with goods brought back is not turned over: what it is is not only its kind. Said only not
    to be of its kind (`pas une vente`, `c'était une perte pas une vente`), naming no product,
    it is declined (a sale was recorded: the `vente` read as the command's verb alone)."""
    kind = kind_meant(reading.text)
    if kind is None and kind_denied(reading.text) == draft.action and not _names(reading):
        decline(turn, draft)
        return True
    if kind is None or kind not in _SWAPPED.get(draft.action, ()):
        return False
    if draft.reason or draft.order_id is not None or draft.planned:
        return False
    if any(line.returned or line.whole for line in draft.lines):
        return False
    turn.ctx["misses"] = 0
    lines = draft.lines
    if draft.alert_id is not None:  # the amount an alert offered to order: not what came
        lines = tuple(replace(line, quantity=None) for line in lines)
    advance(turn, replace(draft, action=kind, lines=lines, alert_id=None))
    return True


def _names(reading: Reading) -> bool:
    parsed = reading.parsed
    return parsed is not None and bool(parsed.product or parsed.candidates)
