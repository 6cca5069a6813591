"""Lines added: to the draft waiting (`et 3 sucre`, `2 sucre aussi`, `rajoute 1 savon`), or,
right after a sale or an arrival was recorded, a new one of the same action (`et 1 savon`)."""

from __future__ import annotations

import itertools
from dataclasses import replace

from intents import IntentMatcher, ParsedIntent
from intents.answers import HOLDING, keys_of
from intents.normalize import has_phrase, word_keys
from state.drafts import Action, Draft, Line
from state.flows.moves.relative import move_line
from state.flows.moves.settle import (
    TRANSACTIONS,
    action_of,
    add_counts,
    advance,
    count_line,
    counts_of,
    names_something,
    new_line,
    product_words,
    start,
)
from state.matching import Offered
from state.quantities import MAX_QUANTITY
from state.turn import Turn

_ADDING = frozenset({"sale", "receipt", "restock", "count"})


# Words that add lines to the draft waiting, wherever they are: verbs (`rajoute 1 savon`,
# `yokkal 2 suukar`; `ajoute`/`add` name a delivery in a command, not while a draft waits for
# its yes: there they add to it, whatever its action), and words for "too" (`2 sucre aussi`,
# `2 coffee too`, `3 savon en plus`), which may be about something else (`that's too many`):
# with them, only products the shop has are added.
_ADD_VERBS = word_keys(
    "ajoute ajouter ajout rajoute rajouter rajout add added teg tegg teggal tegal yokk yokkal yokal"
)


_TOO = word_keys("aussi egalement also too itam")


_TOO_PHRASES = tuple(tuple(keys_of(p)) for p in ("en plus", "as well", "in addition"))


# Words that add only when they open the message (`et 3 sucre`, `plus 2 café`, `ak 2 kanja`,
# `j'ai oublié 1 savon`), as `+` does; `it` (Wolof "too") only when it closes it (`2 suukar
# it`, not `make it 4`).
_ADD_OPENING = word_keys("et and ak plus oublie forgot")


_TOO_CLOSING = word_keys("it")


# What may come before the words of a change: `non, enlève le savon`, `oui et 2 sucre`, `ah
# oui et aussi 1 savon`, `attends, annule le sucre`.
OPENING = HOLDING | word_keys(
    "non no oui yes ok mais but et and please stp svp deedeet waaw ah oh euh heu bon ha j ai i"
)


def added_lines(turn: Turn, draft: Draft, text: str) -> bool:
    """`et 3 sucre`, `2 sucre aussi`, `rajoute 1 savon` while "vente de 2 savons ?" waits: more
    lines for the same action, the whole offered again (a product already a line gets the
    amount added). Only when every item, read as the action's command, has an amount and
    words for its product (`et le riz ?` is no line to add) and no other action is named
    (`reçu 3 savon aussi` is a delivery). A product the catalogue does not have (`et 3
    banane`, `ajoute 3 banane`) is asked about on its line, never read as a new amount of the
    others; after a mere "too", it is no addition (`c'est trop aussi, 3`)."""
    matcher = turn.view.matcher
    if draft.action not in _ADDING or matcher is None:
        return False
    added = _adding_words(text)
    if added is None:
        return False
    words, only_known = added
    if not words and not only_known:  # `ajoute` alone: the sale waits, how to add is said
        turn.repeat_question(turn.t("add_how"))
        return True
    if adding(text) and _added_to_line(turn, draft, words):
        return True
    if words and _names_another_action(matcher, words, draft.action):
        return False  # `reçu 3 savon aussi`: a delivery
    if draft.action == "count":
        return add_counts(turn, draft, words)
    items = _more_items(turn, matcher, draft.action, words, only_known)
    if items is None:
        return False
    for item in items:
        draft = with_item(draft, new_line(turn, item, item.text, draft.action))
    turn.answered()
    advance(turn, draft)
    return True


def _added_to_line(turn: Turn, draft: Draft, words: str) -> bool:
    """`ajoute 2` under "vente de 3 sacs de riz ?", `ajoute 5 au riz` under "Riz : 40 → 38
    sacs": that much more on the line (the only one, or in a count the one of the product
    named), asked about again (5, 43). A count's `ajoute 5 au riz` set the rice's count to 5;
    a bare `ajoute 2` dropped the sale for a delivery of 2."""
    counts = counts_of(turn, words)
    if len(counts) != 1 or len(counts[0]) != 1:
        return False
    named, amount = counts[0][0]
    if amount <= 0:
        return False
    if not names_something(named):
        index = 0 if len(draft.lines) == 1 else None
    elif draft.action == "count":  # a sale's line of that product takes it (`with_item`)
        sku = count_line(turn, counts[0]).sku
        index = next((i for i, line in enumerate(draft.lines) if sku and line.sku == sku), None)
    else:
        index = None
    if index is None or draft.lines[index].quantity is None:
        return False
    move_line(turn, draft, index, amount)
    return True


def adds_to_draft(draft: Draft | None, text: str) -> bool:
    """Whether `text` names adding (`ajoute`, `add`, `yokk`) while `draft` waits: lines of it
    (`oui et ajoute 2 savon` under a sale is that sale and 2 soap more, not a delivery)."""
    return draft is not None and draft.action in _ADDING and adding(text)


def says_too(text: str) -> bool:
    """Whether `text` says "too" (`le savon aussi`, `the soap too`, `en plus`): more."""
    keys = keys_of(text)
    return bool(set(keys) & _TOO) or any(has_phrase(keys, p) for p in _TOO_PHRASES)


def adding(text: str) -> bool:
    """Whether `text` names adding (`ajoute 10 sucre`, `add 2 soap`, `yokkal 2 suukar`)."""
    return bool(set(keys_of(text)) & _ADD_VERBS)


_GOING_ON: dict[str, Action] = {"sale": "sale", "receipt": "receipt", "order": "restock"}


def more_of(turn: Turn, kind: str, text: str) -> bool:
    """`et 1 savon`, `+ 2 café` right after a sale (an arrival, an order) was recorded: another one,
    offered for confirmation. Only when a word of adding opens it (not a verb: `ajoute 10 riz`
    is an arrival; not a mere "too": `2 soap returned too`), no other action is named, and
    each item names a product and an amount."""
    matcher = turn.view.matcher
    added = _adding_words(text)
    action = _GOING_ON.get(kind)
    if action is None or matcher is None or added is None:
        return False
    if adding(text):
        return False
    words, only_known = added
    if only_known or not words:  # `2 soap returned too`: no "and" opens it
        return False
    if _names_another_action(matcher, words, action):
        return False  # `et commandé 10 riz`: an order, not another sale
    items = _more_items(turn, matcher, action, words, only_known)
    if items is None or any(
        item.quantity is None
        or (item.product and not Offered([item.product], matcher).describes_all(item.text))
        for item in items
    ):
        return False  # `and ordered 10 rice`: a word of something else than the product
    start(turn, action, items, words)
    return True


def _names_another_action(matcher: IntentMatcher, words: str, action: Action) -> bool:
    said = matcher.parse(words).intent
    return said in TRANSACTIONS and action_of(said) != action


def _more_items(
    turn: Turn, matcher: IntentMatcher, action: Action, words: str, only_known: bool
) -> list[ParsedIntent] | None:
    """`words` read as more of `action`, item by item; None unless each item names a product
    (one the shop has, when `only_known`) and an amount (`et le riz ?` has none)."""
    items = matcher.parse_many(f"{turn.t('verb_' + action)} {words}")
    if not items or any(
        action_of(item.intent) != action
        or not (item.product or item.candidates or (product_words(item.text) and not only_known))
        or (item.quantity is None and item.quantity_issue is None)
        for item in items
    ):
        return None
    return items


def _adding_words(text: str) -> tuple[str, bool] | None:
    """The words of `text` left once its words of adding are taken out (`+ 1 riz` → `1 riz`,
    `en plus 3 savon` → `3 savon`, `2 coffee too` → `2 coffee`), and whether only a "too" says
    so; None when nothing does."""
    typed = text.strip()
    opened = typed.startswith("+")
    words = typed.lstrip("+").split()
    keys = [keys_of(word) for word in words]
    verbs = {i for i, k in enumerate(keys) if set(k) & _ADD_VERBS}
    too = {i for i, k in enumerate(keys) if set(k) & _TOO}
    for i, pair in enumerate(itertools.pairwise(keys)):
        if (*pair[0], *pair[1]) in _TOO_PHRASES:
            too |= {i, i + 1}
    if keys and keys[-1] and set(keys[-1]) <= _TOO_CLOSING:
        too.add(len(words) - 1)
    start = 0  # `oui et 2 sucre`: the words that open it
    while start < len(words) and set(keys[start]) <= OPENING | _ADD_OPENING:
        opened = opened or bool(set(keys[start]) & _ADD_OPENING)
        start += 1
    if not (opened or verbs or too):
        return None
    kept = " ".join(w for i, w in enumerate(words) if i >= start and i not in verbs | too)
    return kept, not (opened or verbs)


def with_item(draft: Draft, line: Line) -> Draft:
    """`line` added to `draft`: to the amount of the line of the same product when there is one
    (`rajoute 1 savon` under "2 cartons de savon": 3), else as a line of its own."""
    for index, old in enumerate(draft.lines):
        if line.sku is None or line.guessed or old.sku != line.sku:
            continue
        if old.quantity is not None and line.quantity is not None:
            total = old.quantity + line.quantity
            issue = "too_big" if total > MAX_QUANTITY else None
            return draft.with_line(index, replace(old, quantity=total, issue=issue))
    return replace(draft, lines=(*draft.lines, line))
