"""What a manager reads once a sale or an arrival is taken back: French that needs no agreement
with the unit (« 2 bouteilles … de retour en stock », not « remis »)."""

from __future__ import annotations

from tests.bot.conversation.conftest import Chat


def test_an_undone_sale_of_bottles_is_back_in_stock(chat: Chat) -> None:
    chat.say("vendu 2 huile 1l")
    assert chat.say("oui").startswith("✅")
    chat.say("annule ma dernière vente")
    done = chat.say("oui")
    assert done == (
        "✅ Vente annulée : 2 bouteilles d'Huile Jadida 1L de retour en stock. "
        "Stock : 60 bouteilles."
    ), done


def test_an_undone_arrival_of_bottles_is_less_in_stock(chat: Chat) -> None:
    chat.say("reçu 2 huile 1l")
    assert chat.say("oui").startswith("✅")
    chat.say("annule mon dernier arrivage")
    done = chat.say("oui")
    assert done == (
        "✅ Arrivage annulé : 2 bouteilles d'Huile Jadida 1L en moins dans le stock. "
        "Stock : 60 bouteilles."
    ), done
