"""`non 4 mètres`, `non 4m` under "Enregistrer la vente de 5 mètres de Bazin ?" (or its "Vouliez-
vous dire … ?") offer 4 metres, as `non 15 kg` does for what is sold by the kg: it read a plain
no and dropped the sale."""

from __future__ import annotations

import pytest

from state import RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

FABRIC: list[Row] = [
    ("BAZIN-BLANC", "Bazin riche blanc", [], "mètre", 120, 30, 30),
    ("BAZIN-BLEU", "Bazin riche bleu", [], "mètre", 45, 30, 30),
    ("ELASTIQUE", "Élastique 1cm", [], "centimètre", 900, 100, 100),
]


@pytest.mark.parametrize("command", ["vendu 5 metres de bazin riche bleu", "vendu 5m bazin bleu"])
@pytest.mark.parametrize("typed", ["non 4 metres", "non 4m", "non c'est 4 mètres", "no 4 meters"])
def test_a_length_corrects_the_quantity(command: str, typed: str) -> None:
    runner = Runner(make_view(rows=FABRIC))
    runner.say(command)
    asked = texts(runner.say(typed))
    assert "vente de 4 mètres de Bazin riche bleu" in asked, asked
    out = runner.say("oui")
    assert [line for e in out.effects if isinstance(e, RecordMovement) for line in e.lines] == [
        ("BAZIN-BLEU", 4)
    ]


def test_centimetres_are_not_metres() -> None:
    runner = Runner(make_view(rows=FABRIC))
    runner.say("vendu 5 metres de bazin riche bleu")
    asked = texts(runner.say("non 40cm"))
    assert "40 mètres" not in asked, asked
