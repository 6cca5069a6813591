"""Container words (``sac``, ``bags``, ``btl``): one canonical unit per word, on both sides.

A manager writes ``3 bags of sugar`` about a catalog whose unit is ``sac``; both become ``sac``,
so the unit narrows the choice whatever the language or abbreviation. Sizes (``5L``, ``12kg``)
are not units: they are read by :mod:`intents.normalize`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from intents.normalize import word_key, word_keys

# canonical unit: the words that mean it (French, English, plurals, abbreviations)
_SPELLINGS = MappingProxyType({
    "sac": "sac sacs bag bags sack sacks",
    "bidon": "bidon bidons jerrican jerricans jerrycan jerrycans galon galons gallon gallons",
    "bouteille": "bouteille bouteilles btl btle btles bottle bottles",
    "paquet": "paquet paquets pqt pqts paq paket pakets packet packets",
    "pack": "pack packs",
    "carton": "carton cartons ctn ctns crtn case cases",
    "boite": "boite boites bte btes box boxes tin tins",
    "sachet": "sachet sachets pochette pochettes",
    "pot": "pot pots jar jars",
    "canette": "canette canettes cannette cannettes can cans",
    "caisse": "caisse caisses crate crates casier casiers cageot cageots",
    "piece": "piece pieces pce pces pc pcs unite unites unit units",
    "plateau": "plateau plateaux plateaus tray trays",
    "plaquette": "plaquette plaquettes",
    "rouleau": "rouleau rouleaux roll rolls",
    "tube": "tube tubes",
    "seau": "seau seaux bucket buckets",
    "flacon": "flacon flacons",
    "barre": "barre barres bar bars",
    "palette": "palette palettes pallet pallets",
    "feuille": "feuille feuilles sheet sheets",
    "paire": "paire paires pair pairs",
    "jeu": "jeu jeux set sets",
    "rame": "rame rames ream reams",
    "tonne": "tonne tonnes ton tons",
    "kg": "kilo kilos kg kgs",
    "litre": "litre litres liter liters ltr",
    "bobine": "bobine bobines spool spools",
})  # fmt: skip
UNITS: Mapping[str, str] = MappingProxyType(
    {word_key(word): word_key(unit) for unit, words in _SPELLINGS.items() for word in words.split()}
)
UNIT_WORDS = frozenset(UNITS)
# French words that are names of their own, not a spelling of their unit: a manager who typed
# `10 casiers` is told `10 casiers`, not `10 caisses` (English words and abbreviations are
# told by their unit's word).
FRENCH_NAMES = word_keys("casier cageot pochette jerrican jerrycan galon unite cannette")
# English words that are names of their own: a catalog counting milk in `tin` or oil in `gallon`
# is told `3 tins`, `2 gallons` in English, not the `boxes` or `cans` of their unit.
ENGLISH_NAMES = word_keys("tin gallon sack case unit ton liter")


def canonical_unit(word: str) -> str:
    """``Bags`` -> ``sac``; a unit word not in the table stays itself (folded, singular)."""
    key = word_key(word)
    return UNITS.get(key, key)
