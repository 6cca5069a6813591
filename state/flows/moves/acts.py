"""What a settled draft leads to: recorded (through an effect) or declined, a line dropped."""

from __future__ import annotations

from state.drafts import Draft
from state.effects import Effect, PlaceOrder, RecordMovement, SetCount
from state.flows.moves.settle import advance
from state.messages import shorten
from state.turn import Turn


def key_of(turn: Turn) -> str:
    return f"whatsapp:{turn.ctx.get('token')}"


def record(turn: Turn, draft: Draft) -> None:
    """Do what the draft says; the result is read with the draft kept (`recall`)."""
    pairs = tuple((str(line.sku), int(line.quantity or 0)) for line in draft.lines)
    key = key_of(turn)
    effect: Effect
    if draft.action in ("sale", "receipt"):
        effect = RecordMovement(draft.action, pairs, key)
    elif draft.action == "count":
        effect = SetCount(pairs, key)
    else:
        effect = PlaceOrder(pairs, alert_id=draft.alert_id)
    turn.settle(effect, draft=draft.to_dict(), key=key)


def decline(turn: Turn, draft: Draft) -> None:
    turn.declined()
    turn.finish()
    turn.say(f"{draft.action}_no")


def drop_line(turn: Turn, draft: Draft, index: int) -> None:
    line = draft.lines[index]
    what = turn.name(line.sku) if line.sku else shorten(line.words or "?", 30)
    turn.say("line_dropped", what=what)
    turn.answered()
    rest = draft.without_line(index)
    if rest.lines:
        advance(turn, rest)
    else:
        turn.finish()
