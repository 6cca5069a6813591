"""Product index: which products the words of a message name.

Each alias (and the name, with and without its size) becomes a tuple of word keys. A product's
score for a message is how many message words its aliases cover: a whole alias covers its
words fully, a lone word of a longer alias covers half. So ``riz parfumé`` (2 words) beats
``riz`` (1 word), and products that tie are all returned, for the caller to list as candidates.

Aliases are indexed by their first word (one-word aliases) or first two words (longer ones),
so a message word only ever meets the aliases it can start, whatever the catalog size. With no
product word at all, a container and a size (``bidon de 20``) pick the products sold that way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from intents.fuzzy import FuzzyVocabulary
from intents.items import SEPARATOR_WORDS
from intents.keywords import ENGLISH_MARKERS, STOPWORDS
from intents.models import Product
from intents.normalize import (
    SIZE_UNITS,
    Token,
    fold,
    is_decimal,
    is_dimension,
    is_number,
    is_size,
    tokenize,
    word_keys,
)
from intents.numbers import NUMBER_WORDS
from intents.units import UNIT_WORDS, UNITS, canonical_unit

# Articles and links dropped on both sides: "eau de javel" == "eau javel", "ceeb bi" == "ceeb".
LINK_WORDS = word_keys("de d du des l la le les en a au aux of bi bu yi ba")
# Container and size words narrow a choice but never name a product on their own.
GENERIC_WORDS = UNIT_WORDS | word_keys("petit petite petits grand grande grands gros grosse moyen")
FULL, PARTIAL, TYPO = 1.0, 0.5, 0.8  # weights: whole alias, lone alias word, corrected word
_SIZE_UNITS = ("kg", "g", "l", "cl", "ml", "mm", "cm", "m")
_UNIT_LETTERS = "".join(sorted({letter for unit in _SIZE_UNITS for letter in unit}))
_NUMBER_ENDS_WORD = re.compile(r"\d\W*\s")

Alias = tuple[str, ...]
_NONE: frozenset[int] = frozenset()
_DETERMINERS = word_keys("la le l les celle celui celles ceux the one bi ba bu")
_PRUNE_FROM = 32  # a word shared by more products than this is worth a bound check
Reading = tuple[tuple[str, ...], float]  # the vocabulary words a message word may be, weight


def alias_keys(text: str) -> Alias:
    return tuple(t.key for t in tokenize(text) if t.key not in LINK_WORDS and t.key != "?")


def _without_sizes(keys: Alias) -> Alias:
    return tuple(k for k in keys if not is_size(k))


class Coverage:
    """Which products cover which message positions, and how well.

    Kept per position (product -> weight), with each product's total and number of positions
    up to date, so that a word naming a thousand products of a big catalog (``premium``) is
    added in bulk and picking the best is one pass over the totals.
    """

    __slots__ = ("counts", "top", "totals", "weights")

    def __init__(self) -> None:
        self.top = 0.0  # the best total so far
        self.totals: dict[int, float] = {}
        self.counts: dict[int, int] = {}
        self.weights: dict[int, dict[int, float]] = {}

    def __len__(self) -> int:
        return len(self.totals)

    def cover(self, products: frozenset[int], position: int, weight: float) -> None:
        """``products`` cover ``position`` with ``weight``; a product keeps its best weight
        per position."""
        if not products:
            return
        totals, counts = self.totals, self.counts
        here = self.weights.setdefault(position, {})
        new = products.difference(totals) if totals else products
        if new:
            here.update(dict.fromkeys(new, weight))
            totals.update(dict.fromkeys(new, weight))
            counts.update(dict.fromkeys(new, 1))
            self.top = max(self.top, weight)
            if len(new) == len(products):
                return
        top = self.top
        for product in products.intersection(totals) if new else products:
            if product in new:
                continue
            old = here.get(product)
            if old is None:
                here[product] = weight
                totals[product] += weight
                counts[product] += 1
            elif weight > old:
                here[product] = weight
                totals[product] += weight - old
            else:
                continue
            top = max(top, totals[product])
        self.top = top

    def covers(self, product: int, position: int) -> bool:
        return product in self.weights.get(position, ())

    def positions(self, products: Collection[int]) -> frozenset[int]:
        return frozenset(
            p for p, here in self.weights.items() if not here.keys().isdisjoint(products)
        )

    def exact(self, products: Collection[int], total: float) -> bool:
        """Whether these products (all of this ``total``) cover every position in full: a
        product's total reaches its number of positions only when every weight is FULL."""
        return abs(max(map(self.counts.__getitem__, products)) * FULL - total) < 1e-9


@dataclass(frozen=True, slots=True)
class ProductMatch:
    """Best products for a message (several when they tie) and the message positions used."""

    products: tuple[int, ...]
    score: float
    positions: frozenset[int]
    exact: bool  # every word matched a whole alias without typo correction


class ProductIndex:
    def __init__(self, products: Sequence[Product]) -> None:
        self.products = tuple(products)
        keys_of: dict[str, Alias] = {}  # aliases repeat across a catalog: tokenize each once
        owners: dict[Alias, set[int]] = defaultdict(set)
        partial: dict[str, set[int]] = defaultdict(set)
        by_unit_size: dict[tuple[str, str], list[int]] = defaultdict(list)
        sizes: list[frozenset[str]] = []
        units: list[str | None] = []
        for index, product in enumerate(self.products):
            name = _cached_keys(keys_of, product.name)
            names = {name, _without_sizes(name)}
            names.update(_cached_keys(keys_of, alias) for alias in product.aliases)
            names.discard(())
            for keys in names:
                owners[keys].add(index)
                for key in keys:
                    if key not in GENERIC_WORDS and not is_number(key) and not is_size(key):
                        partial[key].add(index)
                    if is_dimension(key):  # "60x60" names the tiles of that size on its own
                        owners[(key,)].add(index)
            product_sizes = frozenset(k for keys in names for k in keys if is_size(k))
            unit = canonical_unit(product.unit) if product.unit else None
            # A bare number of an alias ("fil 1.5", "gaz 12") is a size whatever unit is typed.
            sizes.append(product_sizes | {k for keys in names for k in keys if is_number(k)})
            units.append(unit)
            if unit:
                for size in product_sizes:
                    by_unit_size[unit, size].append(index)
        self._single = {keys[0]: frozenset(p) for keys, p in owners.items() if len(keys) == 1}
        longer: dict[tuple[str, str], list[tuple[Alias, frozenset[int]]]] = defaultdict(list)
        for keys, p in owners.items():
            if len(keys) > 1:
                longer[keys[0], keys[1]].append((keys, frozenset(p)))
        self._longer = {pair: tuple(entries) for pair, entries in longer.items()}
        self._partial = {key: tuple(sorted(p)) for key, p in partial.items()}
        # Where a word is a whole alias too, its products are covered in full already: the
        # half cover of a longer alias only adds the others (most of a big catalog's "riz").
        self._partial_only = {
            key: frozenset(p - owners.get((key,), set())) for key, p in partial.items()
        }
        self._sizes = tuple(sizes)
        with_size: dict[str, list[int]] = defaultdict(list)
        for index, product_sizes in enumerate(sizes):
            for size in product_sizes:
                with_size[size].append(index)
        self._with_size = {size: frozenset(p) for size, p in with_size.items()}
        self._units = tuple(units)
        # Products sold by a measure ("kg", "litre"): the size unit their quantities are in.
        self._measures = tuple(
            SIZE_UNITS.get(fold(product.unit).strip()) if product.unit else None
            for product in self.products
        )
        by_measure: dict[str, set[int]] = defaultdict(set)
        for index, measure in enumerate(self._measures):
            if measure is not None:
                by_measure[measure].add(index)
        self._by_measure = {measure: frozenset(p) for measure, p in by_measure.items()}
        self._by_unit_size = {key: tuple(p) for key, p in by_unit_size.items()}
        words = {key for keys in owners for key in keys}
        self.vocabulary = frozenset(words)
        self._word_list = sorted(w for w in words if w.isalpha() and w not in GENERIC_WORDS)
        self.unit_vocabulary = UNIT_WORDS | {u for u in units if u}
        # "sel et poivre": a separator word inside an alias, with its neighbours
        self._joined = frozenset(
            keys[i - 1 : i + 2]
            for keys in owners
            for i in range(1, len(keys) - 1)
            if keys[i] in SEPARATOR_WORDS
        )
        # Three-letter words are only corrected towards whole one-word aliases ("ris" -> riz).
        short_aliases = [key for key in self._single if len(key) == 3]
        self._fuzzy = FuzzyVocabulary([*(k for k in words if len(k) > 3), *short_aliases])

    def measure(self, products: Sequence[int]) -> str | None:
        """The size unit (``kg``, ``l``…) all these products are sold by, if they share one."""
        measure = self._measures[products[0]] if products else None
        if measure is None or not self._by_measure[measure].issuperset(products):
            return None
        return measure

    def joins(self, left: str, separator: str, right: str) -> bool:
        """Whether ``left separator right`` is part of an alias (``sel et poivre``)."""
        return (left, separator, right) in self._joined

    def resembling(self, word: str) -> list[tuple[int, float]]:
        """Products having a word that looks like ``word`` (loose: for suggestions only)."""
        found: dict[int, float] = {}
        for choice, similarity, _ in process.extract(
            word, self._word_list, scorer=fuzz.ratio, score_cutoff=60, limit=10
        ):
            if not resembles(word, choice):
                continue
            for product in self._products_with(choice):
                found[product] = max(found.get(product, 0.0), similarity / 100)
        return sorted(found.items(), key=lambda item: -item[1])

    def _products_with(self, word: str) -> set[int]:
        return {*self._partial.get(word, ()), *self._single.get(word, ())}

    def word_matches(self, key: str, may_correct: bool) -> Reading:
        """Vocabulary words a message word may stand for, and the weight of that reading."""
        if key in self.vocabulary:
            return (key,), FULL
        gendered = _gender_variant(key, self.vocabulary)
        if gendered is not None:  # `bleu` for `bleue`, `ondule` for `ondulée`: the same word
            return (gendered,), FULL
        if not may_correct:
            return (), 0.0
        words, _distance = self._fuzzy.closest(key)
        return words, TYPO

    def typo_distance(self, key: str) -> int:
        return self._fuzzy.closest(key)[1]

    def scores(
        self,
        tokens: Sequence[Token],
        reserved: frozenset[int],
        may_correct: frozenset[int],
        counting: bool = True,
        prune: bool = False,
    ) -> Coverage:
        """Coverage of message positions, per product.

        ``reserved`` positions (intent keywords) can only be part of a longer alias;
        ``may_correct`` positions are unknown words that may be typos of a product word;
        ``counting`` is False when the message cannot carry a quantity (a stock question), so a
        bare number after a product word is its size (``stock riz 25``). With ``prune``, only
        the products that may still be the best are scored (not for suggestions).

        A function word typed without accent (``mais``, ``the``) names a product alone only
        when no other word of the message names one: "vendu riz mais le client…" is rice.
        """
        keys = [t.key for t in tokens]
        content = [i for i, k in enumerate(keys) if k not in LINK_WORDS]
        readings = [self._reading(keys, i, i in may_correct, counting) for i in content]
        plain = [keys[i] in STOPWORDS and not tokens[i].accented for i in content]
        coverage = self._cover(keys, content, readings, reserved, plain, prune)
        if not coverage and any(plain):
            # Even then, "the" in an English sentence stays the article.
            english = [i for i, k in enumerate(keys) if k in ENGLISH_MARKERS]
            article = [
                p and any(e != i for e in english) for p, i in zip(plain, content, strict=True)
            ]
            coverage = self._cover(keys, content, readings, reserved, article, prune)
        if not coverage:
            coverage = self._by_unit_and_size(keys, counting)
        if not coverage:
            coverage = self._by_size_alone(keys)
        self._add_sizes(keys, coverage, counting)
        return coverage

    def _reading(
        self, keys: list[str], position: int, may_correct: bool, counting: bool
    ) -> Reading:
        key = keys[position]
        words, weight = self.word_matches(key, may_correct)
        if is_number(key) and position and self._names_size(keys, position, counting):
            words = (*words, *(key + unit for unit in _SIZE_UNITS))  # "bidon de 20": 20l
            weight = FULL
        return words, weight

    def _cover(
        self,
        keys: list[str],
        content: list[int],
        readings: list[Reading],
        reserved: frozenset[int],
        not_alone: list[bool],
        prune: bool,
    ) -> Coverage:
        coverage = Coverage()
        cover = coverage.cover
        sizes = sum(1 for key in keys if is_number(key) or is_size(key))  # each may add FULL
        # how many later words may still name a product (a bare number only as a size)
        later = [0] * len(content)
        for slot in range(len(content) - 2, -1, -1):
            later[slot] = later[slot + 1] + bool(readings[slot + 1][0])

        for slot, position in enumerate(content):
            words, weight = readings[slot]
            alone_ok = position not in reserved and not not_alone[slot]
            following = readings[slot + 1][0] if slot + 1 < len(readings) else ()
            for word in words:
                if alone_ok:
                    cover(self._single.get(word, _NONE), position, weight)
                for second in following:
                    for alias, products in self._longer.get((word, second), ()):
                        total = self._alias_weight(alias, readings, slot, weight)
                        for offset in range(len(alias) if total else 0):
                            cover(products, content[slot + offset], total)
                # A corrected short word must be a whole alias: "vers" is not half of "thé vert".
                if alone_ok and (weight == FULL or len(keys[position]) >= 5):
                    products = self._partial_only.get(word, _NONE)
                    if prune and len(products) > _PRUNE_FROM:
                        # Half of "premium" names a thousand products: those not yet covered
                        # cannot reach the leader with every later word and size in full.
                        reach = PARTIAL * weight + FULL * (later[slot] + sizes)
                        if reach < coverage.top - 1e-9:
                            products = products.intersection(coverage.totals)
                    cover(products, position, PARTIAL * weight)
        return coverage

    @staticmethod
    def _alias_weight(alias: Alias, readings: list[Reading], slot: int, weight: float) -> float:
        if slot + len(alias) > len(readings):
            return 0.0
        total = weight
        for offset in range(1, len(alias)):
            words, next_weight = readings[slot + offset]
            if alias[offset] not in words:
                return 0.0
            total = min(total, next_weight)
        return total

    def _by_unit_and_size(self, keys: list[str], counting: bool) -> Coverage:
        """No product word, but a container and a size: ``stock bidon de 20`` is the 20 L can."""
        units = [(i, UNITS.get(k, k)) for i, k in enumerate(keys) if k in self.unit_vocabulary]
        coverage = Coverage()
        for position, key in enumerate(keys):
            if is_size(key):
                wanted: tuple[str, ...] = (key,)
            elif is_number(key) and position and self._names_size(keys, position, counting):
                wanted = tuple(key + unit for unit in _SIZE_UNITS)
            else:
                continue
            for unit_position, unit in units:
                for size in wanted:
                    products = frozenset(self._by_unit_size.get((unit, size), ()))
                    coverage.cover(products, unit_position, PARTIAL)
                    coverage.cover(products, position, FULL)
        return coverage

    def _by_size_alone(self, keys: list[str]) -> Coverage:
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
                wanted = tuple(key + unit for unit in _SIZE_UNITS)
            else:
                continue
            products = frozenset().union(*(self._with_size.get(size, _NONE) for size in wanted))
            coverage.cover(products, position, PARTIAL)
        return coverage

    def _add_sizes(self, keys: list[str], coverage: Coverage, counting: bool) -> None:
        """A size typed (``5l``, ``de 20``) picks the products that come in it."""
        for position, key in enumerate(keys):
            if is_size(key):
                wanted = {key, key.rstrip(_UNIT_LETTERS)}  # "1.5mm": 1.5mm, or the 1.5 of "fil 1.5"
            elif is_number(key) and position and self._names_size(keys, position, counting):
                wanted = {key + unit for unit in _SIZE_UNITS}
            else:
                continue
            sized = frozenset().union(*(self._with_size.get(size, _NONE) for size in wanted))
            coverage.cover(sized.intersection(coverage.totals), position, FULL)

    def _names_size(self, keys: list[str], position: int, counting: bool) -> bool:
        """A bare number is a size after "de" (``bidon de 20``), or right after a product word
        when no quantity is expected or another number is there to be it (``vendu 1 gaz 12``)."""
        following = keys[position + 1] if position + 1 < len(keys) else ""
        if following in self.unit_vocabulary:
            return False
        previous = keys[position - 1]
        if previous in {"de", "d", "of"}:
            return True
        if previous not in self.vocabulary:
            return False
        return not counting or any(
            is_number(k) or k in NUMBER_WORDS for i, k in enumerate(keys) if i != position
        )

    def best(
        self, coverage: Coverage, units: set[str], measures: Collection[str] = ()
    ) -> ProductMatch | None:
        """Products with the highest coverage; a unit word typed breaks ties, then the unit of
        a size typed (``5 litres d'huile vrac``: the oil sold by the litre, not the 5 L can)."""
        totals = coverage.totals
        top = max(totals.values(), default=0.0)
        if top < PARTIAL * TYPO:
            return None
        tied = [p for p, total in totals.items() if top - total < 1e-9]
        if len(tied) > 1 and units:
            with_unit = [p for p in tied if self._units[p] in units]
            if with_unit:
                tied = with_unit
        if len(tied) > 1 and measures:
            by_measure = [p for p in tied if self._measures[p] in measures]
            if by_measure:
                tied = by_measure
        return ProductMatch(
            tuple(sorted(tied)), top, coverage.positions(tied), coverage.exact(tied, top)
        )


def _gender_variant(key: str, vocabulary: Collection[str]) -> str | None:
    """The vocabulary word `key` is the other gender of in French, after a vowel (`bleu` /
    `bleue`, `ondule` / `ondulee`, `joli` / `jolie`), if any; not `match` / `matche`."""
    if len(key) < 4 or not key.isalpha() or key[-1] not in "aeiouy":
        return None
    others = [key + "e"]
    if key[-1] == "e" and key[-2] in "eiu":
        others.append(key[:-1])
    return next((other for other in others if other in vocabulary), None)


def resembles(typed: str, word: str) -> bool:
    """Whether a word typed may be meant as a catalog word, for suggestions.

    Looser than the typo correction of :meth:`ProductIndex.word_matches`, but not a mere
    shared-letters score (``mil`` is not ``oil``): the first letter is kept, and either one
    word starts with the other and the shorter has four letters or more (``savonette`` for
    ``savon``, ``sard`` for ``sardine``), or a few letters differ: one up to five letters (a
    three-letter word only by a changed letter, ``rzz`` for ``riz``: ``mil`` is not ``milk``),
    two up to eight, three beyond.
    """
    if not typed or not word or typed[0] != word[0]:
        return False
    shorter, longer = sorted((typed, word), key=len)
    if len(shorter) >= 4 and longer.startswith(shorter):
        return True
    if len(shorter) <= 3 and len(typed) != len(word):
        return False
    length = max(len(typed), len(word))
    allowed = 1 if length <= 5 else 2 if length <= 8 else 3
    return OSA.distance(typed, word, score_cutoff=allowed) <= allowed


def _cached_keys(cache: dict[str, Alias], text: str) -> Alias:
    """:func:`alias_keys` through a cache. Unless a number ends a word (``5 litres`` merges
    into ``5l``), a text is the sum of its words, and words repeat far more than aliases."""
    keys = cache.get(text)
    if keys is None:
        words = text.split()
        if len(words) > 1 and not _NUMBER_ENDS_WORD.search(text):
            keys = tuple(key for word in words for key in _cached_keys(cache, word))
        else:
            keys = alias_keys(text)
        cache[text] = keys
    return keys
