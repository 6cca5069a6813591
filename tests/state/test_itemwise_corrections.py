"""Corrections read item by item, as the command they correct: a product named by a number of
its name (`non tube 40` under "12 barres de Tube PVC 32mm") is that product, not a quantity;
several items (`non 1 colle et 4 robinets`) correct each its own line."""

from __future__ import annotations

import pytest

from tests.state.conftest import Row, Runner, make_view, texts

# A catalogue whose products are told apart by numbers of their names and aliases.
ROWS: list[Row] = [
    ("TUBE-32", "Tube PVC 32mm", ["tube 32", "tube"], "barre", 50, 10, 20),
    ("TUBE-40", "Tube PVC 40mm", ["tube 40", "tube"], "barre", 40, 10, 20),
    ("TUBE-63", "Tube PVC 63mm", ["tube 63", "tube"], "barre", 3, 2, 10),
    ("COLLE", "Colle PVC 250g", ["colle", "colle pvc"], "pot", 30, 5, 10),
    ("ROBINET", "Robinet laiton", ["robinet"], "pièce", 20, 5, 10),
    ("BISSAP", "Jus de bissap 1L", ["bissap", "jus bissap"], "bouteille", 30, 5, 10),
    ("SPRITE-33", "Sprite 33cl", ["sprite 33", "sprite"], "canette", 48, 12, 24),
    ("SPRITE-150", "Sprite 1.5L", ["sprite 1.5", "sprite"], "bouteille", 24, 6, 12),
]


@pytest.fixture
def shop() -> Runner:
    return Runner(make_view(rows=ROWS))


@pytest.fixture
def english() -> Runner:
    return Runner(make_view(rows=ROWS, language="en"))


@pytest.mark.parametrize("typed", ["non tube 40", "non c'est tube 40", "non c'est le tube 40"])
def test_a_number_of_another_name_is_that_product(shop: Runner, typed: str) -> None:
    shop.say("vendu 12 tube 32")
    out = texts(shop.say(typed))
    assert out.startswith("Enregistrer la vente de 12 barres de Tube PVC 40mm ?"), out


def test_the_size_of_another_name_is_that_product(shop: Runner) -> None:
    shop.say("vendu 3 sprite 1.5")
    out = texts(shop.say("non sprite 33"))
    assert out.startswith("Enregistrer la vente de 3 canettes de Sprite 33cl ?"), out


def test_another_plain_number_is_the_quantity(shop: Runner) -> None:
    shop.say("vendu 12 tube 32")
    out = texts(shop.say("non tube 40 15"))
    assert out.startswith("Enregistrer la vente de 15 barres de Tube PVC 40mm ?"), out


def test_a_number_before_the_words_stays_the_quantity(shop: Runner) -> None:
    shop.say("vendu 12 tube 32")
    out = texts(shop.say("non 6 tube"))
    assert out.startswith("Enregistrer la vente de 6 barres de Tube PVC 32mm ?"), out


def test_the_stock_of_the_product_named_is_checked(shop: Runner) -> None:
    shop.say("vendu 12 tube 32")
    out = texts(shop.say("non tube 63"))
    assert "Il ne reste que 3 barres de Tube PVC 63mm" in out, out


def test_in_english(english: Runner) -> None:
    english.say("sold 12 tube 32")
    out = texts(english.say("no tube 40"))
    assert out.startswith("Record the sale of 12 bars of Tube PVC 40mm?"), out


def test_in_an_arrival(shop: Runner) -> None:
    shop.say("reçu 20 tube 40")
    out = texts(shop.say("non tube 32"))
    assert "20 barres de Tube PVC 32mm ?" in out, out


@pytest.mark.parametrize(
    "typed",
    [
        "non 1 colle et 4 robinet",
        "non c'est 4 robinet et 1 colle",
        "4 robinet 1 colle",
        "plutôt 1 colle et 4 robinets",
    ],
)
def test_each_item_corrects_its_own_line(shop: Runner, typed: str) -> None:
    shop.say("vendu 2 colle et 3 robinet")
    out = texts(shop.say(typed))
    assert out.startswith("Enregistrer la vente : 1 pot de Colle PVC 250g, 4 pièces de Robinet"), (
        out
    )


def test_a_line_not_named_stays(shop: Runner) -> None:
    shop.say("vendu 2 colle et 3 robinet et 4 bissap")
    out = texts(shop.say("non 1 colle et 5 bissap"))
    assert "1 pot de Colle PVC 250g, 3 pièces de Robinet laiton, 5 bouteilles" in out, out


def test_items_named_by_numbers_of_their_names(shop: Runner) -> None:
    shop.say("vendu 10 tube 32 et 5 colle")
    out = texts(shop.say("non 12 tube 32 et 6 colle"))
    assert out.startswith("Enregistrer la vente : 12 barres de Tube PVC 32mm, 6 pots"), out


def test_a_product_no_line_has_takes_the_place_of_the_line_not_named(shop: Runner) -> None:
    shop.say("vendu 2 colle et 3 robinet")
    out = texts(shop.say("non 2 colle et 3 bissap"))
    assert out.startswith("Enregistrer la vente : 2 pots de Colle PVC 250g, 3 bouteilles"), out
    assert "Robinet" not in out, out


def test_several_items_in_english(english: Runner) -> None:
    english.say("sold 2 colle and 3 robinet")
    out = texts(english.say("no 1 colle and 4 robinet"))
    assert out.startswith("Record the sale: 1 jar of Colle PVC 250g, 4 pieces of Robinet"), out
