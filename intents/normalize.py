"""Turn a raw phone message into comparable word keys.

Every word goes through :func:`word_key` (lower case, no accents, singular), and so does every
keyword and alias, so the two sides always agree on spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from wolof_normalizer import normalize_word as normalize_wolof_word

MAX_CHARS = 1000  # longer messages are cut: nobody types a stock command that long

# Numbers kept whole, never read as another number: an exponent ("1e9"), a negative number
# ("-5", not the "-" of "coca-cola" or of a list bullet followed by a space), a range ("3-4",
# more groups are a phone number), a decimal ("1,5", "3.5": a size when a unit follows), a
# dimension ("60x60", "40×40": a tile or a sheet, a name's word like a size, never a quantity), a
# decimal written with its unit as the point ("2m50" is 2,50 m, "1l5" 1,5 l, "1kg500" 1,5 kg:
# never 2 m and then 50).
_WORD = re.compile(
    r"""
    (?P<dimension>(?<![^\W_])\d+(?:[.,]\d+)?[x×*]\d+(?:[.,]\d+)?(?![^\W_]))
    | (?P<exponent>\d+(?:[.,]\d+)?e[+-]?\d+(?![^\W_]))
    | (?P<negative>(?<![^\W_])[-−]\d+(?:[.,]\d+)?(?![\d-]))
    | (?P<range>\d+(?:[-–]\d+)+)
    | (?P<fraction>\d+/\d+(?![\d/]))
    | (?P<unit_point>(?<![^\W_])\d+(?:m|kg|l)\d{1,3}(?![^\W_]))
    | [^\W\d_]+(?=\d+[.,]\d)
    | \d+[.,]\d+
    | [^\W_]+
    """,
    re.VERBOSE,
)
_DECIMAL = re.compile(r"^[0-9]+\.[0-9]+$")
# Thousands as written in Senegal: "1 000", "1.000", with a no-break or narrow no-break space
# too, "1 000 kg" too; not "2 250g" (a number and a size: its unit stuck to it, and a size never
# begins with 0) nor "1.5" or "2,500" (decimals).
_THOUSANDS = re.compile(
    r"""
    (?<![\d.,])\d{1,3}
    (?P<separator>[ \u00a0\u202f\u2009.])\d{3}(?:(?P=separator)\d{3})*
    (?![\d]|[.,]\d|(?<=[1-9]\d\d)(?:kg|g|gr|l|cl|ml|mm|cm|m)(?![^\W_]))
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SEPARATORS = str.maketrans("", "", " \u00a0\u202f\u2009.")
_LAST_WORDS = re.compile(r"([^\W\d_]+)(?:\W+([^\W\d_]+))?\W*$")
# The word after a number, past letters glued to it or a lone one (`500f orange`, `500 f orange`)
_NEXT_WORD = re.compile(r"[^\W\d_]*(?:\s+[^\W\d_](?=\s))?\s+([^\W\d_]+)")
_WORDS_BEFORE = re.compile(r"[^\W\d_]+")
# A number typed after: `reçu 1 500 cartes orange 1000`, the name's is that one, `1 500` a count.
_DIGITS = re.compile(r"\d")
# Between a name and its number: "fer de 10" is the name "fer 10".
_NAME_LINKS = frozenset({"de", "d", "du", "of"})
# (word, number) pairs of catalog names ("fleur 11" of "Semences arachide Fleur 11"): such a
# number is the name's, never the thousands of the digits after it ("fleur 11 280" is 280).
NameNumbers = frozenset[tuple[str, str]]
_SPLIT_DIGITS = re.compile(r"\d+|\D+")
# A number whose zeros were typed as the letter o (`1O`, `2OO`, `1o0`), after a digit
_ZERO_AS_O = re.compile(r"[1-9][0-9]*o[0o]*")
_STRETCHED = re.compile(r"([a-z])\1{2,}")  # "merciii", "nooon": three or more of a letter
_SPECIAL_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})

# Emoji that carry meaning; every other symbol is dropped by the word regex.
_EMOJI = MappingProxyType({
    "👍": " ok ",
    "👌": " ok ",
    "✅": " ok ",
    "👎": " non ",
    "❌": " non ",
    "👋": " salut ",
    "🙏": " merci ",
})  # fmt: skip

SIZE_UNITS = MappingProxyType({
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogramme": "kg",
    "kilogrammes": "kg",
    "g": "g",
    "gr": "g",
    "grs": "g",
    "gramme": "g",
    "grammes": "g",
    "l": "l",
    "lt": "l",
    "ltr": "l",
    "litre": "l",
    "litres": "l",
    "liter": "l",
    "liters": "l",
    "cl": "cl",
    "ml": "ml",
    # lengths and sections: cable 1,5 mm (mm² folds to mm2), iron bars 12mm, pipes 3 m
    "mm": "mm",
    "mm2": "mm",
    "millimetre": "mm",
    "millimetres": "mm",
    "cm": "cm",
    "centimetre": "cm",
    "centimetres": "cm",
    "m": "m",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
})  # fmt: skip
_SIZE_TOKEN = re.compile(r"^\d+(?:\.\d+)?(kg|g|l|cl|ml|mm|cm|m)$")
_DIMENSION_KEY = re.compile(r"^\d+(?:\.\d+)?x\d+(?:\.\d+)?$")
# "a+" / "@+" is "à plus": read before the word regex drops the "+"
_A_PLUS = re.compile(r"(?<![^\W_])[a@à]\+(?![^\W_])", re.IGNORECASE)

# SMS shorthand, keyed by the folded token; values may be several words.
SHORTHAND = MappingProxyType({
    "cb": "combien",
    "cbn": "combien",
    "cbien": "combien",
    "cmb": "combien",
    "cmbien": "combien",
    "combin": "combien",
    "kombien": "combien",
    "rest": "reste",
    "rst": "reste",
    "g": "j ai",
    "jai": "j ai",
    "ge": "j ai",
    "svp": "stp",
    "svpl": "stp",
    "stpl": "stp",
    "pls": "stp",
    "plz": "stp",
    "please": "stp",
    "slt": "salut",
    "bjr": "bonjour",
    "bjour": "bonjour",
    "bonjou": "bonjour",
    "bsr": "bonsoir",
    "mrc": "merci",
    "mci": "merci",
    "mercii": "merci",
    "thx": "thanks",
    "tx": "thanks",
    "pr": "pour",
    "ds": "dans",
    "tt": "tout",
    "tte": "toute",
    "ts": "tous",
    "qq": "quelques",
    "qlq": "quelques",
    "qlqs": "quelques",
    "qques": "quelques",
    "ke": "que",
    "koi": "quoi",
    "kwa": "quoi",
    "kel": "quel",
    "kelle": "quelle",
    "kels": "quels",
    "kom": "comment",
    "cmt": "comment",
    "cmnt": "comment",
    "jsp": "je sais pas",
    "chai": "je sais",
    "bcp": "beaucoup",
    "dac": "daccord",
    "dacc": "daccord",
    "dak": "daccord",
    "daccor": "daccord",
    "oki": "ok",
    "okk": "ok",
    "okay": "ok",
    "oke": "ok",
    "wi": "oui",
    "ouai": "oui",
    "ouais": "oui",
    "ouep": "oui",
    "nn": "non",
    "cc": "coucou",
    "ya": "y a",
    "cmd": "commande",
    "cde": "commande",
    "cmde": "commande",
    "qte": "quantite",
    "qtt": "quantite",
    "dispo": "disponible",
    "dispos": "disponible",
    "vs": "vous",
    "jv": "je vais",
    "jve": "je veux",
    "jveux": "je veux",
    "rcu": "recu",
    "vnt": "vente",
    "vte": "vente",
    "vdu": "vendu",
    "vnd": "vendu",
    "vndu": "vendu",
})  # fmt: skip
# Shorthands typed with their accent too: "rçu", "qté".
_ACCENTED_SHORTHAND = frozenset({"rcu", "qte"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a message: its key, and the word as typed (lower-cased) when it carried an
    accent (`sucré`; "" when it did not: `sucre`)."""

    key: str
    written: str = ""

    @property
    def accented(self) -> bool:
        return bool(self.written)


Marks = tuple[tuple[int, str], ...]


def accent_marks(written: str) -> Marks:
    """The accented letters of a word as typed, by position (`sucré`: é at 4; `sucre`: none):
    two words of one key with other marks are other words (`sucre`, `sucré`)."""
    return tuple((i, c) for i, c in enumerate(written) if not c.isascii())


def fold(text: str) -> str:
    """Lower-case and strip accents (``Thé`` -> ``the``, ``ñaata`` -> ``naata``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Words that end in ``s``/``x`` in the singular and would share their key with another word:
# `prix` with `pris` (`le client a pris 5 kg` is no price), `mois` with `moi` (`montre-moi`).
_INVARIABLE = frozenset({"prix", "mois"})


def singular(word: str) -> str:
    """Crude French/English singular: drop a final ``s``/``x`` on words of 4+ letters."""
    if (
        len(word) >= 4
        and word[-1] in "sx"
        and word[-2] != "s"
        and not word[-2].isdigit()
        and word not in _INVARIABLE
    ):
        return word[:-1]
    return word


def word_key(word: str) -> str:
    """Key of a single word as used by every lookup table."""
    return singular(fold(word))


def as_typed(text: str, keys: str) -> str:
    """``keys`` (words of ``text`` by their keys) as ``text`` spells them: ``cadena`` of
    « vendu 2 cadenas » is ``cadenas``; a key no word of ``text`` has stays as it is."""
    typed: dict[str, str] = {}
    for word in re.findall(r"[^\W_]+", text):
        typed.setdefault(word_key(word), word)
    return " ".join(typed.get(key, key) for key in keys.split())


def word_keys(words: str) -> frozenset[str]:
    """Keys of space-separated words, for building vocabularies."""
    return frozenset(word_key(w) for w in words.split())


def phrase_keys(*phrases: str) -> tuple[tuple[str, ...], ...]:
    """The keys of each phrase's words, for `has_phrase` (`"va manquer"`: `("va", "manquer")`)."""
    return tuple(tuple(word_key(w) for w in phrase.split()) for phrase in phrases)


def has_phrase(keys: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether the words of ``phrase`` follow each other in ``keys``."""
    if not phrase:
        return True
    first, size = phrase[0], len(phrase)
    if first not in keys:  # most phrases of most messages: one scan, no slice
        return False
    wanted = tuple(phrase)
    return any(
        keys[i] == first and tuple(keys[i : i + size]) == wanted
        for i in range(len(keys) - size + 1)
    )


def is_size(key: str) -> bool:
    return key[:1].isdigit() and bool(_SIZE_TOKEN.match(key))


def is_dimension(key: str) -> bool:
    """``60x60``, ``1.2x2.5``: the dimensions of a tile or a sheet, a word of its name."""
    return key[:1].isdigit() and bool(_DIMENSION_KEY.match(key))


def size_unit(key: str) -> str | None:
    """The unit of a size key: ``3kg`` -> ``kg``, ``1.5l`` -> ``l``; None for other keys."""
    found = _SIZE_TOKEN.match(key) if key[:1].isdigit() else None
    return found.group(1) if found else None


def is_decimal(key: str) -> bool:
    return key[:1].isdigit() and bool(_DECIMAL.match(key))


def is_number(key: str) -> bool:
    """Digits or a decimal: a word that is a number, whatever it turns out to mean."""
    return key.isdigit() or is_decimal(key)


def _decimal_key(text: str) -> str:
    """``1,50`` -> ``1.5``: one spelling per value, so sizes compare; still never digits only."""
    whole, _, fraction = text.replace(",", ".").partition(".")
    return f"{int(whole[:9])}.{fraction[:6].rstrip('0') or '0'}"


def _thousands(found: re.Match[str], name_numbers: NameNumbers) -> str:
    """``1 000`` -> ``1000``; left apart when the first group is a name's number, unless
    the next group begins with 0 (``ciment 50 000``: no count is written ``000``), or when the
    last is the number of a name the next word is of (``sold 2 500 orange cards``, ``2 500f
    orange``: 2 of "Carte Orange 500F") and no number is typed after it."""
    group = found.group()
    if name_numbers and found.group("separator").isspace():
        first = group[: len(group) - len(group.lstrip("0123456789"))]
        if group[len(first) + 1] == "0":
            return group.translate(_SEPARATORS)
        following = _NEXT_WORD.match(found.string, found.end())
        last = group[len(first) + 1 :]
        if (
            following is not None
            and _tells_apart(word_key(following.group(1)), last, name_numbers)
            and not _DIGITS.search(found.string, found.end())
        ):
            return group
        words = _LAST_WORDS.search(found.string, max(0, found.start() - 60), found.start())
        if words is not None:
            named = [word_key(w) for w in words.groups() if w]  # the word before last, last
            if (named[-1], first) in name_numbers or (
                len(named) == 2 and named[1] in _NAME_LINKS and (named[0], first) in name_numbers
            ):
                return group
        if _size_of_named(found, last, name_numbers):
            return group
    return group.translate(_SEPARATORS)


# Where a new item of a list starts: `,`, `;`, `+`, `&`, a new line or `et`/`and`/`ak` just
# before (the separators of `intents.items`).
_ITEM_START = re.compile(r"(?:[\n;,&+]|(?<![^\W_])(?:et|and|ak))\s*$", re.IGNORECASE)


def _tells_apart(word: str, number: str, name_numbers: NameNumbers) -> bool:
    """Whether `number` is one of the numbers of `word`'s names and the word has others to tell
    apart (`2 500 orange` with cards of 500 and 1000: 2 of the 500); with one alone, the number
    says nothing more than the word and is the end of thousands (`reçu 1 250 café` of "Café
    Touba 250g": 1250)."""
    return (word, number) in name_numbers and any(
        w == word and n != number for w, n in name_numbers
    )


def _size_of_named(found: re.Match[str], last: str, name_numbers: NameNumbers) -> bool:
    """`vendu 2 lait 400 et 3 750`: a new item that starts with a count and the number of a
    name whose word the message typed before (`lait` of "Lait 750ml"): 3 of the 750, never
    3 750."""
    before = found.string[: found.start()]
    if not _ITEM_START.search(before):
        return False
    return any((word_key(w), last) in name_numbers for w in _WORDS_BEFORE.findall(before))


# `2 m 50`, `1 metre 20`: metres and centimetres typed apart, one length as `2m50` is (not 2 m
# then 50); never before more digits (`2 m 50 000`, `1 m 20,5`).
_SPACED_METRES = re.compile(
    r"(?<![\w.,])(?P<whole>\d{1,2})\s*(?:m|metres?|mètres?|meters?)\s+(?P<cm>\d{2})(?![\w]|[.,]?\d)",
    re.IGNORECASE,
)


def _metres_glued(found: re.Match[str], name_numbers: NameNumbers) -> str:
    """``2 m 50`` -> ``2m50``; kept as typed when the whole metres are a name's number after
    its word (`tube 3 m 10` of "Tube PVC 3m": ten tubes)."""
    whole = found.group("whole")
    words = _LAST_WORDS.search(found.string, max(0, found.start() - 60), found.start())
    if words is not None and name_numbers:
        last = word_key(words.groups()[-1] or words.group(1))
        if (last, whole) in name_numbers:
            return found.group()
    return f"{whole}m{found.group('cm')}"


# Vulgar fractions (`½`, `¾`, `1½`) and the fraction slash (`1⁄2`) typed as `1/2`: read as that
# fraction (a decimal, never a count), never as an unknown sign nor the `1` of `1½` alone.
_VULGAR_FRACTIONS = {
    ord(char): f" {unicodedata.normalize('NFKD', char).replace(chr(0x2044), '/')} "
    for char in map(chr, range(0xBC, 0x2190))
    if unicodedata.decomposition(char).startswith("<fraction>")
    and re.fullmatch(r"\d+\u2044\d+", unicodedata.normalize("NFKD", char))
} | {0x2044: "/"}


# `2 l'eau`: the elided article after a number, no litre (`2 le eau`, as `2 de huile`).
_NUMBER_THEN_ELIDED = re.compile(r"(\d)\s*[lL]['’‘ʼ`]\s*(?=[^\W\d_])")


def _raw_words(text: str, name_numbers: NameNumbers = frozenset()) -> list[tuple[str, str]]:
    if "'" in text or "’" in text or "‘" in text or "ʼ" in text or "`" in text:
        text = _NUMBER_THEN_ELIDED.sub(r"\1 le ", text)
    if "+" in text:
        text = _A_PLUS.sub(" a plus ", text)
    if not text.isascii():
        text = text.translate(_VULGAR_FRACTIONS)
        for emoji, word in _EMOJI.items():
            if emoji in text:
                text = text.replace(emoji, word)
    if any(c.isdigit() for c in text):
        text = _THOUSANDS.sub(lambda found: _thousands(found, name_numbers), text)
        text = _SPACED_METRES.sub(lambda found: _metres_glued(found, name_numbers), text)
    words: list[tuple[str, str]] = []
    for match in _WORD.finditer(text.casefold()):
        kind, group = match.lastgroup, match.group()
        if kind is None:
            words.extend(_plain_word(group))
        elif kind == "range":
            words.append((group.replace("–", "-"), ""))
        elif kind == "fraction":
            words.append((group, ""))
        elif kind == "unit_point":
            whole, unit, fraction = _SPLIT_DIGITS.findall(group)
            words += [(_decimal_key(f"{whole}.{fraction}"), ""), (unit, "")]
        elif kind == "dimension":
            words.append((group.replace(",", ".").replace("×", "x").replace("*", "x"), ""))
        else:  # an exponent or a negative number
            words.append((group.replace(",", ".").replace("−", "-"), ""))
    return words


@lru_cache(maxsize=20_000)
def _plain_word(group: str) -> tuple[tuple[str, str], ...]:
    """Keys of one word of the word regex (and the word as typed when it carried an accent):
    ``ñaata`` -> ``naata``, ``20sacs`` -> ``20`` + ``sacs``, ``1,50`` -> ``1.5``. Words
    repeat: cached."""
    if not group.isalnum():
        return ((_decimal_key(group), ""),)
    if _ZERO_AS_O.fullmatch(group):
        group = group.replace("o", "0")  # `1O`, `2OO`: the letter typed for a zero
    words: list[tuple[str, str]] = []
    for piece in (group,) if group.isalpha() else _SPLIT_DIGITS.findall(group):
        folded = _STRETCHED.sub(r"\1", fold(piece))
        if folded.isascii() and folded.isalnum():
            words.append((folded, piece if folded != piece else ""))
        elif folded:
            words.append(("?", ""))  # other scripts: kept as an unknown word
    return tuple(words)


def tokenize(text: str, name_numbers: NameNumbers = frozenset()) -> list[Token]:
    """Split, fold, expand shorthand, merge sizes (``5 litres`` -> ``5l``) and singularise;
    digit groups are joined (``1 000``) unless the first is the number of a name of
    ``name_numbers`` (``fleur 11 280``)."""
    words = _raw_words(text[:MAX_CHARS], name_numbers)
    tokens: list[Token] = []
    for index, (word, written) in enumerate(words):
        previous = words[index - 1][0] if index else ""
        unit = SIZE_UNITS.get(word)
        if unit and is_number(previous) and tokens and tokens[-1].key == previous:
            value = str(int(previous[:9])) if previous.isdigit() else previous
            tokens[-1] = Token(value + unit)
            continue
        expansion = SHORTHAND.get(word)
        if expansion is not None and (not written or word in _ACCENTED_SHORTHAND):
            tokens.extend(Token(part) for part in expansion.split())
        elif is_number(word):
            tokens.append(Token(word))
        else:
            tokens.append(Token(singular(word), written))
    if name_numbers and any(len(t.key) == 1 for t in tokens):
        tokens = _initials_spelled(tokens, name_numbers)
    if "can" in text.casefold():
        return _modal_can(tokens)
    return tokens


def spelled_initial(letter: str, number: str, name_numbers: NameNumbers) -> str | None:
    """The word of the names a lone letter stands for before `number` (`t` of `t4`: `taille`,
    of "Couches taille 4"): the one word of that initial a name writes before that number; None
    when there are none or several, or a name writes the letter itself there (`c7` of "NGK
    C7HSA")."""
    if len(letter) != 1 or not letter.isalpha() or not number.isdigit():
        return None
    if (letter, number) in name_numbers:
        return None
    words = {w for w, n in name_numbers if n == number and len(w) > 1 and w[0] == letter}
    return words.pop() if len(words) == 1 else None


def _initials_spelled(tokens: list[Token], name_numbers: NameNumbers) -> list[Token]:
    """`couches t4`: the letter read as the word of the names it stands for (`spelled_initial`)."""
    for index in range(len(tokens) - 1):
        word = spelled_initial(tokens[index].key, tokens[index + 1].key, name_numbers)
        if word is not None:
            tokens[index] = Token(word)
    return tokens


# English `can` the verb (`can you tell me the stock of rice`, `I can't find the oil`, `they
# can take 2`), not a can of something: with a subject beside it, a negation or a verb after.
MODAL_CAN = "could"
_SUBJECTS = frozenset((
    "i", "you", "u", "we", "he", "she", "they", "it", "someone", "somebody", "anyone", "ya",
    "yu", "who", "which",
))  # fmt: skip
_AFTER_MODAL = frozenset((
    "not", "t", "nt", "be", "sell", "take", "check", "see", "give", "send", "order", "tell",
    "help", "record", "count", "add", "show", "get", "have", "put", "update", "confirm", "find",
    "know", "do", "make", "write", "note", "buy", "bring", "come",
))  # fmt: skip
_COUNTING = frozenset(("a", "an", "one", "the", "per", "each", "every", "this"))


def _modal_can(tokens: list[Token]) -> list[Token]:
    """`tokens` with the verb `can` keyed :data:`MODAL_CAN` (no unit, no count anchored on it);
    the container (`a can of milk`, `2 cans`, `coca can`) stays `can`."""
    keys = [token.key for token in tokens]
    out = list(tokens)
    for index, key in enumerate(keys):
        if key != "can":
            continue
        before = keys[index - 1] if index else ""
        after = keys[index + 1] if index + 1 < len(keys) else ""
        if before in _COUNTING or is_number(before):
            continue  # `a can you …`, `2 cans`: still counted
        if before in _SUBJECTS or after in _SUBJECTS or after in _AFTER_MODAL:
            out[index] = Token(MODAL_CAN)
    return out


@lru_cache(maxsize=50_000)
def wolof_respelling(key: str) -> str | None:
    """The key of a Wolof word written the French or SMS way, in the official spelling
    (``dieund`` -> ``jend``, ``dieuredieuf`` -> ``jerejef``, ``waw`` -> ``waaw``), by
    wolof-normalizer; None when it knows no other spelling. Callers keep it only when it
    lands on a word they know: the library also respells French words (``client``)."""
    respelled, reason = normalize_wolof_word(key)
    if reason is None:
        return None
    folded = word_key(respelled)
    return folded if folded != key and folded.isalpha() else None
