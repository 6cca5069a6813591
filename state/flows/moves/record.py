"""A settled draft recorded: the effect that does it, its result read with the draft kept."""

from __future__ import annotations

from state.drafts import Draft
from state.effects import RETURN_NOTE, Effect, PlaceOrder, RecordMovement, SetCount
from state.turn import Turn

# What the history's note says of a recorded move, by its reason, else its action: a loss and a
# return to the supplier are adjustments like a count, and only the note tells them apart in the
# ledger (the back office, the API). Data, not a message: one language, as the other notes.
NOTES: dict[str, str] = {
    "count": "inventaire",
    "loss": "perte",
    "supplier": "retour fournisseur",
    "return": RETURN_NOTE,
}


def key_of(turn: Turn) -> str:
    return f"whatsapp:{turn.ctx.get('token')}"


def record(turn: Turn, draft: Draft) -> None:
    """Do what the draft says; the result is read with the draft kept (`recall`)."""
    pairs = tuple(
        (str(line.sku), int(line.quantity or 0)) for line in draft.lines if not line.returned
    )
    key = key_of(turn)
    effect: Effect
    note = NOTES.get(draft.reason or draft.action, "")
    if draft.action in ("sale", "receipt"):
        back = tuple(
            (str(line.sku), int(line.quantity or 0)) for line in draft.lines if line.returned
        )
        effect = RecordMovement(draft.action, pairs, key, returned=back, note=note)
    elif draft.action == "count":
        effect = SetCount(pairs, key, note=note)
    else:
        effect = PlaceOrder(pairs, alert_id=draft.alert_id)
    turn.settle(effect, draft=draft.to_dict(), key=key)
