"""Words after an order that put off or say more than a product are no swap: `commande 20 riz`,
`oui`, then `non merci, le savon je verrai demain` offered « Commande n°1 : 20 cartons de Savon
… au lieu de 20 sacs de Riz » (the soap named later, not instead)."""

from __future__ import annotations

import pytest

from bot.db.models import OrderStatus
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders


def _ordered_20_rice(chat: Chat) -> None:
    chat.say("commander 20 riz")
    assert "Commande n°1 confirmée" in chat.say("oui")


@pytest.mark.parametrize(
    "typed",
    [
        "non merci, le savon je verrai demain",
        "non merci le savon demain",
        "non, le savon on verra",
        "non le savon, pour le riz on verra",
        "non le savon c est pour la semaine prochaine",
        "no thanks, the soap tomorrow",
        "no thanks, the soap next week",
        "non le savon, le riz je le commande demain",
        "non le savon aussi",
        "no, the soap too",
        "non merci, le savon en plus",
    ],
)
def test_a_product_put_off_swaps_no_order(chat: Chat, typed: str) -> None:
    _ordered_20_rice(chat)
    out = chat.say(typed)
    assert "au lieu de" not in out and "instead of" not in out, out
    (order,) = orders(chat.session)
    assert order.status == OrderStatus.CONFIRMED


@pytest.mark.parametrize(
    "typed", ["non le savon", "non c etait le savon", "non le savon de marseille", "no the soap"]
)
def test_the_product_named_alone_still_offers_the_swap(chat: Chat, typed: str) -> None:
    _ordered_20_rice(chat)
    out = chat.say(typed)
    assert out.startswith("Commande n°1 : 20 cartons de Savon"), out
    assert "au lieu de 20 sacs de Riz" in out, out
