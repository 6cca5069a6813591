"""Stock counts: `inventaire riz 30`, `j'ai compté 30 sacs`, `INVENTAIRE` alone for the tour."""

from __future__ import annotations

import re
from collections.abc import Sequence

from intents.answers import (
    ACTUALLY_WORDS,
    Numbers,
    correction,
    keys_of,
    numbers_in,
    says_actually,
)
from intents.items import item_spans
from intents.normalize import NameNumbers, has_phrase, is_decimal, size_unit
from intents.numbers import is_number_word
from intents.requests.base import (
    STOP,
    WANTING,
    Readings,
    Request,
    RequestKind,
    rest_words,
    word_set,
)
from intents.stopwords import LINK_WORDS
from intents.units import UNIT_WORDS

_COUNT_WORDS = word_set(
    "inventaire inventory inventer compte compter comptee comptage recompte recompter counted "
    "count recount lim limm limal"
)
_TOUR_FILLER = word_set(
    "faire fait fais faisons on commence commencer commencons lance lancer start begin do "
    "let let's lets reprendre reprend reprends continuer continue resume le la l un une de du "
    "des d mon ma notre the an stp svp please boss maintenant now today aujourd hui total "
    "complet tout toute"
)
_SET_VERBS = word_set("corrige corriger corrigez ajuste ajuster mets mettre met fixe fixer set")
_EQUALS = re.compile(r"=")
# `actually it was 12`, `en fait c'était 12`: what was recorded corrected, not a count.
_PAST = word_set("etait etaient etais was were avait")
# A count said against what was expected, without a count word: `riz il y a 2 sacs de plus que
# prévu`, `there are 3 bags less than expected`, `am na 2 sac yu ëpp`.
_THAN = word_set("que qu than")
_EXPECTED = word_set(
    "prevu prevus prevue attendu note notes enregistre indique affiche expected recorded noted "
    "shown planned"
)
_THERE_ARE = (("y", "a"), ("y", "en", "a"), ("there", "are"), ("there", "is"), ("am", "na"))
_DROP = (
    _COUNT_WORDS
    | _SET_VERBS
    | word_set("stock y en have has there are ai avons a ont reste restent am na yu")
    | ACTUALLY_WORDS
    | _THAN
    | _EXPECTED
)
_OF = word_set("de d of")


def _counted_size(
    keys: Sequence[str],
    counting: Sequence[int],
    name_numbers: NameNumbers | None = None,
    told: bool = False,
) -> bool:
    """A count typed as a whole size and nothing else to count (`j'ai compté 52 m de durite`,
    `counted 15 kg of grease`): the size right after the count word or right before `de`/`of`.
    A size elsewhere names the product (`inventaire huile 5l`), unless the catalogue's
    `name_numbers` (when known) say no name of the word before it holds that number
    (`inventaire bazin 95 m`: 95 metres of bazin, no "Bazin 95"; `told`: the piece of a
    message that counts already, `voile 40 m` of `inventaire bazin 95 m, voile 40 m`)."""
    for index, key in enumerate(keys):
        unit = size_unit(key)
        if not unit or not key[: -len(unit)].isdigit():
            continue
        after_count = index - 1 in counting
        before_of = index + 1 < len(keys) and keys[index + 1] in _OF
        if after_count or (counting and before_of):
            return True
        if (counting or told) and _names_no_size(keys, index, key[: -len(unit)], name_numbers):
            return True
    return False


def _names_no_size(
    keys: Sequence[str], index: int, amount: str, name_numbers: NameNumbers | None
) -> bool:
    """Whether the size at `index` follows a word (past `de`/`of`) that no catalogue name
    holds with that number: the size is then an amount, not the product's (`bazin 95m`)."""
    if name_numbers is None or index == 0:
        return False
    before = index - 1
    if keys[before] in _OF and before > 0:
        before -= 1
    word = keys[before]
    if not word.isalpha() or word in _COUNT_WORDS or word in STOP:
        return False
    return (word, str(int(amount))) not in name_numbers


def read_count(
    keys: Sequence[str], text: str, name_numbers: NameNumbers | None = None
) -> Request | None:
    """`inventaire riz 30`, `j'ai compté 30 sacs de riz`, `il y a 30 sacs de riz en vrai`,
    `corrige le stock de riz à 30`, `stock riz = 30`, `we counted 30 bags`; `INVENTAIRE` alone
    starts the guided count."""
    counting = [i for i, k in enumerate(keys) if k in _COUNT_WORDS]
    setting = [i for i, k in enumerate(keys) if k in _SET_VERBS]
    really = says_actually(keys)
    equals = bool(_EQUALS.search(text))
    compared = any(k in _THAN for k in keys) or any(has_phrase(keys, p) for p in _THERE_ARE)
    if not (counting or setting or really or equals or compared):
        return None  # every count below needs one of them: most messages stop here
    numbers = numbers_in(keys)
    sized = not numbers.values and _counted_size(keys, counting, name_numbers)
    if counting and not numbers.values and not sized:
        if all(k in _TOUR_FILLER or k in _COUNT_WORDS or k in STOP or k in WANTING for k in keys):
            return Request(RequestKind.COUNT_TOUR)
        return None
    if not (numbers.values or sized):
        return None
    if really and not (counting or setting or equals) and _taken_back(text):
        return None  # `not 4 actually 5`, `du 4 dafa doon 5`: a number corrected, no count
    if not (counting or setting or equals) and any(k in _PAST for k in keys):
        return None
    if compared and not (counting or setting or really or equals):
        found = relative_count(text)  # `riz il y a 2 sacs de plus que prévu`: a count
        return relative_request(*found) if found is not None else None
    if setting and not counting and not ("stock" in keys or equals or "a" in keys):
        return None
    relative = relative_count(text)
    if relative is not None:
        return relative_request(*relative)
    counts = read_counts(text, keys, name_numbers)
    if not counts:
        return None
    rest, counted = counts[0][0]
    return Request(RequestKind.COUNT, rest, quantity=counted, counts=counts)


def _taken_back(text: str) -> bool:
    """A number said to be another (`pas 4 en fait 5`, `du 4 dafa doon 5`)."""
    found = correction(text)
    return found is not None and found.was is not None


def relative_request(change: int, rest: str) -> Request | None:
    """A count of one product said as a change from its stock (`inventaire riz 2 de plus`)."""
    counts = read_counts(rest)
    if len(counts) != 1:
        return None
    readings = tuple((words, change) for words, counted in counts[0] if counted == abs(change))
    if not readings:
        return None
    return Request(
        RequestKind.COUNT, readings[0][0], quantity=change, counts=(readings,), change=True
    )


def says_count(keys: Sequence[str]) -> bool:
    """Whether `keys` hold a word of counting (`inventaire`, `compté`, `counted`, `lim`)."""
    return any(k in _COUNT_WORDS for k in keys)


def read_counts(
    text: str, keys: Sequence[str] | None = None, name_numbers: NameNumbers | None = None
) -> tuple[Readings, ...]:
    """Each count `text` lists, in the order written, the readings of each (`riz 40 et savon
    12`, `j'ai compté 40 riz, 10 savon`; also without a count word: `riz 40` typed during the
    guided count); () when it holds none. A piece without a number goes with the one before it
    (the one after, first): `riz, 40 sacs`, `sel et poivre 12`. `keys`: the keys of the whole
    `text`, as the caller read them; else they are read with `name_numbers`, the catalogue's
    numbers of names (`fer 10 140` is a count of 140, not of 10 140)."""
    pieces = _pieces(text, name_numbers)
    if len(pieces) > 1:
        numbers = name_numbers or frozenset()
        keyed = [keys_of(piece, numbers) for piece in pieces]
        keyed = [_of_family(k, keyed[:i], numbers) for i, k in enumerate(keyed)]
        counts = tuple(_readings(keys, name_numbers, told=True) for keys in keyed)
        if all(counts):
            return counts
    if keys is None:
        keys = keys_of(text, name_numbers or frozenset())
    readings = _readings(keys, name_numbers)
    return (readings,) if readings else ()


def _of_family(
    keys: list[str], before: Sequence[Sequence[str]], name_numbers: NameNumbers
) -> list[str]:
    """A piece naming no product but the number of a name whose word a piece before it typed
    (`750 8` of `inventaire lait 400 20 et 750 8`): that word put before it (`lait 750 8`)."""
    if any(k.isalpha() and k not in _DROP and k not in STOP for k in keys):
        return keys
    earlier = [k for piece in before for k in piece if k.isalpha()]
    for key in keys:
        word = next((w for w in reversed(earlier) if (w, key) in name_numbers), None)
        if key.isdigit() and word is not None:
            return [word, *keys]
    return keys


def _pieces(text: str, name_numbers: NameNumbers | None = None) -> list[str]:
    """`text` cut at its separators (`et`, `,`, a new line…) into pieces that each hold a
    number (or a size that is an amount: `_counted_size`)."""
    spans: list[tuple[int, int]] = []
    opening: int | None = None  # where the pieces without a number before the first count start
    for start, end in item_spans(text, _one_number):
        keys = keys_of(text[start:end], name_numbers or frozenset())
        if not numbers_in(keys).values and not _counted_size(keys, (), name_numbers, told=True):
            if spans:
                spans[-1] = (spans[-1][0], end)
            elif opening is None:
                opening = start
            continue
        spans.append((start if opening is None else opening, end))
        opening = None
    return [text[start:end] for start, end in spans]


def _one_number(left: str, separator: str, right: str) -> bool:
    """`vingt et un`, `fukk ak juróom`: one number, not two counts."""
    return separator.isalpha() and is_number_word(left) and is_number_word(right)


def _readings(
    keys: Sequence[str], name_numbers: NameNumbers | None = None, told: bool = False
) -> Readings:
    """The readings of the one count `keys` hold (the count words among them left out)."""
    counting = {i for i, k in enumerate(keys) if k in _COUNT_WORDS or k in _SET_VERBS}
    numbers = numbers_in(keys)
    if not numbers.values:
        counted = [i for i in counting if keys[i] in _COUNT_WORDS]
        if not _counted_size(keys, counted, name_numbers, told):
            return ()
        return _count_options(keys, numbers, counting, _DROP)
    if len(numbers.values) == 1 and not any(size_unit(k) or is_decimal(k) for k in keys):
        used = numbers.positions | counting
        return ((rest_words(keys, used, _DROP, units=True), numbers.values[0][2]),)
    return _count_options(keys, numbers, counting, _DROP)


def _count_options(
    keys: Sequence[str], numbers: Numbers, used: set[int], drop: frozenset[str]
) -> tuple[tuple[str, int], ...]:
    """Each number, then each whole size (`41kg`), read as the count, the other words (their
    units, numbers and links kept: they may name the product) left for the product; the last
    number first (`inventaire fer de 10 : 140`)."""
    spans = [(start, end, value) for start, end, value in reversed(numbers.values)]
    for index, key in enumerate(keys):
        unit = size_unit(key)
        amount = key[: -len(unit)] if unit else ""
        if amount.isdigit() and int(amount) > 0:
            spans.append((index, index + 1, int(amount)))
    # Function words go (`we … of fleur 11 seed` read as English small talk), but for the links
    # that tie a number to a name (`fer de 10`, `roll of 1.5 cable`).
    dropped = (drop | STOP) - LINK_WORDS
    return tuple(
        (
            " ".join(
                k
                for i, k in enumerate(keys)
                if not start <= i < end and i not in used and k not in dropped
            ),
            value,
        )
        for start, end, value in spans
    )


# A count said relative to the stock recorded: `2 de plus`, `il y en a 2 de moins`, `il en
# manque 3`, `3 more`, `two less`, `2 cartons en plus`.
_MORE = word_set("plus more extra epp")
_LESS = word_set("moins less fewer")
_MISSING = word_set("manque manquent manquait missing short")
_RELATIVE_LINKS = word_set("de en d")


def _ends_relative(keys: Sequence[str], at: int) -> bool:
    """A marker of more or less after the product's words: `de plus`/`en moins` (`2 sacs de riz
    en plus`), or one followed by `que`/`than` or ending the message (`4 bags of rice less`)."""
    if keys[at] not in _MORE | _LESS:
        return False
    after = keys[at + 1] if at + 1 < len(keys) else None
    return keys[at - 1] in _RELATIVE_LINKS or after is None or after in _THAN


def relative_count(text: str) -> tuple[int, str] | None:
    """`2 de plus` → (2, the rest), `il y en a 2 de moins`, `il en manque 2` → (-2, the rest):
    a number said more or less than the stock recorded (the marker right after it, its unit or
    `de`/`en` between, or after the product's words: `2 sacs de riz en plus`; `manque`/`missing`
    anywhere, of the last number); the last number so marked counts, the others may be the
    name's (`pneu 13 il y a 2 pièces de plus`). The rest is the text without the marker, read
    as any count (`flag 2 de plus`: the flag). None for an absolute count (`plus tard`, `2`)."""
    keys = keys_of(text)
    numbers = numbers_in(keys).values
    if not numbers:
        return None
    missing = next((i for i, k in enumerate(keys) if k in _MISSING), None)
    found = None
    if missing is not None:
        found = (numbers[-1][2], missing, -1)
    for _, end, value in reversed(numbers if missing is None else ()):
        marker = _marker_after(keys, end)
        if marker is not None:
            found = (value, marker, 1 if keys[marker] in _MORE else -1)
            break
    if found is None or not found[0]:
        return None
    value, marker, sign = found
    dropped = {marker}
    if marker > 0 and keys[marker - 1] in _RELATIVE_LINKS:
        dropped.add(marker - 1)
    rest = [k for i, k in enumerate(keys) if i not in dropped]
    return sign * value, " ".join(rest)


def _marker_after(keys: Sequence[str], end: int) -> int | None:
    """Where the `plus`/`moins`/`more`/`less` of the number ending at `end` is: right after it
    (its unit, `de`/`en` between) or after the product's words (`_ends_relative`)."""
    at = end
    while at < len(keys) and (keys[at] in _RELATIVE_LINKS or keys[at] in UNIT_WORDS):
        at += 1
    if at < len(keys) and keys[at] in _MORE | _LESS:
        return at
    return next((i for i in range(end + 1, len(keys)) if _ends_relative(keys, i)), None)
