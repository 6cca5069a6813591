"""`non le 12` right after 10 bottles of gas 6 kg were ordered offers the 12 kg instead; when
part of the 6 kg arrived before the « oui » (another manager recorded it), the order is closed
rather than cancelled: the 12 kg was neither ordered nor mentioned. It is asked now."""

from __future__ import annotations

from bot.db.models import MovementSource, OrderStatus
from bot.orders import receive_order
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders


def test_a_swap_of_an_order_closed_meanwhile_asks_for_the_other_product(chat: Chat) -> None:
    chat.say("commande 10 gaz 6kg")
    assert "Commande n°1 confirmée" in chat.say("oui")
    assert "gaz 12kg au lieu de" in chat.say("non le 12")
    receive_order(
        chat.session,
        1,
        source=MovementSource.WHATSAPP,
        settings=chat.settings,
        now=chat.now,
        quantity=4,
        close=False,
    )
    chat.session.commit()
    out = chat.say("oui")
    assert "clôturée" in out, out
    assert "Commander 10 bouteilles de gaz 12kg ?" in out, out
    assert "Commande n°2 confirmée : 10 bouteilles de gaz 12kg" in chat.say("oui")
    placed = [o for o in orders(chat.session) if o.status == OrderStatus.CONFIRMED]
    assert [(o.id, o.quantity) for o in placed] == [(2, 10)]


def test_a_swap_of_an_order_received_meanwhile_asks_for_the_other_product(chat: Chat) -> None:
    chat.say("commande 10 gaz 6kg")
    chat.say("oui")
    chat.say("non le 12")
    receive_order(
        chat.session, 1, source=MovementSource.WHATSAPP, settings=chat.settings, now=chat.now
    )
    chat.session.commit()
    out = chat.say("oui")
    assert "déjà reçue" in out, out
    assert "Commander 10 bouteilles de gaz 12kg ?" in out, out
    assert "Commande n°2 confirmée" in chat.say("oui")
