"""A line left out, said under the confirmation (`ah oui et aussi 1 savon`, `j'ai oublié 1
savon`) or right after the sale was recorded (`ah j'ai oublié 1 savon aussi`): one more line,
or one more sale. They replaced the rice of the sale waiting by the soap (`ah oui …`), dropped
the sale as a cancel (`j'ai oublié …`), or offered to cancel the sale just recorded."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements


@pytest.mark.parametrize(
    "added",
    ["ah oui et aussi 1 savon", "oh et 1 savon aussi", "j'ai oublié 1 savon", "euh aussi 1 savon"],
)
def test_a_line_left_out_is_added_to_the_sale_waiting(chat: Chat, added: str) -> None:
    chat.say("vendu 2 riz")
    out = chat.say(added)
    assert out.startswith(
        "Enregistrer la vente : 2 sacs de Riz brisé 50kg, 1 carton de Savon de Marseille ?"
    ), out
    chat.say("oui")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == [("RIZ-BRISE-50", "sale", -2)]
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == [("SAVON-MARSEILLE", "sale", -1)]


def test_a_line_left_out_after_the_sale_is_another_sale(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    out = chat.say("ah j'ai oublié 1 savon aussi")
    assert out.startswith("Enregistrer la vente de 1 carton de Savon de Marseille ?"), out
    chat.say("oui")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == [("RIZ-BRISE-50", "sale", -2)]
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == [("SAVON-MARSEILLE", "sale", -1)]


@pytest.mark.parametrize("dropped", ["oublie", "oublie ça", "laisse tomber"])
def test_forget_it_alone_still_cancels(chat: Chat, dropped: str) -> None:
    chat.say("vendu 2 riz")
    assert "annulée" in chat.say(dropped)


def test_someone_who_bought_is_a_sale_not_an_order(chat: Chat) -> None:
    """`un monsieur a acheté 2 bouteilles de gaz 12` drafted an order of 2 bottles."""
    out = chat.say("un monsieur a acheté 2 bouteilles de gaz 12")
    assert out.startswith("Enregistrer la vente de 2 bouteilles de gaz 12kg ?"), out
    chat.say("oui")
    assert movements(chat.session, "GAZ-12")[1:] == [("GAZ-12", "sale", -2)]
