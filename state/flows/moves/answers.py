"""Replies to this flow's questions, typed or tapped: a product among those offered, a
quantity, a yes or a no; the confirmation's corrections are in `corrections`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from intents import MIDDLING, Intent, read_quantity
from intents.answers import (
    RECEIVED_WORDS,
    Answer,
    correction,
    keys_of,
    numbers_in,
    position,
    quantity_fix,
    says_none,
    says_same,
    typed_answer,
)
from intents.cue_words import EDIT_WORDS, SINGLE_WORD_CUES, Cue
from intents.normalize import word_keys
from intents.numbers import code_digits
from intents.quantity_units import is_measure, unit_class
from intents.requests import RequestKind, says_count
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS
from state.choices import ChoiceId
from state.drafts import COUNTED, Draft, Line
from state.effects import ReceiveOrder
from state.flows.moves.acts import decline, drop_line
from state.flows.moves.aside import stock_of
from state.flows.moves.corrections import (
    ITEMWISE,
    answer_confirmation,
    answer_which_line,
    ask_edit,
    commanded,
    correct,
    edit_line,
    removed,
    says_no,
)
from state.flows.moves.record import key_of, record
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
    SKIP_WORDS,
    TRANSACTIONS,
    UNIT,
    WANTING,
    WHICH_LINE,
    action_of,
    advance,
    ask_oversold,
    ask_quantity,
    asks_stock,
    confirm,
    count_lines,
    counts_of,
    names_something,
    new_line,
    product_words,
)
from state.flows.moves.units import about_one_container, foreign, held, typed_unit
from state.matching import Offered, unit_amount
from state.quantities import ISSUE_KEYS
from state.turn import Reading, Turn

_PRODUCT_COMMANDS = frozenset({*TRANSACTIONS, Intent.STOCK_QUERY})
_YES_NO = (CONFIRM, GUESS, IS_ORDER, LARGE_CHECK)  # questions a yes or a no answers


def answer(turn: Turn, reading: Reading) -> bool:
    """Read `reading` as the answer to this flow's question; False when it is not one."""
    draft = turn.draft
    if draft is None:
        return False
    ask = turn.ctx.get("ask")
    if ask == OVERSOLD and _answer_oversold(turn, draft, reading):
        return True
    if _new_count(turn, draft, reading):
        return False  # `step` drops this count, saying so, and takes the new one
    if answer_relative(turn, draft, reading):
        return True  # `2 de plus`, `il y en a 3 de moins`: from the line's quantity
    if _removes(turn, draft, reading):
        return True
    if ask == GUESS and _guess_corrected(turn, draft, reading):
        return True
    if ask in _YES_NO and _typed_yes_no(turn, draft, reading, str(ask)):
        return True
    if _shows_its_stock(turn, draft, reading):
        return True
    if ask == PRODUCT:
        return _answer_product(turn, draft, reading)
    if ask in (QUANTITY, UNIT):
        return _answer_quantity(turn, draft, reading)
    if ask in (GUESS, IS_ORDER, LARGE_CHECK):
        return _answer_yes_no(turn, draft, reading, str(ask))
    if ask == CONFIRM:
        return answer_confirmation(turn, draft, reading)
    if ask == WHICH_LINE:
        return answer_which_line(turn, draft, reading) or _edit_again(turn, reading)
    return False


def _new_count(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """`compté colgate 50 gel 10`, `inventaire gel 10` while a count waits (for its product,
    its yes…): a new count command, which replaces the one waiting, as a new sale does. A count
    of one product of the one waiting (a line's, or one offered for the line asked about) is
    read as an answer or a correction of it (`compté 12 pampers 3` at "Quel produit ?").
    While a sale (an arrival, an order…) waits, any count command is a new one."""
    request = reading.request
    if request is None or request.kind is not RequestKind.COUNT:
        return False
    if not says_count(keys_of(reading.text)):
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


def drops_lines(turn: Turn, reading: Reading) -> bool:
    """`annule le sucre`, `cancel the sugar` while a question of this flow waits: only the
    lines named go (read before a cancel drops the whole question)."""
    draft = turn.draft
    return turn.flow == FLOW and draft is not None and _removes(turn, draft, reading)


def _removes(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """Lines named removed, whichever question waits (`corrections.removed`)."""
    offer = [str(s) for s in turn.ctx.get("offer", ())] if turn.ctx.get("ask") == PRODUCT else []
    return removed(turn, draft, reading.text, offer)


def _answer_product(turn: Turn, draft: Draft, reading: Reading) -> bool:
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
        picked = _named_product(turn, reading)  # `café` while "Quel sucre ?" waits: that line's
    if len(picked) == 1:
        line = draft.lines[index]
        quantity = line.quantity
        if _restated(reading, draft) and parsed is not None:
            quantity = parsed.quantity  # `vendu 2 grand gaz` while "which gas?" waits for 1
        elif quantity is not None or line.issue is None:
            quantity = _amount(turn, reading, offer, picked[0]) or quantity
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
    return _edit_again(turn, reading, turn.t("which_one"))


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


def _edit_again(turn: Turn, reading: Reading, hint: str | None = None) -> bool:
    """`modifier`, `je veux changer`, `edit` while a line's product or quantity, or the line to
    change, is asked: that question is the change; it comes again (with its choices)."""
    keys = [k for k in keys_of(reading.text) if k not in STOPWORDS and k not in WANTING]
    if not keys or not all(k in EDIT_WORDS for k in keys):
        return False
    turn.repeat_question(hint)
    return True


def _amount(turn: Turn, reading: Reading, offer: Sequence[str], sku: str) -> int | None:
    """A number the answer adds that is neither a position nor one of the chosen product's
    names (`embrayage, 3 en fait`; not the 45 of `la 45` for Batterie 12V 45Ah): the quantity."""
    draft = turn.draft
    if draft is None or draft.action not in COUNTED or _is_position(reading, offer):
        return None
    found = correction(reading.text)
    if found is not None and found.was is not None:
        return None
    if found is None or found.quantity is None:  # `pampers 3 12`: two numbers
        return _beside_name_number(turn, draft, reading, sku)
    chosen = Offered([sku], turn.view.matcher)
    if chosen.holds_numbers(reading.text):
        return None
    if chosen.sized(found.quantity) or chosen.numbered(found.quantity):
        return None  # `la 5`, `celui de 5` among oils of 1, 5 and 20 L: its size, no amount
    return found.quantity


def _beside_name_number(turn: Turn, draft: Draft, reading: Reading, sku: str) -> int | None:
    """`pampers 3 12`, `fer 10 140`: the amount beside a number of the product's name, read as
    the action's command reads it (the name's number is no amount); None when only the name's
    numbers are there (`la 45`)."""
    if draft.action == "count":
        lines = count_lines(turn, counts_of(turn, reading.text), reading.text)
        said = lines[0] if len(lines) == 1 and lines[0].quantity is not None else None
        if said is not None and not Offered([sku], turn.view.matcher).holds_numbers(said.words):
            said = None  # `pampers 3`, read as a count of 3: no amount beside the name's
    else:
        said = _said_again(turn, draft, reading)
    return said.quantity if said is not None and said.sku == sku else None


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


def _is_position(reading: Reading, offer: Sequence[str]) -> bool:
    return position(reading.text, len(offer)) is not None


def _named_product(turn: Turn, reading: Reading) -> tuple[str, ...]:
    """A product of the catalog named by a reply that is not another command."""
    parsed = reading.parsed
    if parsed is None or parsed.intent not in (Intent.STOCK_QUERY, Intent.UNKNOWN):
        return ()
    if asks_stock(reading):
        return ()
    if parsed.product is not None:
        return (parsed.product,)
    return tuple(parsed.candidates)


def _own_words(words: str) -> set[str]:
    """The words a line was typed with that could name a product (none when its product came
    from what was just talked about, or was picked from an offer)."""
    return {k for k in keys_of(words) if k.isalpha()}


def skips(reading: Reading) -> bool:
    return any(k in SKIP_WORDS for k in keys_of(reading.text))


# The whole stock as the quantity sold (`tout`, `all`, `lépp`), with nothing else than the
# sale's verb, the product's unit or the stock's words beside (`j'ai tout vendu`, `tout le stock`).
_ALL_OF_IT = word_keys("tout tous toute toutes all everything whole entier lepp")
_BESIDE_ALL = (
    frozenset(k for k, cue in SINGLE_WORD_CUES.items() if cue in (Cue.SELL, Cue.STOCK)) | UNIT_WORDS
)


def _all_of_it(text: str) -> bool:
    keys = [k for k in keys_of(text) if k not in STOPWORDS]
    return any(k in _ALL_OF_IT for k in keys) and all(
        k in _ALL_OF_IT or k in _BESIDE_ALL for k in keys
    )


def _answer_quantity(turn: Turn, draft: Draft, reading: Reading) -> bool:
    index = int(turn.ctx.get("line", 0))
    line = draft.lines[index]
    if turn.ctx.get("ask") == UNIT and _per_unit(turn, draft, line, reading.text, index):
        return True  # `12 par carton`, `1 carton = 12 boîtes` (not a count: `=`)
    if reading.request is not None and not _amount_instead(line, reading):
        return False
    fix = correction(reading.text)
    if (
        fix is not None
        and fix.marked
        and (fix.rest or fix.other)
        and correct(turn, draft, fix, index=index, text=reading.text)
    ):
        return True  # `plutôt le savon`, `non, l'autre` while "Riz : combien ?" asks
    if turn.ctx.get("ask") == QUANTITY and _with_more(turn, draft, reading.text, index):
        return True  # `3 et 2 riz`: 3 of the line asked about, and 2 rice
    parsed = reading.parsed
    named: set[str | None] = set()
    if parsed is not None:
        if parsed.intent not in (Intent.UNKNOWN, Intent.YES, Intent.NO) and not (
            action_of(parsed.intent) == draft.action or parsed.intent is Intent.STOCK_QUERY
        ):
            return False
        named = {parsed.product, *parsed.candidates} - {None}
        if named and line.sku not in named:
            return _another_product(turn, draft, reading, index)
    if turn.ctx.get("ask") == UNIT:
        measured = line.unit is not None and is_measure(line.unit)  # `2 tonnes`, `5 kg`
        if says_same(reading.text) and not measured:
            # `c'est pareil`, `same` under "2 cartons, ça fait combien de boîtes ?": as many
            turn.answered()
            line = replace(line, unit=None)
            advance(turn, replace(draft, agreed=False).with_line(index, line))
            return True
        if says_same(reading.text) or (
            reading.answer is Answer.YES and read_quantity(reading.text).value is None
        ):
            # `oui` says no number (a carton is rarely a boîte); a weight never is a sac
            turn.repeat_question(_unit_hint(turn, line))
            return True
    read = read_quantity(reading.text)
    quantity, issue = read.value, read.issue
    if parsed is not None and parsed.quantity is not None:
        quantity, issue = parsed.quantity, None
    problem = ISSUE_KEYS.get(issue, "quantity_invalid") if issue else None
    if quantity is None and problem is None:
        quantity = unit_amount(reading.text, turn.unit(line.sku or ""))  # `7 kilos` of a kg
    if draft.action == "count" and _zero(reading.text):
        quantity, problem = 0, None
    if problem is not None:
        turn.say_problem(problem)
        turn.repeat_question()
        return True
    if quantity is None and draft.action == "sale" and line.sku and _all_of_it(reading.text):
        product = turn.product(line.sku)
        if product is not None and product.quantity > 0:
            quantity = product.quantity  # `tout`, `j'ai tout vendu`: the whole stock
    if quantity is None:
        if reading.answer is Answer.YES and turn.ctx.get("over") == line.sku:
            ask_oversold(turn, draft, index)  # `oui` to "Il ne reste que 2…": yes, I sold more
            return True
        if len(draft.lines) > 1 and skips(reading):
            drop_line(turn, draft, index)
            return True
        if reading.answer is Answer.LATER and not says_no(reading.text):
            turn.remind_question(turn.t("take_your_time"))  # `plus tard`: it still waits
            return True
        if reading.answer in (Answer.NO, Answer.LATER):  # `non`: nothing to record after all
            decline(turn, draft)
            return True
        if named == {line.sku} and not asks_stock(reading):  # `rice`: yes that one, how many?
            turn.repeat_question()
            return True
        if _edit_again(turn, reading):  # `modifier`: this question is the change
            return True
        if parsed is not None and not named and action_of(parsed.intent) == draft.action:
            turn.repeat_question()  # `je veux vendre` again: still how many
            return True
        return False
    turn.answered()
    unit = typed_unit(turn, reading.text, quantity)  # `3 cartons`: how many of its unit, asked
    if turn.ctx.get("ask") == UNIT:
        if (  # `10 cartons` again under "10 cartons, ça fait combien de boîtes ?"
            quantity == line.quantity
            and unit is not None
            and line.unit is not None
            and unit_class(unit) == unit_class(line.unit)
        ):
            turn.repeat_question(_unit_hint(turn, line))
            return True
        draft = replace(draft, agreed=False)  # the quantity agreed to was in another unit
        if unit is None or not foreign(turn, replace(line, unit=unit)):
            line = replace(line, converted=_made(line, quantity))  # `240` boîtes for 10 cartons
    advance(turn, draft.with_line(index, replace(line, quantity=quantity, issue=None, unit=unit)))
    return True


def _unit_hint(turn: Turn, line: Line) -> str:
    """How to answer "2 cartons de Lait, ça fait combien de boîtes ?": the number of the
    product's unit, or « pareil » when it is the same count; never « pareil » for a weight or a
    volume typed (`2 tonnes` is no number of sacs, and « pareil » is refused for it)."""
    measured = line.unit is not None and is_measure(line.unit)
    key = "unit_number_of" if measured else "unit_in_its_own"
    return turn.t(key, unit=turn.units(line.sku or ""))


# What parts the amount of the line asked about from the lines that follow: `3 et 2 riz`, `3, 2
# riz`, `3 and 2 rice`, `3 ak 2 ceeb`, `3 + 2 riz` (a comma before a digit is a decimal one).
# Counts read their own way (`add_counts`).
_THEN = re.compile(r",(?!\d)|[;+&]|\b(?:et|and|ak)\b", re.IGNORECASE)  # not `2,5`


def _with_more(turn: Turn, draft: Draft, text: str, index: int) -> bool:
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
    if quantity is None or read.issue is not None or not _counts(head):
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
        added = new_line(turn, item, item.text, draft.action)
        same = [i for i, old in enumerate(lines) if added.sku and old.sku == added.sku]
        if same == [index]:
            return False  # `3 et 2 huile 1l` for the oil asked about: which is it?
        if same:
            lines[same[0]] = replace(lines[same[0]], quantity=added.quantity, unit=added.unit)
        else:
            lines.append(added)
    turn.answered()
    advance(turn, replace(draft, lines=tuple(lines)))
    return True


def _other_words(text: str) -> bool:
    """Whether `text` says more than an amount and its unit (`trois sacs`, `3 bouteilles`)."""
    keys = keys_of(text)
    numbers = numbers_in(keys).positions
    rest = " ".join(k for i, k in enumerate(keys) if i not in numbers and k not in UNIT_WORDS)
    return bool(product_words(rest))


def _amount_instead(line: Line, reading: Reading) -> bool:
    """`en fait 3 sacs`, `actually 3`, `en fait 3 riz` under "Riz : combien de sacs ?" (or
    "… ça fait combien de kg ?"): the amount asked, corrected, as `plutôt 3 sacs` is; not a
    count of it (`en fait` may say one: `en fait il y a 3 riz`)."""
    request = reading.request
    if request is None or request.kind is not RequestKind.COUNT:
        return False
    fix = correction(reading.text)
    if fix is None or not fix.marked or fix.quantity is None or fix.was is not None:
        return False
    return set(keys_of(fix.rest)) <= _own_words(line.words)


def _per_unit(turn: Turn, draft: Draft, line: Line, text: str, index: int) -> bool:
    """`12 par carton`, `2x12` under "2 cartons de Lait, ça fait combien de boîtes ?": the
    total it makes (`units.held`), then the usual confirmation, which shows it."""
    total = held(turn, line, text)
    if total is None and about_one_container(turn, line, text):
        total = 0  # `le sac fait 25kg` under 3 cartons: no product named `sac 25kg`
    if total is None:
        return False
    if total == 0:  # `12 par casier` under 13 bouteilles: no whole casier
        turn.repeat_question(turn.t("unit_number_of", unit=turn.units(line.sku or "")))
        return True
    turn.answered()
    line = replace(line, quantity=total, issue=None, unit=None, converted=_made(line, total))
    advance(turn, replace(draft, agreed=False).with_line(index, line))
    return True


def _made(line: Line, total: int) -> tuple[int, str, int] | None:
    """What the line's quantity, in its unit typed, was said to make of the product's."""
    if line.quantity is None or line.unit is None:
        return line.converted
    return line.quantity, line.unit, total


def _shows_its_stock(turn: Turn, draft: Draft, reading: Reading) -> bool:
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


def _another_product(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`huile` while "Sucre : combien ?" asks about a product the manager did not type (the one
    just talked about, or picked): that line is about the product named. A line typed with its
    own words is left alone (`vente riz` then `savon`: a stock question)."""
    line = draft.lines[index]
    named = _named_product(turn, reading)
    said = _said_again(turn, draft, reading) if named else None
    if said is not None:  # `riz parfumé 3` while "Riz brisé : combien ?" waits: that line's
        turn.answered()
        advance(turn, draft.with_line(index, said))
        return True
    # A line whose quantity is known is being edited (`Modifier`): `coton` is its new product.
    if (_own_words(line.words) and line.quantity is None) or not named:
        return False
    if len(named) == 1:  # `savon 3`: its quantity too; `savon` alone: the line's
        quantity = _amount(turn, reading, (), named[0])
        quantity = line.quantity if quantity is None else quantity
        chosen = replace(line, sku=named[0], quantity=quantity, candidates=(), issue=None)
    else:
        chosen = replace(line, sku=None, quantity=None, candidates=named, issue=None)
    turn.answered()
    advance(turn, draft.with_line(index, chosen))
    return True


def _said_again(turn: Turn, draft: Draft, reading: Reading) -> Line | None:
    """The reply read as the draft's own command with one product and its amount (`riz parfumé
    3`, `fer 8 10 barres` while a sale waits: `VENTE riz parfumé 3`): the line it makes. None
    for a stock question, several items, no amount, or only a number of a name (`2t`)."""
    matcher = turn.view.matcher
    if matcher is None or draft.action not in COUNTED or asks_stock(reading):
        return None
    if not _counts(reading.text):
        return None
    items = matcher.parse_many(f"{turn.t('verb_' + draft.action)} {reading.text}")
    if len(items) != 1:
        return None
    item = items[0]
    if action_of(item.intent) != draft.action or not (item.product or item.candidates):
        return None
    if item.quantity is None and item.quantity_issue is None:
        return None
    return new_line(turn, item, reading.text, draft.action)


def _counts(text: str) -> bool:
    """A number that may count: not one glued to the letters of a name (`2t`, `9v`)."""
    keys = keys_of(text)
    codes = code_digits(text)
    return any(
        not (stop - start == 1 and keys[start] in codes)
        for start, stop, _ in numbers_in(keys).values
    )


def _typed_yes_no(turn: Turn, draft: Draft, reading: Reading, ask: str) -> bool:
    """`oiu`, `ouii`, `waw`, `nonn`, `nop` while a yes or a no is asked: that answer, before
    any product's name is looked for in it (`ois` is no typo of the oil)."""
    matcher = turn.view.matcher
    if reading.answer is not None or matcher is None:
        return False
    said = typed_answer(reading.text, matcher.knows)
    if said is None:
        return False
    if ask != CONFIRM:
        _decide(turn, draft, ask, yes=said is Answer.YES)
    elif said is Answer.YES:
        record(turn, draft)
    else:
        decline(turn, draft)
    return True


def _zero(typed: str) -> bool:
    return keys_of(typed)[:1] in (["0"], ["zero"], ["rien"], ["none"], ["dara"])


def _answer_yes_no(turn: Turn, draft: Draft, reading: Reading, ask: str) -> bool:
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
    if said not in (Answer.YES, Answer.NO):
        return False
    _decide(turn, draft, ask, yes=said is Answer.YES)
    return True


def _guess_corrected(turn: Turn, draft: Draft, reading: Reading) -> bool:
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
    return answer_confirmation(turn, draft.with_line(index, line), reading)


def _answer_oversold(turn: Turn, draft: Draft, reading: Reading) -> bool:
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
        _count_instead(turn, draft, index)
        return True
    quantity = read_quantity(reading.text).value
    if quantity is None and _all_of_it(reading.text):
        quantity = product.quantity
    if quantity is not None and 0 < quantity <= product.quantity:
        _sell_left(turn, draft, index, quantity)
        return True
    if quantity is not None or reading.answer is Answer.YES:
        turn.repeat_question()
        return True
    if reading.answer in (Answer.NO, Answer.LATER):
        decline(turn, draft)
        return True
    return False


def _sell_left(turn: Turn, draft: Draft, index: int, quantity: int) -> None:
    turn.answered()
    line = replace(draft.lines[index], quantity=quantity, issue=None, unit=None)
    advance(turn, draft.with_line(index, line))


def _count_instead(turn: Turn, draft: Draft, index: int) -> None:
    """The sale dropped (said so), and the product's count asked for: once the stock is right,
    the sale can be typed again."""
    line = draft.lines[index]
    turn.answered()
    turn.finish()
    turn.say(f"{draft.action}_no")
    count = Line(sku=line.sku, candidates=line.candidates, words=line.words, said=line.said)
    advance(turn, Draft("count", (count,)))


def _decide(turn: Turn, draft: Draft, ask: str, *, yes: bool) -> None:
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
    else:
        turn.ctx["not_order"] = True
        confirm(turn, draft)


def choose(turn: Turn, chosen: ChoiceId) -> None:
    draft = turn.draft
    ask = turn.ctx.get("ask")
    if draft is None:
        turn.say("already_handled")
        return
    if chosen.kind == "product" and ask == PRODUCT:
        index = int(turn.ctx.get("line", 0))
        line = draft.lines[index]
        offer = tuple(str(s) for s in turn.ctx.get("offer", ()))
        chosen_line = replace(
            line, sku=chosen.value, candidates=line.candidates or offer, guessed=False
        )
        turn.answered()
        advance(turn, draft.with_line(index, chosen_line))
    elif chosen.kind == "line" and ask == WHICH_LINE and chosen.value.isdigit():
        edit_line(turn, draft, int(chosen.value))
    elif (
        chosen.kind == "move"
        and ask in (GUESS, IS_ORDER, LARGE_CHECK)
        and chosen.value
        in (
            "yes",
            "no",
        )
    ):
        _decide(turn, draft, str(ask), yes=chosen.value == "yes")
    elif chosen.kind == "move" and ask == OVERSOLD:
        index = int(turn.ctx.get("line", 0))
        product = turn.product(draft.lines[index].sku or "")
        if chosen.value == "all" and product is not None and product.quantity > 0:
            _sell_left(turn, draft, index, product.quantity)
        elif chosen.value == "count":
            _count_instead(turn, draft, index)
        else:
            decline(turn, draft)
    elif chosen.kind == "move" and ask == CONFIRM:
        if chosen.value == "yes":
            record(turn, draft)
        elif chosen.value == "no":
            decline(turn, draft)
        else:  # edit, other
            ask_edit(turn, draft)
    else:
        turn.say("already_handled")
