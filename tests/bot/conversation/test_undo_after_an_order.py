"""`annule`, `je me suis trompé` right after an order was placed are about that order: its
cancellation is asked (they answered « Rien à annuler » or took back an older sale), and
`je me suis trompé, c'était 15` changes its quantity (it corrected the sale before it)."""

from __future__ import annotations

import pytest

from bot.db.models import OrderStatus
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, orders


def _order_after_a_sale(chat: Chat) -> None:
    chat.say("vendu 2 savon")
    chat.say("oui")
    chat.say("commande 10 riz")
    assert chat.say("oui").startswith("✅ Commande n°")


@pytest.mark.parametrize("typed", ["annule", "je me suis trompé", "erreur"])
def test_a_bare_undo_right_after_an_order_asks_to_cancel_it(chat: Chat, typed: str) -> None:
    _order_after_a_sale(chat)
    sold = movements(chat.session)
    (order,) = orders(chat.session)
    assert chat.say(typed).startswith(f"Annuler la commande n°{order.id} (10 sacs de Riz")
    chat.say("oui")
    (order,) = orders(chat.session)
    assert order.status == OrderStatus.CANCELLED
    assert movements(chat.session) == sold  # the sale before it stays


def test_a_number_said_wrong_right_after_an_order_changes_it(chat: Chat) -> None:
    _order_after_a_sale(chat)
    sold = movements(chat.session)
    out = chat.say("je me suis trompé, c'était 15")
    assert "15 sacs de Riz brisé 50kg" in out and "Savon" not in out, out
    chat.say("oui")
    (order,) = orders(chat.session)
    assert (order.status, order.quantity) == (OrderStatus.CONFIRMED, 15)
    assert movements(chat.session) == sold


def test_after_a_sale_undo_is_still_about_the_sale(chat: Chat) -> None:
    chat.say("vendu 2 savon")
    chat.say("oui")
    assert "2 cartons de Savon" in chat.say("je me suis trompé, c'était 3")
