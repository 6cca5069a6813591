"""A sale and an arrival in one message (`vendu 2 riz et reçu 10 sucre`): the first movement
is drafted, the other set aside, said so, and asked right after the first is recorded or
declined (before, the manager was told to send it again); at first the arrival was drafted as
a sale."""

from __future__ import annotations

from state import MovementRecorded, RecordMovement
from tests.state.conftest import Runner, make_view, texts


def test_the_arrival_is_set_aside_not_sold() -> None:
    runner = Runner(make_view())
    out = texts(runner.say("vendu 2 riz et reçu 10 sucre"))
    assert out.startswith("Une opération à la fois : « reçu 10 sucre » est demandé juste"), out
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


def test_the_arrival_is_asked_once_the_sale_is_recorded() -> None:
    runner = Runner(make_view())
    runner.say("vendu 2 riz et reçu 10 sucre")
    runner.say("oui")
    done = runner.feed(MovementRecorded("sale", (("RIZ", 2, 40),)))
    assert done.replay == "reçu 10 sucre"
    out = texts(runner.say(done.replay))
    assert (
        out
        == "Enregistrer l'arrivage de 10 sacs de Sucre en poudre 50kg ?\n[Oui]\n[Modifier]\n[Non]"
    )


def test_the_arrival_is_asked_when_the_sale_is_declined() -> None:
    runner = Runner(make_view())
    runner.say("vendu 2 riz et reçu 10 sucre")
    out = runner.say("non")
    assert texts(out).startswith("D'accord, vente non enregistrée."), texts(out)
    assert out.replay == "reçu 10 sucre"


def test_a_new_command_drops_both() -> None:
    runner = Runner(make_view())
    runner.say("vendu 2 riz et reçu 10 sucre")
    assert runner.say("stock savon").replay is None
