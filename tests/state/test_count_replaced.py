"""A new count command typed while a count waits (for its product, its yes) replaces it and
says so, as a new sale does: nothing of the old count is mixed in or recorded with it. A count
of the product waiting is still an answer to it."""

from __future__ import annotations

from state import SetCount
from tests.state.conftest import CATALOG, Row, Runner, make_view, texts

ROWS: list[Row] = [
    *CATALOG,
    ("COUCHE-3", "Couches Pampers taille 3", ["pampers", "couches"], "paquet", 14, 5, 20),
    ("COUCHE-4", "Couches Pampers taille 4", ["pampers", "couches"], "paquet", 9, 5, 20),
]


def _sets(runner: Runner) -> list[SetCount]:
    assert runner.last is not None
    return [e for e in runner.last.effects if isinstance(e, SetCount)]


def test_a_new_count_at_which_product_replaces_the_count_waiting() -> None:
    runner = Runner(make_view(rows=ROWS))
    assert "Quel produit" in texts(runner.say("inventaire pampers 12"))
    out = texts(runner.say("compté huile 50 sucre 10"))
    assert out.startswith(
        "L'inventaire de 12 paquets de Pampers est annulé (rien n'est enregistré)."
    )
    assert "Ligne 1 (huile) : Quel produit ?" in out, out
    assert "Pampers" not in out.split("\n", 1)[1], out  # only the oils are offered, no diapers
    out = texts(runner.say("Huile Jadida 5L"))
    assert "Huile Jadida 5L : 18 → 50 bidons (+32)" in out, out
    assert "Sucre en poudre 50kg : 12 → 10 sacs (−2)" in out, out
    runner.say("oui")
    assert _sets(runner)[0].lines == (("HUILE-5L", 50), ("SUCRE", 10))


def test_a_new_count_at_the_confirmation_replaces_the_count_waiting() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("inventaire sucre 8")
    out = texts(runner.say("compté 40 savon et 3 lait"))
    assert out.startswith("L'inventaire de 8 sacs de Sucre en poudre 50kg est annulé"), out
    assert "Sucre en poudre 50kg : 12" not in out, out
    runner.say("oui")
    assert _sets(runner)[0].lines == (("SAVON", 40), ("LAIT", 3))


def test_a_single_new_count_of_another_product_replaces_it() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("inventaire pampers 12")
    out = texts(runner.say("compté sucre 10"))
    assert out.startswith("L'inventaire de 12 paquets de Pampers est annulé"), out
    assert "Sucre en poudre 50kg : 12 → 10 sacs" in out, out


def test_a_full_count_of_the_products_offered_is_taken() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("inventaire pampers 12")
    out = texts(runner.say("j'ai compté 10 pampers 4 et 13 pampers 3"))
    assert "Couches Pampers taille 4 : 9 → 10 paquets (+1)" in out, out
    assert "Couches Pampers taille 3 : 14 → 13 paquets (−1)" in out, out


def test_a_count_of_the_product_waiting_is_still_its_answer() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("inventaire pampers 12")
    out = texts(runner.say("compté 12 pampers 3"))
    assert out.startswith("Couches Pampers taille 3 : 14 → 12 paquets (−2)"), out
    out = texts(runner.say("en fait 11"))
    assert "annulé" not in out and "14 → 11 paquets" in out, out


def test_a_count_command_while_a_sale_waits_is_a_new_count() -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say("vendu 3 sucre")
    out = texts(runner.say("inventaire savon 30"))
    assert out.startswith("La vente de 3 sacs de Sucre en poudre 50kg est annulée"), out
    assert "Savon de Marseille : 15 → 30 cartons (+15)" in out, out
