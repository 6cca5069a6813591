""" "Quelle ligne modifier ?" asked (with what the line picked will take), and the line picked
changed: its new quantity or product, or its quantity asked."""

from __future__ import annotations

from dataclasses import replace

from intents.answers import Correction
from state.drafts import Draft
from state.flows.moves.settle import WHICH_LINE, advance, ask, ask_quantity
from state.machine import State
from state.turn import Turn


def ask_which_line(turn: Turn, draft: Draft, found: Correction, product: str | None = None) -> None:
    """ "Quelle ligne modifier ?" with the lines as choices; `found`'s quantity, or `product`,
    is what the line picked will take (said before the line was)."""
    token = turn.new_token()
    items = [
        (
            str(i),
            turn.name(line.sku) if line.sku else line.shown,
            turn.amount(line.quantity or 0, line.sku or ""),
        )
        for i, line in enumerate(draft.lines)
    ]
    reply = turn.choices_reply(turn.t("which_line"), "line", token, items, "lines_button")
    ask(
        turn,
        State.AWAITING_CHOICE,
        draft,
        WHICH_LINE,
        reply,
        token,
        fix=found.quantity,
        fix_sku=product,
    )


def ask_edit(turn: Turn, draft: Draft) -> None:
    turn.answered()
    if len(draft.lines) == 1:
        ask_quantity(turn, draft, 0)
        return
    ask_which_line(turn, draft, Correction())


def edit_line(turn: Turn, draft: Draft, index: int) -> None:
    fix = turn.ctx.get("fix")
    product = turn.ctx.get("fix_sku")
    turn.answered()
    if product is not None:  # `lait`, then the line: that line's product, its quantity kept
        old = draft.lines[index]
        quantity = int(fix) if fix is not None else old.quantity
        line = replace(old, sku=str(product), candidates=(), guessed=False, quantity=quantity)
        advance(turn, replace(draft, agreed=False).with_line(index, line))
        return
    if fix is not None:
        line = replace(draft.lines[index], quantity=int(fix))
        advance(turn, draft.with_line(index, line))
    else:
        ask_quantity(turn, draft, index)
