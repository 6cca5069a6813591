"""A shop whose catalogue names the sugar « Sucre en poudre 1kg » beside « Jus sucré 1L » and «
Lait concentré sucré », no aliases: `vendu 3 sucre` offered all three (« Quel produit ? »), and
the manager meant the sugar; `vendu 2 sucré` is the juice or the milk, still asked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat

CATALOGUE = """Nom;Unité;Quantité;Seuil
Sucre en poudre 1kg;paquet;50;10
Jus sucré 1L;bouteille;20;5
Lait concentré sucré;boîte;30;10
Café Touba 250g;sachet;40;10
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "epicerie", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000002", "epicerie")
    session.commit()
    yield Chat(session, manager, settings)


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("vendu 3 sucre", "Enregistrer la vente de 3 paquets de Sucre en poudre 1kg ?"),
        ("commande 10 sucre", "Commander 10 paquets de Sucre en poudre 1kg ?"),
        ("stock sucre", "Sucre en poudre 1kg : 50 paquets"),
    ],
)
def test_the_sugar_typed_without_accent_is_the_sugar(shop: Chat, typed: str, asked: str) -> None:
    out = shop.say(typed)
    assert out.startswith(asked), out
    assert "Jus" not in out and "Lait" not in out, out


def test_sweet_with_its_accent_is_the_juice_or_the_milk(shop: Chat) -> None:
    out = shop.say("vendu 2 sucré")
    assert "Jus sucré 1L" in out and "Lait concentré sucré" in out, out
    assert "Sucre en poudre" not in out, out
