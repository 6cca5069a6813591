"""What a settled draft leads to: declined, a line dropped (recorded: `moves.record`)."""

from __future__ import annotations

from state.drafts import Draft
from state.flows.moves.settle import advance
from state.messages import shorten
from state.turn import Turn


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
