"""A sale's product corrected to goods with nothing left (« lait 2 », « non c'est le lait »
under « Enregistrer la vente de 2 cartons de Savon ? », the milk sold out): refused, and the
sale asked stays as it was. Before, the line was changed, then dropped as sold out, and with it
the whole sale, without a word: the « oui » that followed found no question."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat

SOAP_ASKED = "Enregistrer la vente de 2 cartons de Savon de Marseille ?"


@pytest.mark.parametrize("fix", ["lait 2", "non c'est le lait", "non c est 2 lait en poudre"])
def test_a_correction_to_sold_out_goods_keeps_the_sale_asked(chat: Chat, fix: str) -> None:
    assert chat.say("vendu 2 savon").startswith(SOAP_ASKED)
    out = chat.say(fix)
    assert out.startswith("Vente refusée : Lait en poudre 400g est en rupture de stock.\n"), out
    assert SOAP_ASKED in out
    assert "Reste : 13 cartons" in chat.say("oui")


def test_in_english_too(chat: Chat) -> None:
    chat.say("english")
    assert "2 cartons of Savon de Marseille" in chat.say("sold 2 soap")
    out = chat.say("no it's milk")
    assert out.startswith("Sale refused: Lait en poudre 400g is out of stock."), out
    assert "✅" in chat.say("yes")


def test_goods_in_stock_still_replace_the_product(chat: Chat) -> None:
    chat.say("vendu 2 savon")
    assert "2 sacs de Sucre en poudre 50kg" in chat.say("non c'est le sucre en poudre")
