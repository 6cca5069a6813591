"""Typo-tolerant lookup of one word in a vocabulary, fast enough for thousands of words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

_CACHE_LIMIT = 20_000


def max_typos(length: int, two_from: int = 7) -> int:
    """Edits tolerated for a word of this length: one from 3 letters, two from ``two_from``."""
    if length <= 2:
        return 0
    return 1 if length < two_from else 2


class FuzzyVocabulary:
    """Words bucketed by first letter and length, so a lookup only compares a handful.

    Typos rarely hit the first letter, and requiring it keeps ``vers`` away from ``vert``'s
    cousins in other letters. Distances count a swap of two letters as one edit (``aletres``
    is one edit from ``alertes``); ``two_typos_from`` is the length from which two edits are
    forgiven. Results are cached per instance (bounded).
    """

    def __init__(self, words: Iterable[str], two_typos_from: int = 7) -> None:
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in set(words):
            if word and word.isalpha():
                buckets[word[0], len(word)].append(word)
        self._buckets = dict(buckets)
        self._two_from = two_typos_from
        self._cache: dict[str, tuple[tuple[str, ...], int]] = {}

    def closest(self, word: str) -> tuple[tuple[str, ...], int]:
        """All words at the smallest tolerated edit distance, and that distance (or none, -1)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self._search(word)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _search(self, word: str) -> tuple[tuple[str, ...], int]:
        if not word.isalpha() or len(word) < 3:
            return (), -1
        best: list[str] = []
        best_distance = 99
        for length in range(len(word) - 2, len(word) + 3):
            bucket = self._buckets.get((word[0], length))
            limit = max_typos(max(len(word), length), self._two_from)
            if not bucket or limit == 0 or abs(length - len(word)) > limit:
                continue
            if min(len(word), length) <= 3:
                # Short words only forgive a typo at the end: "ris" is "riz", "sac" is not "sel".
                bucket = [w for w in bucket if w[:2] == word[:2]]
            for choice, distance, _ in process.extract_iter(
                word, bucket, scorer=OSA.distance, score_cutoff=limit
            ):
                if distance < best_distance:
                    best, best_distance = [choice], distance
                elif distance == best_distance:
                    best.append(choice)
        if not best:
            return (), -1
        return tuple(sorted(best)), best_distance


def truncated_first(key: str, words: Sequence[str]) -> str:
    """The word a typo is read as among ``words`` (as close as each other): the one it is the
    start of, as a word typed short is (SMS ``rest`` is ``reste``, not ``reset``), or the
    first."""
    return next((word for word in words if word.startswith(key)), words[0])


def gender_variant(key: str, vocabulary: Collection[str]) -> str | None:
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

    Looser than the typo correction of the catalog's ``word_matches``, but not a mere
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
