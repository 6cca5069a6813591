"""Buttons and list rows tapped under this flow's questions."""

from __future__ import annotations

from dataclasses import replace

from state.choices import ChoiceId
from state.flows.moves.acts import decline
from state.flows.moves.answers.oversold import count_instead, sell_left
from state.flows.moves.answers.yes_no import decide
from state.flows.moves.corrections.editing import ask_edit, edit_line
from state.flows.moves.record import record
from state.flows.moves.settle import (
    CONFIRM,
    GUESS,
    IS_ORDER,
    LARGE_CHECK,
    OVERSOLD,
    PRODUCT,
    WHICH_LINE,
    advance,
)
from state.flows.moves.sized import quantity_of_pick
from state.turn import Turn


def choose(turn: Turn, chosen: ChoiceId) -> None:
    draft = turn.draft
    ask = turn.ctx.get("ask")
    if draft is None:
        turn.say("already_handled")
        return
    if chosen.kind == "product" and ask == PRODUCT:
        index = int(turn.ctx.get("line", 0))
        line = draft.lines[index]
        offer = tuple(str(s) for s in turn.ctx.get("offer", ()))
        quantity = quantity_of_pick(turn, line, chosen.value, line.quantity)
        chosen_line = replace(
            line,
            sku=chosen.value,
            quantity=quantity,
            candidates=line.candidates or offer,
            guessed=False,
        )
        turn.answered()
        advance(turn, draft.with_line(index, chosen_line))
    elif chosen.kind == "line" and ask == WHICH_LINE and chosen.value.isdigit():
        edit_line(turn, draft, int(chosen.value))
    elif (
        chosen.kind == "move"
        and ask in (GUESS, IS_ORDER, LARGE_CHECK)
        and chosen.value
        in (
            "yes",
            "no",
        )
    ):
        decide(turn, draft, str(ask), yes=chosen.value == "yes")
    elif chosen.kind == "move" and ask == OVERSOLD:
        index = int(turn.ctx.get("line", 0))
        product = turn.product(draft.lines[index].sku or "")
        if chosen.value == "all" and product is not None and product.quantity > 0:
            sell_left(turn, draft, index, product.quantity)
        elif chosen.value == "count":
            count_instead(turn, draft, index)
        else:
            decline(turn, draft)
    elif chosen.kind == "move" and ask == CONFIRM:
        if chosen.value == "yes":
            record(turn, draft)
        elif chosen.value == "no":
            decline(turn, draft)
        else:  # edit, other
            ask_edit(turn, draft)
    else:
        turn.say("already_handled")
