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


def test_how_much_is_it_asks_a_price_unless_the_stock_is_named() -> None:
    """`c'est combien le riz ?` is a price (it got the help, and under « Quel produit ? » was
    read as « c'est le riz »); `c'est combien le stock de riz` asks the stock."""
    runner = Runner(make_view())
    assert texts(runner.say("c'est combien le riz ?")).startswith("Je ne connais pas les prix")
    assert texts(runner.say("ca fait combien le savon")).startswith("Je ne connais pas les prix")
    assert texts(runner.say("c'est combien le stock de riz")).startswith("Riz brisé 50kg : 42")


def test_how_much_is_it_keeps_the_product_question() -> None:
    runner = Runner(make_view())
    asked = texts(runner.say("vendu 2 huile"))
    out = texts(runner.say("c est combien le riz"))
    assert out.startswith("Je ne connais pas les prix") and out.endswith(asked), out
