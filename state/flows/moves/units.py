"""A quantity typed in another unit than the product's (`reçu 10 cartons de lait`, milk counted
in boîtes; `vendu 3 kg de riz`, rice counted in sacs): its line keeps the unit typed, and the
manager is asked how many of the product's unit that makes before anything is recorded
(`settle.ask_unit`). The reading itself is `intents.quantity_units`'."""

from __future__ import annotations

from dataclasses import replace

from intents import Product
from intents.answers import keys_of
from intents.normalize import word_key
from intents.numbers import DOZEN_WORDS, read_quantity
from intents.quantity_units import (
    counts_in,
    measured_amount,
    names_one_container,
    names_size,
    per_unit,
    quantity_unit,
    times,
)
from intents.units import canonical_unit
from state.drafts import Line
from state.quantities import MAX_QUANTITY
from state.turn import Turn


def typed_unit(turn: Turn, typed: str, quantity: int | None) -> str | None:
    """The unit `typed` gives `quantity` in (`10 cartons`: `carton`), if any."""
    matcher = turn.view.matcher
    if matcher is None or quantity is None or not typed:
        return None
    return quantity_unit(keys_of(typed), quantity, matcher.unit_vocabulary)


def unit_said(turn: Turn, words: str) -> str | None:
    """The first unit word among the words of a count (`2 cartons de flag`: `carton`): kept on
    its line, asked about when the product is not counted in it (`foreign`)."""
    matcher = turn.view.matcher
    if matcher is None or not words:
        return None
    return next((k for k in keys_of(words) if k in matcher.unit_vocabulary), None)


def measured(turn: Turn, sku: str | None, typed: str) -> tuple[int, str] | None:
    """`vendu 3 kg de riz` for rice counted in sacs: 3 in `kg`, to ask about; None when the
    measure is a size of the product's names (`riz 50kg`) or its own unit (read already)."""
    entry = _entry(turn, sku)
    found = measured_amount(keys_of(typed)) if entry is not None and typed else None
    if entry is None or found is None:
        return None
    quantity, unit = found
    if names_size(entry, f"{quantity}{unit}") or counts_in(entry, unit):
        return None
    return found


def foreign(turn: Turn, line: Line) -> bool:
    """Whether the line's quantity was typed in a unit its product is not counted in."""
    entry = _entry(turn, line.sku)
    return entry is not None and line.unit is not None and not counts_in(entry, line.unit)


def held(turn: Turn, line: Line, text: str) -> int | None:
    """The total `text` makes of the product's unit under "2 cartons de Lait, ça fait combien
    de boîtes ?" when it says what one holds: `12 par carton`, `2x12` (24 boîtes); `12 par
    casier` under "24 bouteilles, … combien de casiers ?" (2). 0 when that makes no whole
    number of the product's unit (`12 par casier` for 13 bouteilles); None when it says no
    such thing."""
    entry = _entry(turn, line.sku)
    if entry is None or line.unit is None or line.quantity is None:
        return None
    per = per_unit(entry, keys_of(text), line.unit, text)
    made = per * line.quantity if per is not None else times(text, line.quantity)
    if made is None:
        return None
    if made.denominator != 1 or not 0 < made <= MAX_QUANTITY:
        return 0
    return int(made)


# What a pack's name counts when it says only how many (« pack de 24 »): single items, never a
# container (`48 cartons`) nor a measure (`12 litres`), which it may not hold by that number.
_PACKED = frozenset({"bouteille", "canette", "piece", "sachet", "flacon", "tube"})


def held_by_name(turn: Turn, line: Line) -> int | None:
    """The line's quantity in its product's unit when the product's name says what one holds
    (`24 bouteilles` of « Coca-Cola 33cl pack de 24 »: 1 pack, `36 bouteilles` of a « casier de
    12 »: 3), None when it says nothing of the unit typed, the unit is no single item
    (`_PACKED`), or that makes no whole number."""
    entry, unit = _entry(turn, line.sku), line.unit
    if entry is None or unit is None or canonical_unit(unit) not in _PACKED:
        return None
    if line.quantity is None:
        return None
    per = per_unit(entry, keys_of(entry.name), unit, entry.name)
    made = per * line.quantity if per is not None else None
    if made is None or made.denominator != 1 or not 0 < made <= MAX_QUANTITY:
        return None
    return int(made)


def _entry(turn: Turn, sku: str | None) -> Product | None:
    matcher = turn.view.matcher
    if matcher is None or sku is None:
        return None
    return next((p for p in matcher.products if p.sku == sku), None)


def about_one_container(turn: Turn, line: Line, text: str) -> bool:
    """Whether `text` says what one container holds (`le sac fait 25kg`) under "3 cartons, ça
    fait combien de kg ?", even of a container it cannot count the line's quantity with."""
    entry = _entry(turn, line.sku)
    if entry is None or line.unit is None:
        return False
    return names_one_container(entry, keys_of(text), line.unit, text)


def dozens_counted(turn: Turn, line: Line, text: str) -> Line:
    """A count of a product counted by the dozen typed in dozens (`inventaire oeufs 25
    douzaines`, read as 300 by the count's reader): the 25 dozens."""
    quantity, unit = line.quantity, turn.unit(line.sku) if line.sku else ""
    if quantity is None or quantity % 12 or word_key(canonical_unit(unit)) not in DOZEN_WORDS:
        return line
    keys = keys_of(text)
    typed = str(quantity // 12)
    if any(k == typed and after in DOZEN_WORDS for k, after in zip(keys, keys[1:], strict=False)):
        return replace(line, quantity=quantity // 12)
    return line


def by_the_dozen(turn: Turn, sku: str | None, text: str, quantity: int | None) -> int | None:
    """`quantity` read from `text` (`2 douzaines`: 24), or, of a product counted by the dozen
    (eggs), the number of dozens typed (2): the dozen is its unit, nothing to multiply."""
    unit = turn.unit(sku) if sku else ""
    if not unit or word_key(canonical_unit(unit)) not in DOZEN_WORDS:
        return quantity
    if not any(k in DOZEN_WORDS for k in keys_of(text)):
        return quantity
    return read_quantity(text, dozens=False).value or quantity
