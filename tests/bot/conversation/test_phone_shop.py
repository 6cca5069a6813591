"""A phone and accessories shop in Dakar the bot never saw: phones named by model numbers
(Tecno Spark 10 / 20), memory cards by size (32Go / 64Go), Orange recharge cards by face value
(1000 / 2000 / 5000 F): numbers of names beside the quantities."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

CATALOGUE = """Nom;Unité;Quantité;Seuil;Alias
Tecno Spark 10;pièce;8;3;spark 10
Tecno Spark 20;pièce;6;3;spark 20
Itel A70;pièce;10;3;itel
iPhone 11;pièce;3;1;iphone
Chargeur type C;pièce;25;8;type c
Carte mémoire 32Go;pièce;20;5;
Carte mémoire 64Go;pièce;12;4;
Carte Orange 1000 F;carte;100;30;orange 1000
Carte Orange 2000 F;carte;60;20;
Carte Orange 5000 F;carte;30;10;
Carte Free 1000 F;carte;50;15;free
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "telephones", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000003", "telephones")
    session.commit()
    yield Chat(session, manager, settings)


@pytest.mark.parametrize(
    ("sold", "typed", "asked", "left"),
    [
        (
            "vendu 2 spark 10",
            "pas le 10 le 20",
            "vente de 2 pièces de Tecno Spark 20 au lieu de 2 pièces de Tecno Spark 10",
            {"TECNO-SPARK-10": 8, "TECNO-SPARK-20": 4},
        ),
        (
            "vendu 3 orange 2000",
            "pas 2000 5000",
            "vente de 3 cartes Orange 5000 F au lieu de 3 cartes Orange 2000 F",
            {"CARTE-ORANGE-2000-F": 60, "CARTE-ORANGE-5000-F": 27},
        ),
        (
            "vendu 1 spark 20",
            "non le 10",
            "vente de 1 pièce de Tecno Spark 10 au lieu de 1 pièce de Tecno Spark 20",
            {"TECNO-SPARK-10": 7, "TECNO-SPARK-20": 6},
        ),
    ],
)
def test_the_number_of_a_sibling_s_name_after_a_sale_is_that_sibling(
    shop: Chat, session: Session, sold: str, typed: str, asked: str, left: dict[str, int]
) -> None:
    """« vendu 2 spark 10 », « oui », then « pas le 10 le 20 »: offered to correct the sale to
    20 phones of the Spark 10 (the same before the yes swapped the model); « pas 2000 5000 »
    after 3 Orange 2000 F cards offered 5 000 cards."""
    shop.say(sold)
    assert "Vente enregistrée" in shop.say("oui"), shop.last
    assert asked in shop.say(typed), shop.last
    assert "Vente corrigée" in shop.say("oui"), shop.last
    for sku, count in left.items():
        assert quantity(session, sku) == count, sku


@pytest.mark.parametrize("recorded", [False, True])
def test_the_one_of_a_face_value_is_that_card_not_a_quantity(
    shop: Chat, session: Session, recorded: bool
) -> None:
    """« vendu 3 orange », « 1000 », then « non celle de 2000 »: "C'est noté : 2 000 cartes
    Orange 1000 F", then asked how many were sold (only 100 left)."""
    shop.say("vendu 3 orange")
    assert "Enregistrer la vente de 3 cartes Orange 1000 F ?" in shop.say("1000"), shop.last
    if recorded:
        shop.say("oui")
    out = shop.say("non celle de 2000")
    assert "2 000" not in out and "Orange 2000 F" in out, out
    shop.say("oui")
    assert quantity(session, "CARTE-ORANGE-2000-F") == 57
    assert quantity(session, "CARTE-ORANGE-1000-F") == 100


@pytest.mark.parametrize("typed", ["pas le 2000 le 5000", "non celle de 5000"])
def test_the_number_of_a_sibling_s_name_after_an_order_orders_that_sibling(
    shop: Chat, typed: str
) -> None:
    """« commande 50 orange 2000 », « oui », then « pas le 2000 le 5000 »: "Passer la commande
    n°1 à 5 000 cartes Orange 2000 F ?"."""
    shop.say("commande 50 orange 2000")
    assert "Commande n°1 confirmée" in shop.say("oui"), shop.last
    out = shop.say(typed)
    assert out.startswith(
        "Commande n°1 : 50 cartes Orange 5000 F au lieu de 50 cartes Orange 2000 F ?"
    ), out
    out = shop.say("oui")
    assert "Commande n°1 annulée" in out, out
    assert "Commande n°2 confirmée : 50 cartes Orange 5000 F." in out, out


@pytest.mark.parametrize(
    ("typed", "then", "sold"),
    [
        ("2 spark 10", None, "2 pièces de Tecno Spark 10"),
        ("non le 10", "2", "2 pièces de Tecno Spark 10"),
    ],
)
def test_another_model_named_at_the_quantity_question_is_that_model(
    shop: Chat, session: Session, typed: str, then: str | None, sold: str
) -> None:
    """« vendu spark 20 » (« Tecno Spark 20 : combien de pièces ? »), then « 2 spark 10 »:
    offered 2 of the Spark 20 (`spark` is a word of both, the 10 was dropped); « non le 10 »
    was 10 Spark 20 (more than the 6 left)."""
    assert "Tecno Spark 20 : combien de pièces ?" in shop.say("vendu spark 20"), shop.last
    out = shop.say(typed)
    if then is not None:
        assert out == "Tecno Spark 10 : combien de pièces ?", out
        out = shop.say(then)
    assert f"Enregistrer la vente de {sold} ?" in out, out
    shop.say("oui")
    assert quantity(session, "TECNO-SPARK-10") == 6
    assert quantity(session, "TECNO-SPARK-20") == 6
