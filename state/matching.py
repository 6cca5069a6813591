"""Which of the products offered a reply designates: by its position (`2`, `le 2e`), a size or a
unit (`5L`, `les 50kg`, `le sac`), a relative size (`le petit`, `la grande bouteille`), words of
its name or aliases (`poudre`, `celui en poudre`), or its whole name.

The choices offered are tried first and alone: a reply that fits none of them is not an answer
(the conversation then reads it as a new message). A reply that fits several narrows the choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from intents import IntentMatcher
from intents.answers import DEGREE_WORDS, SIZE_WORDS, keys_of, letters_of, position, size_wish
from intents.cue_words import WORDS, Cue
from intents.keywords import KEYWORD_VOCABULARY, STOPWORDS
from intents.normalize import fold, is_decimal, is_number, is_size, size_unit, word_keys
from intents.units import UNIT_WORDS, canonical_unit
from intents.word_pairs import counterparts

# Words that say nothing about which product: articles, pronouns, politeness, fillers.
_DIGITS = re.compile(r"(\d+(?:[.,]\d+)?)")  # `1,5` as one number, as `1.5`
_NEUTRAL = (
    word_keys(
        "le la les l un une de du des d en au aux a celui celle ceux celles ce cet cette c est "
        "c'est the one ones that this those of a an it its bi bu yi ba ci moi je veux voulais "
        "prends prendre take want stp svp please merci oui ok yes waaw non plutot premier "
        "premiere dernier derniere first second last n no numero choix produit "
        "product article sur pour for with avec lui in"
    )
    | DEGREE_WORDS
    | WORDS[Cue.THANKS]  # `the small one thanks`, `bi ndaw jërëjëf`
)
_COMMAND_WORDS = word_keys(
    "stock stok stocks vente vendu vendre vends recu reception arrivage arrive commander "
    "commande cmd combien reste sale sold sell order received delivery jaay jaayna jend"
)
# Colours said in French, English or Wolof name the same product (`la noire`, `the black one`,
# `bu ñuul bi` for `Mèche noire`): each word stands for its colour.
_COLOURS = {
    "black": "noir noire noirs noires black nuul",
    "white": "blanc blanche blancs blanches white weex",
    "red": "rouge rouges red xonq",
    "blue": "bleu bleue bleus bleues blue",
    "green": "vert verte verts vertes green wert",
    "yellow": "jaune jaunes yellow mboq",
    "pink": "rose roses pink",
    "brown": "marron brun brune brown",
}
_COLOUR_OF = {word: f"colour:{c}" for c, words in _COLOURS.items() for word in word_keys(words)}
_SIZE_FACTORS = {"kg": ("g", 1000), "g": ("g", 1), "l": ("ml", 1000), "cl": ("ml", 10),
                 "ml": ("ml", 1), "m": ("mm", 1000), "cm": ("mm", 10), "mm": ("mm", 1)}  # fmt: skip


def size_value(key: str) -> tuple[str, float] | None:
    """`5l` → (`ml`, 5000.0), `400g` → (`g`, 400.0): sizes compared across units."""
    if not is_size(key):
        return None
    digits = key.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = key[len(digits) :]
    dimension, factor = _SIZE_FACTORS[unit]
    return dimension, float(digits) * factor


# Units of a rating written after its number (`12V 70Ah`, `LED 9W`): tokenised apart.
_MEASURE_UNITS = word_keys("ah mah v w kw kva a cc hp ch")


def _measures(keys: Sequence[str]) -> set[tuple[str, float]]:
    """`70 ah` → (`ah`, 70.0): a number and the rating unit after it; not a code's (`15 w 40`)."""
    found = set()
    for index in range(len(keys) - 1):
        number, unit = keys[index], keys[index + 1]
        code = index + 2 < len(keys) and is_number(keys[index + 2])
        if is_number(number) and unit in _MEASURE_UNITS and not code:
            found.add((unit, float(number)))
    return found


def _size_number(key: str) -> float | None:
    if not is_size(key):
        return None
    return float(key.rstrip("abcdefghijklmnopqrstuvwxyz"))


# A product's unit that is a measure, as the sizes of a message write it (`4 mètres`: `4m`).
_MEASURES = {
    "kg": "kg",
    "litre": "l",
    "l": "l",
    "g": "g",
    "gramme": "g",
    "metre": "m",
    "m": "m",
    "centimetre": "cm",
    "cm": "cm",
    "cl": "cl",
    "ml": "ml",
}


def measure_of(unit: str) -> str:
    """The size unit a product's unit is a measure of (`mètre`: `m`), or ''."""
    return _MEASURES.get(canonical_unit(unit) if unit else "", "")


def one_measure(units: Iterable[str]) -> str:
    """The one size unit the products of `units` that are measured are counted in (`m` of
    fabric beside pieces of wax: `30 mètres` is their amount, not a size), or '' when none is,
    or they are counted in two."""
    measures = {measure_of(unit) for unit in units} - {""}
    return measures.pop() if len(measures) == 1 else ""


def unit_amount(typed: str, unit: str) -> int | None:
    """`7 kilos`, `15 kg`, `5 litres`, `4 mètres` answering for a product sold by that unit:
    the number is the quantity (a whole one), not a size."""
    canonical = canonical_unit(unit) if unit else ""
    wanted = _MEASURES.get(canonical)
    if wanted is None:
        return None
    for key in keys_of(typed):
        if size_unit(key) == wanted:
            number = key[: -len(wanted)]
            if number.isdigit() and int(number) > 0:
                return int(number)
    return None


def unit_only(typed: str) -> bool:
    """Whether `typed` describes a product by its unit alone (`celui en paquets`, `bi ci paquet
    yi`, `the one in bags`)."""
    keys = [k for k in keys_of(typed) if k not in _NEUTRAL]
    return bool(keys) and all(k in UNIT_WORDS for k in keys)


def sizes_only(typed: str) -> bool:
    """Whether `typed` describes a product by its size alone (`le 20kg`, `the 20kg one`, `bu
    20kg bi`)."""
    keys = [k for k in keys_of(typed) if k not in _NEUTRAL]
    return bool(keys) and all(is_size(k) for k in keys)


def _numbers_of(name: str) -> list[float]:
    """The numbers of a name, in order (`6mm` before `10mm`, `1,5L` before `5L`)."""
    return [float(n) for n in _DIGITS.findall(name.replace(",", "."))]


class Offered:
    """The products a question offers, with the words each can be called by."""

    def __init__(self, skus: Sequence[str], matcher: IntentMatcher | None) -> None:
        self.skus = tuple(skus)
        self._matcher = matcher
        self._words: list[frozenset[str]] = []
        self._sizes: list[frozenset[tuple[str, float]]] = []
        self._numbers: list[frozenset[float]] = []  # the sizes' numbers as written (1.5 of 1,5L)
        # every number written in a name or alias: 45 of "12V 45Ah", 14 of "185/65 R14"
        self._name_numbers: list[frozenset[float]] = []
        self._names: list[str] = []
        self._letters: list[frozenset[str]] = []  # sizes written as a letter: S, M, L
        for sku in self.skus:
            entry = matcher.entry(sku) if matcher is not None else None
            self._names.append(fold(entry.name) if entry is not None else sku.lower())
            texts = [entry.name, *entry.aliases] if entry is not None else [sku]
            keys = {k for text in texts for k in keys_of(text)}
            self._letters.append(frozenset(c for text in texts for c in letters_of(text)))
            if entry is not None:  # its unit, in French and English (`le flacon`, `the bottle`)
                keys |= {canonical_unit(u) for u in (entry.unit, entry.unit_en) if u}
            sizes = {v for k in keys if (v := size_value(k)) is not None}
            for text in texts:
                sizes |= _measures(keys_of(text))
            self._sizes.append(frozenset(sizes))
            self._numbers.append(frozenset(n for k in keys if (n := _size_number(k)) is not None))
            self._name_numbers.append(frozenset(float(k) for k in keys if is_number(k)))
            keys |= {_COLOUR_OF[k] for k in keys if k in _COLOUR_OF}
            self._words.append(frozenset(k for k in keys if not is_size(k)))

    def pick(self, typed: str) -> tuple[str, ...]:
        """The offered skus `typed` designates: one, several (it narrows), or none."""
        found = position(typed, len(self.skus))
        if found is not None and not self._size_named(typed):
            return (self.skus[found - 1],)
        keys = keys_of(typed)
        kept = list(range(len(self.skus)))
        sizes = [v for k in keys if (v := size_value(k)) is not None]
        if sizes:
            kept = [i for i in kept if all(s in self._sizes[i] for s in sizes)]
        else:  # `la 1,5`, `le 10`: a bare number that is one of the sizes offered
            bare = [float(k) for k in keys if is_number(k)]
            by_number = [i for i in kept if bare and all(b in self._numbers[i] for b in bare)]
            if not by_number:  # a number of the names that tells them apart: `la 45`, `ceux de 14`
                named = [i for i in kept if bare and all(b in self._name_numbers[i] for b in bare)]
                by_number = named if len(named) < len(kept) else []
            if not by_number and len(bare) > 1:  # `h7 et 3 en fait`: the other is a quantity
                bare, by_number = self._telling(kept, bare)
            if by_number:
                kept, sizes = by_number, [("", b) for b in bare]
        letters = self._letter_sizes(typed)  # `L`, `taille M`, `blanc L`: a size written so
        if letters:
            kept = [i for i in kept if all(c in self._letters[i] for c in letters)]
            sizes = [*sizes, *(("letter", 0.0) for _ in letters)]
        words = [
            k
            for k in keys
            if k not in _NEUTRAL
            and k not in SIZE_WORDS
            and k not in letters
            and not is_size(k)
            and not is_number(k)
        ]
        if not words and not sizes:  # `c'est 3 thé`: a product word that is also a neutral one
            # (never a lone letter: the `c` of `c'est 3` is no "Chargeur type C")
            words = [
                k for k in keys if len(k) > 1 and k in _NEUTRAL and any(k in w for w in self._words)
            ]
        # A product's own words first: `stock chocolat` names no product, even when an alias
        # holds `stock` (`stock cube`).
        words = [w for w in words if w not in _COMMAND_WORDS] or words
        if words:
            scores = {i: sum(self._knows(i, w) for w in words) for i in kept}
            best = max(scores.values(), default=0)
            if best == 0 and not letters:
                return self._by_matcher(typed, kept if sizes else range(len(self.skus)))
            kept = [i for i, score in scores.items() if score == best]
        wish = size_wish(typed)
        if wish is not None and len(kept) > 1:
            kept = self._by_size(kept, wish, keys)
        if not sizes and not words and wish is None:
            return ()
        return tuple(self.skus[i] for i in kept)

    def _letter_sizes(self, typed: str) -> list[str]:
        """The letters `typed` writes alone that some offered names write alone, not all
        (`L` among T-shirts S, M and L; the `l` of `l'autre` is elided, none)."""
        return [
            c
            for c in sorted(letters_of(typed))
            if 0 < sum(c in letters for letters in self._letters) < len(self.skus)
        ]

    def narrow(self, typed: str) -> tuple[str, ...]:
        """The offered products that the describing words of a command fit best (`ciment blan`
        among three cements: the white one), or all of them when no word tells them apart.

        Words are matched as in `pick` (typos forgiven); numbers, sizes, units, command words,
        keywords and fillers never narrow, nor does a word no offered product has."""
        keys = keys_of(typed)
        words = [key for key in keys if self._describes(key)]
        if len(self.skus) < 2:
            return self.skus
        kept = list(range(len(self.skus)))
        scores = [sum(self._knows(i, w) for w in words) for i in kept]
        best = max(scores)
        if best > 0:
            kept = [i for i in kept if scores[i] == best]
        wish = size_wish(typed)
        # `vendu 1 petit gaz`: the small one, unless the word is in every name (`petit pois`).
        if wish is not None and len(kept) > 1 and not self._all_called(kept, keys):
            kept = self._by_size(kept, wish, keys)
        return tuple(self.skus[i] for i in kept)

    def _all_called(self, kept: Sequence[int], keys: Sequence[str]) -> bool:
        """Whether a size word of `keys` is a word of every product kept's name."""
        return any(k in SIZE_WORDS and all(k in self._words[i] for i in kept) for k in keys)

    def describes_all(self, typed: str) -> bool:
        """Whether every describing word of `typed` is a word of the only product offered, one
        at least as written (`meche rouge`, `savon karit`): a reading to act on, not a guess.
        A word it does not have (`hello from the field`) makes it a guess again, as does a size
        it does not come in (`fanta 1.5` for Fanta 33cl)."""
        keys = keys_of(typed)
        words = [key for key in keys if self._describes(key)]
        if len(self.skus) != 1 or not words or not self._has_sizes(keys):
            return False
        known = [self._knows(0, w) for w in words]
        return all(known) and max(known) == 1.0

    def _has_sizes(self, keys: Sequence[str]) -> bool:
        """Whether every size typed (`1.5l`, or a bare decimal `1.5`) is one of the first
        product's."""
        for key in keys:
            size = size_value(key)
            if size is not None and not self._comes_in(key, size):
                return False
            if size is None and is_decimal(key) and float(key) not in self._name_numbers[0]:
                return False
        return True

    def _comes_in(self, key: str, size: tuple[str, float]) -> bool:
        """Whether the first product comes in the size `key`: one of its sizes, or its name's
        bare number with a unit (`pvc 100mm` for "Tuyau PVC 100")."""
        number = key.rstrip("abcdefghijklmnopqrstuvwxyz")
        return size in self._sizes[0] or float(number) in self._name_numbers[0]

    def _size_named(self, typed: str) -> bool:
        """`la 6`, `le 12`: a number after an article that is a size of some of the products
        offered, not all (Gaz 6kg among 3, 6 and 12 kg), names that size rather than a position
        (the choices carry no numbers on a phone); `1`, `le 6e`, `numéro 6` stay positions."""
        typed_keys = keys_of(typed)
        keys = [k for k in typed_keys if k not in _NEUTRAL]
        if len(keys) != 1 or not is_number(keys[0]) or len(typed_keys) == 1:
            return False  # a bare `1` taps the first choice
        return 0 < len(self.sized(float(keys[0]))) < len(self.skus)

    def sized(self, number: float) -> tuple[str, ...]:
        """The offered products one of whose sizes is `number` as written (15 for `15L`)."""
        return tuple(
            sku for sku, numbers in zip(self.skus, self._numbers, strict=True) if number in numbers
        )

    def numbered(self, number: float) -> tuple[str, ...]:
        """The offered products a bare number of whose name or aliases is `number` (32 for
        `Tuyau PVC 32`, 2000 for `Carte recharge 2000`)."""
        return tuple(
            sku
            for sku, numbers in zip(self.skus, self._name_numbers, strict=True)
            if number in numbers
        )

    def _telling(self, kept: list[int], bare: list[float]) -> tuple[list[float], list[int]]:
        """The one number of `bare` that is a name's number of some of `kept` only, and those;
        ([], []) when none or several are."""
        telling = []
        for number in bare:
            having = [i for i in kept if number in self._name_numbers[i]]
            if 0 < len(having) < len(kept):
                telling.append((number, having))
        if len(telling) != 1:
            return [], []
        number, having = telling[0]
        return [number], having

    def holds_numbers(self, typed: str) -> bool:
        """Whether every number and size of `typed` is one of the only product offered
        (`fleur 11 seed`, `npk 6-20-10`, `huile 5l`); `280kg fleur seed` is not, on seed named
        Fleur 11 in no size: the 280 kg is a quantity, not a word of the name."""
        if len(self.skus) != 1:
            return False
        for key in keys_of(typed):
            size = size_value(key)
            if size is not None and not self._comes_in(key, size):
                return False
            if size is None and any(c.isdigit() for c in key) and key not in self._words[0]:
                return False
        return True

    def resembles_all(self, typed: str) -> bool:
        """Whether every describing word of `typed` is a word of the only product offered, or a
        typo of one (`sucr`, `savn de marseil`)."""
        words = [key for key in keys_of(typed) if self._describes(key)]
        return len(self.skus) == 1 and bool(words) and all(self._knows(0, w) for w in words)

    def ranked(self, typed: str) -> tuple[str, ...]:
        """The offered products, closest to `typed` first (ties keep the offered order, but for
        names told apart by their numbers only, in the order of those: Fer 6mm, 8mm, 10mm)."""
        words = [key for key in keys_of(typed) if self._describes(key)]
        folded = " ".join(words)
        names = self._names

        def closeness(index: int) -> tuple[float, float]:
            known = sum(self._knows(index, w) for w in words)
            return -known, -fuzz.token_set_ratio(folded, names[index]) if folded else 0.0

        order = sorted(range(len(self.skus)), key=closeness)
        kin: dict[tuple[float, str], list[int]] = {}  # same closeness, same words
        for index in order:
            kin.setdefault((closeness(index)[0], _DIGITS.sub("#", names[index])), []).append(index)
        for indexes in kin.values():
            places = sorted(order.index(i) for i in indexes)
            for place, index in zip(
                places, sorted(indexes, key=lambda i: _numbers_of(names[i])), strict=True
            ):
                order[place] = index
        return tuple(self.skus[i] for i in order)

    def _describes(self, key: str) -> bool:
        """A word that may describe a product: not a number, size, unit, filler or keyword."""
        if not key.isalpha() or key in _NEUTRAL or key in _COMMAND_WORDS or key in SIZE_WORDS:
            return False
        if key in UNIT_WORDS:
            return False
        keyword = key in KEYWORD_VOCABULARY or key in STOPWORDS
        return not keyword or any(key in words for words in self._words)

    def unnamed(self, typed: str) -> list[str]:
        """The describing words of `typed` that no offered product is called (`je verrai` of
        `le savon je verrai`); [] when all its words are the products' or fillers."""
        return [k for k in keys_of(typed) if self._describes(k) and not self.names(k)]

    def names(self, word: str) -> bool:
        """Whether one of the products offered is called `word` (a typo of its name included),
        or `word` is a size (`riz 50kg`)."""
        return is_size(word) or any(self._knows(i, word) for i in range(len(self.skus)))

    def _knows(self, index: int, word: str) -> float:
        """1 when the product is called `word`, 0.8 for a typo of it, else 0."""
        words = self._words[index]
        if word in words:
            return 1.0
        if word in UNIT_WORDS and canonical_unit(word) in words:
            return 1.0
        if word in _COLOUR_OF and _COLOUR_OF[word] in words:
            return 1.0
        if any(other in words for other in counterparts(word)):  # `seed` for "Semences …"
            return 1.0
        if len(word) >= 4 and any(
            fuzz.ratio(word, w) >= 80 or (len(w) >= 4 and w.startswith(word)) for w in words
        ):
            return 0.8
        return 0.0

    def _telling_dimension(self, kept: Sequence[int]) -> str | None:
        """The one dimension the sizes of `kept` are compared in: the only one they have, or
        the only one every product has and that tells them apart (Ah, not the 12 V they share)."""
        dimensions = {d for i in kept for d, _ in self._sizes[i]}
        if len(dimensions) == 1 and all(self._sizes[i] for i in kept):
            return dimensions.pop()
        telling = [
            d
            for d in sorted(dimensions)
            if all(any(dd == d for dd, _ in self._sizes[i]) for i in kept)
            and len({max(v for dd, v in self._sizes[i] if dd == d) for i in kept}) > 1
        ]
        return telling[0] if len(telling) == 1 else None

    def _by_size(self, kept: list[int], wish: str, keys: Sequence[str]) -> list[int]:
        dimension = self._telling_dimension(kept)
        if dimension is not None:
            sized = [(i, max(v for d, v in self._sizes[i] if d == dimension)) for i in kept]
            ordered = [i for i, _ in sorted(sized, key=lambda pair: pair[1])]
            values = sorted({v for _, v in sized})
            if wish in ("small", "big"):  # every product of that size: a tie is not a choice
                wanted = values[0] if wish == "small" else values[-1]
                return [i for i in kept if dict(sized)[i] == wanted]
            if len(values) == len(ordered) and len(ordered) % 2:
                return [ordered[len(ordered) // 2]]
            return kept
        # No comparable sizes: the wish word in the names (`petite bouteille de gaz`).
        named = [i for i in kept if any(k in self._words[i] for k in keys if k in SIZE_WORDS)]
        return named or kept

    def _by_matcher(self, typed: str, among: Iterable[int]) -> tuple[str, ...]:
        """The catalog's own reading of the reply, kept to the offered products."""
        if self._matcher is None:
            return ()
        parsed = self._matcher.parse(typed)
        found = [parsed.product] if parsed.product else parsed.candidates
        allowed = {self.skus[i] for i in among}
        return tuple(sku for sku in self.skus if sku in found and sku in allowed)
