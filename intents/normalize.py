"""Turn a raw phone message into comparable word keys.

Every word goes through :func:`word_key` (lower case, no accents, singular), and so does every
keyword and alias, so the two sides always agree on spelling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 1000  # longer messages are cut: nobody types a stock command that long

_WORD = re.compile(r"[^\W_]+")
_SPLIT_DIGITS = re.compile(r"\d+|\D+")
_STRETCHED = re.compile(r"([a-z])\1{2,}")  # "merciii", "nooon": three or more of a letter
_SPECIAL_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})

# Emoji that carry meaning; every other symbol is dropped by the word regex.
_EMOJI = {
    "👍": " ok ",
    "👌": " ok ",
    "✅": " ok ",
    "👎": " non ",
    "❌": " non ",
    "👋": " salut ",
    "🙏": " merci ",
}

SIZE_UNITS: dict[str, str] = {
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
}
_SIZE_TOKEN = re.compile(r"^\d+(?:kg|g|l|cl|ml)$")

# SMS shorthand, keyed by the folded token; values may be several words.
SHORTHAND: dict[str, str] = {
    "cb": "combien",
    "cbn": "combien",
    "cbien": "combien",
    "cmb": "combien",
    "cmbien": "combien",
    "combin": "combien",
    "kombien": "combien",
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
}


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a message: its key and whether the typed form carried an accent."""

    key: str
    accented: bool = False


def fold(text: str) -> str:
    """Lower-case and strip accents (``Thé`` -> ``the``, ``ñaata`` -> ``naata``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def singular(word: str) -> str:
    """Crude French/English singular: drop a final ``s``/``x`` on words of 4+ letters."""
    if len(word) >= 4 and word[-1] in "sx" and word[-2] != "s" and not word[-2].isdigit():
        return word[:-1]
    return word


def word_key(word: str) -> str:
    """Key of a single word as used by every lookup table."""
    return singular(fold(word))


def word_keys(words: str) -> frozenset[str]:
    """Keys of space-separated words, for building vocabularies."""
    return frozenset(word_key(w) for w in words.split())


def is_size(key: str) -> bool:
    return bool(_SIZE_TOKEN.match(key))


def _raw_words(text: str) -> list[tuple[str, bool]]:
    for emoji, word in _EMOJI.items():
        if emoji in text:
            text = text.replace(emoji, word)
    words: list[tuple[str, bool]] = []
    for match in _WORD.finditer(text.casefold()):
        for piece in _SPLIT_DIGITS.findall(match.group()):
            folded = _STRETCHED.sub(r"\1", fold(piece))
            if folded.isascii() and folded.isalnum():
                words.append((folded, folded != piece))
            elif folded:
                words.append(("?", False))  # other scripts: kept as an unknown word
    return words


def tokenize(text: str) -> list[Token]:
    """Split, fold, expand shorthand, merge sizes (``5 litres`` -> ``5l``) and singularise."""
    words = _raw_words(text[:MAX_CHARS])
    tokens: list[Token] = []
    for index, (word, accented) in enumerate(words):
        previous = words[index - 1][0] if index else ""
        unit = SIZE_UNITS.get(word)
        if unit and previous.isdigit() and tokens and tokens[-1].key == previous:
            tokens[-1] = Token(str(int(previous[:9])) + unit)
            continue
        expansion = SHORTHAND.get(word)
        if expansion is not None and not accented:
            tokens.extend(Token(part) for part in expansion.split())
        elif word.isdigit():
            tokens.append(Token(word))
        else:
            tokens.append(Token(singular(word), accented))
    return tokens
