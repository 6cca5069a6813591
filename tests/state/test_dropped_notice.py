"""What a new command says it dropped names a line whose product is still to choose by the
words of the products it may be and their common unit (`12 paquets de Pampers`), not by the
keys it was read as (`12 pamper`)."""

from __future__ import annotations

from tests.state.conftest import CATALOG, Row, Runner, make_view, texts

ROWS: list[Row] = [
    *CATALOG,
    ("COUCHE-3", "Couches Pampers taille 3", ["pampers", "couches"], "paquet", 14, 5, 20),
    ("COUCHE-4", "Couches Pampers taille 4", ["pampers", "couches"], "paquet", 9, 5, 20),
]


def test_a_line_of_several_products_is_named_by_their_words_and_unit() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 2 pampers")
    out = texts(runner.say("vendu 3 sucre"))
    assert out.startswith("La vente de 2 paquets de Pampers est annulée"), out


def test_a_line_of_products_of_several_units_keeps_its_words() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 2 huile")
    out = texts(runner.say("vendu 3 sucre"))
    assert out.startswith("La vente de 2 huile est annulée"), out
