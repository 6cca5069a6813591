"""Wolof `indi` is to bring: `indi nañu 10 savon` (they brought) came in, `indi ma 10 riz`
(bring me) asks for goods, an order, also as the answer to the push a sale raised."""

from __future__ import annotations

from bot.alerts import pushes_after
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders, quantity


def test_bring_me_is_an_order(chat: Chat) -> None:
    out = chat.say("indi ma 10 ceeb")
    assert out.startswith("Commander 10 sacs de Riz brisé 50kg ?"), out
    chat.say("waaw")
    assert [o.quantity for o in orders(chat.session)] == [10]
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


def test_bring_me_under_the_push_orders_that_amount(chat: Chat) -> None:
    chat.say("vente riz 33")
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        chat.say("oui")  # 9 sacs left: « Commander 20 sacs ? » pushed
    out = chat.say("indi ma 30")
    assert "30 sacs" in out, out
    assert quantity(chat.session, "RIZ-BRISE-50") == 9


def test_brought_is_still_an_arrival(chat: Chat) -> None:
    out = chat.say("indi nañu 10 ceeb")
    assert out.startswith("Enregistrer l'arrivage de 10 sacs de Riz brisé 50kg ?"), out
