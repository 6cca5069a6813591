"""At "Quel produit ?", a product outside the list named with a number of its name and an
amount (`pampers 3 12`) takes that amount, in a count as in a sale; the number of its name is
no amount."""

from __future__ import annotations

import pytest

from tests.state.conftest import CATALOG, Row, Runner, make_view, texts

ROWS: list[Row] = [
    *CATALOG,
    ("COUCHE-3", "Couches Pampers taille 3", ["pampers"], "paquet", 14, 5, 20),
    ("COUCHE-4", "Couches Pampers taille 4", ["pampers"], "paquet", 9, 5, 20),
    ("COL-75", "Dentifrice Colgate 75ml", ["colgate"], "tube", 60, 5, 20),
    ("COL-150", "Dentifrice Colgate 150ml", ["colgate"], "tube", 22, 5, 20),
]


@pytest.mark.parametrize(
    ("command", "answer", "shown"),
    [
        ("inventaire colgate 30", "pampers 3 12", "Couches Pampers taille 3 : 14 → 12 paquets"),
        ("vendu 2 colgate", "pampers 3 5", "la vente de 5 paquets de Couches Pampers taille 3"),
        ("vendu 2 colgate", "pampers 4", "la vente de 2 paquets de Couches Pampers taille 4"),
        ("inventaire colgate 30", "pampers 4", "Couches Pampers taille 4 : 9 → 30 paquets"),
    ],
)
def test_another_product_with_a_name_number_and_an_amount(
    command: str, answer: str, shown: str
) -> None:
    runner = Runner(make_view(rows=ROWS))
    assert "Quel produit" in texts(runner.say(command))
    out = texts(runner.say(answer))
    assert shown in out, out
