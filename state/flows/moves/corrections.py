"""Corrections of a confirmation: `non c'est 4`, `plutôt 4`, `l'autre`, `c'est le riz parfumé`,
the same command restated with another quantity, which line to change, lines added (`2 sucre
aussi`, `rajoute 1 savon`) or removed (`enlève le café et le savon`); the same action is then
offered again, corrected. A wait (`attends je vérifie`) keeps the question."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from intents import Intent, IntentMatcher, ParsedIntent, read_quantity
from intents.answers import (
    Answer,
    Correction,
    corrected_words,
    correction,
    keys_of,
    numbers_in,
    position,
)
from intents.cue_words import EDIT_WORDS
from intents.keywords import SINGLE_WORD_CUES, WORDS, Cue
from intents.normalize import as_typed, is_size, word_keys
from intents.requests import RequestKind
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS
from state.drafts import Action, Draft, Line
from state.flows.moves.acts import decline, drop_lines
from state.flows.moves.record import record
from state.flows.moves.settle import (
    CONFIRM,
    QUANTITY_WORDS,
    SKIP_WORDS,
    TRANSACTIONS,
    UNIT,
    WHICH_LINE,
    action_of,
    add_counts,
    advance,
    ask,
    ask_quantity,
    asks_stock,
    count_lines,
    counts_of,
    new_line,
    product_words,
    start,
)
from state.flows.moves.units import foreign, typed_unit
from state.machine import State
from state.matching import Offered, unit_amount
from state.messages import number, shorten
from state.quantities import MAX_QUANTITY
from state.turn import Reading, Turn


def answer_confirmation(turn: Turn, draft: Draft, reading: Reading) -> bool:
    if _added(turn, draft, reading.text):
        return True
    parsed = reading.parsed
    if _itemwise(turn, draft, reading.text, parsed) or _countwise(turn, draft, reading.text):
        return True
    if parsed is not None and parsed.intent in TRANSACTIONS:
        if _several_commanded(reading):
            return False  # `vendu 2 riz et 3 sucre`: a command of its own, not one line's
        return _restated(turn, draft, parsed)
    if parsed is not None and parsed.intent is Intent.STOCK_QUERY and asks_stock(reading):
        return False
    keys = keys_of(reading.text)
    if any(k in QUANTITY_WORDS for k in keys) and not any(k.isdigit() for k in keys):
        ask_edit(turn, draft)  # `autre quantité`, `changer la quantité`
        return True
    found = correction(reading.text)
    if found is not None and found.quantity is None and len(draft.lines) == 1:
        counted = unit_amount(reading.text, turn.unit(draft.lines[0].sku or ""))
        if counted is not None:  # `15 kg` for a product sold by the kg
            found = Correction(quantity=counted, negated=found.negated, marked=True)
    if found is not None and correct(turn, draft, found, text=reading.text):
        return True
    if found is None and _by_unit(turn, draft, reading.text):
        return True
    said = reading.answer
    if said is Answer.YES:
        record(turn, draft)
        return True
    if said is Answer.LATER and not says_no(reading.text):
        turn.remind_question(turn.t("take_your_time"))  # `attends je vérifie`: it still waits
        return True
    if said in (Answer.NO, Answer.LATER):  # `non, plus tard`
        decline(turn, draft)
        return True
    if any(k in EDIT_WORDS for k in keys_of(reading.text)):
        ask_edit(turn, draft)
        return True
    return False


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
# Words that add only when they open the message (`et 3 sucre`, `plus 2 café`, `ak 2 kanja`),
# as `+` does; `it` (Wolof "too") only when it closes it (`2 suukar it`, not `make it 4`).
_ADD_OPENING = word_keys("et and ak plus")
_TOO_CLOSING = word_keys("it")
# What may come before the words of a change: `non, enlève le savon`, `oui et 2 sucre`.
_OPENING = word_keys("non no oui yes ok mais but et and please stp svp deedeet waaw")


def _added(turn: Turn, draft: Draft, text: str) -> bool:
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
    adding = _adding_words(text)
    if adding is None:
        return False
    words, only_known = adding
    if not words and not only_known:  # `ajoute` alone: the sale waits, how to add is said
        turn.repeat_question(turn.t("add_how"))
        return True
    if words and _names_another_action(matcher, words, draft.action):
        return False  # `reçu 3 savon aussi`: a delivery
    if draft.action == "count":
        return add_counts(turn, draft, words)
    items = _more_items(turn, matcher, draft.action, words, only_known)
    if items is None:
        return False
    for item in items:
        draft = _with_item(draft, new_line(turn, item, item.text, draft.action))
    turn.answered()
    advance(turn, draft)
    return True


_GOING_ON: dict[str, Action] = {"sale": "sale", "receipt": "receipt"}


def more_of(turn: Turn, kind: str, text: str) -> bool:
    """`et 1 savon`, `+ 2 café` right after a sale (or an arrival) was recorded: another one,
    offered for confirmation. Only when a word of adding opens it (not a verb: `ajoute 10 riz`
    is an arrival; not a mere "too": `2 soap returned too`), no other action is named, and
    each item names a product and an amount."""
    matcher = turn.view.matcher
    adding = _adding_words(text)
    action = _GOING_ON.get(kind)
    if action is None or matcher is None or adding is None:
        return False
    if set(keys_of(text)) & _ADD_VERBS:
        return False
    words, only_known = adding
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
    while start < len(words) and set(keys[start]) <= _OPENING | _ADD_OPENING:
        opened = opened or bool(set(keys[start]) & _ADD_OPENING)
        start += 1
    if not (opened or verbs or too):
        return None
    kept = " ".join(w for i, w in enumerate(words) if i >= start and i not in verbs | too)
    return kept, not (opened or verbs)


def _with_item(draft: Draft, line: Line) -> Draft:
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


def says_no(text: str) -> bool:
    """`non, plus tard`: a no, whatever else it says."""
    return any(SINGLE_WORD_CUES.get(k) is Cue.NO for k in keys_of(text))


# `sans le riz`, `enlève le riz`, `annule le riz`, `cancel the rice`, `bayyi ceeb bi`, `pas le
# riz` drop the lines named, at any question about the draft (its confirmation, which product or
# how many for a line, which line to change); `annule`, `cancel` alone still drop the whole.
_DROPPING = SKIP_WORDS | word_keys("sans without")
_CANCELLING = WORDS[Cue.CANCEL]
# `pas le sucre`, `not the sugar`, `no sugar`: only when it names lines and nothing else, of a
# draft of several (`pas le riz, le sucre` corrects the product; `pas celui-là` asks for the
# other; `pas le sucre` under the sugar alone names another product). English `no` right before
# the words (`no sugar`; not `no, coffee`, an answer) names what is not wanted, the only line
# too; French `non` is a no, then a correction (`non le riz parfumé`).
_NOT = word_keys("pas not")
_NO = word_keys("no")
_REMOVING = _DROPPING | _CANCELLING | _NOT
# Words that do not name what is removed; `et` is kept, it separates lines named together.
_NOT_NAMING = _REMOVING | (_OPENING - word_keys("et and"))


def removed(turn: Turn, draft: Draft, text: str, offer: Sequence[str] | None = None) -> bool:
    """`enlève le savon`, `non sans le riz`, `annule le sucre`, `remove the soap and the rice`:
    the lines named go, the rest settled again (the next question, or the confirmation of what
    is left; nothing left: said so, nothing recorded). Words that fit several lines remove them
    all (`annule le riz` under the broken and the scented rice: the manager said "the rice",
    both are; the rest is shown again, a rice to keep is added back with `et 2 riz parfumé`).
    A product named that is no line changes nothing and is said so (`enlève le sucre` does not
    drop the sale for a question about sugar). Only when the message opens with the removing
    word and has no number: `eau sans gaz 4` and `oui sans problème` are a correction and a
    yes. A cancel, `pas`, `not` or `no` removes only lines named by their products (`annule le
    dernier`, `annule la vente`, `pas le riz, le sucre` are something else). While products are
    offered (`offer`), `sans` or `pas` that picks some of them but not all is an answer (`sans
    gaz` among the waters), not a removal."""
    keys = keys_of(text)
    opening = list(itertools.dropwhile(lambda k: k in _OPENING, keys))
    if not opening or turn.view.matcher is None:
        return False
    first = opening[0]
    if first not in _REMOVING:
        if not _says_no_to(text, keys, opening):
            return False
        first = "no"  # `no sugar`: as `not the sugar`, the only line too
    if numbers_in(keys).values:
        return False
    strict = first not in _DROPPING  # a cancel, `pas`, `not`
    soft = first not in SKIP_WORDS and first not in _CANCELLING  # `sans`, `pas`
    if soft and offer and _narrows(turn, offer, text):
        return False
    words = " ".join(w for w in text.split() if not set(keys_of(w)) & _NOT_NAMING)
    pieces = [item.text for item in turn.view.matcher.parse_many(words)] if words else []
    if len(pieces) < 2:
        pieces = [words]
    if strict and any(position(piece, len(draft.lines)) for piece in pieces):
        return False  # `annule le dernier`: not a line named by its product
    found = [_lines_designated(turn, draft, piece) for piece in pieces]
    lines = set().union(*found)
    alone = len(draft.lines) < 2 and first not in _NO
    if first in _NOT | _NO and (alone or len(found) > 1 or not all(found)):
        return False  # `pas le sucre` under the sugar alone: another product, not none
    drafted = {*draft.skus, *(sku for line in draft.lines for sku in line.candidates)}
    if first in _NOT | _NO and set(_products_named(turn, words)) - drafted:
        return False  # `pas le riz le café`: the rice swapped for coffee, not removed
    if lines and all(found):  # `enlève le café et le savon`: both go
        drop_lines(turn, draft, lines)
        return True
    if lines:  # `enlève le café et le sucre`, the sugar no line: nothing is removed
        words = " ".join(piece for piece, index in zip(pieces, found, strict=True) if not index)
    named = _products_named(turn, words)
    offered = {sku for line in draft.lines for sku in line.candidates}
    if not named or set(named) & (set(draft.skus) | offered):
        return False  # a line's product, or one offered for a line (`annule le lait` of an offer)
    if len(named) == 1:
        what = turn.name(named[0])
    else:  # `sucre`, not `le sucre`
        plain = " ".join(w for w in words.split() if not set(keys_of(w)) <= STOPWORDS)
        what = shorten(plain or words, 30)
    turn.repeat_question(turn.t("remove_unknown", text=what))
    return True


def _says_no_to(text: str, keys: Sequence[str], opening: Sequence[str]) -> bool:
    """`no sugar`, `no rice please`: English `no` opening the message, right before the words of
    what is not wanted (`no, coffee` answers a question: the comma says so)."""
    return (
        len(keys) > 1
        and keys[0] in _NO
        and len(opening) == len(keys) - 1
        and _NO_THEN_WORDS.match(text) is not None
    )


_NO_THEN_WORDS = re.compile(r"\s*no\s+\w", re.IGNORECASE)


def _narrows(turn: Turn, offer: Sequence[str], text: str) -> bool:
    """`text` picks some of the products offered, not all (`sans gaz` among the waters)."""
    picked = Offered(offer, turn.view.matcher).pick(text)
    return bool(picked) and set(picked) != set(offer)


def _lines_designated(turn: Turn, draft: Draft, words: str) -> set[int]:
    """The lines `words` designate: those settled whose products the words fit (`_lines_worded`:
    both rices for `riz`), or their position, and those still to settle that were typed with
    words of their own (not a mere offer, "which product to order?"), by them (`banane`, which
    the shop does not have) or their candidates (`sucre` for the line "which sugar?")."""
    settled = _lines_picked(turn, draft, words)
    keys = {k for k in keys_of(words) if k.isalpha() and k not in STOPWORDS | UNIT_WORDS}
    unsettled = {
        index
        for index, line in enumerate(draft.lines)
        if line.sku is None
        and line.words
        and keys
        and (
            bool(keys & set(keys_of(line.words)))
            or bool(Offered(line.candidates, turn.view.matcher).pick(words))
        )
    }
    return unsettled | settled


def _restated(turn: Turn, draft: Draft, parsed: ParsedIntent) -> bool:
    """The same command typed again with another quantity (`vendu 4 riz` while "vente de 5
    sacs de riz ?" waits, `commande 30 seulement` for an order) corrects it, in the unit typed
    (`reçu 10 casiers de coca`: how many packs, asked); any other command (another action,
    another product) is a new one."""
    if action_of(parsed.intent) != draft.action or parsed.quantity is None:
        return False
    named = [parsed.product] if parsed.product is not None else parsed.candidates
    if named:
        index = next((i for i, line in enumerate(draft.lines) if line.sku in named), None)
    else:
        index = 0 if len(draft.lines) == 1 else None
    if index is None:
        return False
    fix = Correction(quantity=parsed.quantity, rest="")
    return correct(turn, draft, fix, index=index, text=parsed.text)  # its unit: `10 casiers`


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


def _itemwise(turn: Turn, draft: Draft, text: str, parsed: ParsedIntent | None) -> bool:
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
        return _renamed(turn, draft, items[0]) or _requoted(turn, draft, text, items[0])
    if len(items) < 2 or any(item.quantity is None for item in items):
        return False
    if parsed is not None and parsed.intent in TRANSACTIONS and not _marked(text):
        return False  # `vendu 2 riz et 3 sucre`: a new command (`non vendu 2 riz …` corrects)
    found = [_item_line(draft, item) for item in items]
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
            draft = _with_item(draft, new_line(turn, item, item.text, draft.action))
        else:
            draft = draft.with_line(index, _requantified(turn, draft.lines[index], item))
    turn.answered()
    advance(turn, draft)
    return True


def _marked(text: str) -> bool:
    """Whether `text` says it corrects what was offered (`non …`, `en fait …`, `plutôt …`)."""
    found = correction(text)
    return found is not None and (found.marked or found.negated)


def _several_commanded(reading: Reading) -> bool:
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
    index = _item_line(draft, item)
    if index is None or item.product is None or item.quantity is None or item.quantity_issue:
        return False
    found = correction(text)
    if found is not None and found.quantity == item.quantity:
        return False  # `non c'est 4 riz`: the plain reading says the same
    negated = found.negated if found is not None else False
    fix = Correction(quantity=item.quantity, negated=negated, marked=True)
    return correct(turn, draft, fix, index=index, text=text)


def _countwise(turn: Turn, draft: Draft, text: str) -> bool:
    """`non 38 riz et 10 sucre`, `non riz 38 sucre 10` under a count of rice and sugar: each
    count corrects the line of its product, as `_itemwise` does for the other actions (a
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
    found = [_line_of(draft, line) for line in lines]
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


def _item_line(draft: Draft, item: ParsedIntent) -> int | None:
    """The one line of `item`'s product (or of one of its candidates)."""
    return _line_for(draft, item.product, item.candidates)


def _line_of(draft: Draft, line: Line) -> int | None:
    """The one line of the draft of `line`'s product (or of one of its candidates)."""
    return _line_for(draft, line.sku, line.candidates)


def _line_for(draft: Draft, sku: str | None, candidates: Sequence[str]) -> int | None:
    named = {sku} if sku else set(candidates)
    lines = [
        i
        for i, line in enumerate(draft.lines)
        if line.sku in named or (line.sku is None and named & set(line.candidates))
    ]
    return lines[0] if len(lines) == 1 else None


def _renamed(turn: Turn, draft: Draft, item: ParsedIntent) -> bool:
    """`non fer 10` under "20 barres de Fer 8mm": a product named by a number of its name, no
    line's, replaces the one line of a near product (the only line), with the item's quantity
    if another number gives one (`non fer 10 15`), else the line's."""
    sku = item.product
    if sku is None or not turn.product(sku) or not names_by_number(item):
        return False
    if any(line.sku == sku for line in draft.lines):
        return False
    near = [i for i, line in enumerate(draft.lines) if _near(turn, line, [sku])]
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


_SAYS_IT = (CONFIRM, UNIT)  # questions that show the quantity corrected


def correct(
    turn: Turn, draft: Draft, found: Correction, *, index: int | None = None, text: str = ""
) -> bool:
    """Apply a correction (`non c'est 4`, `l'autre`, `c'est le riz parfumé`): the same action
    offered again; False when the reply corrects nothing that can be found. `text`, the whole
    reply, says which line a quantity is for when its words did not name a product on their own
    (`non c'est 3 thé`: "thé" is also the English article)."""
    products = _products_named(turn, found.rest, draft) if found.rest else ()
    if found.rest and not products and found.quantity is None and not found.other:
        return False
    unknown = _unknown_words(turn, draft, found, text) if not products else ""
    if unknown:  # `non c'est 3 banane` in a shop without bananas: nothing changes
        turn.repeat_question(turn.t("fix_unknown", text=shorten(unknown, 40)))
        return True
    # A bare product name corrects only a near product (`riz parfumé` for `riz brisé`); another
    # product alone is a new stock question.
    bare = not (found.marked or found.quantity is not None or found.other)
    if bare and len(products) == 1 and any(line.sku == products[0] for line in draft.lines):
        turn.repeat_question()  # `la 1L` under "arrivage de 24 bouteilles d'Huile 1L ?"
        return True
    if products and bare and not any(_near(turn, line, products) for line in draft.lines):
        return False
    if index is None:
        index = _line_named(draft, products)
    if index is None and text and found.quantity is not None and not found.other:
        index = _line_worded(turn, draft, text)
    if index is None and text and products and found.negated:
        index = _line_denied(turn, draft, text, found.rest)  # `pas le sucre, le café`
    if index is None:
        if len(draft.lines) > 1:
            turn.answered()
            ask_which_line(turn, draft, found)
            return True
        index = 0
    line = draft.lines[index]
    resized = _resized(turn, line, found) or _sized(turn, line, found)
    if resized is not None:  # `pas le 8, le 12` under "40 barres de Fer 8mm": sizes, not counts
        line, found = resized, replace(found, quantity=None)
    elif found.other:
        others = (
            tuple(s for s in line.candidates if s != line.sku)
            or tuple(s for s in products if s != line.sku)
            or _siblings(turn, line)
        )
        if not others:
            return False
        if len(others) == 1:
            line = replace(line, sku=others[0], guessed=False)
        else:
            line = replace(line, sku=None, candidates=others, guessed=False)
    elif products and line.sku not in products:
        line = replace(
            line,
            sku=products[0] if len(products) == 1 else None,
            candidates=products if len(products) > 1 else line.candidates,
            words=product_words(found.rest) or line.words,  # "C'est noté : 3 sucre"
            said=as_typed(text, product_words(found.rest)) or line.said,
            guessed=False,
        )
    if found.quantity is not None:
        issue = "too_big" if found.quantity > MAX_QUANTITY else None
        unit = typed_unit(turn, text, found.quantity)  # `non c'est 3 cartons`: asked about
        line = replace(line, quantity=found.quantity, issue=issue, unit=unit)
    confirming = turn.ctx.get("ask") == CONFIRM
    turn.answered()
    draft = draft.with_line(index, line)
    if (
        draft.action == "restock"
        and found.quantity is not None
        and confirming
        and len(draft.lines) == 1
        and line.sku is not None
        and line.issue is None
        and not foreign(turn, line)
    ):
        # "commande 30 seulement" under the one order shown: ordered as said, once what any
        # order is asked about is (a quantity far above the usual, another on its way). A
        # line of several corrected shows the whole order again.
        advance(turn, replace(draft, agreed=True))
        return True
    asked_from = len(turn.conv.actions)
    advance(turn, draft)
    # Another question comes first (which product, for another line): it says what changed
    # (the unit question says it itself: "2 cartons de Lait, ça fait combien de boîtes ?").
    if found.quantity is not None and turn.conv.waiting and turn.ctx.get("ask") not in _SAYS_IT:
        turn.lead(noted(turn, line, found.quantity), since=asked_from)
    return True


def noted(turn: Turn, line: Line, quantity: int) -> str:
    """ "C'est noté : 25 sacs de Sucre en poudre 50kg." for a line's new quantity; its product
    still to be chosen: the words it was typed with, the unit when every product it may be is
    counted in the same ("C'est noté : 25 sacs pour « riz »."), never a bare "25 sucre"."""
    if line.sku is not None:
        return turn.t("fix_noted", what=turn.line_text(line.sku, quantity))
    amounts = {turn.amount(quantity, sku) for sku in line.candidates}
    said = amounts.pop() if len(amounts) == 1 else number(turn.lang, quantity)
    if not line.words:
        return turn.t("fix_noted", what=said)
    return turn.t("fix_noted_for", quantity=said, words=line.shown)


def _unknown_words(turn: Turn, draft: Draft, found: Correction, text: str) -> str:
    """The words of a correction that name a product the shop does not have (`banane` in `non
    c'est 3 banane`), or "": words that designate a line (`thé`, or a line's own unknown words)
    are no unknown product."""
    words = " ".join(k for k in keys_of(found.rest) if k not in STOPWORDS)
    words = product_words(words)
    if not words or (text and _line_worded(turn, draft, text) is not None):
        return ""
    if any(line.words and set(keys_of(line.words)) & set(keys_of(words)) for line in draft.lines):
        return ""
    return words


def _by_unit(turn: Turn, draft: Draft, text: str) -> bool:
    """`c'est le bidon` under "5 flacons d'Herbicide glyphosate 1L" (unit words and nothing
    else that corrects): the sibling sold by that unit, or named with it, with the same
    quantity; False when no single other product is."""
    units = " ".join(k for k in keys_of(text) if k in UNIT_WORDS)
    line = draft.lines[0]
    if not units or len(draft.lines) != 1 or line.sku is None:
        return False
    picked = Offered([line.sku, *_siblings(turn, line)], turn.view.matcher).pick(units)
    if len(picked) != 1 or picked[0] == line.sku:
        return False
    turn.answered()
    advance(turn, draft.with_line(0, replace(line, sku=picked[0], candidates=(), guessed=False)))
    return True


def _siblings(turn: Turn, line: Line) -> tuple[str, ...]:
    """The other products nearest the line's (`l'autre` when the product was named outright):
    those sharing the most words of its name (`Lait corporel Nivea 250ml` for the 400ml, not
    `Lait corporel Carotte`)."""
    if not line.sku:
        return ()
    words = _name_words(turn, line.sku)
    shared = {
        p.sku: len(words & _name_words(turn, p.sku))
        for p in turn.view.products
        if p.sku != line.sku
    }
    most = max(shared.values(), default=0)
    return tuple(sku for sku, count in shared.items() if most and count == most)


def _name_words(turn: Turn, sku: str) -> set[str]:
    """The words of a product's name that say what it is (sizes and numbers left aside)."""
    return {k for k in keys_of(turn.name(sku)) if not is_size(k) and not k.isdigit()}


def _resized(turn: Turn, line: Line, found: Correction) -> Line | None:
    """`pas le 8, le 12`: when the wrong number is not the line's quantity but names its product
    by size among its siblings, and the right one names one sibling, the line on that sibling."""
    if found.was is None or found.quantity is None or line.sku is None:
        return None
    if found.was == line.quantity:
        return None
    offered = Offered([line.sku, *_siblings(turn, line)], turn.view.matcher)
    if offered.pick(str(found.was)) != (line.sku,):
        return None
    picked = offered.pick(str(found.quantity))
    if len(picked) != 1 or picked[0] == line.sku:
        return None
    return replace(line, sku=picked[0], candidates=(), guessed=False)


def sibling_meant(turn: Turn, sku: str, quantity: int, found: Correction) -> str | None:
    """The sibling of `sku` (`quantity` of it recorded) a correction's numbers name rather than
    count (`c'est le 32 pas le 40` after 5 of Tuyau PVC 40: the 32 pipe), or None."""
    line = Line(sku=sku, quantity=quantity)
    meant = _resized(turn, line, found) or _sized(turn, line, found)
    return meant.sku if meant is not None and meant.sku != sku else None


def _sized(turn: Turn, line: Line, found: Correction) -> Line | None:
    """`non le 15` under "2 pièces d'Arrosoir 10L", `plutôt le 32` under "5 barres de Tuyau PVC
    40": a number after an article that is the size of one sibling, or else a bare number of its
    name, names it (the 15 L can, the 32 pipe), not a quantity; `non 15`, `c'est 15` stay
    counts."""
    if not found.sized or found.quantity is None or line.sku is None:
        return None
    offered = Offered([line.sku, *_siblings(turn, line)], turn.view.matcher)
    picked = offered.sized(found.quantity) or offered.numbered(found.quantity)
    if len(picked) != 1 or picked[0] == line.sku:
        return None
    return replace(line, sku=picked[0], candidates=(), guessed=False)


def _near(turn: Turn, line: Line, products: Sequence[str]) -> bool:
    """Whether `products` may be what `line` meant: among its candidates, or sharing a word of
    its name."""
    if set(line.candidates) & set(products):
        return True
    if not line.sku:
        return False
    words = _name_words(turn, line.sku)
    return any(words & _name_words(turn, sku) for sku in products if sku != line.sku)


def _products_named(turn: Turn, words: str, draft: Draft | None = None) -> tuple[str, ...]:
    """The products `words` name: by the catalog's matcher, or else (`le 25kg`, `l'autre en
    poudre`) among the products near those of the draft."""
    matcher = turn.view.matcher
    if matcher is None:
        return ()
    parsed = matcher.parse(words)
    if parsed.product is not None and turn.product(parsed.product):
        return (parsed.product,)
    named = tuple(s for s in parsed.candidates if turn.product(s))
    if named or draft is None:
        return named
    own = {line.sku for line in draft.lines}
    near = [
        p.sku
        for p in turn.view.products
        if p.sku in own or any(_near(turn, line, [p.sku]) for line in draft.lines)
    ]
    return Offered(near, matcher).pick(words) if near else ()


def _line_named(draft: Draft, products: Sequence[str]) -> int | None:
    """The line a correction is about: the only line, or the one whose product (or candidates)
    it names."""
    if len(draft.lines) == 1:
        return 0
    if not products:
        return None
    for index, line in enumerate(draft.lines):
        if line.sku in products or set(line.candidates) & set(products):
            return index
    return None


def _line_denied(turn: Turn, draft: Draft, text: str, right: str) -> int | None:
    """The one line the words said wrong designate (`pas le sucre, le café`, `not sugar,
    coffee`: the sugar's): the words of `text` other than the right ones."""
    said_right = set(keys_of(right))
    wrong = " ".join(k for k in keys_of(text) if k not in said_right)
    return _line_worded(turn, draft, wrong) if wrong else None


def _line_worded(turn: Turn, draft: Draft, text: str) -> int | None:
    """The one line whose product the words of `text` other than its numbers designate."""
    keys = keys_of(text)
    numbers = numbers_in(keys).positions
    words = " ".join(k for i, k in enumerate(keys) if i not in numbers)
    return _line_picked(turn, draft, words) if words else None


def _line_picked(turn: Turn, draft: Draft, typed: str) -> int | None:
    """The one line of the draft `typed` designates (by its product's words, or its position)."""
    offer = [line.sku or "" for line in draft.lines]
    picked = Offered(offer, turn.view.matcher).pick(typed)
    return offer.index(picked[0]) if len(picked) == 1 and picked[0] else None


def _lines_picked(turn: Turn, draft: Draft, typed: str) -> set[int]:
    """The settled lines of the draft `typed` designates (by their product's words, or the
    position of one): several when the words fit them as well (`riz` for two rices)."""
    offer = [line.sku or "" for line in draft.lines]
    picked = set(Offered(offer, turn.view.matcher).pick(typed)) - {""}
    return {index for index, sku in enumerate(offer) if sku in picked}


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


def answer_which_line(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """A line, by its product or its position: its new quantity (the one said before, if any)
    or the question of it. A new quantity (`plutôt 6`, `actually 6`, `non 6`): for the line it
    names (`6 riz`, `le riz c'est 6`), else kept while the lines are offered again. A number of
    the line's name (`la 45` for the 45Ah battery) or its position (`2`) only picks it."""
    text = reading.text
    parsed = reading.parsed
    if parsed is not None and parsed.intent in TRANSACTIONS and _elsewhere(draft, parsed):
        return False  # `vendu 5 huile` while the rice's or the soap's line is asked: a command
    request = reading.request
    if request is not None and request.kind is RequestKind.COUNT:
        counted = count_lines(turn, request.counts, text)
        if any((line.sku or line.candidates) and _line_of(draft, line) is None for line in counted):
            return False  # `inventaire 30 huile` while a count of rice and soap is edited
    index = _line_picked(turn, draft, text)
    instead = _product_instead(turn, draft, reading) if index is None else None
    if instead is not None:  # `lait` under "Quelle ligne modifier ?" of rice and sugar
        since = len(turn.conv.actions)
        turn.answered()
        ask_which_line(turn, draft, Correction(quantity=turn.ctx.get("fix")), product=instead)
        turn.lead(turn.t("line_for_product", name=turn.name(instead)), since=since)
        return True
    found = correction(text)
    sku = draft.lines[index].sku if index is not None else None
    of_its_name = sku is not None and Offered([sku], turn.view.matcher).holds_numbers(text)
    token, since = turn.ctx.get("token"), len(turn.conv.actions)
    if (
        found is not None
        and found.quantity is not None
        and not found.other
        and position(text, len(draft.lines)) is None
        and not of_its_name
        and correct(turn, draft, found, text=text)
    ):
        if turn.ctx.get("ask") == WHICH_LINE and turn.ctx.get("token") != token:
            said = number(turn.lang, found.quantity)
            turn.lead(turn.t("fix_noted", what=said), since=since)  # the same question
        return True
    if index is None:
        return False
    edit_line(turn, draft, index)
    return True


def _product_instead(turn: Turn, draft: Draft, reading: Reading) -> str | None:
    """A product alone, none of the lines' (`lait`, `le savon`), typed while the line to change
    is asked: the product that line will take. Not a stock question (`stock lait`), not a
    command, not a number."""
    parsed = reading.parsed
    if (
        parsed is None
        or parsed.product is None
        or parsed.intent not in (Intent.STOCK_QUERY, Intent.UNKNOWN)
        or reading.request is not None
        or read_quantity(reading.text).value is not None
        or asks_stock(reading)
        or any(
            parsed.product == line.sku or parsed.product in line.candidates for line in draft.lines
        )
    ):
        return None
    return parsed.product


def _elsewhere(draft: Draft, parsed: ParsedIntent) -> bool:
    """Whether a command names products and none of them is one of the draft's lines."""
    named = {parsed.product} if parsed.product else set(parsed.candidates)
    return bool(named) and not any(
        line.sku in named or named & set(line.candidates) for line in draft.lines
    )


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
