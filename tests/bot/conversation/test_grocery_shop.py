"""A manager of an alimentation générale in Dakar the bot never saw: brands (Nescafé, Lipton,
Vitalait, Jumbo, Maggi), sugar in lumps or powder, Kirène water in 1,5L and 10L, bread."""

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
Nescafé sachet;sachet;200;50;nescafe
Lipton;boîte;40;10;the|thé
Vitalait;sachet;80;20;
Jumbo;cube;300;100;bouillon
Maggi;cube;250;100;
Lait Bonnet Rouge;boîte;24;6;bonnet rouge
Sucre morceaux;paquet;30;10;
Sucre en poudre;kg;50;15;
Savon Madar;morceau;60;20;madar
Eau Kirène 1,5L;bouteille;48;12;kirene
Eau Kirène 10L;bidon;10;3;
Pain;pain;60;20;mburu
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "alimentation", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000002", "alimentation")
    session.commit()
    yield Chat(session, manager, settings)


@pytest.mark.parametrize(
    ("typed", "asked", "after"),
    [
        (
            "arrivage 24 vitalait 10 bonnet rouge",
            "Enregistrer l'arrivage : 24 sachets de Vitalait, 10 boîtes de Lait Bonnet Rouge ?",
            {"VITALAIT": 104, "LAIT-BONNET-ROUGE": 34},
        ),
        (
            "vendu 2 lipton 3 maggi",
            "Enregistrer la vente : 2 boîtes de Lipton, 3 cubes de Maggi ?",
            {"LIPTON": 38, "MAGGI": 247},
        ),
    ],
)
def test_another_command_of_several_items_under_a_count_is_not_more_counts(
    shop: Chat, session: Session, typed: str, asked: str, after: dict[str, int]
) -> None:
    """« madar dafa jeex » (a count: Savon Madar to 0), then « arrivage 24 vitalait 10 bonnet
    rouge » before answering: the arrival's items were added to the count as stock counts
    (Vitalait 80 → 24, Lait Bonnet Rouge 24 → 10), and « oui » recorded all three."""
    assert "Savon Madar : 60 → 0" in shop.say("madar dafa jeex"), shop.last
    assert asked in shop.say(typed), shop.last
    assert "enregistré" in shop.say("oui"), shop.last
    assert quantity(session, "SAVON-MADAR") == 60
    for sku, left in after.items():
        assert quantity(session, sku) == left, sku


@pytest.mark.parametrize(
    ("typed", "offered", "picked", "asked"),
    [
        ("vendu 3 cube", ["Jumbo", "Maggi"], "maggi", "3 cubes de Maggi"),
        ("vendu 3 sachets", ["Nescafé sachet", "Vitalait"], "vitalait", "3 sachets de Vitalait"),
    ],
)
def test_an_amount_in_a_unit_alone_offers_the_products_sold_by_it(
    shop: Chat, typed: str, offered: list[str], picked: str, asked: str
) -> None:
    """« vendu 3 cube » where Maggi and Jumbo are sold by the cube asked how many paquets of
    Sucre morceaux 3 cubes make (`cube` read as the English of `morceau`); « vendu 3 sachets »
    listed 10 of the 12 products, Vitalait left out."""
    out = shop.say(typed)
    assert out.splitlines() == ["Quel produit ?", *(f"[{name}]" for name in offered)], out
    assert f"Enregistrer la vente de {asked} ?" in shop.say(picked), shop.last
