"""A sale recorded for the wrong size, corrected after the fact by the word and number of the
right one's name (`je me suis trompé c'était la taille 4`, `non c'est taille 4 pas 3`): the
sale moves to that product with its quantity; it was corrected to 4 packets of the size 3."""

from __future__ import annotations

import pytest

from bot.db.models import Product
from bot.stock import get_store
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


def _diapers(chat: Chat) -> None:
    store = get_store(chat.session, "demo")
    for size in (3, 4, 5):
        chat.session.add(
            Product(
                store_id=store.id,
                sku=f"COUCHE-{size}",
                name=f"Couches Softcare taille {size}",
                aliases=[],
                unit="paquet",
                quantity=20,
            )
        )
    chat.session.commit()


@pytest.mark.parametrize(
    "typed",
    [
        "je me suis trompe c'etait la taille 4",
        "non taille 4",
        "non c'est taille 4 pas 3",
        "erreur c'est la taille 4 pas la taille 3",
    ],
)
def test_the_name_number_moves_the_sale_to_that_size(chat: Chat, typed: str) -> None:
    _diapers(chat)
    chat.say("vendu 2 couches taille 3")
    assert chat.say("oui").startswith("✅")
    shown = chat.say(typed)
    assert shown.startswith(
        "Corriger : vente de 2 paquets de Couches Softcare taille 4 au lieu de 2 paquets"
    ), shown
    chat.say("oui")
    assert quantity(chat.session, "COUCHE-3") == 20
    assert quantity(chat.session, "COUCHE-4") == 18


def test_a_bare_number_is_still_the_quantity(chat: Chat) -> None:
    _diapers(chat)
    chat.say("vendu 2 couches taille 3")
    chat.say("oui")
    shown = chat.say("non c'est 4")
    assert "Couches Softcare taille 3" in shown and "en 4 paquets" in shown, shown
    assert "taille 4" not in shown, shown
