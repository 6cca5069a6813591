"""An order's arrival told in another unit than its product's (`reçu 2 cartons seulement` of
milk counted in boîtes, `reçu 2 cartons de la commande 1`, `commande reçue 1 carton` then the
order picked) asks how many boîtes that makes, as any arrival does; it offered to receive 2
boîtes (2 cartons of 24 boîtes arrived). The answer (`48`, `24 par carton`) is what arrived."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders, quantity

MILK = "LAIT-POUDRE"


def _order(chat: Chat, text: str) -> int:
    chat.say(text)
    chat.say("oui")
    return int(orders(chat.session)[-1].id or 0)


@pytest.mark.parametrize("answer", ["48", "24 par carton"])
def test_the_answer_to_the_arrival_in_cartons(chat: Chat, answer: str) -> None:
    order_id = _order(chat, "commander lait 72")
    assert "72 boîtes" in chat.say(f"la commande {order_id} est arrivée")
    asked = chat.say("reçu 2 cartons seulement")
    assert "2 cartons de Lait en poudre 400g, ça fait combien de boîtes ?" in asked, asked
    offered = chat.say(answer)
    assert "48 boîtes" in offered and "72 boîtes" in offered, offered
    chat.say("oui")
    [order] = orders(chat.session)
    assert order.received_quantity == 48
    assert quantity(chat.session, MILK) == 48


def test_the_order_named_with_a_quantity_in_cartons(chat: Chat) -> None:
    order_id = _order(chat, "commander lait 72")
    asked = chat.say(f"reçu 2 cartons de la commande {order_id}")
    assert "2 cartons de Lait en poudre 400g, ça fait combien de boîtes ?" in asked, asked
    assert "48 boîtes" in chat.say("48")


def test_the_order_picked_from_the_list_keeps_the_unit(chat: Chat) -> None:
    _order(chat, "commander lait 72")
    _order(chat, "commander riz 20")
    assert "Quelle commande est arrivée ?" in chat.say("commande reçue 1 carton")
    asked = chat.say("1")
    assert "1 carton de Lait en poudre 400g, ça fait combien de boîtes ?" in asked, asked


def test_the_own_unit_is_not_asked(chat: Chat) -> None:
    order_id = _order(chat, "commander lait 72")
    chat.say(f"la commande {order_id} est arrivée")
    asked = chat.say("reçu 48 boîtes seulement")
    assert "48 boîtes" in asked and "ça fait" not in asked, asked
