"""A sale and an arrival in one message (`vendu 2 riz et reçu 10 sucre`): the first movement
is drafted, the other set aside and said so; before, the arrival was drafted as a sale."""

from __future__ import annotations

from state import RecordMovement
from tests.state.conftest import Runner, make_view, texts


def test_the_arrival_is_set_aside_not_sold() -> None:
    runner = Runner(make_view())
    out = texts(runner.say("vendu 2 riz et reçu 10 sucre"))
    assert out.startswith("Une opération à la fois : renvoyez « reçu 10 sucre »"), out
    assert "Sucre" not in out.split("\n", 1)[1], out
    recorded = [e for e in runner.say("oui").effects if isinstance(e, RecordMovement)]
    assert [(e.kind, e.lines) for e in recorded] == [("sale", (("RIZ", 2),))]


def test_two_sales_stay_one_sale() -> None:
    runner = Runner(make_view())
    out = texts(runner.say("vendu 2 riz et 3 savon"))
    assert "Une opération" not in out and "Savon" in out, out


def test_english_arrival_first() -> None:
    runner = Runner(make_view(language="en"))
    out = texts(runner.say("received 5 soap and sold 2 rice"))
    assert out.startswith("One thing at a time"), out
