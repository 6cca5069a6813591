"""Answers to "Riz : combien ?" and to "2 cartons de Lait, ça fait combien de boîtes ?": an
amount (`3`, `7 kilos`, `tout`), a number per unit (`12 par carton`), another product for the
line (`huile`, `riz parfumé 3`), or words that keep, change or drop the question."""

from __future__ import annotations

from dataclasses import replace

from intents import Intent, read_quantity
from intents.answers import Answer, Correction, correction, keys_of, says_same
from intents.quantity_units import is_measure, unit_class
from intents.requests import RequestKind
from intents.whole_stock import all_of_it
from state.drafts import Draft, Line
from state.flows.moves.acts import decline, drop_line
from state.flows.moves.answers.confirmation import says_no
from state.flows.moves.answers.counted import answer_counts
from state.flows.moves.answers.more_lines import with_more, with_others
from state.flows.moves.answers.replies import (
    amount_added,
    edit_again,
    named_product,
    said_again,
    skips,
)
from state.flows.moves.corrections.correct import correct
from state.flows.moves.corrections.siblings import sized_sibling
from state.flows.moves.reasons import asks_loss, count_after_loss, say_above_stock
from state.flows.moves.settle import (
    QUANTITY,
    UNIT,
    action_of,
    advance,
    ask_oversold,
    asks_stock,
    names_other,
)
from state.flows.moves.units import (
    about_one_container,
    by_the_dozen,
    foreign,
    held,
    typed_unit,
)
from state.matching import unit_amount
from state.quantities import ISSUE_KEYS
from state.turn import Reading, Turn


def _own_words(words: str) -> set[str]:
    """The words a line was typed with that could name a product (none when its product came
    from what was just talked about, or was picked from an offer)."""
    return {k for k in keys_of(words) if k.isalpha()}


def _sibling_named(turn: Turn, draft: Draft, fix: Correction, index: int) -> bool:
    """A number after an article that names a sibling of the line's product (`non le 10`,
    `non celle de 5000`): the line is on that sibling, its amount still asked."""
    line = draft.lines[index]
    if not fix.sized or line.quantity is not None:
        return False
    sibling = sized_sibling(turn, line, fix)
    if sibling is None:
        return False
    turn.answered()
    advance(turn, draft.with_line(index, sibling))
    return True


def answer_quantity(turn: Turn, draft: Draft, reading: Reading) -> bool:
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
    if fix is not None and (fix.negated or fix.marked) and _sibling_named(turn, draft, fix, index):
        return True  # `non le 10` at « Tecno Spark 20 : combien ? »: the Spark 10, how many
    if turn.ctx.get("ask") == QUANTITY and (
        answer_counts(turn, draft, reading.text, index)  # `poudre 10 morceaux 38`, `10 38`
        or with_more(turn, draft, reading.text, index)  # `3 et 2 riz`: 3 of it, and 2 rice
        or with_others(turn, draft, reading, index)  # `2 riz et 1 savon` at "Savon : ?"
    ):
        return True
    parsed = reading.parsed
    named: set[str | None] = set()
    if parsed is not None:
        if parsed.intent not in (Intent.UNKNOWN, Intent.YES, Intent.NO) and not (
            action_of(parsed.intent) == draft.action or parsed.intent is Intent.STOCK_QUERY
        ):
            return False
        named = {parsed.product, *parsed.candidates} - {None}
        if names_other(turn, reading, line.sku):
            return _another_product(turn, draft, reading, index)  # not `5 riz`: its own words
    if turn.ctx.get("ask") == UNIT:
        measured = line.unit is not None and is_measure(line.unit)  # `2 tonnes`, `5 kg`
        if says_same(reading.text) and not measured:
            # `c'est pareil`, `same` under "2 cartons, ça fait combien de boîtes ?": as many
            line = replace(line, unit=None)
            if asks_loss(draft) and line.sku and line.quantity is not None:
                counted = count_after_loss(turn, line.sku, line.quantity)  # as many lost
                if counted is None:
                    turn.repeat_question(say_above_stock(turn, line.sku, why=draft.wording))
                    return True
                line = replace(line, quantity=counted)
            turn.answered()
            advance(turn, replace(draft, agreed=False).with_line(index, line))
            return True
        if says_same(reading.text) or (
            reading.answer is Answer.YES and read_quantity(reading.text).value is None
        ):
            # `oui` says no number (a carton is rarely a boîte); a weight never is a sac
            turn.repeat_question(_unit_hint(turn, line))
            return True
    matcher = turn.view.matcher  # `riz(3)`: a count in brackets after a product's name
    read = read_quantity(reading.text, names=matcher.name_words if matcher else ())
    quantity, issue = read.value, read.issue
    if parsed is not None and parsed.quantity is not None:
        quantity, issue = parsed.quantity, None
    quantity = by_the_dozen(turn, line.sku, reading.text, quantity)  # `2 douzaines` of eggs
    problem = ISSUE_KEYS.get(issue, "quantity_invalid") if issue else None
    if quantity is None and problem is None:
        quantity = unit_amount(reading.text, turn.unit(line.sku or ""))  # `7 kilos` of a kg
    if draft.action == "count" and _zero(reading.text):
        quantity, problem = 0, None
    if problem is not None:
        turn.say_problem(problem)
        turn.repeat_question()
        return True
    whole = (draft.action == "sale" or asks_loss(draft)) and all_of_it(reading.text)
    if quantity is None and line.sku and whole:
        product = turn.product(line.sku)
        if product is not None and product.quantity > 0:
            quantity = product.quantity  # `tout`, `j'ai tout vendu`, `tout est gâté`: its stock
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
        if edit_again(turn, reading):  # `modifier`: this question is the change
            return True
        if parsed is not None and not named and action_of(parsed.intent) == draft.action:
            turn.repeat_question()  # `je veux vendre` again: still how many
            return True
        return False
    unit = typed_unit(turn, reading.text, quantity)  # `3 cartons`: how many of its unit, asked
    own = unit is None or not foreign(turn, replace(line, unit=unit))
    lost = quantity  # under a loss, the amount lost (its count follows)
    if turn.ctx.get("ask") in (QUANTITY, UNIT) and asks_loss(draft) and line.sku and own:
        # « perte de combien ? », and "36 bouteilles, ça fait combien de casiers ?" of a loss:
        # the amount lost
        if quantity == 0:  # `0`, `rien` lost: no loss to record
            decline(turn, draft)
            return True
        counted = count_after_loss(turn, line.sku, quantity)  # « perte de combien ? »: lost
        if counted is None:
            turn.repeat_question(say_above_stock(turn, line.sku, why=draft.wording))
            return True
        quantity = counted
    turn.answered()
    if turn.ctx.get("ask") == UNIT:
        if (  # `10 cartons` again under "10 cartons, ça fait combien de boîtes ?"
            lost == line.quantity
            and unit is not None
            and line.unit is not None
            and unit_class(unit) == unit_class(line.unit)
        ):
            turn.repeat_question(_unit_hint(turn, line))
            return True
        draft = replace(draft, agreed=False)  # the quantity agreed to was in another unit
        if unit is None or not foreign(turn, replace(line, unit=unit)):
            line = replace(line, converted=_made(line, lost))  # `240` boîtes for 10 cartons
    stock_of = line.sku if whole else None  # `tout`: the whole stock of the line's product
    line = replace(line, quantity=quantity, issue=None, unit=unit, whole=whole, stock_of=stock_of)
    advance(turn, draft.with_line(index, line))
    return True


def _unit_hint(turn: Turn, line: Line) -> str:
    """How to answer "2 cartons de Lait, ça fait combien de boîtes ?": the number of the
    product's unit, or « pareil » when it is the same count; never « pareil » for a weight or a
    volume typed (`2 tonnes` is no number of sacs, and « pareil » is refused for it)."""
    measured = line.unit is not None and is_measure(line.unit)
    key = "unit_number_of" if measured else "unit_in_its_own"
    return turn.t(key, unit=turn.units(line.sku or ""))


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
    made = _made(line, total)
    if asks_loss(draft) and line.sku:  # `12 par casier` under 36 bouteilles lost: 3 casiers lost
        counted = count_after_loss(turn, line.sku, total)
        if counted is None:
            turn.repeat_question(say_above_stock(turn, line.sku, why=draft.wording))
            return True
        total = counted
    turn.answered()
    line = replace(line, quantity=total, issue=None, unit=None, converted=made)
    advance(turn, replace(draft, agreed=False).with_line(index, line))
    return True


def _made(line: Line, total: int) -> tuple[int, str, int] | None:
    """What the line's quantity, in its unit typed, was said to make of the product's."""
    if line.quantity is None or line.unit is None:
        return line.converted
    return line.quantity, line.unit, total


def _another_product(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`huile` while "Sucre : combien ?" asks about a product the manager did not type (the one
    just talked about, or picked): that line is about the product named. A line typed with its
    own words is left alone (`vente riz` then `savon`: a stock question)."""
    line = draft.lines[index]
    named = named_product(turn, reading)
    said = said_again(turn, draft, reading) if named else None
    if said is not None:  # `riz parfumé 3` while "Riz brisé : combien ?" waits: that line's
        turn.answered()
        advance(turn, draft.with_line(index, said))
        return True
    # A line whose quantity is known is being edited (`Modifier`): `coton` is its new product.
    if (_own_words(line.words) and line.quantity is None) or not named:
        return False
    if len(named) == 1:  # `savon 3`: its quantity too; `savon` alone: the line's
        quantity = amount_added(turn, reading, (), named[0])
        quantity = line.quantity if quantity is None else quantity
        chosen = replace(line, sku=named[0], quantity=quantity, candidates=(), issue=None)
    else:
        chosen = replace(line, sku=None, quantity=None, candidates=named, issue=None)
    turn.answered()
    advance(turn, draft.with_line(index, chosen))
    return True


def _zero(typed: str) -> bool:
    return keys_of(typed)[:1] in (["0"], ["zero"], ["rien"], ["none"], ["dara"])
