"""An order just asked, amended before it is sent: `oui et ajoute 10 sucre` under a low-stock
push or the `ALERTES` list opens the order, and the sugar is added to it, one question."""

from __future__ import annotations

from state.flows.moves.answers.dispatch import answer
from state.flows.moves.corrections import adds_to_draft
from state.flows.moves.settle import FLOW
from state.turn import Reading, Turn


def amend(turn: Turn, text: str) -> None:
    """`text` (`ajoute 10 sucre`) read under the question this step just asked of a draft
    (the order): that question is not sent, the one asked with the addition is; anything else
    is read next, as a command of its own (`Turn.replay`)."""
    actions = turn.conv.actions
    asked = actions[-1] if actions else None
    if turn.flow != FLOW or asked is None or not adds_to_draft(turn.draft, text):
        turn.replay = text
        return
    if not answer(turn, Reading(text, turn.view, waiting=True)):
        turn.replay = text
        return
    actions.remove(asked)
