"""A sale or a loss of a product's whole stock said without a number (`vendu tout le stock de
malta`, `sold all the coke`, `jaay naa bissap bi lépp`, `tout le lait a tourné`, `all the bread
got spoiled`): the stock of that product, confirmed first (« … (tout le stock) ? », « stock 40
→ 0 »); the bot asked « combien ? ». An arrival, and `tout` in another sense, are left alone."""

from __future__ import annotations

import pytest

from state import FindStoreNamed, RecordMovement, SetCount
from state.events import StoreNamed
from state.machine import State
from tests.state.conftest import Row, Runner, make_view, texts

# A drinks and breakfast kiosk: two bissaps, milk that turns, bread that goes stale.
KIOSK: list[Row] = [
    ("MALTA", "Malta Guinness 33cl", ["malta", "maltina"], "casier", 40, 5, 10),
    (
        "BISSAP-R",
        "Bissap rouge 1L",
        ["bissap", "bissap rouge", "jus bissap"],
        "bouteille",
        24,
        6,
        24,
    ),
    ("BISSAP-B", "Bissap blanc 1L", ["bissap", "bissap blanc"], "bouteille", 9, 6, 24),
    ("COCA", "Coca-Cola 1.5L", ["coca", "coke", "coca cola"], "pack", 17, 4, 12),
    (
        "LAIT-CAILLE",
        "Lait caillé Sow 500g",
        ["lait", "lait caille", "sow", "milk"],
        "pot",
        30,
        10,
        30,
    ),
    ("PAIN", "Pain tapalapa", ["pain", "tapalapa", "bread"], "pièce", 60, 20, 80),
    ("SUCRE", "Sucre St Louis 1kg", ["sucre", "sugar", "suukar"], "paquet", 0, 10, 40),
]


def _say(runner: Runner, typed: str) -> str:
    """What the bot answers, the place lookup of `a tourné`, `à tout le monde` (no store, as
    the database answers) run in place."""
    out = runner.say(typed)
    if any(isinstance(e, FindStoreNamed) for e in out.effects):
        assert runner.feed(StoreNamed(typed, None)).replay == typed
        out = runner.say(typed)  # read again, as typed
    return texts(out)


def _effects(runner: Runner, answer: str) -> list[object]:
    return [e for e in runner.say(answer).effects if isinstance(e, (RecordMovement, SetCount))]


@pytest.mark.parametrize(
    ("language", "typed", "asked", "sku", "stock"),
    [
        (
            "fr",
            "vendu tout le stock de malta",
            "40 casiers de Malta Guinness 33cl (tout le stock) ?",
            "MALTA",
            40,
        ),
        (
            "fr",
            "j'ai tout vendu le coca",
            "17 packs de Coca-Cola 1.5L (tout le stock) ?",
            "COCA",
            17,
        ),
        (
            "fr",
            "tout le pain est vendu",
            "60 pièces de Pain tapalapa (tout le stock) ?",
            "PAIN",
            60,
        ),
        (
            "fr",
            "j'ai vendu tous les packs de coca",
            "17 packs de Coca-Cola 1.5L (tout le stock) ?",
            "COCA",
            17,
        ),
        (
            "fr",
            "les clients ont tout acheté le pain",
            "60 pièces de Pain tapalapa (tout le stock) ?",
            "PAIN",
            60,
        ),
        (
            "fr",
            "vendu toute la maltina",
            "40 casiers de Malta Guinness 33cl (tout le stock) ?",
            "MALTA",
            40,
        ),
        ("en", "sold all the coke", "17 packs of Coca-Cola 1.5L (the whole stock)?", "COCA", 17),
        (
            "en",
            "sold everything of the bread",
            "60 pieces of Pain tapalapa (the whole stock)?",
            "PAIN",
            60,
        ),
        (
            "wo",
            "jaay naa malta bi lépp",
            "40 casier Malta Guinness 33cl (stock bi lépp) ?",
            "MALTA",
            40,
        ),
    ],
)
def test_a_sale_of_all_of_it_is_the_whole_stock(
    language: str, typed: str, asked: str, sku: str, stock: int
) -> None:
    runner = Runner(make_view(rows=KIOSK, language=language))
    shown = _say(runner, typed)
    assert asked in shown, shown
    assert runner.state == State.AWAITING_CONFIRMATION
    yes = {"fr": "oui", "en": "yes", "wo": "waaw"}[language]
    effects = _effects(runner, yes)
    assert [(e.kind, e.lines) for e in effects] == [("sale", ((sku, stock),))], effects  # type: ignore[attr-defined]


def test_all_of_a_family_asks_which_then_takes_its_stock() -> None:
    runner = Runner(make_view(rows=KIOSK))
    shown = _say(runner, "j'ai tout vendu le bissap")
    assert "Bissap rouge 1L" in shown and "Bissap blanc 1L" in shown, shown
    shown = _say(runner, "le blanc")
    assert "9 bouteilles de Bissap blanc 1L (tout le stock) ?" in shown, shown


def test_a_corrected_amount_is_no_longer_the_whole_stock() -> None:
    runner = Runner(make_view(rows=KIOSK))
    runner.say("vendu tout le malta")
    shown = _say(runner, "non c'est 30")
    assert "30 casiers de Malta Guinness 33cl ?" in shown, shown
    assert "tout le stock" not in shown, shown


def test_all_of_it_sold_out_is_refused_as_any_sale() -> None:
    runner = Runner(make_view(rows=KIOSK))
    shown = _say(runner, "vendu tout le sucre")
    assert "rupture" in shown, shown
    assert runner.state != State.AWAITING_CONFIRMATION


@pytest.mark.parametrize(
    ("language", "typed", "sku", "stock"),
    [
        ("fr", "tout le lait a tourné", "LAIT-CAILLE", 30),
        ("fr", "j'ai perdu tout le stock de pain", "PAIN", 60),
        ("fr", "tout le coca a été volé", "COCA", 17),
        ("fr", "tous les pots de lait sont gâtés", "LAIT-CAILLE", 30),
        ("en", "all the bread got spoiled", "PAIN", 60),
        ("en", "all the milk is spoiled", "LAIT-CAILLE", 30),
    ],
)
def test_a_loss_of_all_of_it_empties_the_stock(
    language: str, typed: str, sku: str, stock: int
) -> None:
    runner = Runner(make_view(rows=KIOSK, language=language))
    shown = _say(runner, typed)
    assert f"{stock} → 0" in shown, shown
    effects = _effects(runner, "oui" if language == "fr" else "yes")
    assert effects == [SetCount(((sku, 0),), effects[0].key, note="perte")], effects  # type: ignore[attr-defined]


def test_a_loss_of_all_of_nothing_records_nothing() -> None:
    runner = Runner(make_view(rows=KIOSK))
    shown = _say(runner, "tout le sucre est périmé")
    assert "Sucre St Louis 1kg est déjà à 0" in shown, shown
    assert runner.state == State.IDLE


def test_all_at_the_loss_question_is_the_whole_stock() -> None:
    runner = Runner(make_view(rows=KIOSK))
    runner.say("j'ai perdu 2 pains")
    runner.say("modifier")
    shown = _say(runner, "tout")
    assert "60 → 0" in shown, shown


@pytest.mark.parametrize(
    "typed",
    [
        "reçu tout le malta",
        "vendu malta tout à l'heure",
        "j'ai vendu du coca à tout le monde",
        "vendu coca tout le temps",
    ],
)
def test_an_arrival_or_another_tout_still_asks_how_many(typed: str) -> None:
    runner = Runner(make_view(rows=KIOSK))
    shown = _say(runner, typed)
    assert "combien" in shown and "tout le stock" not in shown, shown


def test_another_product_chosen_takes_its_own_stock() -> None:
    """`non c'est le coca` under a sale of all the malta: all the coke, not 40 of it."""
    runner = Runner(make_view(rows=KIOSK))
    _say(runner, "vendu tout le malta")
    shown = _say(runner, "non c'est le coca")
    assert "17 packs de Coca-Cola 1.5L (tout le stock) ?" in shown, shown
