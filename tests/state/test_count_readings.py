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
