"""A remark told while a question waits (« le camion est passé », « il pleut beaucoup ») names no
product: it changed the line to a product sounding alike (« Enregistrer l'arrivage de 10 cartons
de Concentré de tomate 400g ? » under an arrival of soap)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements


@pytest.mark.parametrize("remark", ["le camion est passé", "il pleut, le camion était en retard"])
def test_a_remark_under_the_confirmation_changes_nothing(chat: Chat, remark: str) -> None:
    assert "10 cartons de Savon de Marseille" in chat.say("reçu 10 savon")
    out = chat.say(remark)
    assert "Concentré" not in out and "10 cartons de Savon de Marseille" in out, out
    chat.say("oui")
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == [("SAVON-MARSEILLE", "receipt", 10)]


def test_a_remark_under_how_many_changes_nothing(chat: Chat) -> None:
    chat.say("vendu 2 savon")
    assert "combien" in chat.tap(chat.button("edit"))
    out = chat.say("le camion est passé")
    assert "Concentré" not in out and "Savon de Marseille" in out, out


def test_a_product_said_with_c_est_still_corrects(chat: Chat) -> None:
    chat.say("reçu 10 savon")
    out = chat.say("non c'est le sukar en morceaux")
    assert "Sucre morceaux" in out, out
