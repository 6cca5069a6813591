"""Product index: which products the words of a message name.

Each alias (and the name, with and without its size) becomes a tuple of word keys. A product's
score for a message is how many message words its aliases cover: a whole alias covers its
words fully, a lone word of a longer alias covers half. So ``riz parfumé`` (2 words) beats
``riz`` (1 word), and products that tie are all returned, for the caller to list as candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from intents.fuzzy import FuzzyVocabulary
from intents.keywords import ENGLISH_MARKERS, STOPWORDS
from intents.models import Product
from intents.normalize import Token, is_size, tokenize, word_key, word_keys
from intents.numbers import NUMBER_WORDS

# Articles and links dropped on both sides: "eau de javel" == "eau javel", "ceeb bi" == "ceeb".
LINK_WORDS = word_keys("de d du des l la le les en a au aux of bi bu yi ba")
# Container and size words: they narrow a choice but never name a product on their own.
UNIT_WORDS = word_keys(
    "sac sacs bidon bidons bouteille bouteilles paquet paquets carton cartons boite boites "
    "sachet sachets pot pots boite canette canettes caisse caisses bag bags bottle bottles "
    "box boxes can cans pack packs piece pieces unite unites kilo kilos litre litres "
    "tonne tonnes plaquette plaquettes rouleau rouleaux"
)
GENERIC_WORDS = UNIT_WORDS | word_keys("petit petite petits grand grande grands gros grosse moyen")
FULL, PARTIAL, TYPO = 1.0, 0.5, 0.8  # weights: whole alias, lone alias word, corrected word


def alias_keys(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(text) if t.key not in LINK_WORDS and t.key != "?")


def _without_sizes(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k for k in keys if not is_size(k))


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
        self._aliases_by_first: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        self._partial: dict[str, set[int]] = defaultdict(set)
        self._sizes: list[frozenset[str]] = []
        self._units: list[str | None] = []
        words: set[str] = set()
        for index, product in enumerate(self.products):
            names = {alias_keys(product.name)}
            names.add(_without_sizes(next(iter(names))))
            names.update(alias_keys(alias) for alias in product.aliases)
            sizes: set[str] = set()
            for keys in names:
                if not keys:
                    continue
                self._aliases_by_first[keys[0]].append((keys, index))
                words.update(keys)
                sizes.update(k for k in keys if is_size(k))
                for key in keys:
                    if key not in GENERIC_WORDS and not key.isdigit() and not is_size(key):
                        self._partial[key].add(index)
            self._sizes.append(frozenset(sizes))
            self._units.append(word_key(product.unit) if product.unit else None)
        self.vocabulary = frozenset(words)
        self._word_list = sorted(w for w in words if w.isalpha() and w not in GENERIC_WORDS)
        self.unit_vocabulary = UNIT_WORDS | {u for u in self._units if u}
        # Three-letter words are only corrected towards whole one-word aliases ("ris" -> riz).
        short_aliases = {
            keys[0]
            for entries in self._aliases_by_first.values()
            for keys, _ in entries
            if len(keys) == 1 and len(keys[0]) == 3
        }
        self._fuzzy = FuzzyVocabulary([*(k for k in self.vocabulary if len(k) > 3), *short_aliases])

    def resembling(self, word: str) -> list[tuple[int, float]]:
        """Products having a word that looks like ``word`` (loose: for suggestions only)."""
        found: dict[int, float] = {}
        for choice, similarity, _ in process.extract(
            word, self._word_list, scorer=fuzz.ratio, score_cutoff=60, limit=10
        ):
            for product in self._products_with(choice):
                found[product] = max(found.get(product, 0.0), similarity / 100)
        return sorted(found.items(), key=lambda item: -item[1])

    def _products_with(self, word: str) -> set[int]:
        products = set(self._partial.get(word, ()))
        products.update(p for keys, p in self._aliases_by_first.get(word, ()) if keys == (word,))
        return products

    def word_matches(self, key: str, may_correct: bool) -> tuple[tuple[str, ...], float]:
        """Vocabulary words a message word may stand for, and the weight of that reading."""
        if key in self.vocabulary:
            return (key,), FULL
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
    ) -> dict[int, dict[int, float]]:
        """Coverage of message positions, per product.

        ``reserved`` positions (intent keywords) can only be part of a whole alias;
        ``may_correct`` positions are unknown words that may be typos of a product word;
        ``counting`` is False when the message cannot carry a quantity (a stock question), so a
        bare number after a product word is its size (``stock riz 25``).
        """
        keys = [t.key for t in tokens]
        english = [i for i, k in enumerate(keys) if k in ENGLISH_MARKERS]
        content = [i for i, k in enumerate(keys) if k not in LINK_WORDS]
        readings = [self.word_matches(keys[i], i in may_correct) for i in content]
        coverage: dict[int, dict[int, float]] = defaultdict(dict)

        def cover(product: int, position: int, weight: float) -> None:
            spots = coverage[product]
            if weight > spots.get(position, 0.0):
                spots[position] = weight

        for slot, position in enumerate(content):
            words, weight = readings[slot]
            # "the" typed without accent in an English sentence is the article, not thé.
            article = (
                keys[position] in STOPWORDS
                and not tokens[position].accented
                and any(i != position for i in english)
            )
            alone_ok = position not in reserved and not article
            for word in words:
                for alias, product in self._aliases_by_first.get(word, ()):
                    if len(alias) == 1 and not alone_ok:
                        continue
                    total = self._alias_weight(alias, readings, slot, weight)
                    for offset in range(len(alias) if total else 0):
                        cover(product, content[slot + offset], total)
                # A corrected short word must be a whole alias: "vers" is not half of "thé vert".
                if alone_ok and (weight == FULL or len(keys[position]) >= 5):
                    for product in self._partial.get(word, ()):
                        cover(product, position, PARTIAL * weight)
        self._add_sizes(keys, coverage, counting)
        return coverage

    def _alias_weight(
        self,
        alias: tuple[str, ...],
        readings: list[tuple[tuple[str, ...], float]],
        slot: int,
        weight: float,
    ) -> float:
        if slot + len(alias) > len(readings):
            return 0.0
        total = weight
        for offset in range(1, len(alias)):
            words, next_weight = readings[slot + offset]
            if alias[offset] not in words:
                return 0.0
            total = min(total, next_weight)
        return total

    def _add_sizes(
        self, keys: list[str], coverage: dict[int, dict[int, float]], counting: bool
    ) -> None:
        """A size typed (``5l``, ``de 20``) picks the products that come in it."""
        for position, key in enumerate(keys):
            if is_size(key):
                wanted = {key}
            elif key.isdigit() and position and self._names_size(keys, position, counting):
                wanted = {key + unit for unit in ("kg", "g", "l", "cl", "ml")}
            else:
                continue
            for product, spots in coverage.items():
                if spots and position not in spots and wanted & self._sizes[product]:
                    spots[position] = FULL

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
            k.isdigit() or k in NUMBER_WORDS for i, k in enumerate(keys) if i != position
        )

    def best(self, coverage: dict[int, dict[int, float]], units: set[str]) -> ProductMatch | None:
        """Products with the highest coverage; a unit word typed breaks ties."""
        totals = {p: sum(spots.values()) for p, spots in coverage.items() if spots}
        if not totals:
            return None
        top = max(totals.values())
        if top < PARTIAL * TYPO:
            return None
        tied = [p for p, total in totals.items() if top - total < 1e-9]
        if len(tied) > 1 and units:
            with_unit = [p for p in tied if self._units[p] in units]
            if with_unit:
                tied = with_unit
        positions = frozenset(pos for p in tied for pos in coverage[p])
        exact = all(w == FULL for p in tied for w in coverage[p].values())
        return ProductMatch(tuple(sorted(tied)), top, positions, exact)
