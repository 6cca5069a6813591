"""A lone letter of a product's name (the C of "Vitamine C", "Câble USB-C") is no product
reference: `c'est 20`, SMS `c 20` answer the question waiting; beside another word of the
name (`vit c`, `type c`, `usb c`) the letter still narrows (pure `step`, no database)."""

from __future__ import annotations

import pytest

from intents import IntentMatcher
from intents import Product as Entry
from state import ChoiceIn, RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

VITC: Row = ("VITC", "Vitamine C 500mg", ["vitamine c", "vit c"], "tube", 14, 4, 12)
GLOVES: Row = ("GANTS", "Gants latex M x100", ["gants"], "boîte", 6, 2, 5)
ZINC: Row = ("ZINC-B", "Pommade zinc B", ["pommade", "pommade zinc"], "tube", 9, 2, 6)
BANDS: Row = ("BANDE", "Bande velpeau", ["bande", "velpeau"], "rouleau", 30, 5, 20)
CHARGERS: list[Row] = [
    ("CHG-MICRO", "Chargeur micro-USB", ["chargeur", "chargeur usb"], "pièce", 25, 5, 20),
    ("CHG-C", "Chargeur type C", ["chargeur", "chargeur type c"], "pièce", 15, 5, 20),
    ("CABLE-C", "Câble USB-C 1m", ["cable", "câble"], "pièce", 40, 10, 30),
    ("BATT", "Batterie externe 10000mAh", ["batterie", "powerbank"], "pièce", 8, 3, 10),
]


def _recorded(runner: Runner) -> tuple[tuple[str, int], ...]:
    (effect,) = runner.feed(ChoiceIn(runner.choice("yes"))).effects
    assert isinstance(effect, RecordMovement), effect
    return effect.lines


@pytest.mark.parametrize("typed", ["c'est 20", "c 20", "C'est 20 boites"])
def test_c_est_at_the_unit_question_is_its_answer(typed: str) -> None:
    runner = Runner(make_view(rows=[GLOVES, VITC]))
    assert "combien de boîtes" in texts(runner.say("recu 2 cartons de gants"))
    out = runner.say(typed)
    assert texts(out).startswith("Enregistrer l'arrivage de 20 boîtes de Gants latex"), texts(out)
    assert _recorded(runner) == (("GANTS", 20),)


@pytest.mark.parametrize(("rows", "opening", "sku"), [
    ([BANDS, ZINC], "vendu bande", "BANDE"),
    ([*CHARGERS], "vendu batterie", "BATT"),
    ([GLOVES, VITC], "vendu gants", "GANTS"),
])  # fmt: skip
@pytest.mark.parametrize("typed", ["c'est 2", "c 2"])
def test_c_est_at_how_many_is_the_quantity(
    rows: list[Row], opening: str, sku: str, typed: str
) -> None:
    runner = Runner(make_view(rows=rows))
    assert "combien" in texts(runner.say(opening))
    out = runner.say(typed)
    assert texts(out).startswith("Enregistrer la vente de 2 "), texts(out)
    assert _recorded(runner) == ((sku, 2),)


def test_c_est_and_a_number_does_not_pick_the_type_c_product() -> None:
    runner = Runner(make_view(rows=CHARGERS))
    assert texts(runner.say("vendu 2 chargeur")).startswith("Quel produit ?")
    out = runner.say("c'est 3")
    assert "Chargeur type C ?" not in texts(out), texts(out)
    assert out.effects == ()


@pytest.mark.parametrize(("typed", "sku"), [
    ("vendu 2 vitamine c", "VITC"),
    ("vendu 2 vit c", "VITC"),
    ("vendu 2 chargeur type c", "CHG-C"),
    ("vendu 2 type c", "CHG-C"),
    ("vendu 2 cable usb c", "CABLE-C"),
    ("vendu 2 pommade zinc b", "ZINC-B"),
])  # fmt: skip
def test_a_letter_beside_its_name_still_names_the_product(typed: str, sku: str) -> None:
    runner = Runner(make_view(rows=[*CHARGERS, VITC, ZINC, BANDS]))
    out = runner.say(typed)
    assert texts(out).startswith("Enregistrer la vente de 2 "), texts(out)
    assert _recorded(runner) == ((sku, 2),)


@pytest.mark.parametrize("typed", ["c 20", "c'est 20", "b 5"])
def test_a_lone_letter_names_no_product(typed: str) -> None:
    matcher = IntentMatcher(Entry(r[0], r[1], r[2], r[3]) for r in [*CHARGERS, VITC, ZINC])
    intent = matcher.parse(typed)
    assert not getattr(intent, "sku", None) and not getattr(intent, "candidates", None), intent


CABLES: list[Row] = [
    ("CABLE-MICRO", "Câble micro-USB", ["câble", "chargeur"], "pièce", 20, 5, 10),
    ("CABLE-USBC", "Câble USB-C", ["câble", "chargeur"], "pièce", 20, 5, 10),
]


@pytest.mark.parametrize(
    ("typed", "sku"),
    [
        ("vendu 2 usb-c", "CABLE-USBC"),
        ("vendu 2 usb c", "CABLE-USBC"),
        ("vendu 2 USB-C", "CABLE-USBC"),
        ("vendu 2 micro-usb", "CABLE-MICRO"),
    ],
)
def test_a_letter_that_is_also_a_function_word_narrows_beside_its_name(
    typed: str, sku: str
) -> None:
    """`usb-c` between "Câble micro-USB" and "Câble USB-C" asked which: the `c` (also the `c`
    of "c'est") was not read beside `usb`, which both names hold."""
    runner = Runner(make_view(rows=CABLES))
    out = runner.say(typed)
    assert texts(out).startswith("Enregistrer la vente de 2 pièces de "), texts(out)
    assert _recorded(runner) == ((sku, 2),)


def test_usb_alone_still_asks_which_cable() -> None:
    out = Runner(make_view(rows=CABLES)).say("vendu 2 usb")
    assert "Câble micro-USB" in texts(out) and "Câble USB-C" in texts(out), texts(out)
    assert out.effects == ()
