"""How a French word sounds, roughly: managers spell verbs the way they hear them (``vandu``,
``vandou`` for ``vendu``; ``komander`` for ``commander``; ``reseu`` for ``reçu``), further than
one or two typos from the word. Two spellings that sound alike get the same key.

Product names go further (:func:`spoken`, :class:`SoundIndex`): Wolof speakers and SMS write
them as heard, with no silent letters, ``k`` for ``c``/``qu``, ``b`` for ``v``, ``w`` for
``u``, an article glued on (``lekrou`` for l'écrou) or a vowel added between consonants."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

# In order: groups of letters that sound as one, then nasal vowels before a consonant or at the
# end, then soft and hard c, then silent endings.
_SOUNDS = (
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
)
# A name's final -er is heard (fer, terre typed ``ter``), unlike a verb's.
_NAME_SOUNDS = (*_SOUNDS[:-1], (re.compile(r"(ez|es|et|e)$"), "e"))
_SILENT_END = (re.compile(r"(?<=.)[sxt]$"), "")
_RULES = (*_SOUNDS, _SILENT_END)


def _apply(key: str, rules: Sequence[tuple[re.Pattern[str], str]]) -> str:
    for pattern, replacement in rules:
        key = pattern.sub(replacement, key)
    return key


def sound(word: str) -> str:
    """The sound key of a folded word: ``vandou`` and ``vendu`` -> ``vandu``."""
    return _apply(word, _RULES)


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


# Before the verb rules: ``ille`` after a vowel is a y (``boutey``), ``gn`` one sound (``ognon``
# and ``oignon``), a ``w`` before a vowel the ``u``/``ou`` it stands for (``wil``, ``bwat``).
_BEFORE = (
    (re.compile(r"(?<=[aeiou])ill"), "y"),
    (re.compile(r"(?<=[aeiou])i?gn|ny"), "N"),
    (re.compile(r"w"), "u"),
    (re.compile(r"sh"), "ch"),
    (re.compile(r"gu(?=[eiy])"), "g"),
    (re.compile(r"g(?=[eiy])"), "j"),
    (re.compile(r"ti(?=on)"), "si"),
)
# After them: s/z and b/v sound alike to a Wolof ear, a final e is silent, doubles are one.
_AFTER = (
    (re.compile(r"z"), "s"),
    (re.compile(r"v"), "b"),
    (re.compile(r"(?<=..)e$"), ""),
    (re.compile(r"([a-zN])\1+"), r"\1"),
)
_VOWELS = re.compile(r"[aeiou]")
# An article glued on: l'écrou, z'oignons, d'huile (``diwil``), before a vowel sound.
_GLUED_ARTICLE = re.compile(r"^[ldzn]i?(?=[aeiouhyw])")
MIN_LETTERS = 4  # shorter words are too many alike to be matched by sound


def unglued(word: str) -> str | None:
    """The word after an article glued on without its apostrophe (``dhuile``, ``lecrou``,
    ``leau``, ``zoignons``) or an SMS ``d``/``l`` (de, du, le: ``driz``, ``dlait``), or None;
    the caller keeps it only when it is a word of the catalog."""
    if len(word) < MIN_LETTERS or word[0] not in "dlz":
        return None
    if word[1] in "aeiouhy" or (word[0] != "z" and word[1].isalpha()):
        return word[1:]
    return None


def spoken(word: str, silent_end: bool = True) -> str:
    """The sound key of a folded product word: ``sucre`` -> ``sukr``, ``ciment`` and ``ciman``
    -> ``siman``. Without ``silent_end`` a final s, x or t is heard (``karot`` typed as it is
    said, where ``carotte`` is written)."""
    key = _apply(word, _BEFORE)
    key = _apply(key, _NAME_SOUNDS)
    if silent_end:
        key = _apply(key, (_SILENT_END,))
    return _apply(key, _AFTER)


class SoundIndex:
    """Catalog words by sound, for the words typed too far from any to be a typo.

    A typed word finds the words of the same key (``sukar`` is not, ``soukar`` and ``sukar``
    both sound ``sukar``) or, when both keys keep three consonants in the same order, a key one
    vowel apart (``sukar`` / ``sukr`` of sucre, ``sabun`` / ``sabon`` of savon): a vowel added
    or changed is how a name is said, a consonant is another word (``karo``, carreau, is not
    ``karot``, carotte). A glued article is dropped only for a same-key match."""

    def __init__(self, words: Iterable[str]) -> None:
        keys: dict[str, set[str]] = defaultdict(set)
        for word in words:
            if len(word) >= MIN_LETTERS and word.isalpha():
                keys[spoken(word)].add(word)
        self._keys = {key: tuple(sorted(same)) for key, same in keys.items()}
        skeletons: dict[str, list[str]] = defaultdict(list)
        for key in self._keys:
            skeletons[_VOWELS.sub("", key)].append(key)
        self._skeletons = {skeleton: tuple(keys) for skeleton, keys in skeletons.items()}
        self._cache: dict[str, tuple[str, ...]] = {}

    def words(self, typed: str) -> tuple[str, ...]:
        """The catalog words ``typed`` sounds like (none for a short or non-alphabetic word)."""
        found = self._cache.get(typed)
        if found is None:
            found = self._search(typed) if len(typed) >= MIN_LETTERS and typed.isalpha() else ()
            if len(self._cache) >= 20_000:
                self._cache.clear()
            self._cache[typed] = found
        return found

    def _search(self, typed: str) -> tuple[str, ...]:
        heard = (spoken(typed), spoken(typed, silent_end=False))
        for key in heard:
            if key in self._keys:
                return self._keys[key]
        bare = _GLUED_ARTICLE.sub("", typed)
        if bare != typed and len(bare) >= 3:
            for key in (spoken(bare), spoken(bare, silent_end=False)):
                if key in self._keys:
                    return self._keys[key]
        found: set[str] = set()
        for key in heard:
            skeleton = _VOWELS.sub("", key)
            if len(skeleton) < 3:
                continue
            for near in self._skeletons.get(skeleton, ()):
                if near[0] == key[0] and _one_vowel_apart(key, near):
                    found.update(self._keys[near])
        return tuple(sorted(found))


def _one_vowel_apart(left: str, right: str) -> bool:
    """Same consonants in the same order (the caller's check) and one vowel added, dropped or
    changed."""
    if len(left) == len(right):
        return sum(a != b for a, b in zip(left, right, strict=True)) == 1
    shorter, longer = sorted((left, right), key=len)
    if len(longer) - len(shorter) != 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
