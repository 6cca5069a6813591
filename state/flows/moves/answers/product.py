"""Answers to "Quel produit ?" for a line: a product among those offered (`le petit`, `2`),
several with their amounts (`3 sirop toux et 2 sirop enfant`), a correction of the line
(`non c'est 4`, `c'est pas du sucre, c'est du café`), or none of them (`non`, `aucun`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from intents import MIDDLING, Intent
from intents.answers import Answer, correction, quantity_fix, says_none
from state.drafts import COUNTED, Draft
from state.flows.moves.acts import decline, drop_line
from state.flows.moves.answers.replies import amount_added, edit_again, named_product, skips
from state.flows.moves.corrections.correct import correct
from state.flows.moves.corrections.itemwise import ITEMWISE, commanded
from state.flows.moves.settle import TRANSACTIONS, action_of, advance, asks_stock, new_line
from state.matching import Offered, unit_amount
from state.turn import Reading, Turn

_PRODUCT_COMMANDS = frozenset({*TRANSACTIONS, Intent.STOCK_QUERY})


def answer_product(turn: Turn, draft: Draft, reading: Reading) -> bool:
    parsed = reading.parsed
    if (
        parsed is not None
        and reading.request is None  # `mes commandes` lists the orders
        and action_of(parsed.intent) == draft.action
        and not (parsed.product or parsed.candidates or parsed.quantity)
    ):
        turn.repeat_question()  # `commander` while "Commander maintenant ?" offers products
        return True
    if (
        parsed is not None
        and parsed.intent in TRANSACTIONS
        and (action_of(parsed.intent) != draft.action)
    ):
        return False  # `vente huile 5l 2` while "Quel produit ?" asks for a stock: a new command
    index = int(turn.ctx.get("line", 0))
    if _items_offered(turn, draft, reading, index):
        return True
    fix = quantity_fix(reading.text)
    # `non c'est 4 savon`: that line's quantity; `non c'est 4`: the line asked about's.
    at = None if fix is None or fix.rest else index
    if fix is not None and correct(turn, draft, fix, index=at, text=reading.text):
        return True  # the question comes again
    offer = [str(s) for s in turn.ctx.get("offer", ())]
    if not turn.ctx.get("anything") and _names_others(reading, offer):
        return False  # `vendu 3 tôle bac et 2 ciment` while "Quel ciment ?": a new command
    picked = Offered(offer, turn.view.matcher).pick(reading.text)
    if (not picked or set(picked) == set(offer)) and _names_instead(turn, draft, reading, index):
        return True  # `c'est pas du sucre, c'est du café` while "Quel sucre ?" waits
    if not picked:
        picked = named_product(turn, reading)  # `café` while "Quel sucre ?" waits: that line's
    if len(picked) == 1:
        line = draft.lines[index]
        quantity = line.quantity
        if _restated(reading, draft) and parsed is not None:
            quantity = parsed.quantity  # `vendu 2 grand gaz` while "which gas?" waits for 1
        elif quantity is not None or line.issue is None:
            quantity = amount_added(turn, reading, offer, picked[0]) or quantity
        if quantity is None and picked[0] not in offer:  # `5 litres` of the oil sold by litre
            quantity = unit_amount(line.words, turn.unit(picked[0]))
        candidates = line.candidates or tuple(offer)
        chosen = replace(
            line, sku=picked[0], quantity=quantity, candidates=candidates, guessed=False
        )
        turn.answered()
        advance(turn, draft.with_line(index, chosen))
        return True
    if len(picked) > 1:
        if set(picked) == set(offer):
            turn.repeat_question(turn.t("which_one"))
            return True
        narrowed = replace(draft.lines[index], candidates=picked)
        turn.answered()
        advance(turn, draft.with_line(index, narrowed))
        return True
    if len(draft.lines) > 1 and skips(reading):
        drop_line(turn, draft, index)
        return True
    if reading.answer is Answer.NO or says_none(reading.text):
        _none_of_them(turn, draft, index)  # `non`, `aucun`: nothing of what is offered
        return True
    return edit_again(turn, reading, turn.t("which_one"))


def _items_offered(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`12 fer 8`, `non 12 fer 8`, `3 sirop toux et 2 sirop enfant` while "Quel produit ?" waits
    for a line: the reply read as the action's command, item by item (a number of a product's
    name is its name's, not an amount); when each item is one of the products offered with its
    amount, the line becomes them. Anything else is read the other ways (`fer 8`, `le 2`,
    `non c'est 4 savon`)."""
    offer = [str(s) for s in turn.ctx.get("offer", ())]
    if draft.action not in ITEMWISE or not offer:
        return False
    items = commanded(turn, draft.action, reading.text)
    others = {line.sku for i, line in enumerate(draft.lines) if i != index}
    skus = [item.product for item in items]
    if not items or any(
        item.quantity is None
        or item.quantity_issue is not None
        or item.product not in offer
        or item.product in others
        for item in items
    ):
        return False
    if len(set(skus)) != len(skus):
        return False  # `2 fer 8 et 3 fer 8`: not one line each
    old = draft.lines[index]
    lines = tuple(
        replace(
            new_line(turn, item, item.text, draft.action),
            candidates=old.candidates or tuple(offer),
            guessed=False,
        )
        for item in items
    )
    turn.answered()
    advance(turn, replace(draft, lines=(*draft.lines[:index], *lines, *draft.lines[index + 1 :])))
    return True


def _none_of_them(turn: Turn, draft: Draft, index: int) -> None:
    """`non`, `aucun` while "Quel produit ?" waits: that line goes (the others are settled),
    or the whole action when it was the only one, said as a no to its confirmation is."""
    if len(draft.lines) > 1:
        drop_line(turn, draft, index)
    elif draft.action == "stock":
        turn.answered()
        turn.finish()
        turn.say("cancelled")
    else:
        decline(turn, draft)


def _names_instead(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`c'est pas du sucre, c'est du café`, `plutôt le café` while "Quel sucre ?" waits: the
    product said instead is the line's (`correct`, as under its confirmation)."""
    fix = correction(reading.text)
    if fix is None or not fix.marked or not fix.rest or fix.other or fix.quantity is not None:
        return False
    return correct(turn, draft, fix, index=index, text=reading.text)


def _restated(reading: Reading, draft: Draft) -> bool:
    """The same command typed again, one item with its own quantity (`vendu 2 grand gaz`)."""
    parsed = reading.parsed
    return (
        parsed is not None
        and len(reading.many) == 1
        and draft.action in COUNTED
        and action_of(parsed.intent) == draft.action
        and parsed.quantity is not None
        and parsed.quantity_issue is None
    )


def _names_others(reading: Reading, offer: Sequence[str]) -> bool:
    """A command (a verb or a stock word, not a bare description: `the cubes`) whose items
    name products, one of them none of those offered."""
    items = [i for i in reading.many if i.intent in _PRODUCT_COMMANDS and i.score >= MIDDLING]
    commanded = asks_stock(reading) or any(i.intent in TRANSACTIONS for i in items)
    if not items or not commanded:
        return False
    offered = set(offer)
    named = [{item.product} if item.product else set(item.candidates) for item in items]
    return any(found and found.isdisjoint(offered) for found in named)
