"""Right after an order, words naming another product offer to order it instead, as the numbers
did (`pas le 6 le 12`): `non c'était le sucre morceaux`, `non l'autre` after an order of one
product said « Il n'y a pas de question en cours » (only a sale's or an arrival's product was
corrected by words)."""

from __future__ import annotations

import pytest

from bot.db.models import OrderStatus
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders


@pytest.mark.parametrize(
    ("ordered", "typed", "offered"),
    [
        (
            "commande 10 sucre en poudre",
            "non c'était le sucre morceaux",
            "Commande n°1 : 10 paquets de Sucre morceaux 1kg au lieu de 10 sacs de Sucre en poudre",
        ),
        (
            "commande 5 gaz 6kg",
            "non l'autre",
            "Commande n°1 : 5 bouteilles de gaz 12kg au lieu de 5 bouteilles de gaz 6kg",
        ),
    ],
)
def test_another_product_named_after_an_order_is_offered_instead(
    chat: Chat, ordered: str, typed: str, offered: str
) -> None:
    chat.say(ordered)
    assert "Commande n°1 confirmée" in chat.say("oui")
    out = chat.say(typed)
    assert out.startswith(offered), out
    assert "Commande n°2 confirmée" in chat.say("oui")
    placed = [o.id for o in orders(chat.session) if o.status == OrderStatus.CONFIRMED]
    assert placed == [2]


def test_a_quantity_after_an_order_still_changes_it(chat: Chat) -> None:
    chat.say("commande 5 riz")
    chat.say("oui")
    assert chat.say("non c'est 8").startswith("Passer la commande n°1 à 8 sacs")
