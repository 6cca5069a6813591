"""Product index: which products the words of a message name.

Each alias (and the name, with and without its size) becomes a tuple of word keys. A product's
score for a message is how many message words its aliases cover (:mod:`intents.coverage`): a
whole alias covers its words fully, a lone word of a longer alias covers half. So ``riz
parfumé`` (2 words) beats ``riz`` (1 word), and products that tie are all returned, for the
caller to list as candidates.

Aliases are indexed by their first word (one-word aliases) or first two words (longer ones),
so a message word only ever meets the aliases it can start, whatever the catalog size. Sizes
and units (``bidon de 20``) are :mod:`intents.sizes`' business.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from intents.coverage import FULL, PARTIAL, TYPO, Coverage, ProductMatch
from intents.fuzzy import FuzzyVocabulary, gender_variant, resembles
from intents.items import SEPARATOR_WORDS
from intents.models import Product
from intents.normalize import (
    Marks,
    NameNumbers,
    Token,
    accent_marks,
    is_dimension,
    is_number,
    is_size,
    size_unit,
    tokenize,
    word_key,
    word_keys,
)
from intents.sizes import SizeIndex, sizes_of_number
from intents.sounds import SoundIndex, unglued
from intents.stopwords import ENGLISH_MARKERS, LINK_WORDS, STOPWORDS
from intents.units import UNIT_WORDS, UNITS
from intents.word_pairs import counterparts

# Container and size words narrow a choice but never name a product on their own.
GENERIC_WORDS = UNIT_WORDS | word_keys("petit petite petits grand grande grands gros grosse moyen")
_NUMBER_ENDS_WORD = re.compile(r"\d\W*\s")

Alias = tuple[str, ...]
_NONE: frozenset[int] = frozenset()
_PRUNE_FROM = 32  # a word shared by more products than this is worth a bound check
Reading = tuple[tuple[str, ...], float]  # the vocabulary words a message word may be, weight


def alias_keys(text: str) -> Alias:
    keys = [t.key for t in tokenize(text) if t.key != "?"]
    return tuple(
        k for i, k in enumerate(keys) if k not in LINK_WORDS or _size_letter(keys, i, ending=True)
    )


# A letter that is an elided article (`l'huile`, `d'arachide`) or a size (`T-shirt blanc L`,
# `Pile D`): a size when nothing it could be the article of follows it.
_SIZE_LETTERS = frozenset({"l", "d"})
_AND = frozenset({"et", "ou", "and", "or", "ak"})


def _size_letter(keys: Sequence[str], index: int, *, ending: bool = False) -> bool:
    """Whether the `l` or `d` at `index` of `keys` is a size: it ends them after another word
    (a name), or (`ending` False: a message) is followed by a number, `et`, or a word that no
    elided article goes before (`tshirt l noir`; not `l huile`)."""
    if keys[index] not in _SIZE_LETTERS or index == 0:
        return False
    if index + 1 == len(keys):
        return True
    if ending:
        return False
    after = keys[index + 1]
    return after[:1].isdigit() or after in _AND or after[:1] not in "aeiouyh"


def _without_sizes(keys: Alias) -> Alias:
    return tuple(k for k in keys if not is_size(k))


class ProductIndex:
    def __init__(self, products: Sequence[Product]) -> None:
        self.products = tuple(products)
        keys_of: dict[str, Alias] = {}  # aliases repeat across a catalog: tokenize each once
        owners: dict[Alias, set[int]] = defaultdict(set)
        partial: dict[str, set[int]] = defaultdict(set)
        all_names: list[set[Alias]] = []
        # Without the skus given as aliases: a code's parts (`ARD` of ARD-A4) spell no word a
        # letter or a number may stand for (`a4` is no `ard 4`).
        worded: list[set[Alias]] = []
        glued: dict[str, set[int]] = defaultdict(set)
        for index, product in enumerate(self.products):
            for text in (product.name, *product.aliases):
                word = _glued(text)
                if word:
                    glued[word].add(index)
            name = _cached_keys(keys_of, product.name)
            spelled = {name, _without_sizes(name)}  # a sku given as an alias is no spelling
            spelled.update(
                _cached_keys(keys_of, a) for a in product.aliases if not _is_code(product, a)
            )
            spelled.discard(())
            codes = {_cached_keys(keys_of, a) for a in product.aliases if _is_code(product, a)}
            names = spelled | codes
            names.discard(())
            all_names.append(names)
            worded.append(spelled)
            for keys in names:
                owners[keys].add(index)
                for key in keys:
                    if key not in GENERIC_WORDS and not is_number(key) and not is_size(key):
                        partial[key].add(index)
                    if is_dimension(key):  # "60x60" names the tiles of that size on its own
                        owners[(key,)].add(index)
        # the accents each product writes its words with, read when products tie (`_as_accented`)
        self._marks: dict[int, dict[str, frozenset[Marks]]] = {}
        self._head_keys: dict[int, frozenset[str]] = {}
        self._single = {keys[0]: frozenset(p) for keys, p in owners.items() if len(keys) == 1}
        self._stands_for = _nicknames(self._single, self.products, keys_of)
        # "pomdeter": a name of several words typed as one, heard as the whole name
        for word, owned in glued.items():
            self._single.setdefault(word, frozenset(owned))
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
        words = {key for keys in owners for key in keys}
        self.name_numbers: NameNumbers = frozenset(
            (keys[i - 1], keys[i])
            for keys in {keys for names in worded for keys in names}
            for i in range(1, len(keys))
            if keys[i].isdigit() and len(keys[i]) <= 3 and not keys[i - 1].isdigit()
        ) | frozenset(_numbered_words(worded))
        self.vocabulary = frozenset(words)
        self._word_list = sorted(w for w in words if w.isalpha() and w not in GENERIC_WORDS)
        self.sizes = SizeIndex(self.products, all_names, self.vocabulary)
        self.unit_vocabulary = self.sizes.unit_vocabulary
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
        self._sounds = SoundIndex([*self._word_list, *glued])

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
            if key in self._single:  # a whole name or alias (`sugar`): what it names
                return (key,), FULL
            # `powder`, only a word of the alias "milk powder": also the `poudre` of "Sucre en
            # poudre" (`sold 2 packets of sugar powder`); never the whole alias of products
            # the word is of none of, which would outweigh the name it is of (`morceaux` of
            # "Sucre morceaux" is no `cube`, Bouillon Jumbo's alias; `sugar` of "sugar cubes"
            # is still `sucre`, the alias of both sugars)
            own = self._products_with(key)
            widened = [
                w
                for w in counterparts(key)
                if w in self.vocabulary and own.intersection(self._single.get(w, own))
            ]
            return (key, *widened), FULL
        gendered = gender_variant(key, self.vocabulary)
        if gendered is not None:  # `bleu` for `bleue`, `ondule` for `ondulée`: the same word
            return (gendered,), FULL
        bare = unglued(key)
        if bare is not None and bare in self.vocabulary:  # `dhuile`: d'huile, apostrophe left out
            return (bare,), FULL
        translated = tuple(w for w in counterparts(key) if w in self.vocabulary)
        if translated and not self._unit_of_others(key, translated):
            return translated, FULL  # `card` for "Carte de recharge", `savon` for "Soap Lux"
        if not may_correct:
            return (), 0.0
        words, _distance = self._fuzzy.closest(key)
        if not words:  # too far for a typo, said the same (`sukar`, `lekrou`): asked too
            words = self._sounds.words(key)
        return words, TYPO

    def _unit_of_others(self, key: str, translated: Iterable[str]) -> bool:
        """Whether a message word is the unit of sale of products its translation does not
        name: `3 cubes` where Maggi and Jumbo are sold by the cube, not "Sucre morceaux"."""
        sold = self.sizes.sold_by(UNITS.get(key, key))
        named = set().union(*(self._products_with(word) for word in translated))
        return bool(sold) and sold.isdisjoint(named)

    def numbers_name(self, number: str, *words: str) -> bool:
        """Whether ``number`` is the number of a name each of ``words`` names, as a word of it or
        its unit of sale (``carte 1000 orange``, ``orange 1000 cards``, ``gaz 12 bouteilles``)."""
        named = self.sizes.having(number)
        for word in words:  # one name for all of them: `sucre 1 huile` names no name with 1
            named = self._named_by(word, named)
        return bool(named)

    def _named_by(self, key: str, products: frozenset[int]) -> frozenset[int]:
        """Those of ``products`` a message word names (a word of their names, as written,
        translated or mistyped, or their unit)."""
        words, _weight = self.word_matches(key, may_correct=True)
        named = {p for word in words for p in self._products_with(word) if p in products}
        unit = {UNITS.get(key, key)}
        if key in self.unit_vocabulary:
            named |= {p for p in products if self.sizes.fits(p, unit)}
        return frozenset(named)

    def as_written(self, key: str) -> bool:
        """Whether a message word is a catalog word as written: itself, its other gender or
        with an article glued (not a typo, a sound or a translation: `cubes` for "Sucre
        morceaux")."""
        if key in self.vocabulary or gender_variant(key, self.vocabulary) is not None:
            return True
        bare = unglued(key)
        return bare is not None and bare in self.vocabulary

    def typo_distance(self, key: str) -> int:
        return self._fuzzy.closest(key)[1]

    def sounds_like(self, key: str) -> bool:
        """Whether an unknown word sounds like a catalog word (or a name typed as one word)."""
        return bool(self._sounds.words(key))

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
        content = [
            i
            for i, k in enumerate(keys)
            if k not in LINK_WORDS or (k in self.vocabulary and _size_letter(keys, i))
        ]
        # A number after a misspelled or translated product word may be its size too
        # (`arosoir 15`, `cards 2000` of "Carte de recharge 2000").
        around = [self._corrected(k, i in may_correct) for i, k in enumerate(keys)]
        readings = [self._reading(keys, i, i in may_correct, counting, around) for i in content]
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
            coverage = self.sizes.by_unit_and_size(keys, counting)
        if not coverage:
            coverage = self.sizes.by_size_alone(keys)
        self.sizes.add_sizes(around, coverage, counting)
        self._after_numbers(keys, coverage)
        return coverage

    def _after_numbers(self, keys: list[str], coverage: Coverage) -> None:
        """A word left over right after a name's number that the name writes with it: the F
        of "Carte Orange 1000F" (`orange 1000f`, `orange 1000 f`), once the number is its."""
        for position in range(1, len(keys)):
            numbered = coverage.weights.get(position - 1)
            if numbered and position not in coverage.weights and is_number(keys[position - 1]):
                named = self._partial_only.get(keys[position], _NONE).intersection(numbered)
                coverage.cover(named, position, PARTIAL)

    def _corrected(self, key: str, may_correct: bool = True) -> str:
        """The catalog word a typo (or another language's word) stands for when there is one
        only (else the key)."""
        words, _weight = self.word_matches(key, may_correct)
        return words[0] if len(words) == 1 else key

    def _reading(
        self, keys: list[str], position: int, may_correct: bool, counting: bool, around: list[str]
    ) -> Reading:
        key = keys[position]
        words, weight = self.word_matches(key, may_correct)
        if is_number(key) and position and self.sizes.names_size(around, position, counting):
            words = (*words, *sizes_of_number(key))  # "bidon de 20": 20l
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

        def by_half(products: frozenset[int], slot: int, position: int, weight: float) -> None:
            """Cover `products` by half of `weight`. Half of "premium" names a thousand products:
            when pruning, those not yet covered that cannot reach the leader with every later
            word and size in full are left out."""
            if prune and len(products) > _PRUNE_FROM:
                reach = PARTIAL * weight + FULL * (later[slot] + sizes)
                if reach < coverage.top - 1e-9:
                    products = products.intersection(coverage.totals)
            cover(products, position, PARTIAL * weight)

        for slot, position in enumerate(content):
            words, weight = readings[slot]
            alone_ok = position not in reserved and not not_alone[slot]
            following = readings[slot + 1][0] if slot + 1 < len(readings) else ()
            for word in words:
                # `ceeb parfumé`: a nickname of the rice family, narrowed as `riz parfumé` is.
                family = self._stands_for.get(word)
                if alone_ok:
                    cover(self._single.get(word, _NONE), position, weight)
                    if family is not None:  # the family, by half (`ceeb 25kg`)
                        by_half(self._partial_only.get(family, _NONE), slot, position, weight)
                for first in (word, family) if family is not None else (word,):
                    for second in following:
                        for alias, products in self._longer.get((first, second), ()):
                            total = self._alias_weight(alias, readings, slot, weight)
                            for offset in range(len(alias) if total else 0):
                                cover(products, content[slot + offset], total)
                # A corrected short word must be a whole alias: "vers" is not half of "thé vert".
                # A lone letter only narrows what a word beside it names, so one that is also a
                # function word (the `c` of "c'est") still does (`usb-c`, `usb c`).
                letter = len(word) < 2
                if (alone_ok or (letter and position not in reserved)) and (
                    weight == FULL or len(keys[position]) >= 5
                ):
                    half = self._partial_only.get(word, _NONE)
                    if half and letter:
                        half = half & self._beside(readings, slot)
                    by_half(half, slot, position, weight)
        return coverage

    def _as_accented(
        self, tied: list[int], coverage: Coverage, tokens: Sequence[Token]
    ) -> list[int]:
        """Of the products tied, those that write each word typed with its accents or none,
        when others write it only with other marks (``sucre``: "Sucre en poudre", not "Jus
        sucré" nor "Lait concentré sucré"; ``sucré``: those two). Their keys are one, their
        words are not; a word typed without accent (`cafe`) still names "Café" when no other
        product writes it so, and a name whose first word it is stays (``pate``: "Pâte
        d'arachide" and "Pate dentifrice" both: the accent may have been missed)."""
        if len(tied) < 2:
            return tied
        for position in sorted(coverage.positions(tied)):
            if position >= len(tokens) or not tokens[position].key.isalpha():
                continue
            token = tokens[position]
            typed = accent_marks(token.written)
            written = [self._written(p).get(token.key) for p in tied]
            other = {
                p for p, marks in zip(tied, written, strict=True) if marks and typed not in marks
            }
            if not other or not any(marks and typed in marks for marks in written):
                continue
            if not typed and any(token.key in self._heads(p) for p in other):
                continue  # `pate`: "Pâte d'arachide" as much as "Pate dentifrice", a missed accent
            tied = [p for p in tied if p not in other]
        return tied

    def _heads(self, product: int) -> frozenset[str]:
        """The keys of the first words of `product`'s names ("Jus sucré": `jus`): there the
        word is the thing named, not a word describing it, and typing it plain may be a missed
        accent."""
        heads = self._head_keys.get(product)
        if heads is None:
            item = self.products[product]
            names = [n for n in (item.name, *item.aliases) if n.split() and not _is_code(item, n)]
            heads = frozenset(t.key for n in names for t in _word_tokens(n.split()[0]))
            self._head_keys[product] = heads
        return heads

    def _written(self, product: int) -> dict[str, frozenset[Marks]]:
        marks = self._marks.get(product)
        if marks is None:
            marks = self._marks[product] = _written_marks(self.products[product])
        return marks

    def _beside(self, readings: list[Reading], slot: int) -> frozenset[int]:
        """Products a word next to `slot` names. A lone letter of a name (the C of "Vitamine C",
        "Câble USB-C") names its product only beside another of its words (`usb c`, `type c`):
        alone it is the `c` of "c'est", SMS "c 20", or an initial."""
        found: set[int] = set()
        for near in (slot - 1, slot + 1):
            if 0 <= near < len(readings):
                for word in readings[near][0]:
                    found |= self._products_with(word)
        return frozenset(found)

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

    def best(
        self,
        coverage: Coverage,
        units: set[str],
        measures: Collection[str] = (),
        tokens: Sequence[Token] = (),
    ) -> ProductMatch | None:
        """Products with the highest coverage; a unit word typed breaks ties (or reaches a
        product half named and sold by that unit or named with it, of every word typed that
        named the best), then a word typed with the accents of one's name and not another's
        (``sucre``: "Sucre en poudre", not "Jus sucré"), then the unit of a size typed (``5
        litres d'huile vrac``: the oil sold by the litre, not the 5 L can)."""
        totals = coverage.totals
        top = max(totals.values(), default=0.0)
        if top < PARTIAL * TYPO:
            return None
        tied = [p for p, total in totals.items() if top - total < 1e-9]
        if units and not any(self.sizes.fits(p, units) for p in tied):
            # `2 pallets of kirene`: no product tied is sold by the pallet, the one half named
            # by the same words and sold so ("Palette Kirène 1.5L") is the one meant; or whose
            # name holds the unit (`3 boxes of chicks`: the alias "box of chicks"). Not one that
            # leaves out a word of the best (`2 bags of sugar cubes`: the cubes, not the sugar
            # sold by the bag; the unit typed is then asked about).
            named = coverage.positions(tied)
            reached = [
                p
                for p, total in totals.items()
                if total >= PARTIAL * top - 1e-9
                and self.sizes.fits(p, units)
                and coverage.positions((p,)) >= named
            ]
            if reached:
                top = max(totals[p] for p in reached)
                tied = [p for p in reached if top - totals[p] < 1e-9]
        tied = self._as_accented(tied, coverage, tokens)
        tied = self.sizes.prefer(tied, units, measures)
        positions = coverage.positions(tied)
        exact = coverage.exact(tied, top)
        # who else holds the words: only asked of one product named by part of its names
        holders = coverage.holders(positions) if len(tied) == 1 and not exact else frozenset()
        return ProductMatch(tuple(sorted(tied)), top, positions, exact, holders)


def _nicknames(
    single: dict[str, frozenset[int]], products: Sequence[Product], cache: dict[str, Alias]
) -> dict[str, str]:
    """One-word aliases that are no word of their products' names (`ceeb`, `rice`, `diwlin`),
    each with the first word those names share (`riz`, `huile`): words beside a nickname narrow
    the family as they would beside that word (`ceeb parfumé` is the `riz parfumé`)."""
    found: dict[str, str] = {}
    for word, owners in single.items():
        if word in GENERIC_WORDS or is_number(word) or is_size(word):
            continue
        names = [_cached_keys(cache, products[p].name) for p in owners]
        firsts = {name[0] for name in names if name}
        if len(firsts) != 1 or any(word in name for name in names):
            continue
        first = firsts.pop()
        if first != word and first not in GENERIC_WORDS:
            found[word] = first
    return found


def _written_marks(product: Product) -> dict[str, frozenset[Marks]]:
    """Each word of `product`'s names with the accents it writes it with (`sucre` of "Sucre en
    poudre": none; of "Jus sucré": é at 4). A sku given as an alias is left out (`JUS-SUCRE`:
    a code has no accents)."""
    found: dict[str, set[Marks]] = defaultdict(set)
    for text in (product.name, *product.aliases):
        if _is_code(product, text):
            continue
        for word in text.split():
            for token in _word_tokens(word):
                found[token.key].add(accent_marks(token.written))
    return {key: frozenset(marks) for key, marks in found.items()}


def _is_code(product: Product, name: str) -> bool:
    """Whether an alias is the product's sku (`JUS-SUCRE`): a code, no name's spelling."""
    return name == product.sku and name.isascii()


@lru_cache(maxsize=20_000)
def _word_tokens(word: str) -> tuple[Token, ...]:
    """The tokens of one word of a name (words repeat across a catalog: cached)."""
    return tuple(tokenize(word))


def _glued(text: str) -> str:
    """A name of two or three words as one (``pommedeterre``), when all are letters."""
    words = text.split()
    if not 2 <= len(words) <= 3:
        return ""
    keys = [word_key(word) for word in words]
    return "".join(keys) if all(key.isalpha() for key in keys) else ""


def _cached_keys(cache: dict[str, Alias], text: str) -> Alias:
    """:func:`alias_keys` through a cache. Unless a number ends a word (``5 litres`` merges
    into ``5l``), a text is the sum of its words, and words repeat far more than aliases."""
    keys = cache.get(text)
    if keys is None:
        words = text.split()
        if len(words) > 1 and not _NUMBER_ENDS_WORD.search(text):
            keys = tuple(key for word in words for key in _cached_keys(cache, word))
            last = [t.key for t in tokenize(words[-1])]
            if keys and len(last) == 1 and last[0] in _SIZE_LETTERS:  # `T-shirt blanc L`: a size
                keys = (*keys, last[0])
        else:
            keys = alias_keys(text)
        cache[text] = keys
    return keys


def _numbered_words(names_of: Iterable[Collection[Alias]]) -> Iterator[tuple[str, str]]:
    """(word, number) for each word of a product's names and each number of them, bare or of a
    size (`Fer à béton 10mm`: `fer 10`, `beton 10`; "Carte Orange 500F": `carte 500`, `orange
    500`; "Café Touba 250g" called "coffee": `coffee 250`): typed beside one of its words, the
    number is the name's, not thousands with the digits after it (`inventaire fer 10 140`
    counts 140) or before it (`sold 2 500 orange cards`: 2)."""
    for names in names_of:
        numbers = {number for keys in names for key in keys if (number := _number_of(key))}
        if numbers:
            words = {word for keys in names for word in keys if _names(word)}
            yield from ((word, number) for word in words for number in numbers)


def _number_of(key: str) -> str:
    """The number of a name's word, bare or of a size (six digits at most: `Orange 5000`)."""
    unit = size_unit(key) if is_size(key) else None
    number = key[: -len(unit)] if unit else key
    return number if number.isdigit() and len(number) <= 6 else ""


def _names(word: str) -> bool:
    """A word of a name that names something (not `à`, `de`, `the`)."""
    return word.isalpha() and len(word) > 1 and word not in STOPWORDS and word not in LINK_WORDS
