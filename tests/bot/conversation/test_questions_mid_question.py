"""A question typed while « Quel produit ? » waits is a question, never the answer: `c'est
combien le stock de lhuile` among the oils shows their stock above the same question (it was
read as the product answer), `c'est combien le stock de riz` between the sugars is a new stock
question that says the sale was dropped, and `c'est combien le riz ?` (a price) is no correction
to rice (both were taken as « c'est le riz » and drafted a sale of rice)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements


@pytest.mark.parametrize(
    "asked", ["c'est combien le stock de lhuile", "c est combien le stock d'huile ?"]
)
def test_the_stock_of_the_products_offered_comes_above_the_same_question(
    chat: Chat, asked: str
) -> None:
    question = chat.say("vendu 3 huile")
    out = chat.say(asked)
    assert "Huile Jadida 5L : 18 bidons" in out and out.endswith(question), out
    assert chat.say("2").startswith("Enregistrer la vente de 3 bidons d'Huile Jadida 5L ?")


@pytest.mark.parametrize(
    "asked", ["c'est combien le stock de riz", "ca fait combien le stock de riz"]
)
def test_another_products_stock_is_a_new_question(chat: Chat, asked: str) -> None:
    chat.say("vendu 3 sucre")
    out = chat.say(asked)
    assert "Riz brisé 50kg : 42 sacs" in out and "annulée" in out, out
    assert "Enregistrer" not in out, out
    chat.say("oui")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []


@pytest.mark.parametrize("asked", ["c'est combien le riz ?", "c'est quoi le prix du riz"])
def test_a_price_question_is_no_correction(chat: Chat, asked: str) -> None:
    chat.say("vendu 3 sucre")
    out = chat.say(asked)
    assert "Riz" not in out, out
    chat.say("oui")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []


@pytest.mark.parametrize(
    "asked", ["c quoi le stock du café", "c koi le stok du kafe", "what is the stock of coffee"]
)
def test_another_products_stock_right_after_a_sale_is_no_correction(chat: Chat, asked: str) -> None:
    """Right after a sale was recorded, « c'est quoi le stock du café » was read as « c'est le
    café » and offered to turn the sale of sugar into one of coffee."""
    chat.say("vendu 3 sucre en poudre")
    chat.say("oui")
    out = chat.say(asked)
    assert out.startswith("Café Touba 250g") and "30 sachets" in out, out
    assert chat.ids() == []  # nothing asked: a stock answer
    assert [d for _, _, d in movements(chat.session, "SUCRE-50")[1:]] == [-3]
