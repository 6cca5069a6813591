"""The unit a quantity is typed in (`10 cartons de lait`, `3 kg de riz`, `two boxes`), and whether
it is the unit the product is counted in or clearly another one.

`10 cartons de lait` about milk counted in boîtes is not 10 boîtes: the caller asks how many
boîtes that makes. A synonym, a plural, an abbreviation or the English of the product's unit
(`bags`, `bte`, `ctn`, `kilos`, `litres`; `boxes` of tiles counted in cartons, `cans` of oil
counted in bidons) is its unit; so is a unit word of the product's own names (`2 plaquettes de
frein` sold by the set, `box of chicks` sold by the carton), which the catalogue uses to name it;
so is another name of the same single item (`sachets` of tea counted in paquets, `pots` of
Vaseline counted in boîtes, `seaux` of paint counted in bidons, `pièces` of anything sold one by
one). A group of items (carton, caisse, pack), a measure (kg, litre) or a sac is another unit.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from fractions import Fraction
from functools import lru_cache

from intents.answers import numbers_in
from intents.models import Product
from intents.normalize import (
    SIZE_UNITS,
    fold,
    is_size,
    size_unit,
    tokenize,
    word_key,
    word_keys,
)
from intents.numbers import MAX_QUANTITY, read_number
from intents.units import UNIT_WORDS, canonical_unit

# The English words that may mean a French unit (`intents.units` gives each word one unit only:
# `box` is a boîte there, but boxes of tiles are their cartons, cans of oil their bidons).
_ENGLISH = {
    "carton": word_keys("box boxes case cases carton cartons"),
    "boite": word_keys("box boxes tin tins can cans"),
    "bidon": word_keys("can cans jerrycan jerrycans gallon gallons"),
    "caisse": word_keys("case cases crate crates"),
    "paquet": word_keys("pack packs packet packets"),
    "plaquette": word_keys("pack packs tray trays"),
    "flacon": word_keys("bottle bottles"),
    "pain": word_keys("bar bars"),
    "barre": word_keys("bar bars"),
}

# Single items that managers name by one container or another: typed for one another, the count
# is the same. A unit is near those of every set it is in.
_NEAR = (
    frozenset({"sachet", "paquet"}),
    frozenset({"paquet", "boite"}),
    frozenset({"boite", "pot", "canette"}),
    frozenset({"pot", "flacon"}),
    frozenset({"flacon", "bouteille"}),
    frozenset({"bidon", "seau"}),
    frozenset({"barre", "pain"}),
)
# `3 pièces`, `3 unités`: three of whatever one item is, not of a group or a measure.
_ONE_ITEM = "piece"
_MEASURES = frozenset({"tonne", "kg", "litre", *SIZE_UNITS.values()})
_NOT_ONE_ITEM = _MEASURES | frozenset(
    {"carton", "caisse", "pack", "palette", "plateau", "plaquette", "lot", "douzaine"}
    | {"fardeau", "balle", "sac"}
)


def unit_class(word: str) -> str:
    """One key per unit, whatever the spelling: `kilos` and `kg` are `kg`, `litres` and `l` are
    `l`, `bags` and `sac` are `sac`, `bte` is `boite`."""
    folded = fold(word).strip()
    measure = SIZE_UNITS.get(folded) or SIZE_UNITS.get(word_key(folded))
    return measure or canonical_unit(folded)


def quantity_unit(
    keys: Sequence[str], quantity: int, unit_words: Collection[str] = UNIT_WORDS
) -> str | None:
    """The unit word typed right after the number worth `quantity` (`10 cartons`: `carton`;
    `3 boxes`: `boxe`, its key; `5kg`: `kg`); None when that number has no unit word after it."""
    index = 0
    while index < len(keys):
        key = keys[index]
        measure = size_unit(key)
        if measure is not None:
            if key[: -len(measure)] == str(quantity):
                return measure
            index += 1
            continue
        number = read_number(keys, index)
        if number is None:
            index += 1
            continue
        if number.value == quantity:
            following = keys[number.end] if number.end < len(keys) else ""
            return following if following in unit_words or following in SIZE_UNITS else None
        index = number.end
    return None


def measured_amount(keys: Sequence[str]) -> tuple[int, str] | None:
    """`vendu 3 kg de riz`: the one measure typed, read as an amount in its unit (3, `kg`);
    None when there is none, several, or one that is no whole count (`1.5l`)."""
    sizes = [key for key in keys if is_size(key)]
    if len(sizes) != 1:
        return None
    measure = size_unit(sizes[0])
    assert measure is not None
    number = sizes[0][: -len(measure)]
    if not number.isdigit() or not 0 < int(number) <= MAX_QUANTITY:
        return None
    return int(number), measure


def counts_in(product: Product, unit: str) -> bool:
    """Whether the unit word `unit` (a key) is how `product` is counted: its unit in French or
    English, a word that may be the English of it, a unit word of its names, or another name of
    the same single item. A product with no unit is counted in anything."""
    if not product.unit:
        return True
    own = _units_of(product)
    key = word_key(unit)
    typed = unit_class(key)
    if any(typed in near_units(each) for each in own):
        return True
    if _ONE_ITEM in own and typed not in _NOT_ONE_ITEM:
        return True  # `3 sachets` of what is sold by the piece
    return any(key in _ENGLISH.get(each, ()) for each in own)


def names_size(product: Product, size: str) -> bool:
    """Whether a size key (`50kg`) is one of `product`'s names' (then it says which product,
    not how much)."""
    return size in _sizes_of(product)


def is_measure(unit: str) -> bool:
    """Whether a unit word (a key) is a weight, a volume or a length (`tonnes`, `kg`, `l`)."""
    return unit_class(unit) in _MEASURES


def near_units(unit: str) -> frozenset[str]:
    """The units (classes) the same item as one counted in `unit` (a class) may be typed in:
    itself, the containers near it (`paquet`: `sachet`, `boite`), and `piece` unless it is a
    group or a measure."""
    near = {unit, *(each for group in _NEAR if unit in group for each in group)}
    if unit not in _NOT_ONE_ITEM:
        near.add(_ONE_ITEM)
    return frozenset(near)


@lru_cache(maxsize=4096)
def _units_of(product: Product) -> frozenset[str]:
    own = {unit_class(unit) for unit in (product.unit, product.unit_en) if unit}
    for text in (product.name, *product.aliases):
        own.update(
            unit_class(t.key) for t in tokenize(text) if t.key in UNIT_WORDS or t.key in SIZE_UNITS
        )
    return frozenset(own)


@lru_cache(maxsize=4096)
def _sizes_of(product: Product) -> frozenset[str]:
    return frozenset(
        t.key for text in (product.name, *product.aliases) for t in tokenize(text) if is_size(t.key)
    )


# How one of a unit is said to hold so many (`12 par carton`, `12 per box`, `12 each`,
# `chaque carton a 12`, `sac bu nekk`): "per".
_PER = word_keys("par per chaque each chacun chacune")
_EACH_AFTER = ("bu", "nekk")  # Wolof: `sac bu nekk`, each sac
_ONE = frozenset({"1", "un", "une", "one", "benn"})
_ARTICLES = word_keys("le la l un une the a")
_THE = word_keys("le la the")  # `le carton fait 6`, `50 kg le sac`: the one
_A = word_keys("a an")  # `50 kg a bag`, after an amount
_OF = frozenset({"de", "of", "d"})
_SLASH = re.compile(r"\d\s*(?:[^\W\d]+\s*)?/\s*[^\W\d]")  # `12/carton`, `50 kg/sac`; not `12/05`
_TIMES = re.compile(r"^(\d+)\s*[x*×]\s*(\d+)$")


def per_unit(product: Product, keys: Sequence[str], unit: str, text: str = "") -> Fraction | None:
    """How many of `product`'s unit one `unit` (a key: `carton`) makes, when the answer to
    "10 cartons, ça fait combien de boîtes ?" says what one holds instead of the total: `12 par
    carton`, `12 boîtes par carton`, `1 carton = 12 boîtes`, `un carton fait 12`, `le carton
    fait 12`, `cartons de 12`, `12/carton`, `12 per box`, `12 a box` (12); or what one of the
    product's holds, under "24 bouteilles, ça fait combien de casiers ?": `12 par casier`, `un
    casier fait 12` (1/12). The amount may carry its measure, the product's (`50 kg par sac`,
    `sac de 50kg`, `50 kilo sac bu nekk` under "4 sacs, ça fait combien de kg ?": 50) or the one
    typed (`le sac fait 50kg` under "100 kg, ça fait combien de sacs ?": 1/50). `12 each`, `50
    kg chacun` name no container: what one typed holds, when it is a group of the product's
    items or holds a measure of it. None when it says a total (`240`, `200 kg`) or something
    else. `text`: as typed."""
    typed = unit_class(unit)
    held = _one_holds(product, keys, typed, text)
    if held is None:
        return None
    value, measure, container = held
    if container is None:
        named_none = any(key in _PER for key in keys)  # `12 each`, `12 chacun`
        return Fraction(value) if named_none and _holds_many(product, typed, measure) else None
    if unit_class(container) == measure:
        return None  # `50 kg par kg`
    if unit_class(container) == typed:
        return Fraction(value)
    if counts_in(product, container):
        return Fraction(1, value)
    return None


def names_one_container(product: Product, keys: Sequence[str], unit: str, text: str = "") -> bool:
    """Whether an answer to "3 cartons, ça fait combien de kg ?" says what one container holds
    (`le sac fait 25kg`, `sac de 25kg`), whichever container it is: not a product's name then,
    even when one is named so (`Oignon sac 25kg`)."""
    held = _one_holds(product, keys, unit_class(unit), text)
    return held is not None and held[2] is not None


def _one_holds(
    product: Product, keys: Sequence[str], typed: str, text: str
) -> tuple[int, str | None, str | None] | None:
    """The one amount of an answer about what one container holds (`per_unit`), its measure if
    written with one (a unit class), and the container said to hold it (its key) if any."""
    of_unit = [i for i, key in enumerate(keys) if _is_unit(product, key, typed)]
    ones = {i - 1 for i in of_unit if i and keys[i - 1] in _ONE}  # `1 carton`, `un casier`
    amounts: list[tuple[int, int, str | None]] = [
        (start, value, None) for start, _end, value in numbers_in(keys).values if start not in ones
    ]
    amounts += _measured(product, keys, typed)
    if len(amounts) != 1 or amounts[0][1] <= 0:
        return None
    start, value, measure = amounts[0]
    after_per = [i for i in of_unit if i and (keys[i - 1] in _PER or _after_per(keys, i))]
    each = [i for i in of_unit if tuple(keys[i + 1 : i + 3]) == _EACH_AFTER]
    the = [i for i in of_unit if i and keys[i - 1] in _THE]
    a_one = [i for i in of_unit if i == start + 2 and keys[i - 1] in _A]
    slashed = [i for i in of_unit if i > start] if _SLASH.search(text) else []
    of_some = [i for i in of_unit if i + 2 == start and keys[i + 1] in _OF]  # `cartons de 12`
    containers = [
        *sorted(i + 1 for i in ones),
        *after_per,
        *each,
        *the,
        *a_one,
        *slashed,
        *of_some,
    ]
    return value, measure, keys[containers[0]] if containers else None


def _measured(
    product: Product, keys: Sequence[str], typed: str
) -> list[tuple[int, int, str | None]]:
    """The amounts written with a measure (`50kg`) in the unit typed or the product's own, each
    with its position and its measure (a class)."""
    found: list[tuple[int, int, str | None]] = []
    for index, key in enumerate(keys):
        measure = size_unit(key)
        if measure is None:
            continue
        number = key[: -len(measure)]
        unit = unit_class(measure)
        if number.isdigit() and (unit == typed or counts_in(product, measure)):
            found.append((index, int(number), unit))
    return found


def _holds_many(product: Product, typed: str, measure: str | None) -> bool:
    """Whether `12 each` about `typed` (a class) says what one typed holds: not a measure, and
    the product measured (`20L chacun`, `20 chacun` of bidons of oil counted in litres), or a
    group of the product's items counted one by one (`12 each` of casiers typed for cartons
    could be either)."""
    if typed in _MEASURES:
        return False
    own = _units_of(product)
    if measure is not None or (own and own <= _MEASURES):
        return True
    return typed in _NOT_ONE_ITEM and not own & _NOT_ONE_ITEM


def _after_per(keys: Sequence[str], index: int) -> bool:
    """`par le carton`, `per a box`: an article between the "per" and the unit."""
    return index >= 2 and keys[index - 2] in _PER and keys[index - 1] in _ARTICLES


def _is_unit(product: Product, key: str, typed: str) -> bool:
    unit = unit_class(key)
    return key in UNIT_WORDS or key in SIZE_UNITS or unit == typed or unit in _units_of(product)


def times(text: str, quantity: int) -> int | None:
    """`2x12`, `2 x 12`, `12*2` under "2 cartons, ça fait combien de boîtes ?": the product of
    the two numbers, one of them the quantity typed; None otherwise."""
    found = _TIMES.match(fold(text).strip())
    if found is None:
        return None
    left, right = int(found[1]), int(found[2])
    if quantity not in (left, right) or not 0 < left * right <= MAX_QUANTITY:
        return None
    return left * right
