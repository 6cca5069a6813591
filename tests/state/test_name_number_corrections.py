"""A correction reads its quantity the way a command does: a number of a product's name
(`gaz 12`, `carte 5000`, `disjoncteur 32`) is the name's, never the new quantity; a unit beside
the quantity (`8 kg`) is its, whatever line it corrects. The same holds while "Quel produit ?"
waits: `15 gaz 12` picks the product and says the quantity."""

from __future__ import annotations

import pytest

from state import RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

# Products told apart by a bare number of their names or aliases, and products sold by the kg.
ROWS: list[Row] = [
    ("GAZ-6", "Bouteille de gaz 6kg", ["gaz", "gaz 6"], "bouteille", 40, 5, 20),
    ("GAZ-12", "Bouteille de gaz 12kg", ["gaz", "gaz 12"], "bouteille", 30, 5, 20),
    ("WAVE-500", "Carte Wave 500", ["wave 500", "carte 500"], "carte", 100, 10, 50),
    ("WAVE-5000", "Carte Wave 5000", ["wave 5000", "carte 5000"], "carte", 80, 10, 50),
    ("DISJ-16", "Disjoncteur 16", ["disjoncteur", "disjoncteur 16"], "pièce", 20, 5, 10),
    ("DISJ-20", "Disjoncteur 20", ["disjoncteur", "disjoncteur 20"], "pièce", 20, 5, 10),
    ("DISJ-32", "Disjoncteur 32", ["disjoncteur", "disjoncteur 32"], "pièce", 20, 5, 10),
    ("BOEUF", "Viande de boeuf", ["boeuf", "viande"], "kg", 30, 5, 20),
    ("MOUTON", "Viande de mouton", ["mouton"], "kg", 20, 5, 20),
    ("SAVON-N", "Savon noir", ["savon", "savon noir"], "morceau", 40, 5, 20),
    ("SAVON-L", "Savon au lait", ["savon", "savon lait"], "morceau", 40, 5, 20),
]


@pytest.fixture
def shop() -> Runner:
    return Runner(make_view(rows=ROWS))


def recorded(shop: Runner, typed: str) -> list[tuple[str, int]]:
    out = shop.say(typed)
    return [line for e in out.effects if isinstance(e, RecordMovement) for line in e.lines]


@pytest.mark.parametrize(
    "typed", ["non 25 gaz 12", "non c'est 25 gaz 12", "non 25 bouteilles de gaz 12", "25 gaz 12"]
)
def test_a_number_of_the_name_is_not_the_new_quantity(shop: Runner, typed: str) -> None:
    shop.say("recu 20 gaz 12")
    out = texts(shop.say(typed))
    assert out.startswith("Enregistrer l'arrivage de 25 bouteilles de gaz 12kg ?"), out
    assert recorded(shop, "oui") == [("GAZ-12", 25)]


def test_the_line_named_by_its_number_gets_the_quantity(shop: Runner) -> None:
    shop.say("recu 10 wave 500 et 20 wave 5000")
    out = texts(shop.say("non 30 wave 5000"))
    assert out.startswith("Enregistrer l'arrivage : 10 cartes Wave 500, 30 cartes Wave 5000 ?"), out


def test_a_product_typed_without_a_number_keeps_the_plain_reading(shop: Runner) -> None:
    shop.say("vendu 3 mouton et 2 boeuf")
    out = texts(shop.say("non 4 mouton"))
    assert "4 kg de Viande de mouton" in out and "2 kg de Viande de boeuf" in out, out


@pytest.mark.parametrize("typed", ["non 8 kg mouton", "non mouton 8 kg", "8 kg mouton"])
def test_a_unit_beside_the_quantity_of_one_line_of_several(shop: Runner, typed: str) -> None:
    shop.say("recu 10 kg boeuf et 5 kg mouton")
    out = texts(shop.say(typed))
    assert out.startswith(
        "Enregistrer l'arrivage : 10 kg de Viande de boeuf, 8 kg de Viande de mouton ?"
    ), out
    assert recorded(shop, "oui") == [("BOEUF", 10), ("MOUTON", 8)]


@pytest.mark.parametrize("typed", ["plutot le 32", "non le 32", "le 32"])
def test_a_bare_number_of_a_sibling_name_swaps_the_product(shop: Runner, typed: str) -> None:
    shop.say("vendu 5 disjoncteur 20")
    out = texts(shop.say(typed))
    assert out.startswith("Enregistrer la vente de 5 pièces de Disjoncteur 32 ?"), out


def test_a_number_no_sibling_is_named_by_stays_the_quantity(shop: Runner) -> None:
    shop.say("vendu 5 disjoncteur 20")
    out = texts(shop.say("non le 3"))
    assert out.startswith("Enregistrer la vente de 3 pièces de Disjoncteur 20 ?"), out


@pytest.mark.parametrize("typed", ["non 15 gaz 12", "15 gaz 12", "c'est 15 gaz 12"])
def test_quantity_and_product_while_which_product_waits(shop: Runner, typed: str) -> None:
    shop.say("vendu 10 gaz")
    out = texts(shop.say(typed))
    assert out.startswith("Enregistrer la vente de 15 bouteilles de gaz 12kg ?"), out
    assert recorded(shop, "oui") == [("GAZ-12", 15)]


def test_a_quantity_and_product_fill_a_line_with_no_quantity(shop: Runner) -> None:
    shop.say("vendu disjoncteur")
    out = texts(shop.say("6 disjoncteur 16"))
    assert out.startswith("Enregistrer la vente de 6 pièces de Disjoncteur 16 ?"), out


def test_several_products_offered_answer_which_product(shop: Runner) -> None:
    shop.say("vendu savon")
    out = texts(shop.say("3 savon noir et 2 savon lait"))
    assert out.startswith(
        "Enregistrer la vente : 3 morceaux de Savon noir, 2 morceaux de Savon au lait ?"
    ), out


def test_the_product_alone_still_keeps_the_quantity(shop: Runner) -> None:
    shop.say("vendu 10 gaz")
    out = texts(shop.say("gaz 12"))
    assert out.startswith("Enregistrer la vente de 10 bouteilles de gaz 12kg ?"), out
