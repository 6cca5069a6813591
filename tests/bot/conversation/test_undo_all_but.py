"""`tout sauf le riz` under « Annuler toute la vente : riz, savon ? » took back the whole sale
with no yes (an ALL word); the lines other than the one excepted are asked, nothing taken back
before a yes."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize(
    ("typed", "left"),
    [
        ("tout sauf le riz", "Savon de Marseille"),
        ("annule tout sauf le savon", "Riz brisé 50kg"),
        ("all except the rice", "Savon de Marseille"),
        ("tout à part le riz", "Savon de Marseille"),
    ],
)
def test_all_but_one_line_asks_the_other(chat: Chat, typed: str, left: str) -> None:
    chat.say("vendu 2 riz et 3 savon")
    chat.say("oui")
    assert chat.say("annule la vente").startswith("Annuler toute la vente")
    out = chat.say(typed)
    assert out.startswith("Annuler la vente de") and left in out, out
    assert "annulée" not in out
    assert "Vente annulée" in chat.say("oui")


def test_all_but_one_of_three_lines_asks_the_two_others(chat: Chat) -> None:
    chat.say("vendu 2 riz brisé et 3 savon et 1 café")
    chat.say("oui")
    chat.say("annule la vente")
    out = chat.say("tout sauf le riz")
    assert out.startswith("Annuler") and "Riz" not in out, out
    assert "Savon de Marseille" in out and "Café Touba" in out
    done = chat.say("oui")
    assert "Vente annulée" in done and "Riz" not in done, done
