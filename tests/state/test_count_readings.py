"""A count whose product's name holds a number (`Fleur 11`, `NPK 6-20-10`): the reading whose
other numbers all belong to the product is the one meant, the number left is the count."""

from __future__ import annotations

import pytest

from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("ARA-FL", "Semences arachide Fleur 11", ["arachide", "fleur 11"], "kg", 300, 80, 300),
    ("ARA-55", "Semences arachide 55-437", ["arachide"], "kg", 500, 100, 500),
    ("NPK-6", "Engrais NPK 6-20-10 sac 50kg", ["npk", "npk 6 20 10"], "sac", 60, 20, 60),
]


@pytest.mark.parametrize(
    ("language", "typed", "before", "after"),
    [
        ("en", "we counted 280 kg of fleur 11 seed", "300", "280"),
        ("fr", "j'ai compté 280 kg de fleur 11", "300", "280"),
        ("fr", "inventaire npk 6 20 10 : 55", "60", "55"),
    ],
)
def test_the_count_is_the_number_not_in_the_name(
    language: str, typed: str, before: str, after: str
) -> None:
    runner = Runner(make_view(language=language, rows=ROWS))
    out = texts(runner.say(typed))
    assert f"{before} → {after}" in out, out


BARS: list[Row] = [
    ("FER-8", "Fer à béton 8mm", ["fer", "barre de fer"], "barre", 200, 50, 200),
    ("FER-10", "Fer à béton 10mm", ["fer", "barre de fer"], "barre", 150, 50, 200),
    ("FER-12", "Fer à béton 12mm", ["fer", "barre de fer"], "barre", 60, 40, 100),
    ("TOLE", "Tôle ondulée", ["tole"], "feuille", 30, 10, 20),
]


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("inventaire fer 10 140", "Fer à béton 10mm : 150 → 140 barres (−10)"),
        ("compté fer 12 120", "Fer à béton 12mm : 60 → 120 barres (+60)"),
        ("inventaire beton 8 190", "Fer à béton 8mm : 200 → 190 barres (−10)"),
    ],
)
def test_a_number_after_a_size_number_of_the_product_is_the_count(typed: str, line: str) -> None:
    runner = Runner(make_view(rows=BARS))
    out = texts(runner.say(typed))
    assert out.startswith(line + "\n"), out


def test_a_count_far_above_the_stock_is_confirmed_first() -> None:
    runner = Runner(make_view(rows=BARS))
    out = texts(runner.say("inventaire tole 5 000"))
    assert out.startswith("5\u00a0000 feuilles de Tôle ondulée au comptage"), out
    assert "(enregistré : 30 feuilles), c'est beaucoup : vous confirmez ?" in out, out
    assert runner.last is not None and runner.last.effects == ()
    out = texts(runner.say("non"))
    assert "combien de feuilles au comptage" in out, out
    out = texts(runner.say("50"))
    assert "Tôle ondulée : 30 → 50 feuilles (+20)" in out, out


def test_a_count_near_the_stock_is_not_checked() -> None:
    runner = Runner(make_view(rows=BARS))
    out = texts(runner.say("inventaire tole 250"))
    assert out.startswith("Tôle ondulée : 30 → 250 feuilles"), out
