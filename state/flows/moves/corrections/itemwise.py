"""A correction read item by item as the action's command (`non 1 savon et 4 café`, `non fer
10`, `non 38 riz et 10 sucre` for a count): each item corrects the line of its product."""

from __future__ import annotations

from dataclasses import replace

from intents import Intent, ParsedIntent
from intents.answers import Correction, corrected_words, correction, keys_of, numbers_in
from state.drafts import Action, Draft, Line
from state.flows.moves.corrections.additions import with_item
from state.flows.moves.corrections.correct import correct
from state.flows.moves.corrections.lines import item_line, line_of
from state.flows.moves.corrections.siblings import is_near
from state.flows.moves.settle import (
    TRANSACTIONS,
    action_of,
    advance,
    count_lines,
    counts_of,
    new_line,
    product_words,
    says_stock,
)
from state.flows.moves.units import typed_unit
from state.quantities import MAX_QUANTITY
from state.turn import Reading, Turn


def commanded(turn: Turn, action: str, text: str) -> list[ParsedIntent]:
    """The words a correction says are right (`corrected_words`) read as a command of `action`,
    item by item (`non 1 savon et 4 café`: 1 soap, 4 coffee; `non fer 10`: Fer 10mm, no
    quantity: the number is its name's); [] when nothing is left or the matcher reads another
    action."""
    matcher = turn.view.matcher
    words = corrected_words(text)
    if matcher is None or not words:
        return []
    items = matcher.parse_many(f"{turn.t('verb_' + action)} {words}")
    if any(action_of(item.intent) != action for item in items):
        return []
    return list(items)


def names_by_number(item: ParsedIntent) -> bool:
    """Whether a number of `item`'s words is its product's, not its quantity (`fer 10`, `coca
    33`, `fer 10 15`): more numbers than the quantity read."""
    numbers = len(numbers_in(keys_of(item.text)).values)
    return item.product is not None and numbers > (item.quantity is not None)


ITEMWISE: frozenset[Action] = frozenset({"sale", "receipt", "restock"})


def corrected_itemwise(turn: Turn, draft: Draft, text: str, parsed: ParsedIntent | None) -> bool:
    """A correction read item by item, as the action's command: each item corrects the line of
    its product (`non 1 savon et 4 café`, `4 café 1 savon` under "2 savons, 3 cafés"), lines
    not named stay; a product named by a number of its name (`non fer 10`, `non gaz 12`,
    `non fer 10 15`) replaces the line's near product, keeping its quantity unless another
    number says it. An item whose product is no line takes the place of the one line no item
    names, else is added. False (other readings then) for one item of a line's own product, or
    items that are not all a product and an amount."""
    if draft.action not in ITEMWISE or not draft.lines:
        return False
    items = commanded(turn, draft.action, text)
    if len(items) == 1:
        if parsed is not None and parsed.intent in TRANSACTIONS:
            return False  # `vendu fer 10`: a command of its own
        if parsed is not None and parsed.intent is Intent.STOCK_QUERY and says_stock(text):
            return False  # `stock gaz 12`, `combien de gaz 12 il reste`: a question
        return _renamed(turn, draft, items[0]) or _requoted(turn, draft, text, items[0])
    if len(items) < 2 or any(item.quantity is None for item in items):
        return False
    if parsed is not None and parsed.intent in TRANSACTIONS and not _marked(text):
        return False  # `vendu 2 riz et 3 sucre`: a new command (`non vendu 2 riz …` corrects)
    found = [item_line(draft, item) for item in items]
    named = [index for index in found if index is not None]
    if len(set(named)) != len(named):
        return False  # two items for one line: not a line each
    found_correction = correction(text)
    marked = found_correction is None or found_correction.marked or found_correction.negated
    if None in found and not marked:
        return False
    free = [i for i in range(len(draft.lines)) if i not in named]
    for item, index in zip(items, found, strict=True):
        if index is None and len(free) == 1 and found.count(None) == 1:
            index = free[0]  # `non 1 savon et 4 sucre` under soap and coffee: sugar, not coffee
            line = replace(new_line(turn, item, item.text, draft.action), quantity=item.quantity)
            draft = draft.with_line(index, line)
        elif index is None:
            draft = with_item(draft, new_line(turn, item, item.text, draft.action))
        else:
            draft = draft.with_line(index, _requantified(turn, draft.lines[index], item))
    turn.answered()
    advance(turn, draft)
    return True


def _marked(text: str) -> bool:
    """Whether `text` says it corrects what was offered (`non …`, `en fait …`, `plutôt …`)."""
    found = correction(text)
    return found is not None and (found.marked or found.negated)


def several_commanded(reading: Reading) -> bool:
    """A command of several items with its verb (`vendu 2 riz et 3 sucre`) that says it
    corrects nothing: typed while a draft waits, it replaces it (adding words, `et aussi 2
    huile`, `ajoute 2 huile`, add to it; `non vendu …` corrects it)."""
    items = [item for item in reading.many if item.intent in TRANSACTIONS]
    return len(items) > 1 and not _marked(reading.text)


def _requoted(turn: Turn, draft: Draft, text: str, item: ParsedIntent) -> bool:
    """`non 60 fer 8` under "50 barres de Fer 8mm", `non 30 recharge 2000` under two cards,
    `non 8 kg capitaine` under thiof and capitaine, `60 fer 8`: one item of a line's own product
    with an amount, read as the command reads it (a number of the product's name is no amount,
    a unit beside the amount is its): that line's new amount, offered again, whenever the
    plain reading of a correction takes another number (the name's) or none."""
    index = item_line(draft, item)
    if index is None or item.product is None or item.quantity is None or item.quantity_issue:
        return False
    found = correction(text)
    if found is not None and found.quantity == item.quantity:
        return False  # `non c'est 4 riz`: the plain reading says the same
    negated = found.negated if found is not None else False
    fix = Correction(quantity=item.quantity, negated=negated, marked=True)
    return correct(turn, draft, fix, index=index, text=text)


def corrected_countwise(turn: Turn, draft: Draft, text: str) -> bool:
    """`non 38 riz et 10 sucre`, `non riz 38 sucre 10` under a count of rice and sugar: each
    count corrects the line of its product, as `corrected_itemwise` does for the other actions (a
    product counted that is no line takes the place of the one line no count names, else is
    added). Only for two counts or more, each naming a product."""
    words = corrected_words(text)
    if draft.action != "count" or not words:
        return False
    counts = counts_of(turn, words)
    if not counts or not all(readings[0][0] for readings in counts):
        return False
    lines = count_lines(turn, counts, words)
    if len(lines) < 2 or any(not (line.sku or line.candidates) for line in lines):
        return False
    found = [line_of(draft, line) for line in lines]
    named = [index for index in found if index is not None]
    if len(set(named)) != len(named):
        return False  # two counts for one line
    free = [i for i in range(len(draft.lines)) if i not in named]
    for line, index in zip(lines, found, strict=True):
        if index is None and len(free) == 1 and found.count(None) == 1:
            index = free[0]
        if index is None:
            draft = replace(draft, lines=(*draft.lines, line))
            continue
        old = draft.lines[index]
        if line.sku is None and old.sku in line.candidates:  # `10 sucre`: the sugar of the line
            line = replace(line, sku=old.sku, candidates=())
        draft = draft.with_line(index, line)
    turn.answered()
    advance(turn, replace(draft, agreed=False))
    return True


def _requantified(turn: Turn, line: Line, item: ParsedIntent) -> Line:
    quantity = item.quantity
    if quantity is None:
        return line
    issue = "too_big" if quantity > MAX_QUANTITY else None
    return replace(line, quantity=quantity, issue=issue, unit=typed_unit(turn, item.text, quantity))


def _renamed(turn: Turn, draft: Draft, item: ParsedIntent) -> bool:
    """`non fer 10` under "20 barres de Fer 8mm": a product named by a number of its name, no
    line's, replaces the one line of a near product (the only line), with the item's quantity
    if another number gives one (`non fer 10 15`), else the line's."""
    sku = item.product
    if sku is None or not turn.product(sku) or not names_by_number(item):
        return False
    if any(line.sku == sku for line in draft.lines):
        return False
    near = [i for i, line in enumerate(draft.lines) if is_near(turn, line, [sku])]
    if len(near) != 1 and len(draft.lines) == 1:
        near = [0]
    if len(near) != 1:
        return False
    index = near[0]
    line = replace(
        draft.lines[index], sku=sku, candidates=(), guessed=False, words=product_words(item.text)
    )
    turn.answered()
    advance(turn, draft.with_line(index, _requantified(turn, line, item)))
    return True
