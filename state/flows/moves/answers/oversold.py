"""Answers to "Il ne reste que 2 … : [Vendre 2] [Compter le stock] [Annuler]": what is left
sold, the product counted instead, or the sale dropped."""

from __future__ import annotations

from dataclasses import replace

from intents import read_quantity
from intents.answers import Answer, keys_of
from intents.requests import says_count
from intents.whole_stock import all_of_it
from state.drafts import Draft, Line
from state.flows.moves.acts import decline
from state.flows.moves.answers.replies import commands_else
from state.flows.moves.settle import advance
from state.turn import Reading, Turn


def answer_oversold(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """Typed answers to [Vendre 2] [Compter le stock] [Annuler]: a number up to the stock is
    the sale; more than it, or a yes (to what?), the question again; count words count the
    stock; `tout`, `vends ce qui reste` sell what is left; a no drops the sale."""
    index = int(turn.ctx.get("line", 0))
    line = draft.lines[index]
    product = turn.product(line.sku or "")
    if product is None:
        return False
    keys = keys_of(reading.text)
    if says_count(keys):
        count_instead(turn, draft, index)
        return True
    if commands_else(reading, product.sku, draft.action):
        return False  # `vendu 2 cadenas` under « Il ne reste que 6 brouettes »: a command
    quantity = read_quantity(reading.text).value
    if quantity is None and all_of_it(reading.text):
        quantity = product.quantity
    if quantity is not None and 0 < quantity <= product.quantity:
        sell_left(turn, draft, index, quantity)
        return True
    if quantity is not None or reading.answer is Answer.YES:
        turn.repeat_question()
        return True
    if reading.answer in (Answer.NO, Answer.LATER):
        decline(turn, draft)
        return True
    return False


def sell_left(turn: Turn, draft: Draft, index: int, quantity: int) -> None:
    turn.answered()
    line = replace(draft.lines[index], quantity=quantity, issue=None, unit=None)
    advance(turn, draft.with_line(index, line))


def count_instead(turn: Turn, draft: Draft, index: int) -> None:
    """The sale dropped (said so), and the product's count asked for: once the stock is right,
    the sale can be typed again."""
    line = draft.lines[index]
    turn.answered()
    turn.finish()
    turn.say(f"{draft.action}_no")
    count = Line(sku=line.sku, candidates=line.candidates, words=line.words, said=line.said)
    advance(turn, Draft("count", (count,)))
