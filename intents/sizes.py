"""Sizes and units in a catalog: which products come in ``20l`` or ``25kg``, which are sold by a
measure (``kg``, ``litre``), and when a bare number names a size (``bidon de 20``) rather than
a count.

With no product word at all, a container and a size (``stock bidon de 20``) pick the products
sold that way; with one, a size typed picks among the products it names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from itertools import pairwise

from intents.coverage import FULL, PARTIAL, Coverage
from intents.models import Product
from intents.normalize import (
    SIZE_UNITS,
    fold,
    is_decimal,
    is_number,
    is_size,
    size_unit,
    word_keys,
)
from intents.numbers import is_number_word
from intents.units import UNIT_WORDS, UNITS, canonical_unit

SIZE_SUFFIXES = ("kg", "g", "l", "cl", "ml", "mm", "cm", "m")
_UNIT_LETTERS = "".join(sorted({letter for unit in SIZE_SUFFIXES for letter in unit}))
_DETERMINERS = word_keys("la le l les celle celui celles ceux the one bi ba bu")
# What a size unit measures: a size contradicts a product's only of the same kind.
_KINDS = {"kg": "mass", "g": "mass", "l": "volume", "cl": "volume", "ml": "volume"} | dict.fromkeys(
    ("mm", "cm", "m"), "length"
)
_NONE: frozenset[int] = frozenset()
_OF = frozenset({"de", "d", "of"})


def sizes_of_number(key: str) -> tuple[str, ...]:
    """The sizes a bare number may be: ``20`` is ``20l``, ``20kg``…"""
    return tuple(key + unit for unit in SIZE_SUFFIXES)


class SizeIndex:
    """The sizes and units of a catalog's products, by product position.

    ``names`` holds each product's aliases as word keys; ``vocabulary`` is every catalog word
    (a number right after one may be its size).
    """

    def __init__(
        self,
        products: Sequence[Product],
        names: Sequence[Collection[tuple[str, ...]]],
        vocabulary: frozenset[str],
    ) -> None:
        self._vocabulary = vocabulary
        by_unit_size: dict[tuple[str, str], list[int]] = defaultdict(list)
        with_size: dict[str, list[int]] = defaultdict(list)
        units: list[frozenset[str]] = []
        own_sizes: list[frozenset[str]] = []
        named_units: list[frozenset[str]] = []
        for index, (product, aliases) in enumerate(zip(products, names, strict=True)):
            # unit words of its names: "Coca-Cola canette 33cl" is the can, sold by the pack
            named_units.append(frozenset(UNITS[k] for keys in aliases for k in keys if k in UNITS))
            product_sizes = frozenset(k for keys in aliases for k in keys if is_size(k))
            # its unit of sale, in French and in English ("flacon", "bottle")
            unit = frozenset(canonical_unit(u) for u in (product.unit, product.unit_en) if u)
            # A bare number of an alias ("fil 1.5", "gaz 12") is a size whatever unit is typed.
            sizes = product_sizes | {k for keys in aliases for k in keys if is_number(k)}
            for size in sizes:
                with_size[size].append(index)
            own_sizes.append(sizes)
            units.append(unit)
            for size in product_sizes:
                for each in unit:
                    by_unit_size[each, size].append(index)
        # a number and the word written right after it in a name: the Go of "Carte 64Go"
        self._number_then = frozenset(
            (keys[i], keys[i + 1])
            for names in names
            for keys in names
            for i in range(len(keys) - 1)
            if is_number(keys[i]) and keys[i + 1].isalpha()
        )
        self._with_size = {size: frozenset(p) for size, p in with_size.items()}
        self._by_unit_size = {key: tuple(p) for key, p in by_unit_size.items()}
        self._units = tuple(units)
        self._sizes = tuple(own_sizes)
        self._named_units = tuple(named_units)
        by_named_unit: dict[str, set[int]] = defaultdict(set)
        for index, named in enumerate(named_units):
            for word in named:
                by_named_unit[word].add(index)
        self._by_named_unit = {word: frozenset(p) for word, p in by_named_unit.items()}
        self.unit_vocabulary = UNIT_WORDS.union(*units)
        # Products sold by a measure ("kg", "litre"): the size unit their quantities are in.
        self._measures = tuple(
            SIZE_UNITS.get(fold(product.unit).strip()) if product.unit else None
            for product in products
        )
        by_measure: dict[str, set[int]] = defaultdict(set)
        for index, measure in enumerate(self._measures):
            if measure is not None:
                by_measure[measure].add(index)
        self._by_measure = {measure: frozenset(p) for measure, p in by_measure.items()}

    def measure(self, products: Sequence[int]) -> str | None:
        """The size unit (``kg``, ``l``…) all these products are sold by, if they share one."""
        measure = self._measures[products[0]] if products else None
        if measure is None or not self._by_measure[measure].issuperset(products):
            return None
        return measure

    def contradicts(self, product: int, key: str) -> bool:
        """Whether a size typed (``1.5l``, or a bare decimal ``1.5``) is none of ``product``'s
        while it comes in sizes of that kind: Fanta 33cl for ``1.5``, a 2.5mm² cable for ``1.5``
        (not cement named 42.5 for ``50kg``, nor ``3kg`` of what is sold by the kg)."""
        sizes = self._sizes[product]
        unit = size_unit(key)
        if unit is None:
            return is_decimal(key) and bool(sizes) and key not in sizes
        if unit == self._measures[product] or key in sizes or key[: -len(unit)] in sizes:
            return False
        kind = _KINDS.get(unit)
        return any(_KINDS.get(size_unit(size) or "") == kind for size in sizes)

    def fits(self, product: int, units: set[str]) -> bool:
        """Whether a unit word typed is ``product``'s unit of sale or a word of its name."""
        return bool(self._units[product] & units or self._named_units[product] & units)

    def sold_by(self, unit: str) -> frozenset[int]:
        """The products whose unit of sale is ``unit`` (a canonical unit word)."""
        return frozenset(i for i, units in enumerate(self._units) if unit in units)

    def named_with(self, unit: str) -> frozenset[int]:
        """The products a unit word is a word of the name of ("Coca-Cola canette 33cl")."""
        return self._by_named_unit.get(unit, _NONE)

    def prefer(self, tied: list[int], units: set[str], measures: Collection[str]) -> list[int]:
        """Among tied products, those of a unit word typed, then of the unit of a size typed
        (``5 litres d'huile vrac``: the oil sold by the litre, not the 5 L can)."""
        if len(tied) > 1 and units:
            with_unit = [p for p in tied if self._units[p] & units]
            if with_unit:
                tied = with_unit
        if len(tied) > 1 and units:
            named = [p for p in tied if self._named_units[p] & units]
            if named:
                tied = named
        if len(tied) > 1 and measures:
            by_measure = [p for p in tied if self._measures[p] in measures]
            if by_measure:
                tied = by_measure
        return tied

    def by_unit_and_size(self, keys: list[str], counting: bool) -> Coverage:
        """No product word, but a container and a size: ``stock bidon de 20`` is the 20 L can."""
        units = [(i, UNITS.get(k, k)) for i, k in enumerate(keys) if k in self.unit_vocabulary]
        coverage = Coverage()
        for position, key in enumerate(keys):
            if is_size(key):
                wanted: tuple[str, ...] = (key,)
            elif (
                is_number(key)
                and (position or not counting)
                and self.names_size(keys, position, counting)
            ):  # first, only as a name writes it (`100 pages` of "Cahier 100 pages")
                wanted = sizes_of_number(key)
            else:
                continue
            for unit_position, unit in units:
                for size in wanted:
                    products = frozenset(self._by_unit_size.get((unit, size), ()))
                    coverage.cover(products, unit_position, PARTIAL)
                    coverage.cover(products, position, FULL)
        return coverage

    def by_size_alone(self, keys: list[str]) -> Coverage:
        """Nothing but a size after a determiner: ``la 1,5`` (an answer to "which one?") is what
        comes in 1.5 of some unit, ``le 25kg`` what comes in 25 kg. Without one, ``1,5`` or ``7
        kilos`` may answer "how many?": left alone, as a whole number alone always is."""
        coverage = Coverage()
        if not any(key in _DETERMINERS for key in keys):
            return coverage
        for position, key in enumerate(keys):
            if is_size(key):
                wanted: tuple[str, ...] = (key,)
            elif is_decimal(key):
                wanted = sizes_of_number(key)
            else:
                continue
            coverage.cover(self._having(wanted), position, PARTIAL)
        return coverage

    def add_sizes(self, keys: list[str], coverage: Coverage, counting: bool) -> None:
        """A size typed (``5l``, ``de 20``) picks the products that come in it."""
        for position, key in enumerate(keys):
            if is_size(key):
                wanted = {key, key.rstrip(_UNIT_LETTERS)}  # "1.5mm": 1.5mm, or the 1.5 of "fil 1.5"
            elif (
                is_number(key)
                and (position or not counting)
                and self.names_size(keys, position, counting)
            ):  # first, only as a name writes it (`100 pages` of "Cahier 100 pages")
                wanted = {key, *sizes_of_number(key)}  # `batterie 70`: the 70 of 12V 70Ah too
            else:
                continue
            sized = self._having(wanted).intersection(coverage.totals)
            if not sized and position > 1 and keys[position - 1] in _OF:
                # `reçu 100 cartes de 1000`: the cards sold so of 1000, not the memory cards
                # whose names hold `carte`
                sized = self._of_unit(self._having(wanted), keys[position - 2])
            following = keys[position + 1] if position + 1 < len(keys) else ""
            if not is_size(key) and following in self.unit_vocabulary:
                # `gas 12 bottles`, `free 2000 cards`: of the products sold so or named so
                # (`madar 5 packets` is no 5 kg carton)
                unit = {UNITS.get(following, following)}
                named = coverage.weights.get(position + 1, {})
                sized = frozenset(p for p in sized if p in named or self.fits(p, unit))
            coverage.cover(sized, position, FULL)

    def by_number_alone(self, keys: list[str], counting: bool) -> Coverage:
        """No product word but a number or a size of names: ``stock 2000`` is about the
        products whose names hold 2000 (the credit cards of 2000), ``stock 12mm`` about those
        in 12 mm, not the whole stock; with a count (``vendu 6 de 12``), only a number after
        ``de`` is one."""
        coverage = Coverage()
        for position, key in enumerate(keys):
            if counting and not (position and keys[position - 1] in _OF):
                continue
            if key.isdigit():
                coverage.cover(self.having(key), position, FULL)
            elif is_size(key):
                coverage.cover(self._having((key,)), position, FULL)
        return coverage

    def _of_unit(self, products: frozenset[int], word: str) -> frozenset[int]:
        """Those of `products` counted in the unit `word` is (none when it is no unit)."""
        if word not in self.unit_vocabulary:
            return _NONE
        unit = {UNITS.get(word, word)}
        return frozenset(p for p in products if self._units[p] & unit)

    def having(self, number: str) -> frozenset[int]:
        """The products whose names hold a bare number, with a unit or not (``6``: "Gaz 6kg",
        ``1000``: "Carte Orange 1000F")."""
        return self._having((number, *sizes_of_number(number)))

    def _having(self, sizes: Collection[str]) -> frozenset[int]:
        return frozenset().union(*(self._with_size.get(size, _NONE) for size in sizes))

    def names_size(self, keys: list[str], position: int, counting: bool) -> bool:
        """A bare number is a size after "de" (``bidon de 20``), or right after a product word
        when no quantity is expected or another number is there to be it (``vendu 1 gaz 12``,
        ``sold orange 1000 cards 2``); never right after a number then (``vendu fer 8 10``: the
        10 is the count). Right before a product word, it is one after a count (``sold 2 1000
        orange cards``, ``2 1.5 coca``: English order) or before one marked (``1000 orange x2``)."""
        following = keys[position + 1] if position + 1 < len(keys) else ""
        previous = keys[position - 1] if position else ""
        if not counting and (keys[position], following) in self._number_then:
            return True  # `stock 64go`: the 64 of "Carte 64Go", whatever comes before
        if counting and (_counts(previous) or _marked_count(keys)):
            if following in self._vocabulary:
                return True
            if _counts(previous):
                return False  # `vendu fer 8 10`: 8 completes the name, 10 is the count
        # another word to be the count: a number, or a measure (`5 kg pointes 70`: 5 kg of 70 mm)
        counted = any(_counts(k) or is_size(k) for i, k in enumerate(keys) if i != position)
        if following in self.unit_vocabulary and counting and not counted:
            return False  # `vendu riz 50 sacs`: 50 is the count
        if previous in {"de", "d", "of"}:
            return True
        if counted and (keys[position], following) in self._number_then:
            return True  # `vendu 4 kaye 100 pages`: the 4 counts, `100 pages` is the name's
        return previous in self._vocabulary and (not counting or counted)


def _counts(key: str) -> bool:
    """Whether a word may be a count: digits or a decimal, or a number word (``ñaar`` too)."""
    return is_number(key) or is_number_word(key)


def _marked_count(keys: Sequence[str]) -> bool:
    """Whether a count is marked as one (``x2``, ``x 3``): any other number is no count."""
    return any(key == "x" and following.isdigit() for key, following in pairwise(keys))
