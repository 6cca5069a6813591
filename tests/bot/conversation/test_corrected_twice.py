"""A sale corrected twice, the second time naming its product (`non c'était 5 savon` after
2 sold, then corrected to 4): the sale is 5, as the manager last saw it confirmed (the
second correction took the first part alone and the sale came to 7)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


@pytest.mark.parametrize("second", ["non c'était 5 savon", "5 savon pas 4", "no it was 5 soap"])
def test_a_second_correction_naming_the_product_corrects_the_whole_sale(
    chat: Chat, second: str
) -> None:
    chat.say("vendu 2 savon")
    chat.say("oui")
    chat.say("en fait 4")
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 11
    offer = chat.say(second)
    assert "4 cartons" in offer and "2 cartons" not in offer, offer  # the whole sale, 4
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 10
    assert "Savon de Marseille" in (day := chat.say("ventes du jour")) and ": 5 cartons" in day
