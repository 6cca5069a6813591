"""Two products picked, with amounts, in one answer to "Quel produit ?" (`bleu et 2 rouge`,
`1l et 2 5l`): a line each (the blue one what is left of the amount typed first, else asked),
never the amounts dropped for "Quel produit ?" again between the two."""

from __future__ import annotations

import pytest

from state import RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

BUCKETS: list[Row] = [
    ("SEAU-B", "Seau plastique bleu 10L", ["seau", "seau bleu"], "pièce", 20, 5, 10),
    ("SEAU-R", "Seau plastique rouge 10L", ["seau", "seau rouge"], "pièce", 20, 5, 10),
    ("SEAU-V", "Seau plastique vert 10L", ["seau", "seau vert"], "pièce", 20, 5, 10),
    ("SAVON", "Savon de Marseille", ["savon"], "carton", 15, 5, 10),
]


def _sold(runner: Runner, yes: str = "oui") -> set[tuple[str, int]]:
    effects = runner.say(yes).effects
    return {line for e in effects if isinstance(e, RecordMovement) for line in e.lines}


@pytest.mark.parametrize(
    "typed", ["bleu et 2 rouge", "2 rouge et bleu", "le bleu, 2 rouges", "bleu et 2 rouges"]
)
def test_the_rest_of_the_amount_goes_to_the_product_without_one(typed: str) -> None:
    runner = Runner(make_view(rows=BUCKETS))
    assert "Quel produit ?" in texts(runner.say("vendu 3 seaux"))
    asked = texts(runner.say(typed))
    assert "Enregistrer la vente" in asked and "Quel produit" not in asked, asked
    assert _sold(runner) == {("SEAU-B", 1), ("SEAU-R", 2)}


def test_nothing_left_for_it_its_amount_is_asked() -> None:
    runner = Runner(make_view(rows=BUCKETS))
    runner.say("vendu 2 seaux")
    asked = texts(runner.say("bleu et 2 rouge"))
    assert "Seau plastique bleu 10L" in asked and "ombien" in asked, asked
    assert "Enregistrer la vente" in texts(runner.say("3"))
    assert _sold(runner) == {("SEAU-B", 3), ("SEAU-R", 2)}


@pytest.mark.parametrize(("typed", "first"), [("1l et 2 5l", "HUILE-1L"), ("2 5l, 1l", "HUILE-1L")])
def test_sizes_with_an_amount_pick_a_line_each(typed: str, first: str) -> None:
    runner = Runner(make_view())
    runner.say("vendu 3 huile")
    asked = texts(runner.say(typed))
    assert "Enregistrer la vente" in asked, asked
    assert _sold(runner) == {(first, 1), ("HUILE-5L", 2)}


@pytest.mark.parametrize(
    ("typed", "first", "second"),
    [
        ("bleu et rouge", "bleu", "rouge"),
        ("le rouge et le vert", "rouge", "vert"),
        ("vert, bleu", "vert", "bleu"),
    ],
)
def test_two_products_without_amounts_ask_how_many_of_each(
    typed: str, first: str, second: str
) -> None:
    """« Quel produit ? » came again, as if nothing was answered: a line each now, each amount
    asked, and the sale kept."""
    runner = Runner(make_view(rows=BUCKETS))
    runner.say("vendu 3 seaux")
    asked = texts(runner.say(typed))
    assert "Quel produit" not in asked and first in asked and "ombien" in asked, asked
    asked = texts(runner.say("2"))
    assert second in asked and "ombien" in asked, asked
    assert "Enregistrer la vente" in texts(runner.say("1"))
    sold = _sold(runner)
    assert {sku for sku, _ in sold} == {f"SEAU-{first[0].upper()}", f"SEAU-{second[0].upper()}"}
    assert sorted(quantity for _, quantity in sold) == [1, 2]


def test_sizes_without_amounts_ask_how_many_of_each() -> None:
    runner = Runner(make_view())
    runner.say("vendu 3 huile")
    asked = texts(runner.say("1l et 5l"))
    assert "Quel produit" not in asked and "ombien" in asked, asked
    runner.say("2")
    assert "Enregistrer la vente" in texts(runner.say("1"))
    assert _sold(runner) == {("HUILE-1L", 2), ("HUILE-5L", 1)}


@pytest.mark.parametrize(("language", "yes"), [("fr", "oui"), ("fr", "ok"), ("en", "yes")])
def test_a_yes_to_which_product_says_how_to_choose(language: str, yes: str) -> None:
    """`oui` answers no « Quel produit ? »: the question comes again with how to answer it, and
    the sale still waits for its product."""
    runner = Runner(make_view(rows=BUCKETS, language=language))
    runner.say("vendu 3 seaux" if language == "fr" else "sold 3 buckets")
    again = texts(runner.say(yes))
    told = ["Lequel ?"] if language == "fr" else ["Which one?", "waiting for your pick"]
    assert any(t in again for t in told), again
    asked = texts(runner.say("rouge" if language == "fr" else "red"))
    assert "3" in asked and ("rouge" in asked.lower() or "red" in asked.lower()), asked
    assert _sold(runner, yes) == {("SEAU-R", 3)}
