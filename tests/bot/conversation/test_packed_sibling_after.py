"""A sale recorded by the piece, corrected after the fact in the carton of a product the shop
keeps apart (`je me suis trompé c'était 3 cartons`, Savon Dermo 125g and Savon Dermo carton):
one confirmation, then the sale moves to the carton product; it asked how many pièces."""

from __future__ import annotations

import pytest

from bot.db.models import Product
from bot.stock import get_store
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


def _soaps(chat: Chat) -> None:
    store = get_store(chat.session, "demo")
    for sku, name, unit, stock in (
        ("DERMO", "Savon Dermo 125g", "pièce", 80),
        ("DERMO-CARTON", "Savon Dermo carton", "carton", 6),
    ):
        chat.session.add(
            Product(store_id=store.id, sku=sku, name=name, aliases=[], unit=unit, quantity=stock)
        )
    chat.session.commit()


@pytest.mark.parametrize("typed", ["je me suis trompe c'etait 3 cartons", "non c'est 3 cartons"])
def test_the_sale_moves_to_the_carton_product(chat: Chat, typed: str) -> None:
    _soaps(chat)
    chat.say("vendu 3 savon dermo")
    assert chat.say("oui").startswith("✅")
    shown = chat.say(typed)
    assert shown.startswith(
        "Corriger : vente de 3 cartons de Savon Dermo carton au lieu de 3 pièces"
    ), shown
    chat.say("oui")
    assert quantity(chat.session, "DERMO") == 80
    assert quantity(chat.session, "DERMO-CARTON") == 3
