"""An order just asked, amended before it is sent: `oui et ajoute 10 sucre` under a low-stock
push or the `ALERTES` list opens the order, and the sugar is added to it, one question."""

from __future__ import annotations

from dataclasses import replace

from intents import Intent
from state.flows.moves.answers.dispatch import answer
from state.flows.moves.corrections import adds_to_draft
from state.flows.moves.settle import asks_confirmation, start
from state.turn import Reading, Turn
from state.values import Reply


def amend(turn: Turn, text: str) -> None:
    """`text` (`ajoute 10 sucre`) read under the order this step just asked: that question is
    not sent, the one asked with the addition is. With no order asked (another manager's came
    first), what it adds is the order asked; what adds nothing is read next, as a command of its
    own (`Turn.replay`)."""
    if not turn.conv.waiting:
        _order_alone(turn, text)
        return
    actions = turn.conv.actions
    question = turn.ctx.get("question")
    at = len(actions) - 1  # the order's question, if this step just said it
    said_last = isinstance(question, dict) and at >= 0 and actions[at] == Reply.from_dict(question)
    if not (said_last and asks_confirmation(turn) and adds_to_draft(turn.draft, text)):
        turn.replay = text  # no order just asked: read next, as a command
    elif answer(turn, Reading(text, turn.view, waiting=True)):
        del actions[at]  # asked again below with the addition
    else:
        turn.replay = text


def _order_alone(turn: Turn, text: str) -> None:
    items = Reading(text, turn.view).many
    if not items or any(i.product is None and not i.candidates for i in items):
        turn.replay = text
        return
    start(turn, "restock", [replace(i, intent=Intent.RESTOCK) for i in items], text)
