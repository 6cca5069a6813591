"""A settled draft recorded: the effect that does it, its result read with the draft kept."""

from __future__ import annotations

from state.drafts import Draft
from state.effects import NOTES, Effect, PlaceOrder, RecordMovement, SetCount
from state.turn import Turn


def key_of(turn: Turn) -> str:
    return f"whatsapp:{turn.ctx.get('token')}"


def _pairs(draft: Draft, returned: bool) -> tuple[tuple[str, int], ...]:
    """`(sku, quantity)` of the draft's lines brought back (`returned`), or of the others."""
    return tuple(
        (str(line.sku), int(line.quantity or 0))
        for line in draft.lines
        if line.returned == returned
    )


def record(turn: Turn, draft: Draft) -> None:
    """Do what the draft says; the result is read with the draft kept (`recall`)."""
    pairs = _pairs(draft, returned=False)
    key = key_of(turn)
    effect: Effect
    note = NOTES.get(draft.reason or draft.action, "")
    if draft.action in ("sale", "receipt"):
        back = _pairs(draft, returned=True)
        effect = RecordMovement(draft.action, pairs, key, returned=back, note=note)
    elif draft.action == "count":
        effect = SetCount(pairs, key, note=note)
    else:
        effect = PlaceOrder(pairs, alert_id=draft.alert_id)
    turn.settle(effect, draft=draft.to_dict(), key=key)
