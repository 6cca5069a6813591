"""Writing to managers in their language: a text of the catalogues (`state.texts`) filled in,
amounts with their unit translated and pluralised by the language's rules, numbers grouped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from intents.normalize import word_key
from intents.units import ENGLISH_NAMES, FRENCH_NAMES, canonical_unit
from state.texts import CATALOGUES
from state.values import text_length
from state.wording import worded

# "de" before a value starting with a vowel reads "d'" (3 bouteilles d'Huile, Combien d'unités) ;
# among the h, only "hui…" (huile, huître): most other product names have an aspirated h
# (haricots, hareng).
_DE_VALUE = re.compile(r"\bde \{(\w+)\}")
# An amount, then the product it counts: `{quantity} de {name}`, `{available} of {name}`,
# `{quantity} {name}` (Wolof), `{available} rekk a des ci {name}` is not one.
_AMOUNT_OF_NAME = re.compile(r"\{(\w+)\}(?: de | d'| of | )\{(name|product)\}")
_AMOUNT_UNIT = re.compile(r"^[\d\s\u00a0.,]+\s(\w+(?:-\w+)*)$")
_VOWELS = frozenset("aeiouœæ")
_FRENCH_OF = re.compile(r"^(?:de |du |des |d')", re.IGNORECASE)  # `de gaz 12kg`: `gaz 12kg`


@worded()
def text(language: str, key: str, **values: Any) -> str:
    """The text `key` in `language` (French when the language is unknown), filled in."""
    texts = CATALOGUES.get(language, CATALOGUES["fr"])
    template = texts[key]
    if texts is CATALOGUES["fr"]:
        template = _DE_VALUE.sub(
            lambda m: "d'{" + m[1] + "}" if _elides(str(values[m[1]])) else m[0], template
        )
    if "{" in template:
        template = _AMOUNT_OF_NAME.sub(lambda m: _unit_once(m, values), template)
    return template.format(**values)


def _unit_once(found: re.Match[str], values: dict[str, Any]) -> str:
    """`{quantity} de {name}` when the name begins with the amount's unit (`2 bouteilles` of
    `Bouteille de gaz 12kg`): the unit said once, agreeing with the number (`2 bouteilles de
    gaz 12kg`, `1 bouteille de gaz 12kg`); said once too when the name is the unit alone."""
    amount_, name = str(values.get(found[1], "")), str(values.get(found[2], ""))
    unit = _AMOUNT_UNIT.match(amount_)
    first, _, rest = name.partition(" ")
    if unit is not None and not rest and _singular(unit[1]) == _singular(first):
        return "{" + found[1] + "}"  # `20 taille-crayons` of `Taille-crayon`: the name is the unit
    if unit is not None and rest and _english_of(first) == _singular(unit[1]):
        # `2 pallets` of `Palette Kirène 1.5L`: `2 pallets of Kirène 1.5L`, the unit once
        return "{" + found[1] + "} of " + _escaped(_FRENCH_OF.sub("", rest))
    if unit is not None and unit[1] in _ENGLISH_SAME_PLURAL and " of " in found[0]:
        return "{" + found[1] + "} {" + found[2] + "}"  # `2 dozen Oeufs`, no `of`
    if unit is None or not rest or _singular(unit[1]) != _singular(first):
        return found[0]
    return "{" + found[1] + "} " + _escaped(rest)


def _escaped(words: str) -> str:
    return words.replace("{", "{{").replace("}", "}}")


def _english_of(word: str) -> str | None:
    """The English of a French unit word a name begins with (`Bouteille`: `bottle`), if any."""
    english = _ENGLISH_UNITS.get(canonical_unit(word.casefold()))
    return english if english is not None and english != word.casefold() else None


def _singular(word: str) -> str:
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c)
    )
    return folded[:-1] if folded.endswith(("s", "x")) and len(folded) > 3 else folded


def _elides(word: str) -> bool:
    folded = unicodedata.normalize("NFKD", word.strip().casefold())
    return folded[:1] in _VOWELS or folded.startswith("hui")


# Unit symbols never take a plural: 45 kg, 2 l.
_SYMBOLS = frozenset({"kg", "g", "l", "ml", "cl", "m", "cm", "mm", "t"})
# The English of the usual units, by their canonical French word (`intents.units`; the units
# shops count in that it does not read, too: `plaque`, `bobine`, `douzaine`…); a catalog's
# `unit_en` names the others. `tests/state/test_english_units.py` lists those said.
_ENGLISH_UNITS = {
    "sac": "bag",
    "bouteille": "bottle",
    "carton": "carton",
    "paquet": "packet",
    "pack": "pack",
    "boite": "box",
    "bidon": "can",
    "sachet": "sachet",
    "pain": "bar",
    "botte": "bunch",
    "tas": "heap",
    "piece": "piece",
    "pot": "jar",
    "canette": "can",
    "caisse": "crate",
    "plateau": "tray",
    "plaquette": "pack",
    "rouleau": "roll",
    "tube": "tube",
    "seau": "bucket",
    "flacon": "bottle",
    "barre": "bar",
    "palette": "pallet",
    "tonne": "tonne",
    "litre": "litre",
    "kg": "kg",
    "gramme": "g",
    "metre": "metre",
    "feuille": "sheet",
    "plaque": "sheet",
    "planche": "plank",
    "tige": "rod",
    "bobine": "spool",
    "rame": "ream",
    "jeu": "set",
    "coffret": "box",
    "paire": "pair",
    "douzaine": "dozen",
    "tablette": "bar",
    "boule": "ball",
    "verre": "glass",
    "bocal": "jar",
    "baril": "barrel",
    "fut": "drum",
    "bassine": "basin",
    "panier": "basket",
    "regime": "bunch",
    "fardeau": "pack",
    "balle": "bale",
    "ballot": "bale",
}


_ENGLISH_SAME_PLURAL = frozenset({"dozen"})  # 5 dozen
_ENGLISH_F_VES = frozenset({"loaf", "half", "shelf", "leaf", "knife"})  # 20 loaves of bread
_FRENCH_AL_S = frozenset({"bal", "carnaval", "festival", "régal"})
_FRENCH_EU_S = frozenset({"pneu", "bleu", "landau"})


def _plural(language: str, unit: str) -> str:
    """The plural of a unit word: French `sacs`, `seaux`; English `bags`, `boxes`, `bunches`;
    Wolof nouns do not change after a number; symbols never do."""
    if language == "wo" or unit.casefold() in _SYMBOLS:
        return unit
    if language == "en":
        if unit in _ENGLISH_SAME_PLURAL:
            return unit
        if unit.casefold() in _ENGLISH_F_VES:
            return unit.rstrip("eEfF") + "ves"
        if unit.endswith(("s", "x", "z", "ch", "sh")):
            return unit + "es"
        if unit.endswith("y") and unit[-2:-1] not in ("a", "e", "o", "u"):
            return unit[:-1] + "ies"
        return unit + "s"
    if unit.endswith(("s", "x", "z")):
        return unit
    if unit.endswith("al") and unit.casefold() not in _FRENCH_AL_S:
        return unit[:-2] + "aux"  # bocal → bocaux
    if unit.endswith(("au", "eu")) and unit.casefold() not in _FRENCH_EU_S:
        return unit + "x"  # seau → seaux, jeu → jeux, tuyau → tuyaux
    return unit + "s"


def unit_name(language: str, unit: str, unit_en: str = "") -> str:
    """The unit in `language`: English from the catalog's `unit_en` or the usual translation,
    the catalog's own word otherwise."""
    if language != "en" or not unit:
        return unit
    if unit_en:
        return unit_en
    if word_key(unit) in ENGLISH_NAMES:
        return word_key(unit)
    return _ENGLISH_UNITS.get(canonical_unit(unit), unit)


@worded()
def amount(language: str, quantity: int, unit: str, unit_en: str = "") -> str:
    """`3 sacs`, `1 sac`, `0 sac`, `1 500 sacs`; `3 bags`, `1 bag`, `0 bags`, `1,500 bags`;
    Wolof `3 sac`."""
    shown = number(language, quantity)
    single = quantity <= 1 if language == "fr" else quantity == 1
    if not unit:
        return f"{shown} {text(language, 'unit_default_one' if single else 'unit_default')}"
    name = unit_name(language, unit, unit_en)
    return f"{shown} {name if single else _plural(language, name)}"


# Canonical units (`intents.units`) as French writes them.
_SPELLED = {"boite": "boîte", "piece": "pièce", "unite": "unité"}


@worded()
def typed_amount(language: str, quantity: int, unit: str) -> str:
    """`10 cartons`, `3 kg`, `2 boîtes`: an amount in a unit word the manager typed (its key:
    `boxe` of `boxes` is `2 boîtes`, `2 boxes` in English; `casier` is `10 casiers` in French,
    not the `caisses` it counts as)."""
    key = word_key(unit)
    shown = key if language == "fr" and key in FRENCH_NAMES else canonical_unit(unit)
    return amount(language, quantity, _SPELLED.get(shown, shown))


def number(language: str, value: int) -> str:
    """`100 000` in French (no-break space), `100,000` in English."""
    grouped = f"{value:,}"
    return grouped.replace(",", "\u00a0") if language != "en" else grouped


@worded()
def product_count(language: str, count: int) -> str:
    """`1 produit`, `3 produits` (`0 produit` in French, `0 products` in English)."""
    single = count == 1 or (language == "fr" and count == 0)
    return text(language, "products_one" if single else "products_many", count=count)


@worded()
def plural_unit(language: str, unit: str, unit_en: str = "") -> str:
    """The unit as asked in "Combien de sacs ?"."""
    if not unit:
        return text(language, "unit_default")
    return _plural(language, unit_name(language, unit, unit_en))


@worded(language_first=False)
def shorten(value: str, limit: int) -> str:
    """`value` cut to `limit` characters (`text_length`: an emoji may count 2) with an
    ellipsis."""
    value = " ".join(value.split())
    if text_length(value) <= limit:
        return value
    cut = limit - 1
    while text_length(value[:cut]) > limit - 1:
        cut -= 1
    while 0 < cut < len(value) and _inside_symbol(value, cut):
        cut -= 1  # never half an emoji: `👨‍👩‍👧`, `👍🏾`, `❤️`, a flag
    return value[:cut].rstrip() + "…"


_JOINER = "\u200d"


def _inside_symbol(value: str, cut: int) -> bool:
    """Whether cutting `value` before `cut` splits one symbol as shown: a joined emoji, a skin
    tone, a variation selector, a combining accent, a keycap, a flag's two letters."""
    after, before = value[cut], value[cut - 1]
    if after == _JOINER or before == _JOINER or unicodedata.combining(after):
        return True
    code = ord(after)
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or code == 0x20E3:
        return True
    if 0xE0020 <= code <= 0xE007F:  # the tags of a subdivision flag
        return True
    if _regional(after):  # a flag is two regional letters: cut between pairs only
        letters = 0
        while cut - letters > 0 and _regional(value[cut - letters - 1]):
            letters += 1
        return letters % 2 == 1
    return False


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def shorten_apart(values: Sequence[str], limit: int) -> list[str]:
    """Each of `values` cut to `limit` (`shorten`); those the cut would make alike keep their
    last word, the part that tells them apart (« Sandales cuir pointu… 42 » and « … 40 », not
    « Sandales cuir pointure… » twice)."""
    cut = [shorten(value, limit) for value in values]
    alike = {title for title in cut if cut.count(title) > 1}
    shown = list(cut)
    for index, value in enumerate(values):
        words = " ".join(value.split()).rsplit(" ", 1)
        if cut[index] not in alike or len(words) < 2:
            continue
        head, tail = words
        room = limit - text_length(tail) - 1
        if room >= 4:
            shown[index] = f"{shorten(head, room)} {tail}"
    return shown if len(set(shown)) == len(shown) else cut
