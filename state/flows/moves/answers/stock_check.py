"""`stock riz ?`, `il en reste combien ?` typed before answering a question of this flow: the
stock shown above the same question, the draft kept."""

from __future__ import annotations

from state.drafts import Draft
from state.flows.moves.aside import stock_of
from state.flows.moves.settle import GUESS, LARGE_CHECK, PRODUCT, QUANTITY, UNIT
from state.turn import Reading, Turn


def shows_its_stock(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """`stock riz`, `il en reste combien ?`, `cb de riz il reste` while the rice's quantity, or
    the sale of it, waits, or `stock coca` at "Quel produit ?" between the cokes: the manager
    checks before answering, so its stock comes above the same question (the draft is kept).
    `combien ?` alone asks about the line asked about, or the draft's lines (each one line);
    another product's stock is a new question. Not under a stock question's own "Quel produit
    ?" (its answer); where any product is offered (`vendu 3`: "Quel produit ?"), only the
    draft's other lines are what it is about."""
    asked = turn.ctx.get("ask")
    index = int(turn.ctx.get("line", 0))
    lines = [line.sku for line in draft.lines if line.sku is not None]
    if asked == PRODUCT:
        if draft.action == "stock":
            return False
        offer = [] if turn.ctx.get("anything") else [str(s) for s in turn.ctx.get("offer", ())]
        shown = stock_of(turn, reading, [*offer, *lines], referred=offer)
    elif asked in (QUANTITY, UNIT, LARGE_CHECK, GUESS):
        sku = draft.lines[index].sku
        about = [sku] if sku is not None else []
        shown = stock_of(turn, reading, about)
    else:
        shown = stock_of(turn, reading, lines)
    if shown is None:
        return False
    if turn.offered_as_list():  # the list stays open above: the question in one short line
        turn.remind_question(shown)
    else:
        turn.repeat_question(shown + "\n")
    return True
