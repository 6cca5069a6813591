"""A price asked: the bot keeps quantities, not prices; it says so (it answered "Je n'ai pas
compris"), and a question waiting still waits."""

from __future__ import annotations

from state import RecordMovement
from tests.state.conftest import Runner, make_view, texts


def test_a_price_gets_a_clear_answer() -> None:
    runner = Runner(make_view())
    out = texts(runner.say("prix du savon"))
    assert out.startswith("Je ne connais pas les prix"), out


def test_a_price_asked_keeps_the_sale_waiting() -> None:
    runner = Runner(make_view())
    asked = texts(runner.say("vendu 2 savon"))
    out = texts(runner.say("combien coute le savon ?"))
    assert out.startswith("Je ne connais pas les prix") and out.endswith(asked), out
    recorded = runner.say("oui").effects
    assert any(isinstance(e, RecordMovement) for e in recorded), recorded
