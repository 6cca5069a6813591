"""An order just asked, amended before it is sent: `oui et ajoute 10 sucre` under a low-stock
push or the `ALERTES` list opens the order, and the sugar is added to it, one question."""

from __future__ import annotations

from dataclasses import replace

from intents import Intent
from state.flows.moves.answers.dispatch import answer
from state.flows.moves.corrections import adds_to_draft
from state.flows.moves.settle import FLOW, start
from state.turn import Reading, Turn


def amend(turn: Turn, text: str) -> None:
    """`text` (`ajoute 10 sucre`) read under the order this step just asked: that question is
    not sent, the one asked with the addition is. With no order asked (another manager's came
    first), what it adds is the order asked; what adds nothing is read next, as a command of its
    own (`Turn.replay`)."""
    actions = turn.conv.actions
    asked = actions[-1] if actions and turn.flow == FLOW else None
    if asked is None:
        _order_alone(turn, text)
    elif adds_to_draft(turn.draft, text) and answer(turn, Reading(text, turn.view, waiting=True)):
        actions.remove(asked)
    else:
        turn.replay = text


def _order_alone(turn: Turn, text: str) -> None:
    items = Reading(text, turn.view).many
    if not items or any(i.product is None and not i.candidates for i in items):
        turn.replay = text
        return
    start(turn, "restock", [replace(i, intent=Intent.RESTOCK) for i in items], text)
