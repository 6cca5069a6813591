"""Every unit the bot may say comes out in English in an English reply: a catalogue's units
without their `unit_en` (« Tôle ondulée: 80 feuilles », « 5 jeus », « 10 douzaines », « 100
mètres » were said in French), and the units a manager types (`10 casiers`)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from intents.normalize import SIZE_UNITS
from intents.units import FRENCH_NAMES, UNITS
from state.messages import amount, plural_unit, typed_amount, unit_name
from tests.bot.conversation.test_hardware_store import CATALOGUE

_ROOT = Path(__file__).resolve().parents[2]
# Units shops in Senegal count in, beyond those of the catalogues in this repository.
_COMMON_UNITS = (
    "sac sachet paquet carton boîte bouteille bidon pot flacon tube pièce unité paire jeu lot "
    "douzaine rame feuille plaque planche barre tige rouleau bobine mètre kilo gramme litre "
    "tonne kg g l ml cl m cm mm seau bassine panier tas botte régime pain tablette boule "
    "plateau plaquette casier cageot caisse palette pack fardeau balle ballot baril fût "
    "bocal canette verre kit coffret set"
)
_COMMON = _COMMON_UNITS.split()


def _catalogue_units() -> set[str]:
    """The units of every catalogue the repository holds (the demo's, the tests')."""
    units: set[str] = set()
    for path in [*_ROOT.glob("bot/data/*.csv"), *_ROOT.glob("tests/**/*catalog*.csv")]:
        with path.open(encoding="utf-8") as rows:
            units |= {row["unit"].strip() for row in csv.DictReader(rows) if row.get("unit")}
    hardware = csv.DictReader(CATALOGUE.splitlines(), delimiter=";")
    units |= {row["Unité"].strip() for row in hardware}
    return units


_SAID = sorted(
    _catalogue_units()
    | set(_COMMON)
    | set(UNITS.values())
    | set(SIZE_UNITS.values())
    | set(FRENCH_NAMES)
)


def test_the_catalogues_are_found() -> None:
    assert {"sac", "boîte", "feuille", "jeu", "mètre", "paire"} <= set(_SAID)


@pytest.mark.parametrize("unit", _SAID)
def test_every_unit_is_said_in_english(unit: str) -> None:
    assert unit_name("en", unit) in _ENGLISH, unit
    said = [amount("en", 1, unit), amount("en", 5, unit), typed_amount("en", 5, unit)]
    words = [s.split(" ", 1)[1] for s in said] + [plural_unit("en", unit)]
    assert all(w in _ENGLISH_FORMS for w in words), (unit, words)


_ENGLISH_UNITS = (
    "bag sachet packet carton box bottle can jar tube piece pair set lot dozen ream sheet "
    "plank bar rod roll spool metre kg g l ml cl m cm mm t tonne litre bucket basin basket "
    "heap bunch tablet ball tray pack crate pallet bale barrel drum glass kit"
)
_ENGLISH = frozenset(_ENGLISH_UNITS.split())
_ENGLISH_FORMS = _ENGLISH | {w + "s" for w in _ENGLISH} | {w + "es" for w in _ENGLISH}
