"""A catalog imported without aliases: a name typed short but only one product's is recorded or
answered without "Vouliez-vous dire … ?"; what is quoted back of a product not found leaves out
the amount (`vendu dentelle 10m`) and who sold it (`mon fils a vendu …`)."""

from __future__ import annotations

import pytest

from state import State
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("BAZIN-BLEU", "Bazin riche bleu", [], "mètre", 120, 20, 50),
    ("BAZIN-BLANC", "Bazin riche blanc brodé", [], "mètre", 90, 20, 50),
    ("COCA-15", "Coca-Cola 1,5L", [], "pack", 40, 8, 20),
    ("COCA-33", "Coca-Cola canette 33cl", [], "carton", 30, 6, 12),
    ("NIDO", "Lait en poudre Nido 400g", [], "boîte", 30, 6, 12),
]


@pytest.fixture
def depot() -> Runner:
    return Runner(make_view(rows=ROWS))


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("vendu 2 bazin bleu", "Enregistrer la vente de 2 mètres de Bazin riche bleu ?"),
        ("recu 5 coca 1.5", "Enregistrer l'arrivage de 5 packs de Coca-Cola 1,5L ?"),
        ("vendu 3 lait nido", "Enregistrer la vente de 3 boîtes de Lait en poudre Nido 400g ?"),
    ],
)
def test_a_name_typed_short_is_confirmed_without_a_guess(
    depot: Runner, typed: str, asked: str
) -> None:
    assert texts(depot.say(typed)).startswith(asked)
    assert depot.state == State.AWAITING_CONFIRMATION


def test_a_stock_question_typed_short_is_answered(depot: Runner) -> None:
    assert texts(depot.say("coca 1.5")).startswith("Coca-Cola 1,5L : 40 packs")
    assert depot.state == State.IDLE


def test_words_of_two_names_still_ask_which(depot: Runner) -> None:
    assert texts(depot.say("vendu 3 coca")).startswith("Quel produit ?")


def test_the_amount_after_an_unknown_product_is_not_quoted(runner: Runner) -> None:
    out = texts(runner.say("vendu dentelle 10m"))
    assert out.startswith("Je ne trouve pas « dentelle ». ")


def test_a_size_after_an_unknown_product_counted_apart_is_quoted(runner: Runner) -> None:
    assert texts(runner.say("vendu 2 dentelle 10m")).startswith("Je ne trouve pas « dentelle 10m »")


def test_who_sold_is_not_quoted_as_the_product(runner: Runner) -> None:
    out = texts(runner.say("mon fils a vendu 2 tissus"))
    assert out.startswith("Je ne trouve pas « tissus ». ")


@pytest.mark.parametrize(
    "typed",
    ["le camion a amené 5 cartons de tissus", "j'ai ramené 5 cartons de tissus du marché"],
)
def test_who_brought_and_the_unit_are_not_quoted(runner: Runner, typed: str) -> None:
    assert texts(runner.say(typed)).startswith("Je ne trouve pas « tissus")
