"""`3 et 2 riz` at "Huile 1L : combien ?": the amount of the line asked about, then more lines
of the draft's action, each with its product and amount."""

from __future__ import annotations

import re
from dataclasses import replace

from intents import ParsedIntent, read_quantity
from intents.answers import keys_of, numbers_in
from intents.units import UNIT_WORDS
from state.drafts import Action, Draft, Line
from state.flows.moves.answers.replies import may_count
from state.flows.moves.corrections.itemwise import ITEMWISE
from state.flows.moves.settle import TRANSACTIONS, action_of, advance, new_line, product_words
from state.flows.moves.units import typed_unit
from state.turn import Reading, Turn

# What parts the amount of the line asked about from the lines that follow: `3 et 2 riz`, `3, 2
# riz`, `3 and 2 rice`, `3 ak 2 ceeb`, `3 + 2 riz` (a comma before a digit is a decimal one).
# Counts read their own way (`add_counts`).
_THEN = re.compile(r",(?!\d)|[;+&]|\b(?:et|and|ak)\b", re.IGNORECASE)  # not `2,5`


def with_more(turn: Turn, draft: Draft, text: str, index: int) -> bool:
    """`3 et 2 huile 5l`, `3 bouteilles, 2 riz`, `3 huile 1l et 2 riz` while "Huile 1L :
    combien ?" asks: the first amount is the line asked about's (its product's words may be
    said again, no other's), the words after it more lines of the draft's action, each with its
    product and its amount (a line of the draft named so takes that amount, as a correction
    under the confirmation does; another product is a line of its own). False when anything
    else is said (`3 et 2` alone, `3 et 2 banane` of nothing the shop has: other readings)."""
    matcher = turn.view.matcher
    found = _THEN.search(text)
    if matcher is None or found is None or draft.action not in ITEMWISE:
        return False
    head, tail = text[: found.start()], text[found.end() :]
    line = draft.lines[index]
    verb = turn.t("verb_" + draft.action)
    first = matcher.parse(f"{verb} {head}")
    said = {first.product} if first.product else set(first.candidates)
    read = read_quantity(head)
    quantity = first.quantity if first.quantity is not None else read.value
    if quantity is None or read.issue is not None or not may_count(head):
        return False
    if said and line.sku not in said:
        return False  # `3 savon et 2 riz`: not the line asked about
    if not said and _other_words(head):
        return False  # `3 banane et 2 riz`
    items = matcher.parse_many(f"{verb} {tail}")
    if not items or any(
        action_of(item.intent) != draft.action
        or not (item.product or item.candidates or product_words(item.text))
        or item.quantity is None
        for item in items
    ):
        return False
    lines = list(draft.lines)
    lines[index] = replace(
        line, quantity=quantity, issue=None, unit=typed_unit(turn, head, quantity)
    )
    for item in items:
        if _added(turn, lines, item, draft.action) == index:
            return False  # `3 et 2 huile 1l` for the oil asked about: which is it?
    turn.answered()
    advance(turn, replace(draft, lines=tuple(lines)))
    return True


def with_others(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`2 ciment et 1 tôle`, `ciment 2, tôle 1` while "Tôle : combien ?" asks: the reply read as
    the draft's command, item by item, each with its product and amount; the one item of the
    line asked about's product gives its amount, the others are more lines (a line of the
    draft named so takes that amount). False unless every item has both and exactly one names
    the line asked about (`2 ciment et 1 clou`: other readings), or another action is said
    (`commande 2 ciment et 1 tôle`: a command of its own)."""
    matcher = turn.view.matcher
    line = draft.lines[index]
    if matcher is None or line.sku is None or draft.action not in ITEMWISE:
        return False
    if any(
        item.intent in TRANSACTIONS and action_of(item.intent) != draft.action
        for item in reading.many
    ):
        return False
    items = matcher.parse_many(f"{turn.t('verb_' + draft.action)} {reading.text}")
    if len(items) < 2 or any(
        action_of(item.intent) != draft.action
        or not (item.product or item.candidates)
        or item.quantity is None
        or item.quantity_issue is not None
        for item in items
    ):
        return False
    asked = [item for item in items if line.sku in (item.product, *item.candidates)]
    if len(asked) != 1:
        return False
    amount = asked[0].quantity
    lines = list(draft.lines)
    lines[index] = replace(
        line, quantity=amount, issue=None, unit=typed_unit(turn, asked[0].text, amount)
    )
    for item in items:
        if item is not asked[0]:
            _added(turn, lines, item, draft.action)
    turn.answered()
    advance(turn, replace(draft, lines=tuple(lines)))
    return True


def _added(turn: Turn, lines: list[Line], item: ParsedIntent, action: Action) -> int | None:
    """Put `item` in `lines`: the amount of the line of its product (whose index is returned),
    else a line of its own (None)."""
    added = new_line(turn, item, item.text, action)
    same = [i for i, old in enumerate(lines) if added.sku and old.sku == added.sku]
    if not same:
        lines.append(added)
        return None
    lines[same[0]] = replace(lines[same[0]], quantity=added.quantity, unit=added.unit)
    return same[0]


def _other_words(text: str) -> bool:
    """Whether `text` says more than an amount and its unit (`trois sacs`, `3 bouteilles`)."""
    keys = keys_of(text)
    numbers = numbers_in(keys).positions
    rest = " ".join(k for i, k in enumerate(keys) if i not in numbers and k not in UNIT_WORDS)
    return bool(product_words(rest))
