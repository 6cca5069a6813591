"""`make it 4` (Pidgin `make am 4`): the amount of what was just said set again. Right after a
sale, an arrival or an order with nothing waiting, that recording is offered corrected, as
`actually 4` is; under the « Commander 20 ? » of a push the sale raised, it still orders 4."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders, quantity


@pytest.mark.parametrize("typed", ["make it 4", "make am 4", "make it 4 cartons"])
def test_make_it_right_after_a_sale_corrects_it(chat: Chat, typed: str) -> None:
    chat.say("vendu 2 savon")
    chat.say("oui")
    offer = chat.say(typed)
    assert offer.startswith("Corriger la vente de 2 cartons de Savon de Marseille"), offer
    assert "en 4 cartons" in offer, offer
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 11


def test_make_it_right_after_an_arrival_corrects_it(chat: Chat) -> None:
    chat.say("reçu 10 riz")
    chat.say("oui")
    offer = chat.say("make it 12")
    assert offer.startswith("Corriger l'arrivage de 10 sacs de Riz brisé 50kg"), offer
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 54


def test_make_it_with_nothing_recorded_corrects_nothing(chat: Chat) -> None:
    assert "Corriger" not in chat.say("make it 4")


def test_make_it_under_the_push_a_sale_raised_orders_that_amount(chat: Chat) -> None:
    chat.say("vendu 33 riz")
    chat.say("oui")  # 9 left under a threshold of 10: « Commander 20 sacs ? » pushed
    out = chat.say("make it 30")
    assert "Commande n°1 confirmée : 30 sacs" in out, out
    assert quantity(chat.session, "RIZ-BRISE-50") == 9  # the sale stays 33
    assert len(orders(chat.session)) == 1
