"""Quantities: digits and number words (French, some English and Wolof)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from intents.normalize import is_size, tokenize, word_key

MAX_QUANTITY = 100_000  # above this a number is a price, a phone number or noise

_UNITS_WORDS = MappingProxyType({
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
    "douzaine": 12,
    # English
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12,
    # Wolof
    "benn": 1, "naar": 2, "nett": 3, "neent": 4, "juroom": 5,
})  # fmt: skip
_HUNDRED = frozenset(word_key(w) for w in ("cent", "cents", "hundred", "teemeer"))
_THOUSAND = frozenset(word_key(w) for w in ("mille", "thousand", "junni"))
_TENS_MULTIPLIER = frozenset({word_key("fukk")})  # Wolof: naar fukk = 20, fukk = 10
_JOINERS = frozenset({"et", "and", "ak"})
NUMBER_WORDS: Mapping[str, int] = MappingProxyType(
    {word_key(w): v for w, v in _UNITS_WORDS.items()}
)
ARTICLES = frozenset(word_key(w) for w in ("un", "une", "one", "benn"))

VAGUE_WORDS = frozenset(
    word_key(w)
    for w in (
        "dizaine", "vingtaine", "trentaine", "quarantaine", "cinquantaine", "soixantaine",
        "centaine", "quelques", "plusieurs", "beaucoup", "peu", "certains", "some", "few",
        "several", "lot", "lots", "bunch", "tas", "pleins", "environ", "about",
        "aine",  # "10aine" (une dizaine) splits into 10 + aine
    )
)  # fmt: skip
# A number followed by one of these is a price, a time or a date, not a quantity.
_NOT_QUANTITY_AFTER = frozenset(
    word_key(w)
    for w in (
        "f", "fr", "frs", "franc", "francs", "fcfa", "cfa", "xof", "h", "heure", "heures",
        "mn", "min", "minutes", "jour", "jours", "semaine", "mois", "an", "ans", "er", "ere",
        "eme", "e", "ieme", "pourcent", "pct", "fois", "day", "days", "week", "hour",
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Number:
    """A number read at ``start`` up to (excluding) ``end`` in a key list."""

    value: int
    start: int
    end: int
    in_words: bool


def _is_word_number(key: str) -> bool:
    return key in NUMBER_WORDS or key in _HUNDRED or key in _THOUSAND or key in _TENS_MULTIPLIER


def read_number(keys: Sequence[str], start: int) -> Number | None:
    """Read digits or a run of number words (``quatre vingt dix``, ``deux cents``)."""
    first = keys[start]
    if first.isdigit():
        return Number(int(first[:12]), start, start + 1, in_words=False)
    if not _is_word_number(first):
        return None
    total = current = last = 0
    index = start
    while index < len(keys):
        key = keys[index]
        if (
            key in _JOINERS
            and current
            and index + 1 < len(keys)
            and keys[index + 1] in NUMBER_WORDS
        ):
            index += 1
            continue
        if key in _HUNDRED:
            current = (current or 1) * 100
            last = 100
        elif key in _THOUSAND:
            total += (current or 1) * 1000
            current = last = 0
        elif key in _TENS_MULTIPLIER:
            current = (current or 1) * 10
            last = 10
        elif key in NUMBER_WORDS:
            value = NUMBER_WORDS[key]
            if value == 20 and current % 100 == 4 and last == 4:  # quatre-vingt(s)
                current += 76
                last = 20
            elif last == 0 or value < last or (last == 100 and value < 100):
                current += value
                last = value
            else:
                break
        else:
            break
        index += 1
    return Number(total + current, start, index, in_words=True)


def find_quantity(
    keys: Sequence[str],
    skip: Collection[int] = (),
    is_anchor: Callable[[int], bool] = lambda _index: False,
) -> int | None:
    """Pick the quantity among the numbers of a message.

    ``skip`` holds positions already used as sizes or inside product names; ``is_anchor(i)``
    says whether position ``i`` starts a unit or product word, which makes the number before
    it the likeliest quantity (``vendu 3 sacs de riz à 15000``). A bare ``un``/``une`` counts
    only before such an anchor; a vague word (``une dizaine``) with no plain number gives None.
    """
    best: tuple[int, int] | None = None  # (priority, value)
    vague = False
    index = 0
    while index < len(keys):
        key = keys[index]
        if key in VAGUE_WORDS:
            vague = True
        if index in skip or is_size(key):
            index += 1
            continue
        number = read_number(keys, index)
        if number is None:
            index += 1
            continue
        index = number.end
        following = keys[number.end] if number.end < len(keys) else ""
        if following in VAGUE_WORDS or following in _NOT_QUANTITY_AFTER:
            vague = vague or following in VAGUE_WORDS
            continue
        if not 0 < number.value <= MAX_QUANTITY:
            continue
        anchored = number.end < len(keys) and is_anchor(number.end)
        single_article = number.in_words and number.end - number.start == 1 and key in ARTICLES
        if single_article and not anchored:
            continue
        priority = 1 if single_article else (3 if anchored else 2)
        if best is None or priority > best[0]:
            best = (priority, number.value)
    if best is None or (vague and best[0] < 2):
        return None
    return best[1]


def parse_quantity(text: str) -> int | None:
    """Quantity typed in a short answer (``12``, ``douze sacs``, ``vingt-cinq``), else None."""
    keys = [token.key for token in tokenize(text)]
    return find_quantity(keys, is_anchor=lambda i: keys[i] not in VAGUE_WORDS)
