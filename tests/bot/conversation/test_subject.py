"""The product just talked about: `j'en ai vendu 3`, `sold 2 of them`, `vendu 2` right after a
stock answer or a recording about one product are about that product (offered for confirmation,
never recorded on that reading alone)."""

from __future__ import annotations

import pytest

from state.turn import SUBJECT_LIFETIME
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, quantity


@pytest.mark.parametrize("typed", ["j'en ai vendu 3", "vendu 3", "jaay naa ko 3"])
def test_a_sale_naming_no_product_after_a_stock_answer_is_about_that_product(
    chat: Chat, typed: str
) -> None:
    assert chat.say("stock huile 5l").startswith("Huile Jadida 5L : 18 bidons")
    asked = chat.say(typed)
    assert asked.startswith("Enregistrer la vente de 3 bidons d'Huile Jadida 5L ?"), asked
    assert movements(chat.session, "HUILE-5L")[1:] == []  # asked, not recorded
    chat.say("oui")
    assert quantity(chat.session, "HUILE-5L") == 15


def test_in_english_after_a_recording(chat: Chat) -> None:
    chat.say("english")
    chat.say("sold 2 bags of broken rice")
    chat.say("yes")
    assert chat.say("sold 3 more of them").startswith("Record the sale of 3 bags of Riz brisé")
    chat.say("yes")
    assert chat.say("received 10").startswith("Record the delivery of 10 bags of Riz brisé")


def test_nothing_to_refer_to_asks_which_product(chat: Chat) -> None:
    out = chat.say("I sold 2")
    assert "Quel produit ?" in out and "Je ne trouve pas" not in out, out


def test_an_answer_about_several_products_leaves_nothing_to_refer_to(chat: Chat) -> None:
    chat.say("stock riz brisé et savon")
    assert "Quel produit ?" in chat.say("vendu 2")


def test_the_product_talked_about_is_forgotten_after_a_while(chat: Chat) -> None:
    chat.say("stock huile 5l")
    chat.now += SUBJECT_LIFETIME
    assert "Quel produit ?" in chat.say("vendu 2")


def test_a_named_product_wins_over_the_one_talked_about(chat: Chat) -> None:
    chat.say("stock huile 5l")
    assert chat.say("vendu 2 savon").startswith("Enregistrer la vente de 2 cartons de Savon")


@pytest.mark.parametrize(
    "typed",
    ["il en reste combien ?", "combien il en reste", "naata ko des", "how many of them are left"],
)
def test_how_many_are_left_of_it_after_a_recording_is_that_products_stock(
    chat: Chat, typed: str
) -> None:
    chat.say("vendu 3 savon")
    chat.say("oui")
    out = chat.say(typed)
    assert out.startswith("Savon de Marseille : 12 cartons"), out
    assert "Riz" not in out  # not the whole stock


def test_the_whole_stock_when_nothing_was_talked_about(chat: Chat) -> None:
    out = chat.say("il en reste combien ?")
    assert "Savon de Marseille : 15 cartons" in out and "Riz brisé 50kg : 42 sacs" in out, out


@pytest.mark.parametrize(
    "typed", ["qu'est-ce que j'ai en stock ?", "combien en tout ?", "il reste combien en ce moment"]
)
def test_en_that_is_no_pronoun_asks_the_whole_stock(chat: Chat, typed: str) -> None:
    chat.say("stock savon")  # a subject, but `en stock`, `en tout` do not refer to it
    out = chat.say(typed)
    assert "Savon de Marseille : 15 cartons" in out and "Riz brisé 50kg : 42 sacs" in out, out
