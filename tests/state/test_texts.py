"""The message catalogues (issue 13 §4): every key in every language with the same placeholders,
units translated and pluralised by each language's rules."""

from __future__ import annotations

from string import Formatter

import pytest

from state.messages import amount, plural_unit, text
from state.texts import CATALOGUES, LANGUAGES


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def test_every_language_has_every_key() -> None:
    keys = {language: set(texts) for language, texts in CATALOGUES.items()}
    everything = set().union(*keys.values())
    missing = {language: sorted(everything - mine) for language, mine in keys.items()}
    assert missing == {language: [] for language in LANGUAGES}


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "fr"])
def test_placeholders_are_the_same_as_in_french(language: str) -> None:
    french = CATALOGUES["fr"]
    different = {
        key: (sorted(_placeholders(french[key])), sorted(_placeholders(template)))
        for key, template in CATALOGUES[language].items()
        if _placeholders(french[key]) != _placeholders(template)
    }
    assert different == {}


def test_the_languages_are_french_english_wolof() -> None:
    assert LANGUAGES == ("fr", "en", "wo")


@pytest.mark.parametrize(
    ("language", "quantity", "unit", "shown"),
    [
        ("fr", 0, "sac", "0 sac"),
        ("fr", 1, "sac", "1 sac"),
        ("fr", 34, "sac", "34 sacs"),
        ("fr", 45, "kg", "45 kg"),
        ("fr", 3, "seau", "3 seaux"),
        ("fr", 2, "boîte", "2 boîtes"),
        ("en", 34, "sac", "34 bags"),
        ("en", 1, "bouteille", "1 bottle"),
        ("en", 2, "boîte", "2 boxes"),
        ("en", 0, "sac", "0 bags"),
        ("en", 3, "botte", "3 bunches"),
        ("en", 2, "pain", "2 bars"),
        ("en", 12, "kg", "12 kg"),
        ("en", 5, "litres", "5 litres"),
        ("en", 4, "bidons", "4 cans"),
        ("wo", 34, "sac", "34 sac"),
        ("fr", 2, "jeu", "2 jeux"),
        ("fr", 3, "tuyau", "3 tuyaux"),
        ("fr", 4, "bocal", "4 bocaux"),
        ("fr", 2, "pneu", "2 pneus"),
        ("fr", 5, "seau", "5 seaux"),
        # Thousands grouped as managers read them: a no-break space, a comma in English.
        ("fr", 1500, "sac", "1\u00a0500 sacs"),
        ("fr", 12000, "", "12\u00a0000 unités"),
        ("en", 1500, "sac", "1,500 bags"),
        ("wo", 2000, "sac", "2\u00a0000 sac"),
    ],
)
def test_units_are_translated_and_pluralised(
    language: str, quantity: int, unit: str, shown: str
) -> None:
    assert amount(language, quantity, unit) == shown


def test_the_catalogs_english_unit_wins() -> None:
    assert amount("en", 3, "paquet", "box") == "3 boxes"
    assert amount("fr", 3, "paquet", "box") == "3 paquets"
    assert plural_unit("en", "paquet", "box") == "boxes"
    assert plural_unit("en", "sac") == "bags"


def test_a_wolof_stock_answer_is_wolof() -> None:
    shown = text("wo", "stock", name="Ceeb", quantity="40 sac", threshold="10 sac")
    assert "des" in shown and "Seuil d'alerte" not in shown


@pytest.mark.parametrize(
    ("language", "key", "values", "said"),
    [
        ("fr", "line", {"quantity": "2 bouteilles"}, "2 bouteilles de gaz 12kg"),
        ("fr", "line", {"quantity": "1 bouteille"}, "1 bouteille de gaz 12kg"),
        (
            "fr",
            "sale_refused",
            {"available": "1 bouteille"},
            "Vente refusée : il ne reste que 1 bouteille de gaz 12kg.",
        ),
        ("en", "line", {"quantity": "2 bags", "name": "Bag of cement"}, "2 bags of cement"),
        (
            "fr",
            "line",
            {"quantity": "3 seaux", "name": "Seau de peinture 20L"},
            "3 seaux de peinture 20L",
        ),
        ("fr", "line", {"quantity": "2 sacs", "name": "Huile 5L"}, "2 sacs d'Huile 5L"),
        # a name that is the unit alone: said once too (`20 taille-crayons`)
        ("fr", "line", {"quantity": "2 sacs", "name": "Sac"}, "2 sacs"),
        (
            "fr",
            "line",
            {"quantity": "20 taille-crayons", "name": "Taille-crayon"},
            "20 taille-crayons",
        ),
        ("fr", "line", {"quantity": "2 sacs", "name": "Sacoche"}, "2 sacs de Sacoche"),
    ],
)
def test_a_name_beginning_with_its_unit_says_the_unit_once(
    language: str, key: str, values: dict[str, str], said: str
) -> None:
    assert text(language, key, **{"name": "Bouteille de gaz 12kg", **values}) == said
