"""After `Modifier` on a one-line draft, "combien ?" for that line: a product named alone is the
line's new product, its quantity kept (it used to cancel the sale and show that product's
stock); with a number it is both (pure `step`, no database)."""

from __future__ import annotations

import pytest

from state import ChoiceIn, RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("ALCOOL", "Alcool 70° 250ml", ["alcool"], "flacon", 20, 5, 20),
    ("COTON", "Coton hydrophile 100g", ["coton"], "paquet", 18, 6, 20),
    ("BISSAP", "Bissap séché", ["bissap", "foléré"], "sachet", 40, 10, 30),
    ("ARACHIDE", "Arachide grillée", ["arachide", "gerte"], "sachet", 25, 5, 20),
]


@pytest.mark.parametrize(("opening", "typed", "sku", "quantity"), [
    ("vendu 3 alcool", "coton", "COTON", 3),
    ("vendu 4 bissap", "gerte", "ARACHIDE", 4),
    ("recu 5 arachide", "le bissap", "BISSAP", 5),
    ("vendu 4 bissap", "2 arachide", "ARACHIDE", 2),
])  # fmt: skip
def test_a_product_named_after_modifier_is_the_line_s_new_product(
    opening: str, typed: str, sku: str, quantity: int
) -> None:
    runner = Runner(make_view(rows=ROWS))
    runner.say(opening)
    assert "combien" in texts(runner.feed(ChoiceIn(runner.choice("edit"))))
    out = runner.say(typed)
    assert "annulé" not in texts(out), texts(out)
    (effect,) = runner.feed(ChoiceIn(runner.choice("yes"))).effects
    assert isinstance(effect, RecordMovement) and effect.lines == ((sku, quantity),), effect


def test_a_product_named_at_how_many_of_a_line_typed_is_still_a_stock_question() -> None:
    runner = Runner(make_view(rows=ROWS))
    assert "combien" in texts(runner.say("vendu alcool"))
    out = runner.say("coton")
    assert "Coton hydrophile 100g : 18 paquets" in texts(out), texts(out)
