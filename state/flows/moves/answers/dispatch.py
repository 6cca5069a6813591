"""The reply to this flow's question waiting, dispatched: read first whatever the question (a
new count, a relative amount, lines removed, a typed yes or no, a stock checked), then as the
answer to that question; False when it is none (`step` then reads it as a message of its own)."""

from __future__ import annotations

from intents.answers import keys_of, numbers_in
from intents.requests import RequestKind, says_count
from state.drafts import Draft
from state.flows.moves.answers.confirmation import answer_confirmation
from state.flows.moves.answers.oversold import answer_oversold
from state.flows.moves.answers.product import answer_product
from state.flows.moves.answers.quantity import answer_quantity
from state.flows.moves.answers.replies import edit_again
from state.flows.moves.answers.stock_check import shows_its_stock
from state.flows.moves.answers.which_line import answer_which_line
from state.flows.moves.answers.yes_no import answer_yes_no, guess_corrected, typed_yes_no
from state.flows.moves.corrections.kind import other_kind
from state.flows.moves.corrections.removals import removed
from state.flows.moves.relative import answer_relative
from state.flows.moves.settle import (
    CONFIRM,
    FLOW,
    GUESS,
    IS_ORDER,
    LARGE_CHECK,
    OVERSOLD,
    PRODUCT,
    QUANTITY,
    UNIT,
    WHICH_LINE,
    count_lines,
    names_something,
)
from state.turn import Reading, Turn

_YES_NO = (CONFIRM, GUESS, IS_ORDER, LARGE_CHECK)  # questions a yes or a no answers


def answer(turn: Turn, reading: Reading) -> bool:
    """Read `reading` as the answer to this flow's question; False when it is not one."""
    draft = turn.draft
    if draft is None:
        return False
    ask = turn.ctx.get("ask")
    if ask == OVERSOLD and answer_oversold(turn, draft, reading):
        return True
    if _new_count(turn, draft, reading):
        return False  # `step` drops this count, saying so, and takes the new one
    if answer_relative(turn, draft, reading):
        return True  # `2 de plus`, `il y en a 3 de moins`: from the line's quantity
    if _removes(turn, draft, reading):
        return True
    if other_kind(turn, draft, reading):
        return True  # `non c'est une livraison`: the same lines, as an arrival
    if ask == GUESS and guess_corrected(turn, draft, reading):
        return True
    if ask in _YES_NO and typed_yes_no(turn, draft, reading, str(ask)):
        return True
    if shows_its_stock(turn, draft, reading):
        return True
    if ask == PRODUCT:
        return answer_product(turn, draft, reading)
    if ask in (QUANTITY, UNIT):
        return answer_quantity(turn, draft, reading)
    if ask in (GUESS, IS_ORDER, LARGE_CHECK):
        return answer_yes_no(turn, draft, reading, str(ask))
    if ask == CONFIRM:
        return answer_confirmation(turn, draft, reading)
    if ask == WHICH_LINE:
        return answer_which_line(turn, draft, reading) or edit_again(turn, reading)
    return False


def _new_count(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """`compté colgate 50 gel 10`, `inventaire gel 10` while a count waits (for its product,
    its yes…): a new count command, which replaces the one waiting, as a new sale does. A count
    of one product of the one waiting (a line's, or one offered for the line asked about) is
    read as an answer or a correction of it (`compté 12 pampers 3` at "Quel produit ?").
    While a sale (an arrival, an order…) waits, any count command is a new one; a loss
    (`3 bouteilles de gaz cassées`) is one too, as a count is."""
    request = reading.request
    if request is None:
        return _count_asked_anew(turn, draft, reading)
    if request.kind is not RequestKind.COUNT:
        return False
    if not says_count(keys_of(reading.text)) and request.out is None:
        return False  # `en fait 30`, `stock riz = 30`: a correction of the count waiting
    if draft.action != "count":
        return True
    lines = count_lines(turn, request.counts, reading.text)
    if not all(names_something(line.words) or line.sku for line in lines):
        return False  # `compté 30`: the count waiting's
    if len(lines) > 1:
        return True
    waiting = {line.sku for line in draft.lines if line.sku}
    if turn.ctx.get("ask") == PRODUCT:
        waiting |= {str(s) for s in turn.ctx.get("offer", ())}
    named = {lines[0].sku} if lines[0].sku else set(lines[0].candidates)
    return not named & waiting


def _count_asked_anew(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """`inventaire sucre`, `compté riz et savon` (no number) while a question waits about other
    products: a count of its own, asked (`stated.count_asked`); it took the place of the product
    of the line asked about (« Quel produit ? » the sugars, under a count of rice)."""
    keys = keys_of(reading.text)
    parsed = reading.parsed
    if parsed is None or not says_count(keys) or numbers_in(keys).values:
        return False
    named = {s for i in reading.many or [parsed] for s in (i.product, *i.candidates) if s}
    waiting = {line.sku for line in draft.lines if line.sku}
    waiting |= {s for line in draft.lines for s in line.candidates}
    return bool(named) and not named & waiting


def drops_lines(turn: Turn, reading: Reading) -> bool:
    """`annule le sucre`, `cancel the sugar` while a question of this flow waits: only the
    lines named go (read before a cancel drops the whole question)."""
    draft = turn.draft
    return turn.flow == FLOW and draft is not None and _removes(turn, draft, reading)


def _removes(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """Lines named removed, whichever question waits (`removals.removed`)."""
    offer = [str(s) for s in turn.ctx.get("offer", ())] if turn.ctx.get("ask") == PRODUCT else []
    return removed(turn, draft, reading.text, offer)
