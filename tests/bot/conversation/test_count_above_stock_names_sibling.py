"""`non 12` under « Enregistrer la vente de 2 bouteilles de gaz 6kg ? » with 9 bottles left: no
sale can be of 12, and 12 is the size of the one sibling: the 12 kg bottle (it was « C'est noté :
12 bouteilles … Il ne reste que 9 bouteilles »). A count within the stock stays a count."""

from __future__ import annotations

from tests.bot.conversation.conftest import Chat


def test_a_count_above_the_stock_that_sizes_a_sibling_names_it(chat: Chat) -> None:
    chat.say("vendu 2 gaz 6kg")
    out = chat.say("non 12")
    assert out.startswith("Enregistrer la vente de 2 bouteilles de gaz 12kg ?"), out


def test_a_count_within_the_stock_stays_a_count(chat: Chat) -> None:
    chat.say("vendu 2 gaz 6kg")
    out = chat.say("non 6")
    assert out.startswith("Enregistrer la vente de 6 bouteilles de gaz 6kg ?"), out


def test_a_count_above_the_stock_naming_no_sibling_is_asked_about(chat: Chat) -> None:
    chat.say("vendu 2 gaz 6kg")
    assert "Il ne reste que 9 bouteilles" in chat.say("non 30")
