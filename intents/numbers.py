"""Quantities: digits as written in Senegal, and number words in French, English and Wolof.

Which words form a number is decided here; what a run of number words is worth comes from the
field's libraries: ``text2num`` for French and English (``quatre-vingt-dix-sept``, ``twenty
five``) and ``wolof-numbers`` for Wolof (``ñaari junni``, ``fukk ak juróom``), after Guérin's
description of the Wolof numeral system. Where the library falls short, a small rule of ours
comes first (see :func:`_wolof_value`); ``douzaine``/``dozen`` are ours (neither library has them).

A number that cannot be a quantity as written (``-5``, ``3-4``, ``1e9``, ``2,5``, ``0``, above
:data:`MAX_QUANTITY`, a Wolof numeral that reads two ways) is reported with its issue, never
turned into another number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from text_to_num import text2num
from wolof_numbers import AmbiguityError, UnsupportedNumeralForm
from wolof_numbers import normalize as wolof_spelling
from wolof_numbers import parse_strict as wolof_number
from wolof_numbers.parser import MILLIONS as _WOLOF_MILLIONS
from wolof_numbers.parser import MULTIPLIERS as _WOLOF_MULTIPLIERS
from wolof_numbers.parser import ONES as _WOLOF_ONES
from wolof_numbers.parser import SPECIAL_TENS as _WOLOF_TENS

from intents.normalize import (
    SIZE_UNITS,
    fold,
    is_decimal,
    is_size,
    singular,
    tokenize,
    word_key,
    word_keys,
)
from intents.units import UNIT_WORDS

MAX_QUANTITY = 100_000  # above this a number is a price, a phone number or noise

# The words text2num reads, keyed by our folded singular key ("trois" is "troi").
_FRENCH = (
    "zéro", "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "vingts", "trente",
    "quarante", "cinquante", "soixante", "septante", "huitante", "octante", "nonante", "cent",
    "cents", "mille",
)  # fmt: skip
_ENGLISH = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "hundreds", "thousand", "thousands",
)  # fmt: skip
_WORDS_OF: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "fr": MappingProxyType({word_key(w): w for w in reversed(_FRENCH)}),  # "vingt", not "vingts"
    "en": MappingProxyType({word_key(w): w for w in reversed(_ENGLISH)}),
})  # fmt: skip
_JOINERS: Mapping[str, str] = MappingProxyType({"fr": "et", "en": "and"})
DOZEN_WORDS = frozenset(word_key(w) for w in ("douzaine", "douzaines", "dozen", "dozens"))

# Wolof numeral words as the library spells them, and the spellings it maps to them that are
# everyday French or English words here ("ben" oui, "net", "nit" a person, "benne", "fuck").
_WOLOF_CANONICAL = frozenset({*_WOLOF_ONES, *_WOLOF_MULTIPLIERS, *_WOLOF_TENS, *_WOLOF_MILLIONS})
_WOLOF_FALSE_FRIENDS = frozenset({"ben", "benne", "net", "nit", "fuck", "mille", "nar"})
_WOLOF_UNITS = frozenset(fold(w) for w in ("benn", "ñaar", "ñett", "ñeent"))
_WOLOF_FIVE = fold("juróom")
_WOLOF_AK = frozenset({"ak", "ag"})

NUMBER_WORDS: Mapping[str, int] = MappingProxyType(
    {
        **{key: text2num(word, "fr") for key, word in _WORDS_OF["fr"].items()},
        **{key: text2num(word, "en") for key, word in _WORDS_OF["en"].items()},
        **{word_key(w): 12 for w in DOZEN_WORDS},
    }
)
ARTICLES = frozenset(word_key(w) for w in ("un", "une", "one", "benn"))
# Number words that are everyday words too (`quoi de neuf`, `un sac neuf`: new): a count only
# right before a unit or a product (`neuf sacs`), or alone as an answer to "Combien ?".
EVERYDAY_NUMBERS = frozenset(word_key(w) for w in ("neuf",))
# Before which such a word is its everyday meaning (`quoi de neuf`, `rien de neuf`, `tout neuf`).
_EVERYDAY_AFTER = frozenset(word_key(w) for w in ("de", "du", "d", "tout", "toute", "rien"))


def everyday_word(keys: Sequence[str], index: int) -> bool:
    """Whether the word at ``index`` is a number word in its everyday meaning: ``neuf`` after
    ``de`` or ``tout`` or a unit (``quoi de neuf``, ``un sac neuf``), not ``neuf sacs``."""
    if keys[index] not in EVERYDAY_NUMBERS or index == 0:
        return False
    before = keys[index - 1]
    return before in _EVERYDAY_AFTER or before in UNIT_WORDS


VAGUE_WORDS = frozenset(
    word_key(w)
    for w in (
        "dizaine", "vingtaine", "trentaine", "quarantaine", "cinquantaine", "soixantaine",
        "centaine", "quelques", "plusieurs", "beaucoup", "peu", "certains", "some", "few",
        "several", "lot", "lots", "bunch", "tas", "pleins", "environ", "about",
        "aine",  # "10aine" (une dizaine) splits into 10 + aine
    )
)  # fmt: skip
# `this one`, `the big one`, `the other one`: after these (one or two words before), English
# "one" stands for a product, not a count.
_ONE_AS_PRONOUN_AFTER = frozenset(
    word_key(w) for w in ("this", "that", "the", "which", "other", "same", "each", "every")
)
_ONE_DESCRIBED = frozenset(  # `the big one`, `that red one`
    word_key(w)
    for w in (
        "big", "bigger", "biggest", "small", "smaller", "smallest", "large", "little", "other",
        "first", "second", "last", "new", "old", "red", "blue", "green", "white", "black",
    )
)  # fmt: skip
# A number followed by one of these is a price, a time or a date, not a quantity.
_NOT_QUANTITY_AFTER = frozenset(
    word_key(w)
    for w in (
        "f", "fr", "frs", "franc", "francs", "fcfa", "cfa", "xof", "h", "heure", "heures",
        "mn", "min", "minutes", "jour", "jours", "semaine", "mois", "an", "ans", "er", "ere",
        "eme", "e", "ieme", "pourcent", "pct", "fois", "day", "days", "week", "hour",
        "derem", "dereum", "seconde", "sec", "second", "instant", "moment",
    )
)  # fmt: skip
# A number of people (`deux clients ont pris du riz`, `3 customers came`): no amount of goods.
PEOPLE = frozenset(
    word_key(w)
    for w in ("client", "clients", "cliente", "clientes", "customer", "customers", "personne",
              "personnes", "gens", "people", "person", "persons")
)  # fmt: skip
# "3 à 4 sacs", "2 ou 3", "between 3 and 4": a range when the second is a little more.
_RANGE_WORDS = frozenset(word_key(w) for w in ("a", "ou", "or", "to", "walla", "wala"))
_BETWEEN = frozenset(word_key(w) for w in ("entre", "between", "diggante"))

# "2 sacs et demi", "un demi sac", "two and a half": a fraction of the unit, never a whole count.
FRACTION_WORDS = frozenset(
    word_key(w) for w in ("demi", "demie", "demis", "half", "quart", "quarter", "moitie")
)
# Numbers the tokenizer keeps whole so that they are never read as another number.
_NEGATIVE = re.compile(r"^-\d+(?:\.\d+)?$")
_RANGE = re.compile(r"^\d+-\d+$")
_EXPONENT = re.compile(r"^\d+(?:\.\d+)?e[+-]?\d+$")
_FRACTION = re.compile(r"^\d+/\d+$")
# A number glued to letters (`9v`, `20w50`, `r13`, `70ah`) and what is no code after one.
_GLUED = re.compile(r"[^\W_]*\d[^\W_]*")
_RUNS = re.compile(r"\d+|\D+")
# What ends an ordinal written with digits, tokenised apart (`2e` → `2`, `e`; `1ère`, `3rd`).
ORDINAL_ENDINGS = word_keys("e er ere eme ieme em st nd rd th")
_ORDINAL = re.compile(
    r"(?<![^\W_])(\d{1,2})(?:"
    + "|".join(sorted(ORDINAL_ENDINGS, key=len, reverse=True))
    + r")(?![^\W_])"
)
_NOT_CODE = UNIT_WORDS | frozenset(SIZE_UNITS) | ORDINAL_ENDINGS | {"x"}
# A number glued to letters through brackets or markup (`alert(1)`, `f(2)`, `<b>1</b>`, `id=3`):
# code or junk pasted in, never a count (`riz: 3`, `n°2`, `1,5l`, `(3)` are not such glue).
_MARKUP = r"()\[\]{}<>=\\|^~`$@&;"
_MARKUP_GLUED = re.compile(
    rf"(?<=[^\W\d_])[{_MARKUP}]+(?P<after>\d+)|(?P<before>\d+)(?=[{_MARKUP}]+[^\W\d_])"
)
# A count in brackets right after a word (`riz(3)`, `savon[2]`): the count of that word when it
# names a product (`markup_positions`).
_BRACKETED = re.compile(r"(?P<word>[^\W\d_]+)[(\[](?P<count>\d+)[)\]]")


@dataclass(frozen=True, slots=True)
class Number:
    """A number read at ``start`` up to (excluding) ``end`` in a key list; ``issue`` says why
    it cannot be a quantity as written (see :data:`intents.models.QUANTITY_ISSUES`)."""

    value: int | None
    start: int
    end: int
    in_words: bool
    issue: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """The quantity of a message, or why the number typed for it is not one."""

    value: int | None = None
    issue: str | None = None


@lru_cache(maxsize=32)
def code_digits(text: str) -> frozenset[str]:
    """The numbers written only inside a code or rating (`20w50`, `r13`, `70ah`, `9v`,
    `c7hsa`), never on their own: a product's name, not a count. Glued to a unit (`20sacs`,
    `5l`) or an ordinal ending (`2e`), a number stays one; glued through markup
    (`alert(1)`) it never is."""
    inside: set[str] = set(_markup_glued(text))
    alone: set[str] = set()
    folded = fold(text)
    if inside:  # those digits are no longer read as standing alone below
        folded = _MARKUP_GLUED.sub(" ", folded)
    for word in _GLUED.findall(folded):
        runs = _RUNS.findall(word)
        digits = [str(int(r[:9])) for r in runs if r.isdigit()]
        letters = [r for r in runs if not r.isdigit()]
        if not letters:
            alone.update(digits)
        elif any(len(r) <= 3 and singular(r) not in _NOT_CODE for r in letters):
            inside.update(digits)
    return frozenset(inside - alone)


@lru_cache(maxsize=32)
def _markup_glued(text: str) -> frozenset[str]:
    """The numbers glued to letters through markup (`alert(1)`), see `_MARKUP_GLUED`."""
    return frozenset(
        str(int((found.group("after") or found.group("before"))[:9]))
        for found in _MARKUP_GLUED.finditer(fold(text))
    )


def markup_positions(keys: Sequence[str], text: str, names: Collection[str] = ()) -> frozenset[int]:
    """Where `keys` (the words of `text`) hold a number glued through markup and typed nowhere
    alone (`foo(2)`): never a count, not even the only number of an answer; one in brackets
    right after a word of `names` (the keys of the catalog's names: `riz(3)`) is that product's
    count."""
    glued = _markup_glued(text) & code_digits(text)
    if names and glued:
        glued -= {
            str(int(found.group("count")[:9]))
            for found in _BRACKETED.finditer(fold(text))
            if word_key(found.group("word")) in names
        }
    return frozenset(
        i for i, key in enumerate(keys) if key.isdigit() and str(int(key[:9])) in glued
    )


def code_positions(keys: Sequence[str], text: str) -> frozenset[int]:
    """Where `keys` (the words of `text`) hold a number of :func:`code_digits`: `9` of
    `pile 9v 2`."""
    codes = code_digits(text)
    if not codes:
        return frozenset()
    return frozenset(
        i for i, key in enumerate(keys) if key.isdigit() and str(int(key[:9])) in codes
    )


def is_number_word(key: str) -> bool:
    """A word that is (part of) a number: ``vingt``, ``cent``, ``fukk``, ``thousand``."""
    return key in NUMBER_WORDS or _wolof_word(key) is not None


def is_numeric(key: str) -> bool:
    """Any number as typed, valid quantity or not: ``12``, ``2.5``, ``-5``, ``3-4``, ``1e9``."""
    if not key or not (key[0].isdigit() or key[0] == "-"):
        return False
    return (
        key.isdigit()
        or is_decimal(key)
        or bool(
            _NEGATIVE.match(key)
            or _RANGE.match(key)
            or _EXPONENT.match(key)
            or _FRACTION.match(key)
        )
    )


def read_number(keys: Sequence[str], start: int, dozens: bool = True) -> Number | None:
    """Read the number starting at ``start``: digits, a number kept whole by the tokenizer, or
    the longest run of number words that reads as one number. ``dozens``: ``2 douzaines`` is
    24 (of a product counted one by one); else 2, of a product counted by the dozen."""
    first = keys[start]
    times = 12 if dozens else 1
    if first[:1].isdigit() or first[:1] == "-":
        found = _read_digits(first, start)
        dozen = start + 1 < len(keys) and keys[start + 1] in DOZEN_WORDS
        if found is not None and found.value is not None and dozen:
            return _checked(found.value * times, start, start + 2, in_words=False)
        return found
    if first in DOZEN_WORDS:
        return _checked(times, start, start + 1, in_words=True)
    for language in ("fr", "en"):
        if first in _WORDS_OF[language]:
            return _read_words(keys, start, language, times)
    if _wolof_word(first) is not None:
        return _read_wolof(keys, start)
    return None


def _read_digits(key: str, start: int) -> Number | None:
    if key.isdigit():
        return _checked(int(key[:12]), start, start + 1, in_words=False)
    if is_decimal(key):
        return Number(None, start, start + 1, False, "decimal")
    if _NEGATIVE.match(key):
        return Number(None, start, start + 1, False, "negative")
    if _RANGE.match(key):
        return Number(None, start, start + 1, False, "range")
    if _EXPONENT.match(key):
        return Number(None, start, start + 1, False, "exponent")
    if _FRACTION.match(key):
        return Number(None, start, start + 1, False, "decimal")
    return None


def _checked(value: int, start: int, end: int, in_words: bool) -> Number:
    issue = "zero" if value == 0 else "too_big" if value > MAX_QUANTITY else None
    return Number(None if issue else value, start, end, in_words, issue)


def _read_words(keys: Sequence[str], start: int, language: str, times: int = 12) -> Number:
    """French or English words: the longest run text2num reads (``vingt et un``, not ``vingt
    vingt``), then ``douzaine(s)`` multiplies by ``times`` (``deux douzaines``)."""
    words = _WORDS_OF[language]
    run: list[str] = []
    index = start
    while index < len(keys):
        key = keys[index]
        if key in words:
            run.append(words[key])
        elif (
            key == _JOINERS[language] and run and index + 1 < len(keys) and keys[index + 1] in words
        ):
            run.append(key)
        else:
            break
        index += 1
    for length in range(len(run), 0, -1):
        if run[length - 1] == _JOINERS[language]:
            continue
        value = _words_value(" ".join(run[:length]), language)
        if value is not None:
            end = start + length
            if end < len(keys) and keys[end] in DOZEN_WORDS:
                return _checked(value * times, start, end + 1, in_words=True)
            return _checked(value, start, end, in_words=True)
    return _checked(NUMBER_WORDS[keys[start]], start, start + 1, in_words=True)


@lru_cache(maxsize=4096)
def _words_value(text: str, language: str) -> int | None:
    try:
        return int(text2num(text, language))
    except ValueError:
        return None


@lru_cache(maxsize=50_000)  # asked for every word that is no French or English number
def _wolof_word(key: str) -> str | None:
    """The library's spelling of a Wolof numeral word (``naari`` -> ``ñaar``), else None."""
    if key in _WOLOF_FALSE_FRIENDS:
        return None
    spelled = wolof_spelling(key)
    return spelled if spelled in _WOLOF_CANONICAL else None


def _read_wolof(keys: Sequence[str], start: int) -> Number:
    """A run of Wolof numeral words joined by ``ak`` (``ñaar fukk ak juróom``), ``mille`` after
    one of them (``ñaar mille``), each ``ak`` part smaller than the one before."""
    words: list[str] = []
    index = start
    while index < len(keys):
        key = keys[index]
        spelled = _wolof_word(key) or ("junni" if key == "mille" and words else None)
        if spelled is not None:
            words.append(spelled)
        elif (
            key in _WOLOF_AK
            and words
            and index + 1 < len(keys)
            and _wolof_word(keys[index + 1]) is not None
        ):
            words.append("ak")
        else:
            break
        index += 1
    while words and words[-1] == "ak":
        words.pop()
    value, issue, used = _wolof_value(tuple(words))
    end = start + used
    if issue is not None:
        return Number(None, start, end, True, issue)
    assert value is not None
    return _checked(value, start, end, in_words=True)


@lru_cache(maxsize=4096)
def _wolof_value(words: tuple[str, ...]) -> tuple[int | None, str | None, int]:
    """(value, issue, words used) of a run of Wolof numeral words.

    Ours before the library's: ``juróom`` and a unit is one number from 6 to 9 (``juróom ñaar
    fukk`` is 7 × 10 = 70, as Wolof grammars write it; the library adds 5 + 20); two numbers
    side by side otherwise (``ñaar ñett``, two or three) read two ways: ambiguous, as is any
    run the library itself reports ambiguous. An ``ak`` part not smaller than the part before
    ends the number (``ñaar ak ñett`` is two numbers).
    """
    parts: list[list[str]] = [[]]
    for word in words:
        if word == "ak":
            parts.append([])
        else:
            parts[-1].append(word)
    phrase: list[str] = []
    used = 0
    previous: int | None = None
    for part in parts:
        atoms = _joined_fives(part)
        value = _library_value(" ".join(atoms))
        if _two_side_by_side(atoms) or value is None:
            if previous is None:
                return None, "ambiguous", used + len(part)
            break
        if previous is not None and value >= _magnitude(previous):
            break
        phrase.extend(["ak", *atoms] if phrase else atoms)
        used += len(part) + (1 if previous is not None else 0)
        previous = value
    total = _library_value(" ".join(phrase))
    if total is None:
        return None, "ambiguous", used
    return total, None, used


def _joined_fives(words: list[str]) -> list[str]:
    joined: list[str] = []
    for word in words:
        if joined and fold(joined[-1]) == _WOLOF_FIVE and fold(word) in _WOLOF_UNITS:
            joined[-1] = f"{joined[-1]}-{word}"
        else:
            joined.append(word)
    return joined


def _two_side_by_side(atoms: list[str]) -> bool:
    """Two numbers below ten in a row, with no multiplier between (``ñaar ñett``)."""
    small = [word not in _WOLOF_MULTIPLIERS and word not in _WOLOF_MILLIONS for word in atoms]
    return any(a and b for a, b in zip(small, small[1:], strict=False))


def _magnitude(value: int) -> int:
    """The power of ten a part counts in: an ``ak`` part after 20 must be below 10."""
    power = 1
    while power * 10 <= value:
        power *= 10
    return power


@lru_cache(maxsize=4096)
def _library_value(phrase: str) -> int | None:
    try:
        return int(wolof_number(phrase))
    except (AmbiguityError, UnsupportedNumeralForm):  # the library's "cannot tell"
        return None


def find_quantity(
    keys: Sequence[str],
    skip: Collection[int] = (),
    is_anchor: Callable[[int], bool] = lambda _index: False,
    answer: bool = False,
    units: Collection[str] = (),
    named: Collection[int] = (),
    dozens: bool = True,
) -> Quantity:
    """Pick the quantity among the numbers of a message.

    ``units``: words that are a unit of the catalog, never vague even when they can be (a
    ``tas`` of peppers is a unit where the catalog sells peppers by the tas).

    ``skip`` holds positions already used as sizes or inside product names; ``is_anchor(i)``
    says whether position ``i`` starts a unit or product word, which makes the number before
    it the likeliest quantity (``vendu 3 sacs de riz à 15000``). A bare ``un``/``une`` counts
    only before such an anchor; a vague word (``une dizaine``) with no plain number gives
    nothing. When the number chosen cannot be a quantity (``-5``, ``3 à 4``, ``2,5``…) the
    result has no value and says why. In an ``answer`` to "Combien ?", ``un`` alone is one.

    ``named`` holds positions of numbers glued to letters of a name or a size (the ``9`` of
    ``pile 9v 2``, the ``50`` of ``50kg ciment 3`` for cement sold by the kg): the quantity only
    when no other number is there. ``dozens``: as for `read_number`.
    """
    best: tuple[int, Number] | None = None  # (priority, number)
    vague = False
    fractions: list[int] = []
    index = 0
    vague_words = VAGUE_WORDS.difference(units)
    while index < len(keys):
        key = keys[index]
        if key in vague_words:
            vague = True
        if key in FRACTION_WORDS and index not in skip:
            fractions.append(index)
        if index in skip or is_size(key):
            index += 1
            continue
        number = read_number(keys, index, dozens)
        if number is None:
            index += 1
            continue
        number = _as_range(keys, number)
        index = number.end
        following = keys[number.end] if number.end < len(keys) else ""
        if following in vague_words or following in _NOT_QUANTITY_AFTER or following in PEOPLE:
            vague = vague or following in vague_words
            continue
        if _percent(keys, number):
            continue
        before = keys[max(0, index - 3) : index - 1]  # the one or two words before it
        if (
            key == "one"
            and before
            and (
                before[-1] in _ONE_AS_PRONOUN_AFTER
                or (before[-1] in _ONE_DESCRIBED and before[0] in _ONE_AS_PRONOUN_AFTER)
            )
        ):
            continue
        anchored = is_anchor(number.end) if number.end < len(keys) else answer
        single_word = number.in_words and number.end - number.start == 1
        single_article = single_word and key in ARTICLES
        if (single_article or (single_word and key in EVERYDAY_NUMBERS)) and not anchored:
            continue
        if number.start in named and number.end - number.start == 1:
            priority = 0
        else:
            priority = 1 if single_article else (3 if anchored else 2)
        if best is None or priority > best[0]:
            best = (priority, number)
    if fractions and (best is None or any(0 <= f - best[1].end <= 3 for f in fractions)):
        return Quantity(None, "decimal")  # "2 sacs et demi", "un demi sac": asked, not cut
    if best is None or (vague and best[0] < 2):
        return Quantity()
    return Quantity(best[1].value, best[1].issue)


def _percent(keys: Sequence[str], number: Number) -> bool:
    """``10 pour cent``, ``cent pour cent``: a share, never a count (nor is its ``cent``)."""
    after = tuple(keys[number.end : number.end + 2])
    return after == ("pour", "cent") or (
        number.start > 0 and keys[number.start - 1] == "pour" and keys[number.start] == "cent"
    )


def _as_range(keys: Sequence[str], number: Number) -> Number:
    """``3 à 4``, ``2 ou 3``, ``entre 5 et 10``: two numbers for one quantity are a range. The
    second must be a little more than the first: ``3 sacs à 15000`` is a price."""
    if number.value is None or number.end + 1 >= len(keys):
        return number
    between = number.start > 0 and keys[number.start - 1] in _BETWEEN
    link = keys[number.end]
    if link not in _RANGE_WORDS and not (between and link in {"et", "and", "ak"}):
        return number
    second = read_number(keys, number.end + 1)
    if second is None or second.value is None:
        return number
    low, high = number.value, second.value
    if between or low < high <= max(2 * low, low + 10):
        return Number(None, number.start, second.end, number.in_words, "range")
    return number


def read_quantity(text: str, dozens: bool = True, names: Collection[str] = ()) -> Quantity:
    """The quantity typed in a short answer to "Combien ?" (``12``, ``douze sacs``, ``1 000``,
    ``ñaar fukk``), or why the number typed is not one (``-3``, ``2,5``, ``3 à 4``). ``dozens``:
    as for `read_number` (``2 douzaines`` of a product counted by the dozen is 2); ``names``: as
    for `markup_positions` (``riz(3)`` is 3 when ``riz`` names a product)."""
    keys = [token.key for token in tokenize(text)]
    found = find_quantity(
        keys,
        skip=markup_positions(keys, text, names),
        is_anchor=lambda i: keys[i] not in VAGUE_WORDS,
        answer=True,
        named=code_positions(keys, text),
        dozens=dozens,
    )
    sizes = [key for key in keys if is_size(key)]
    if found.value is None and found.issue is None and len(sizes) == 1:
        # "7 kilos", "15 kg" answering "Combien de kg ?": the measure is the count asked for
        number = sizes[0].rstrip("abcdefghijklmnopqrstuvwxyz")
        return find_quantity([number], answer=True)
    return found


def parse_quantity(text: str) -> int | None:
    """Quantity typed in a short answer, else None (see :func:`read_quantity` for why)."""
    return read_quantity(text).value


def ordinal_digits(keys: Sequence[str], text: str) -> set[int]:
    """Where `keys` (of `text`) hold the digits of an ordinal typed as one word (`le 2e`,
    `2ème`, `1er`, `the 3rd`; not `2 e`): a place among choices, never an amount."""
    glued = {found.group(1) for found in _ORDINAL.finditer(fold(text))}
    return {
        index
        for index, key in enumerate(keys[:-1])
        if key in glued and keys[index + 1] in ORDINAL_ENDINGS
    }
