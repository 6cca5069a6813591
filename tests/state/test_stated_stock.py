"""The stock stated, not asked (`il reste 30 riz`, `plus que 5 sucre`, `only 4 left of soap`,
`le lait est fini`, `dafa jeex`): offered as a count from the stock noted, confirmed first
(before: the stock noted was shown and the figure said was lost). A question still gets the
stock; a figure equal to the stock noted gets the stock answer."""

from __future__ import annotations

import pytest

from state import SetCount
from tests.state.conftest import Row, Runner, make_view, texts

# A hardware store.
HARDWARE: list[Row] = [
    ("CIMENT-50", "Ciment CEM II 50kg", ["ciment"], "sac", 80, 20, 100),
    ("FER-10", "Fer à béton 10mm", ["fer 10", "fer de 10"], "barre", 150, 40, 200),
    ("PEINTURE-BL", "Peinture blanche 20L", ["peinture", "peinture blanche"], "seau", 9, 3, 10),
]


def _counts(runner: Runner) -> list[SetCount]:
    assert runner.last is not None
    return [e for e in runner.last.effects if isinstance(e, SetCount)]


@pytest.mark.parametrize(
    ("language", "typed", "sku", "before", "after"),
    [
        ("fr", "il reste 60 ciment", "CIMENT-50", 80, 60),
        ("fr", "plus que 4 seaux de peinture", "PEINTURE-BL", 9, 4),
        ("fr", "il me reste 120 barres de fer de 10", "FER-10", 150, 120),
        ("fr", "la peinture est finie", "PEINTURE-BL", 9, 0),
        ("wo", "ciment bi dafa jeex", "CIMENT-50", 80, 0),
        ("en", "only 70 bags of cement left", "CIMENT-50", 80, 70),
        # `il y a`, `there are`: the stock stated too (it was the stock noted, the figure lost)
        ("fr", "il y a 60 sacs de ciment", "CIMENT-50", 80, 60),
        ("fr", "y a 5 seaux de peinture", "PEINTURE-BL", 9, 5),
        ("en", "there are 70 bags of cement", "CIMENT-50", 80, 70),
        # traders' English: `finish`, `gone`, `sold out`, `out of` say none is left (before:
        # the stock noted was shown)
        ("en", "cement finish", "CIMENT-50", 80, 0),
        ("en", "cement don finish", "CIMENT-50", 80, 0),
        ("en", "the paint is gone", "PEINTURE-BL", 9, 0),
        ("en", "sold out of cement", "CIMENT-50", 80, 0),
        ("en", "we are out of paint", "PEINTURE-BL", 9, 0),
        ("en", "cement sold out", "CIMENT-50", 80, 0),
        # `remain`, `we have`: the stock stated (the stock noted was shown, the figure lost)
        ("en", "cement remain 60", "CIMENT-50", 80, 60),
        ("en", "only 5 buckets of paint remain", "PEINTURE-BL", 9, 5),
        ("en", "we have 70 bags of cement", "CIMENT-50", 80, 70),
    ],
)
def test_a_stated_stock_is_offered_as_a_count(
    language: str, typed: str, sku: str, before: int, after: int
) -> None:
    runner = Runner(make_view(rows=HARDWARE, language=language))
    asked = texts(runner.say(typed))
    assert f"{before} → {after}" in asked, asked
    runner.say({"fr": "oui", "en": "yes", "wo": "waaw"}[language])
    assert [c.lines for c in _counts(runner)] == [((sku, after),)]


@pytest.mark.parametrize(
    "typed",
    [
        "il reste combien de ciment",
        "il reste 60 ciment ?",
        "il reste 80 ciment",
        "il y a combien de ciment",
        "il y a 60 ciment ?",
        "running out of cement",
        "cement don finish?",
        # nearly finished is not finished (it was a count of 0)
        "cement almost finished",
        "le ciment est presque fini",
        "cement dey finish",
        "do we have 60 bags of cement",
    ],
)
def test_a_question_or_the_same_figure_gets_the_stock(typed: str) -> None:
    runner = Runner(make_view(rows=HARDWARE))
    out = texts(runner.say(typed))
    assert out.startswith("Ciment CEM II 50kg : 80 sacs"), out
    assert "→" not in out


def test_finished_when_the_stock_noted_is_already_none() -> None:
    rows = [(*HARDWARE[0][:4], 0, *HARDWARE[0][5:])]
    runner = Runner(make_view(rows=rows))
    out = texts(runner.say("le ciment est fini"))
    assert out.startswith("Ciment CEM II 50kg : 0 sac"), out
    assert "→" not in out
