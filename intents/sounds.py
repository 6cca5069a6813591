"""How a French word sounds, roughly: managers spell verbs the way they hear them (``vandu``,
``vandou`` for ``vendu``; ``komander`` for ``commander``; ``reseu`` for ``reçu``), further than
one or two typos from the word. Two spellings that sound alike get the same key."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# In order: groups of letters that sound as one, then nasal vowels before a consonant or at the
# end, then soft and hard c, then silent endings.
_RULES = (
    (re.compile(r"eau|au"), "o"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"qu|ck|k"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(ai|ei|eu|oe)"), "e"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(?<!c)h"), ""),
    (re.compile(r"[ae][nm](?=[^aeiouy]|$)"), "an"),
    (re.compile(r"c(?=[eiy])|ç"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"([a-z])\1+"), r"\1"),
    (re.compile(r"(er|ez|es|et|e)$"), "e"),
    (re.compile(r"(?<=.)[sxt]$"), ""),
)


def sound(word: str) -> str:
    """The sound key of a folded word: ``vandou`` and ``vendu`` -> ``vandu``."""
    key = word
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return key


def by_sound(words: Mapping[str, object]) -> Mapping[str, str]:
    """Sound keys of `words` (each word's meaning): a key whose words all mean the same, and
    one of them (``komande``: ``commande``, ``commander``). A ``c`` may have been a ``ç``
    before folding (``recu``): both sounds are kept."""
    found: dict[str, set[str]] = {}
    for word in words:
        for key in {sound(word), sound(word.replace("c", "s"))}:
            found.setdefault(key, set()).add(word)
    return MappingProxyType(
        {key: min(same) for key, same in found.items() if len({words[w] for w in same}) == 1}
    )
