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
    out = chat.say("I sold 2")  # answered in the language written
    assert "Which product?" in out and "cannot find" not in out, out


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
    english = typed.startswith("how")  # answered in the language written
    assert out.startswith(f"Savon de Marseille{':' if english else ' :'} 12 cartons"), out
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


@pytest.mark.parametrize(
    ("lang", "wanting", "named", "expected"),
    [
        ("fr", "je veux commander", "huile 5l", "Commander 12 bidons d'Huile Jadida 5L ?"),
        ("en", "I want to order", "sugar", "Order 10 bags of Sucre en poudre 50kg?"),
        ("fr", "je veux vendre", "café", "Café Touba 250g : combien de sachets ?"),
    ],
)
def test_a_product_not_among_those_just_talked_about_answers_which_one(
    chat: Chat, lang: str, wanting: str, named: str, expected: str
) -> None:
    """After a sale of two products, wanting to order offers those two: a third one named is
    the answer (it was a new stock question and the order was dropped without a word)."""
    if lang == "en":
        chat.say("english")
    chat.say("vendu 2 riz et 1 savon")
    chat.say("oui")
    offered = chat.say(wanting)
    assert "Riz brisé 50kg" in offered and "Savon de Marseille" in offered, offered
    assert chat.say(named).startswith(expected)


@pytest.mark.parametrize(("typed", "expected"), [("café", None), ("café 3", 3)])
def test_another_product_while_the_quantity_of_the_one_talked_about_is_asked(
    chat: Chat, typed: str, expected: int | None
) -> None:
    """`je veux vendre` right after `stock savon` asks how much soap; `café` says it is coffee
    (with its quantity if given), not a stock question that drops the sale."""
    chat.say("stock savon")
    assert chat.say("je veux vendre") == "Savon de Marseille : combien de cartons ?"
    out = chat.say(typed)
    if expected is None:
        assert out == "Café Touba 250g : combien de sachets ?"
        out = chat.say("4")
        expected = 4
    assert out.startswith(f"Enregistrer la vente de {expected} sachets de Café Touba 250g ?"), out
    chat.say("oui")
    assert quantity(chat.session, "CAFE-TOUBA") == 30 - expected
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15


def test_another_product_while_a_typed_lines_quantity_is_asked_is_a_stock_question(
    chat: Chat,
) -> None:
    """`vente riz` then `savon`: the line was typed for the rice, so the soap is a question."""
    chat.say("vente riz")
    assert "Savon de Marseille : 15 cartons" in chat.say("savon")


@pytest.mark.parametrize("typed", ["je veux vendre", "vendu", "jaay"])
def test_the_same_verb_again_while_a_quantity_is_asked_asks_again(chat: Chat, typed: str) -> None:
    asked = chat.say("vente riz")
    assert chat.say(typed) == asked
    assert chat.say("3").startswith("Enregistrer la vente de 3 sacs de Riz brisé 50kg ?")


@pytest.mark.parametrize(
    "typed", ["combien il en reste", "il en reste combien ?", "naata ko des", "stock riz brisé"]
)
def test_its_stock_asked_while_its_quantity_is_asked_keeps_the_sale(chat: Chat, typed: str) -> None:
    """The manager checks what is left before saying how many were sold: that product's stock,
    then the same question (it was the whole stock, or a stock answer that dropped the sale)."""
    asked = chat.say("vente riz")
    out = chat.say(typed)
    assert out.startswith("Riz brisé 50kg : 42 sacs") and out.endswith(asked), out
    assert "annulée" not in out
    assert chat.say("2").startswith("Enregistrer la vente de 2 sacs de Riz brisé 50kg ?")
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 40


def test_another_products_stock_while_a_quantity_is_asked_drops_the_sale_and_says_so(
    chat: Chat,
) -> None:
    chat.say("vente riz")
    out = chat.say("stock savon")
    assert "annulée" in out and "Savon de Marseille : 15 cartons" in out, out


@pytest.mark.parametrize("typed", ["combien ?", "stock ?", "naata", "how many"])
def test_a_bare_how_many_while_a_quantity_is_asked_is_about_that_product(
    chat: Chat, typed: str
) -> None:
    """It printed the whole stock and dropped the sale."""
    asked = chat.say("vente riz")
    out = chat.say(typed)
    # In the language written, the question waiting too (asked again in it).
    english = typed == "how many"
    stock = "Riz brisé 50kg: 42 bags" if english else "Riz brisé 50kg : 42 sacs"
    again = "Riz brisé 50kg: how many bags?" if english else asked
    assert out.startswith(stock) and out.endswith(again), out


@pytest.mark.parametrize("typed", ["tout le stock", "combien en tout"])
def test_the_whole_stock_while_a_quantity_is_asked_is_a_new_question(
    chat: Chat, typed: str
) -> None:
    chat.say("vente riz")
    assert "Savon de Marseille : 15 cartons" in chat.say(typed)
