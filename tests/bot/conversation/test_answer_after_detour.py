"""The answer to a question typed right after a stock question replaced it: `vendu riz`,
« combien de sacs ? », `attends`, `stock huile ?` (the sale said dropped), then `5`: it was
« Je n'ai pas compris « 5 » ». Now the sale is taken up with that answer and offered for a yes.
A pick of the products just listed (`2`, `le petit` after the oils) stays about them, and once
another question was asked, or the question would have expired, nothing is taken up."""

from __future__ import annotations

from datetime import timedelta

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements


def test_the_quantity_after_a_stock_question(chat: Chat) -> None:
    chat.say("vendu riz")
    chat.say("attends")
    assert "annulée" in chat.say("stock huile ?")
    out = chat.say("5")
    assert out.startswith("Enregistrer la vente de 5 sacs de Riz brisé 50kg ?"), out
    assert chat.say("oui").startswith("✅ Vente enregistrée : 5 sacs de Riz brisé 50kg")


def test_the_product_after_a_stock_question(chat: Chat) -> None:
    chat.say("vendu 5 sucre")
    chat.say("stock riz")
    out = chat.say("le petit")
    assert out.startswith("Enregistrer la vente de 5 paquets de Sucre morceaux 1kg ?"), out


def test_a_pick_of_the_listed_products_is_about_them(chat: Chat) -> None:
    chat.say("vendu riz")
    chat.say("stock huile")
    out = chat.say("2")
    assert out.startswith("Huile Jadida 5L : 18 bidons"), out


def test_nothing_is_taken_up_after_another_question(chat: Chat) -> None:
    chat.say("vendu riz")
    chat.say("vendu 2 savon")
    chat.say("oui")
    assert chat.say("5").startswith("Je n'ai pas compris")
    assert [d for _, _, d in movements(chat.session, "RIZ-BRISE-50")[1:]] == []


def test_nothing_is_taken_up_once_it_would_have_expired(chat: Chat) -> None:
    chat.say("vendu riz")
    chat.say("stock huile")
    chat.now += timedelta(minutes=40)
    assert chat.say("5").startswith("Je n'ai pas compris")
