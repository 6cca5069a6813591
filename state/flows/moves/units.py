"""A quantity typed in another unit than the product's (`reçu 10 cartons de lait`, milk counted
in boîtes; `vendu 3 kg de riz`, rice counted in sacs): its line keeps the unit typed, and the
manager is asked how many of the product's unit that makes before anything is recorded
(`settle.ask_unit`). The reading itself is `intents.quantity_units`'."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from intents import Product
from intents.answers import keys_of
from intents.normalize import SIZE_UNITS, word_key
from intents.numbers import DOZEN_WORDS, read_number, read_quantity
from intents.quantity_units import (
    counts_in,
    is_measure,
    measured_amount,
    names_one_container,
    names_size,
    per_unit,
    quantity_unit,
    times,
)
from intents.stopwords import LINK_WORDS, OF_WORDS
from intents.units import UNIT_WORDS, UNITS, canonical_unit
from state.drafts import Line
from state.flows.moves.packs import name_words
from state.matching import Offered
from state.quantities import MAX_QUANTITY
from state.turn import Turn

_LEADING = re.compile(r"\d+(?:\.\d+)?")


def typed_unit(turn: Turn, typed: str, quantity: int | None) -> str | None:
    """The unit `typed` gives `quantity` in (`10 cartons`: `carton`), if any."""
    matcher = turn.view.matcher
    if matcher is None or quantity is None or not typed:
        return None
    return quantity_unit(keys_of(typed), quantity, matcher.unit_vocabulary)


def heads_name(turn: Turn, skus: tuple[str, ...], unit: str | None) -> bool:
    """Whether the unit word typed is the first word of the name of every product read, and
    no packing word (`25 crayons de couleur 24`, of Crayons de couleur 24 counted in boîtes,
    `crayon` the unit of Crayon HB; `2 metres ruban` of Mètre ruban, counted in pièces): the
    name said, not an amount in another unit."""
    return (
        unit is not None
        and unit not in UNIT_WORDS
        and bool(skus)
        and all(_head_is(keys_of(turn.name(sku))[:1], unit) for sku in skus)
    )


def _head_is(head: list[str], unit: str) -> bool:
    """Whether a name's first word is `unit`, or the measure it writes (`Mètre ruban`: m)."""
    return head == [unit] or (bool(head) and SIZE_UNITS.get(head[0]) == unit)


def held_as_typed(
    turn: Turn, sku: str | None, typed: str, quantity: int | None, unit: str | None
) -> int | None:
    """`reçu 2 cartons de 24 boîtes de lait`, `1 carton de 50 enveloppes` (milk counted in
    boîtes, envelopes one by one): what one container holds, said right after it; the total in
    the product's unit (48, 50), so nothing is asked. None when nothing is said so, when the
    number is a size (`2 sacs de 50kg`) or one of the name's (`2 cartons de 24` of Crayons de
    couleur 24), or when another unit follows it (`2 cartons de 12 paquets`)."""
    entry = _entry(turn, sku)
    matcher = turn.view.matcher
    if entry is None or matcher is None or unit is None or quantity is None:
        return None
    if counts_in(entry, unit):
        return None
    keys = keys_of(typed)
    for at, key in enumerate(keys[:-2]):
        if key != unit or keys[at + 1] not in OF_WORDS or not _counted_before(keys, at, quantity):
            continue
        found = read_number(keys, at + 2, dozens=False)
        if found is None or found.value is None or not 1 < found.value <= MAX_QUANTITY:
            return None
        after = keys[found.end] if found.end < len(keys) else ""
        if after in matcher.unit_vocabulary and not counts_in(entry, after):
            return None  # `2 cartons de 12 paquets` of biscuits counted in pièces: asked
        if str(found.value) in _name_numbers(entry):
            return None
        total = quantity * found.value
        return total if total <= MAX_QUANTITY else None
    return None


def _counted_before(keys: list[str], at: int, quantity: int) -> bool:
    """Whether the number right before `at` is `quantity` (`2 cartons`, `un carton`)."""
    for start in range(max(0, at - 3), at):
        found = read_number(keys, start, dozens=False)
        if found is not None and found.end == at and found.value == quantity:
            return True
    return False


def _name_numbers(entry: Product) -> frozenset[str]:
    """The bare numbers of a product's name (`24` of "Crayons de couleur 24")."""
    return frozenset(k for k in keys_of(entry.name) if k.isdigit())


def load_said(turn: Turn, typed: str, quantity: int | None) -> str | None:
    """The word a count is of when it is no unit nor product word, before `de` and the product
    (`reçu 2 camions de sable`, `3 brouettes de gravier` where no wheelbarrow is sold): a
    load of its own, asked about as a unit (never 2 tonnes of sand said without a word)."""
    matcher = turn.view.matcher
    if matcher is None or quantity is None:
        return None
    keys = keys_of(typed)
    for number, word, link, what in zip(keys, keys[1:], keys[2:], keys[3:], strict=False):
        if number == str(quantity) and link in OF_WORDS and word.isalpha() and len(word) > 2:
            if matcher.knows(word) or what not in matcher.name_words:
                return None  # `3 more of them`: no load, nor of a product
            named = matcher.parse(word)  # `2 savn de marseil`: a typo of the soap's
            return None if named.product or named.candidates else word
    return None


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


def measure_named(turn: Turn, sku: str | None, typed: str) -> int | None:
    """`vendu 2 metres ruban` of Mètre ruban, counted in pièces: the measure typed is the first
    word of the product's name, and its number the count (2); None otherwise."""
    entry = _entry(turn, sku)
    found = measured_amount(keys_of(typed)) if entry is not None and typed else None
    if entry is None or found is None:
        return None
    quantity, unit = found
    return quantity if _head_is(keys_of(entry.name)[:1], unit) else None


def foreign(turn: Turn, line: Line) -> bool:
    """Whether the line's quantity was typed in a unit its product is not counted in."""
    entry = _entry(turn, line.sku)
    return entry is not None and line.unit is not None and not counts_in(entry, line.unit)


def counted_in_unit(turn: Turn, skus: Sequence[str], text: str, quantity: int) -> list[str]:
    """Those of `skus` counted in the unit `text` gives `quantity` in (`c'était 12 mètres`: the
    fabric, not the zips by the piece); all of them when it gives none."""
    unit = typed_unit(turn, text, quantity)
    if unit is None:
        return list(skus)
    return [sku for sku in skus if not foreign(turn, Line(sku=sku, quantity=quantity, unit=unit))]


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
    return matcher.entry(sku)


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


# Units that group several single items (a tray of eggs, a carton of soap): a dozen typed of
# such a product counts the items, not that many trays, and is asked about.
_GROUPS = frozenset({"carton", "plateau", "pack", "caisse", "palette"})


def dozens_of_a_group(
    turn: Turn, sku: str | None, text: str, quantity: int | None
) -> tuple[int, str] | None:
    """`vendu 2 douzaines d'oeufs plateau`, eggs counted by the tray of 30: 2 in `douzaine`,
    to ask how many trays that makes (read as 24 trays); None for any other product or amount
    (`2 douzaines de plateaux` counts trays)."""
    unit = turn.unit(sku) if sku else ""
    if not unit or quantity is None or canonical_unit(unit) not in _GROUPS:
        return None
    keys = keys_of(text)
    for start in range(len(keys)):
        number = read_number(keys, start)
        if number is None or number.value != quantity or keys[number.end - 1] not in DOZEN_WORDS:
            continue
        after = [k for k in keys[number.end :] if k not in LINK_WORDS][:1]
        if after and after[0] in UNITS:
            return None  # `2 douzaines de plateaux`: trays
        return quantity // 12, "douzaine"
    return None


def eggs_by_the_dozen(
    turn: Turn, sku: str | None, text: str, quantity: int | None
) -> tuple[int, str] | None:
    """`vendu 24 oeufs` of eggs counted by the dozen: 24 eggs (2 dozens) as likely as 24
    dozens; a count of whole dozens with no unit typed is asked about, as single items (None
    for any other product or count)."""
    unit = turn.unit(sku) if sku else ""
    if not unit or not quantity or quantity % 12 or canonical_unit(unit) not in DOZEN_WORDS:
        return None
    if any(k in DOZEN_WORDS or k in UNITS for k in keys_of(text)):
        return None  # `vendu 2 douzaines d'oeufs`, `vendu 24 pièces d'oeufs`: said
    return quantity, "piece"


def dozens_of_the_unit(turn: Turn, line: Line) -> Line:
    """A line read as 24 from `2 douzaines` before its product was known (no product named),
    once it is one counted by the dozen (eggs): the 2 dozens typed."""
    quantity, unit = line.quantity, turn.unit(line.sku) if line.sku else ""
    if quantity is None or quantity % 12 or word_key(canonical_unit(unit)) not in DOZEN_WORDS:
        return line
    if not any(k in DOZEN_WORDS for k in keys_of(line.words)):
        return line
    return replace(line, quantity=quantity // 12)


def kin_counted_in(turn: Turn, line: Line) -> str | None:
    """The one product of the same kind as the line's (its name's first word) that is counted
    in the unit typed, the line's words fitting it too (`vendu 5 m fil 2.5` of wire by the roll
    beside the same wire by the metre: that one, not « 5 m, ça fait combien de rouleaux ? »);
    None when there is no such one, or several, or the words name another (`oignon hollande`),
    or the product was picked among others (`morceaux` at « Quel produit ? »: that one)."""
    matcher = turn.view.matcher
    if matcher is None or line.sku is None or line.unit is None or not line.words:
        return None
    if line.candidates or not is_measure(line.unit):
        return None  # a container or a group (`2 douzaines d'oeufs plateau`) is asked about
    head = name_words(turn, line.sku)[:1]
    kin = [
        p.sku
        for p in matcher.products
        if p.sku != line.sku
        and counts_in(p, line.unit)
        and name_words(turn, p.sku)[:1] == head
        and turn.product(p.sku) is not None
    ]
    if len(kin) != 1:
        return None
    offered = Offered(kin, matcher)
    numbers = [_leading(k) for k in keys_of(line.words) if k[:1].isdigit()]
    if line.quantity in numbers:
        numbers.remove(line.quantity)  # `5m`: the amount, no number of a name
    if not offered.resembles_all(line.words) or any(
        not (offered.sized(n) or offered.numbered(n)) for n in numbers
    ):
        return None  # `fil 1.5` of the 2.5 mm² wire by the metre: another wire
    return kin[0]


def _leading(key: str) -> float:
    """The number a key starts with (`2.5` of `2.5mm`)."""
    found = _LEADING.match(key)
    return float(found.group()) if found else 0.0
