"""A drinks and grocery wholesale depot the bot never saw (drinks by the pack and the crate,
grocery by the carton and the can), its managers typing English, Wolof and French: what they
state about the shelf right after a sale is a count, never a correction of that sale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

# Codes that are no words of the names, as an owner's codes are (a code is read as a name).
CATALOGUE = """Réf;Nom;Unité;Quantité;Seuil;Commande
D01;Coca-Cola 33cl pack de 24;pack;40;10;20
D02;Fanta 1.5L pack de 6;pack;30;8;20
D03;Eau Kirène 1.5L pack de 6;pack;60;15;40
D04;Eau Kirène 10L;bidon;25;5;20
D05;Bière Gazelle casier de 12;casier;35;10;20
D06;Jus Pressea 1L;bouteille;48;12;24
G01;Lait en poudre carton;carton;15;4;10
G02;Sucre en morceaux carton;carton;20;5;10
G03;Huile 5L;bidon;30;8;20
G04;Huile 20L;bidon;10;3;6
G05;Tomate concentrée carton;carton;12;4;10
"""


def _depot(session: Session, settings: Settings, language: str) -> Chat:
    apply_products(session, "depot", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000009", "depot", language=language)
    session.commit()
    return Chat(session, manager, settings)


@pytest.fixture
def depot(session: Session, settings: Settings) -> Iterator[Chat]:
    yield _depot(session, settings, "en")


@pytest.fixture
def depot_wo(session: Session, settings: Settings) -> Iterator[Chat]:
    yield _depot(session, settings, "wo")


@pytest.fixture
def depot_fr(session: Session, settings: Settings) -> Iterator[Chat]:
    yield _depot(session, settings, "fr")


@pytest.mark.parametrize(
    "typed", ["gazelle bi dafa jeex", "gazelle dafa jeex", "the gazelle is finished"]
)
def test_a_product_finished_right_after_a_sale_is_its_count(depot: Chat, typed: str) -> None:
    """`sold 2 fanta`, yes, then `gazelle bi dafa jeex` (the Gazelle is out): a count of 0
    Gazelle offered, never « Correct: a sale of 2 crates of Gazelle instead of 2 Fanta? »."""
    depot.say("sold 2 fanta")
    depot.say("yes")
    out = depot.say(typed)
    assert "Correct" not in out, out
    assert "Bière Gazelle casier de 12: 35 → 0" in out, out
    depot.say("yes")
    assert quantity(depot.session, "D05") == 0
    assert quantity(depot.session, "D02") == 28


def test_le_produit_est_fini_after_a_sale_is_no_correction(depot_fr: Chat) -> None:
    depot_fr.say("vendu 2 fanta")
    depot_fr.say("oui")
    out = depot_fr.say("le lait est fini")
    assert "Corriger" not in out, out
    assert "Lait en poudre carton : 15 → 0" in out, out


@pytest.mark.parametrize("typed", ["only 5 came", "5 came", "only 5 gazelle came"])
def test_only_some_came_of_an_order_is_its_delivery(depot: Chat, typed: str) -> None:
    """English `came` says goods arrived, as `arrived` does: `only 5 came` under an order of 20
    crates is that order's delivery of 5, never « I did not understand »."""
    depot.say("order 20 gazelle")
    depot.say("yes")
    out = depot.say(typed)
    assert "order #1" in out, out
    depot.say("yes")
    assert quantity(depot.session, "D05") == 40


def test_a_wolof_number_is_no_unknown_word(depot_fr: Chat) -> None:
    """`jaay naa ñaar casier gazelle` (sold two crates): as sure as `vendu 2 casiers gazelle`,
    never « Vouliez-vous dire « VENTE Bière Gazelle casier de 12 2 » ? »."""
    out = depot_fr.say("jaay naa ñaar casier gazelle")
    assert out.startswith("Enregistrer la vente de 2 casiers de Bière Gazelle casier de 12 ?"), out


@pytest.mark.parametrize(
    "typed", ["vendu un casier et demi de gazelle", "vendu 1 casier et demi gazelle"]
)
def test_half_a_crate_asks_the_whole_number(depot_fr: Chat, typed: str) -> None:
    """A crate and a half is no whole number of crates: asked how many, the product kept, never
    « Vouliez-vous dire … ? » (`demi` was an unknown word)."""
    out = depot_fr.say(typed)
    assert "Vouliez-vous dire" not in out, out
    assert "Bière Gazelle casier de 12 : combien de casiers ?" in out, out


def test_add_names_the_product_last_asked_about(depot: Chat) -> None:
    """`stock coca`, then `sold 3 gazelle` (declined), then `add 10`: the Gazelle was talked
    about last, never 10 packs of Coca offered. (While the sale still waits for its yes, `add
    10` adds to it: `test_added_to_the_line.py`.)"""
    depot.say("stock coca")
    depot.say("sold 3 gazelle")
    depot.say("no")
    out = depot.say("add 10")
    assert "Coca" not in out, out
    assert "10 crates of Bière Gazelle casier de 12?" in out, out


def test_add_under_the_sale_asked_adds_to_it(depot: Chat) -> None:
    depot.say("stock coca")
    depot.say("sold 3 gazelle")
    out = depot.say("add 10")
    assert out.startswith("Record the sale of 13 crates of Bière Gazelle casier de 12?"), out


def test_yokk_ko_adds_to_the_product_just_sold(depot_wo: Chat) -> None:
    """Wolof `yokk` (add) is `ajoute`: `yokk ko 10` right after a sale of Gazelle offers an
    arrival of 10 crates of it, was « Dégguma » (not understood)."""
    depot_wo.say("jaay naa 3 casier gazelle")
    depot_wo.say("waaw")
    out = depot_wo.say("yokk ko 10")
    assert out.startswith("Ndax ma bind li agsi : 10 casier Bière Gazelle casier de 12 ?"), out
    depot_wo.say("waaw")
    assert quantity(depot_wo.session, "D05") == 42


@pytest.mark.parametrize(
    ("typed", "asked", "sku", "left"),
    [
        (
            "vendu 24 bouteilles de coca",
            "la vente de 1 pack de Coca-Cola 33cl pack de 24",
            "D01",
            39,
        ),
        (
            "sold 36 bottles of gazelle",
            "la vente de 3 casiers de Bière Gazelle casier de 12",
            "D05",
            32,
        ),
        ("reçu 12 bouteilles de fanta", "l'arrivage de 2 packs de Fanta 1.5L pack de 6", "D02", 32),
    ],
)
def test_bottles_of_a_pack_its_name_says_are_packs(
    depot_fr: Chat, typed: str, asked: str, sku: str, left: int
) -> None:
    """The name says what one pack holds (`pack de 24`, `casier de 12`): `24 bouteilles` is 1
    pack, never « ça fait combien de packs ? »."""
    out = depot_fr.say(typed)
    assert asked in out, out
    depot_fr.say("oui")
    assert quantity(depot_fr.session, sku) == left


def test_bottles_making_no_whole_pack_are_asked_about(depot_fr: Chat) -> None:
    out = depot_fr.say("vendu 30 bouteilles de coca")
    assert out == "30 bouteilles de Coca-Cola 33cl pack de 24, ça fait combien de packs ?", out


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("reçu 48 cartons de coca", "48 cartons de Coca-Cola 33cl pack de 24, ça fait combien"),
        ("vendu 12 litres de fanta", "12 l de Fanta 1.5L pack de 6, ça fait combien"),
    ],
)
def test_a_container_or_a_measure_is_not_what_the_names_pack_holds(
    depot_fr: Chat, typed: str, asked: str
) -> None:
    """« pack de 24 » holds 24 bottles, not 24 cartons nor litres: asked, never 2 packs."""
    out = depot_fr.say(typed)
    assert out.startswith(asked), out


@pytest.mark.parametrize("typed", ["dafa jeex", "jeex na", "it's finished", "il est fini"])
def test_it_is_finished_after_a_stock_answer_is_that_products_count(
    depot: Chat, typed: str
) -> None:
    """`stock gazelle`, then `dafa jeex` (it is finished): a count of 0 Gazelle offered, never
    the list of products to reorder."""
    depot.say("stock gazelle")
    out = depot.say(typed)
    assert out.startswith("Bière Gazelle casier de 12: 35 → 0 crates"), out
    depot.say("yes")
    assert quantity(depot.session, "D05") == 0


def test_dafa_jeex_about_nothing_lists_what_to_reorder(depot: Chat) -> None:
    assert depot.say("dafa jeex").startswith("No product below its threshold"), depot.last


@pytest.mark.parametrize("typed", ["the oil came", "l'huile est arrivée", "huile bi agsi na"])
def test_goods_of_a_family_arrived_are_the_one_awaited(depot: Chat, typed: str) -> None:
    """Two oils, the 20L only ordered: `the oil came` is that order's arrival, was « Which
    product? » (then how many); `only 8` there leaves 2 awaited."""
    depot.say("order 10 huile 20l")
    depot.say("yes")
    out = depot.say(typed)
    assert out.startswith("Order #1 arrived: record the delivery of 10 cans of Huile 20L?"), out
    depot.say("only 8")
    assert "(order #1)" in depot.say("yes")
    assert quantity(depot.session, "G04") == 18


def test_goods_of_a_family_both_awaited_still_ask_which(depot: Chat) -> None:
    depot.say("order 10 huile 20l and 5 huile 5l")
    depot.say("yes")
    assert depot.say("the oil came").startswith("Which"), depot.last


@pytest.mark.parametrize("typed", ["2 packs of coca broken", "2 coca broken"])
def test_goods_said_broken_after_them_are_a_loss(depot: Chat, typed: str) -> None:
    """English `broken` closing the goods counted: a loss of 2 packs, was « I did not
    understand »."""
    out = depot.say(typed)
    assert "the loss of 2 packs of Coca-Cola 33cl pack de 24" in out, out
    depot.say("yes")
    assert quantity(depot.session, "D01") == 38
