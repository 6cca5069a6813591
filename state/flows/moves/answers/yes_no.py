"""Answers to the questions a yes or a no settles — a guess to check ("Vouliez-vous dire … ?"),
an order arrived ("C'est la commande n°1 ?"), a large quantity ("Vraiment 500 ?") — typed with
typos, tapped, or with a correction (`oui mais 3`, `non c'est 50`)."""

from __future__ import annotations

from dataclasses import replace

from intents.answers import RECEIVED_WORDS, Answer, Correction, correction, typed_answer
from state.drafts import Draft
from state.effects import ReceiveOrder
from state.flows.moves.acts import decline, drop_line
from state.flows.moves.answers.confirmation import answer_confirmation
from state.flows.moves.corrections.siblings import products_named
from state.flows.moves.record import key_of, record
from state.flows.moves.settle import (
    AWAITED,
    CONFIRM,
    GUESS,
    IS_ORDER,
    LARGE_CHECK,
    advance,
    ask_product,
    ask_quantity,
    confirm,
)
from state.matching import Offered
from state.turn import Reading, Turn


def typed_yes_no(turn: Turn, draft: Draft, reading: Reading, ask: str) -> bool:
    """`oiu`, `ouii`, `waw`, `nonn`, `nop` while a yes or a no is asked: that answer, before
    any product's name is looked for in it (`ois` is no typo of the oil)."""
    matcher = turn.view.matcher
    if reading.answer is not None or matcher is None:
        return False
    said = typed_answer(reading.text, matcher.knows)
    if said is None:
        return False
    if ask != CONFIRM:
        decide(turn, draft, ask, yes=said is Answer.YES)
    elif said is Answer.YES:
        record(turn, draft)
    else:
        decline(turn, draft)
    return True


def answer_yes_no(turn: Turn, draft: Draft, reading: Reading, ask: str) -> bool:
    said = reading.answer
    if ask in (IS_ORDER, LARGE_CHECK):
        # `non c'est 50`, `actually it was 50`: not the quantity asked about, this one (asked
        # again about it: is it the order, is it that much).
        fix = correction(reading.text, neutral=RECEIVED_WORDS)
        index = int(turn.ctx.get("line", 0))
        line = draft.lines[index]
        if fix is not None and fix.quantity not in (None, line.quantity) and not fix.rest:
            turn.answered()
            advance(turn, draft.with_line(index, replace(line, quantity=fix.quantity)))
            return True
    if ask == IS_ORDER and said is None and _product_told(turn, draft, reading):
        return True
    if said not in (Answer.YES, Answer.NO):
        return False
    decide(turn, draft, ask, yes=said is Answer.YES)
    return True


def _product_told(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """`25kg`, `the big one` to "is it order #1?" asked of the product ordered, picked among
    several the delivery named (`20 bags rice`): that product is a yes, another one the product
    delivered instead of the order's."""
    line = draft.lines[0]
    if not turn.ctx.get(AWAITED) or len(line.candidates) < 2:
        return False
    picked = Offered(list(line.candidates), turn.view.matcher).pick(reading.text)
    if len(picked) != 1:
        return False
    if picked[0] == line.sku:
        decide(turn, draft, IS_ORDER, yes=True)
        return True
    turn.answered()
    turn.ctx["not_order"] = True
    confirm(turn, draft.with_line(0, replace(line, sku=picked[0])))
    return True


def guess_corrected(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """`oui mais 3`, `non c'est 3`, `5`, `non le thé`, `l'autre` under "Vouliez-vous dire
    « VENTE Savon de Marseille 2 » ?": more than a yes or a no. A quantity alone takes the
    product guessed with that quantity (then the confirmation shows it); other product words
    correct the line as at the confirmation, the guess being the product to correct."""
    found = correction(reading.text)
    if found is None:
        return False
    index = int(turn.ctx.get("line", 0))
    line = replace(draft.lines[index], checked=True)
    if found.quantity is not None and not found.rest and not found.other:
        turn.answered()
        advance(turn, draft.with_line(index, replace(line, quantity=found.quantity)))
        return True
    if "?" not in reading.text and _names_the_guess(turn, draft, found, line.sku):
        decide(turn, draft, GUESS, yes=True)  # `bic bleu` under « VENTE Stylo Bic bleu 3 ? »
        return True
    return answer_confirmation(turn, draft.with_line(index, line), reading)


def _names_the_guess(turn: Turn, draft: Draft, found: Correction, sku: str | None) -> bool:
    """Whether a reply only names the product guessed, as a yes does."""
    if found.negated or found.quantity is not None or found.other or not found.rest:
        return False
    return sku is not None and products_named(turn, found.rest, draft) == (sku,)


def decide(turn: Turn, draft: Draft, ask: str, *, yes: bool) -> None:
    index = int(turn.ctx.get("line", 0))
    turn.answered()
    if ask == LARGE_CHECK:
        if yes:
            advance(turn, draft.with_line(index, replace(draft.lines[index], checked=True)))
        else:
            ask_quantity(turn, draft, index)
        return
    if ask == GUESS:
        if yes:
            line = replace(draft.lines[index], checked=True)
            # One line with its quantity: the guess showed the whole command (`VENTE Riz 3`).
            agreed = len(draft.lines) == 1 and line.quantity is not None
            advance(turn, replace(draft.with_line(index, line), agreed=agreed))
        elif len(draft.lines) > 1:
            drop_line(turn, draft, index)
        else:
            turn.finish()
            turn.say("guess_no")
        return
    # IS_ORDER
    if yes:
        line = draft.lines[0]
        assert line.quantity is not None
        effect = ReceiveOrder(int(turn.ctx["order_id"]), line.quantity, key=key_of(turn))
        turn.finish()
        turn.do(effect)
    elif turn.ctx.get(AWAITED):  # `j'ai reçu l'huile`, not the oil ordered: which one, then
        ask_product(turn, draft.with_line(0, replace(draft.lines[0], sku=None)), 0)
        turn.ctx["not_order"] = True
    else:
        turn.ctx["not_order"] = True
        confirm(turn, draft)
