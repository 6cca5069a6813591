"""Several counts typed at once while a count of several products asks one of them (`inventaire
sucre`, « Ligne 1 (Sucre en poudre 50kg) : combien … au comptage ? »): `poudre 10 morceaux 38`,
`8mm 40 10mm 25`, `10 sacs 38 paquets` (each count with words that tell its line from the
others), or `10 38`, `10 et 38` (bare numbers, the lines still asked in their order). Only the
first count was read: the next line was asked as if the rest had not been typed."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from intents.answers import keys_of, numbers_in
from intents.items import SEPARATOR_WORDS, counted_cuts
from intents.normalize import is_size
from intents.quantity_units import measured_amount
from intents.requests import Readings
from intents.units import UNIT_WORDS
from state.drafts import Draft, Line
from state.flows.moves.reasons import asks_loss
from state.flows.moves.settle import advance, counts_of
from state.flows.moves.units import foreign, unit_said
from state.matching import Offered, size_value
from state.messages import product_count
from state.turn import Turn

# Space between two numbers, the second not starting with 0 (`40 250`): two counts typed one
# after the other, never thousands when several are asked (`1 000` stays a thousand).
_SPACED_NUMBERS = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009]+(?=[1-9])")


def answer_counts(turn: Turn, draft: Draft, text: str, index: int) -> bool:
    """The counts `text` gives to the lines of a count draft, set and the draft advanced; False
    (nothing done) unless it gives two at least, each to a line of its own."""
    if draft.action != "count" or asks_loss(draft) or len(draft.lines) < 2:
        return False
    skus = [line.sku for line in draft.lines]
    if None in skus or len(set(skus)) != len(skus):
        return False
    offered = Offered([str(sku) for sku in skus], turn.view.matcher)
    given = _named(turn, offered, text) or _in_order(turn, draft, offered, text, index)
    if given is None:
        return _unplaced(turn, draft, offered, text, index)
    lines = list(draft.lines)
    for at, quantity in given.items():
        lines[at] = replace(lines[at], quantity=quantity, issue=None, change=None, unit=None)
    turn.answered()
    advance(turn, replace(draft, lines=tuple(lines)))
    return True


def _named(turn: Turn, offered: Offered, text: str) -> dict[int, int] | None:
    """`poudre 10 morceaux 38`: each count's words pick one line, a line once."""
    for parts in _cuts(turn, offered, text):
        given: dict[int, int] = {}
        for readings in parts:
            at = _line_of(turn, offered, readings, given)
            if at is None:
                break
            given[at[0]] = at[1]
        else:
            return given
    return None


def _cuts(turn: Turn, offered: Offered, text: str) -> Iterator[Sequence[Readings]]:
    """The ways `text` reads as two counts or more: its separators, else its cuts."""
    counts = counts_of(turn, text)
    if len(counts) > 1:
        yield counts
        return

    def in_name(words: Sequence[str], at: int) -> bool:  # `fer 8 40`: the 8 names a line
        number = float(words[at])
        return 0 < len(offered.numbered(number) or offered.sized(number)) < len(offered.skus)

    for cut in counted_cuts(text, in_name):
        parts = [counts_of(turn, part) or _measured(part) for part in cut]
        if all(len(part) == 1 for part in parts):
            yield [part[0] for part in parts]


def _measured(part: str) -> tuple[Readings, ...]:
    """`45 kg`: a count in a measure, read with its unit's word (`kg`), or ()."""
    keys = keys_of(part)
    found = measured_amount(keys)
    if found is None:
        return ()
    amount, unit = found
    words = " ".join([*(k for k in keys if not is_size(k)), unit])
    return (((words, amount),),)


def _line_of(
    turn: Turn, offered: Offered, readings: Readings, given: dict[int, int]
) -> tuple[int, int] | None:
    """The line one count is of, and the count: the first reading whose words pick one line
    not given yet, in its own unit if one is said (`poudre 10 cartons` of sacs: not read)."""
    for words, counted in readings:
        keys = keys_of(words)
        if counted is None or not keys:
            continue
        if all(k.isdigit() for k in keys):  # `32 60`: the 32 names a line, never a place
            picked = _by_number(offered, [float(k) for k in keys])
        else:
            picked = offered.pick(words) or _by_unit(turn, offered, words, counted)
        if len(picked) != 1 or (at := offered.skus.index(picked[0])) in given:
            continue
        unit = unit_said(turn, words)
        if unit is None or not foreign(turn, Line(sku=picked[0], quantity=counted, unit=unit)):
            return at, counted
    return None


def _by_unit(turn: Turn, offered: Offered, words: str, counted: int) -> tuple[str, ...]:
    """The lines counted in the unit `words` say (`45 kg` of the nails by the kilo, beside
    those by the paquet)."""
    unit = unit_said(turn, words)
    if unit is None:
        return ()
    return tuple(
        sku for sku in offered.skus if not foreign(turn, Line(sku=sku, quantity=counted, unit=unit))
    )


def _by_number(offered: Offered, numbers: Sequence[float]) -> tuple[str, ...]:
    """The lines whose names hold every number of `numbers` (as a size or a bare number)."""
    fits = [set(offered.numbered(n)) | set(offered.sized(n)) for n in numbers]
    return tuple(sku for sku in offered.skus if all(sku in fit for fit in fits))


def _in_order(
    turn: Turn, draft: Draft, offered: Offered, text: str, index: int
) -> dict[int, int] | None:
    """`10 38`, `10 et 38`, `40 250`: bare numbers, one per line still asked from the one asked
    about on, in order, no word but separators and the lines' units; fewer numbers than lines,
    none that is a number of some lines' names (`8 40`: the fer 8, read by name)."""
    keys = _apart(text)
    numbers = numbers_in(keys).values
    asked = _asked(draft, index)
    if not 1 < len(numbers) <= len(asked) or draft.lines[index].quantity is not None:
        return None
    if not _numbers_alone(keys, numbers, SEPARATOR_WORDS | UNIT_WORDS):
        return None
    if any(size_value(k) for k in keys):
        return None
    every = len(numbers) == len(asked)  # `40 38 25 6`: one per line, the 6 is no fer 6
    given: dict[int, int] = {}
    for (_, stop, value), at in zip(numbers, asked, strict=False):
        if not every and _by_number(offered, [value]):
            return None
        unit = next((k for k in keys[stop : stop + 1] if k in UNIT_WORDS), None)
        line = replace(draft.lines[at], quantity=value, unit=unit)
        if unit is not None and foreign(turn, line):
            return None  # `10 cartons` of a product counted in sacs: asked its own way
        given[at] = value
    return given


def _unplaced(turn: Turn, draft: Draft, offered: Offered, text: str, index: int) -> bool:
    """`40 38 25 6 7` at four lines, `40 8` (8: a count, or the fer 8?): bare numbers, two or
    more, not placed on lines of their own; asked again, and why (only the first was read, the
    rest lost). Not one number in thousands (`1 200`: its count)."""
    keys = _apart(text)
    numbers = numbers_in(keys).values
    if len(numbers) < 2 or len(numbers_in(keys_of(text)).values) < 2:
        return False
    if not _numbers_alone(keys, numbers, SEPARATOR_WORDS):
        return False
    asked = _asked(draft, index)
    named = [(value, sku) for _, _, value in numbers for sku in _by_number(offered, [value])]
    if len(numbers) < len(asked) and named:
        value, sku = named[0]
        hint = turn.t("counts_name_number", number=value, name=turn.name(sku))
    else:
        products = product_count(turn.lang, len(asked))
        hint = turn.t("counts_unplaced", numbers=len(numbers), products=products)
    turn.repeat_question(hint)
    return True


def _numbers_alone(
    keys: Sequence[str], numbers: Sequence[tuple[int, int, int]], also: frozenset[str]
) -> bool:
    """Whether every key is one of the `numbers` (their spans in `keys`) or a word of `also`."""
    places = {at for start, stop, _ in numbers for at in range(start, stop)}
    return all(at in places or k in also for at, k in enumerate(keys))


def _apart(text: str) -> list[str]:
    """The keys of `text`, numbers typed apart read apart (`40 250`: 40 and 250)."""
    return keys_of(_SPACED_NUMBERS.sub(", ", text))


def _asked(draft: Draft, index: int) -> list[int]:
    """The line asked about and those after it still asked, in order."""
    return [
        index,
        *(
            at
            for at, line in enumerate(draft.lines[index + 1 :], index + 1)
            if line.quantity is None
        ),
    ]
