"""A bare `annule` is about what was just recorded, whatever it was: a count, an order's
delivery, orders placed; never an older sale that happened to be recorded before them."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, quantity

CANCEL = [("fr", "annule", "oui"), ("en", "cancel", "yes"), ("wo", "bàyyi", "waaw")]


def _speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


@pytest.mark.parametrize(("lang", "cancel", "yes"), CANCEL)
def test_a_count_right_after_a_sale_is_what_annule_takes_back(
    chat: Chat, lang: str, cancel: str, yes: str
) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    chat.say("inventaire savon 12")
    chat.say("oui")
    _speaks(chat, lang)
    offer = chat.say(cancel)
    assert "Savon de Marseille" in offer and "Riz" not in offer, offer
    chat.say(yes)
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert quantity(chat.session, "RIZ-BRISE-50") == 40  # the sale stays


@pytest.mark.parametrize(("lang", "cancel", "yes"), CANCEL)
def test_an_orders_delivery_is_what_annule_takes_back(
    chat: Chat, lang: str, cancel: str, yes: str
) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    chat.say("commande 20 lait")
    chat.say("oui")
    chat.say("la commande de lait est arrivée")
    chat.say("oui")
    assert quantity(chat.session, "LAIT-POUDRE") == 20
    _speaks(chat, lang)
    offer = chat.say(cancel)
    assert "Lait en poudre 400g" in offer and "Riz" not in offer, offer
    chat.say(yes)
    assert quantity(chat.session, "LAIT-POUDRE") == 0
    assert quantity(chat.session, "RIZ-BRISE-50") == 40


def test_after_orders_placed_annule_takes_back_no_older_sale(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    chat.say("commande 20 lait et 5 savon")
    chat.say("oui")
    out = chat.say("annule")
    assert "Riz" not in out, out
    chat.say("oui")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == [("RIZ-BRISE-50", "sale", -2)]


def test_once_taken_back_annule_is_about_nothing(chat: Chat) -> None:
    chat.say("vendu 3 café")
    chat.say("oui")
    chat.say("vendu 2 riz")
    chat.say("oui")
    chat.say("annule")
    chat.say("oui")
    assert chat.say("annule").startswith("Rien à annuler")
    assert quantity(chat.session, "CAFE-TOUBA") == 27  # the older sale is not offered


@pytest.mark.parametrize(
    ("lang", "first", "yes", "more", "offered"),
    [
        ("fr", "vendu 2 riz brisé", "oui", "et 1 savon", "Enregistrer la vente de 1 carton"),
        ("en", "sold 2 rice", "yes", "and 2 coffee", "Record the sale of 2 sachets of Café"),
        ("wo", "jaay naa 2 ceeb", "waaw", "ak 3 saabu", "Ndax ma bind jaay bi : 3 carton Savon"),
        ("fr", "reçu 10 riz brisé", "oui", "+ 5 savon", "Enregistrer l'arrivage de 5 cartons"),
        # right after an order: another order (it gave the sugar's stock, the 10 lost)
        ("fr", "commande 20 riz", "oui", "et 10 sucre en poudre", "Commander 10 sacs de Sucre"),
        ("en", "order 5 soap", "yes", "and 3 coffee", "Order 3 sachets of Café Touba"),
    ],
)
def test_and_more_right_after_a_recording_is_another_of_the_same(
    chat: Chat, lang: str, first: str, yes: str, more: str, offered: str
) -> None:
    """`et 1 savon` right after a sale was recorded gave the soap's stock."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    chat.say(first)
    chat.say(yes)
    assert chat.say(more).startswith(offered)


def test_and_a_product_without_an_amount_after_a_recording_is_a_stock_question(
    chat: Chat,
) -> None:
    chat.say("vendu 2 riz brisé")
    chat.say("oui")
    assert chat.say("et le savon ?").startswith("Savon de Marseille : 15 cartons")


@pytest.mark.parametrize(
    ("lang", "typed", "not_offered"),
    [
        ("fr", "j'ai commandé 10 riz aussi", "Enregistrer la vente"),
        ("en", "and ordered 10 rice too", "Record the sale"),
        ("en", "2 soap returned too", "Record the sale"),
    ],
)
def test_another_action_or_a_mere_too_after_a_sale_is_no_other_sale(
    chat: Chat, lang: str, typed: str, not_offered: str
) -> None:
    if lang == "en":
        chat.say("english")
    chat.say("vendu 2 riz brisé")
    chat.say("oui" if lang == "fr" else "yes")
    assert not_offered not in chat.say(typed)


def test_no_i_sold_three_of_another_product_after_a_sale_is_that_sale(chat: Chat) -> None:
    chat.say("vendu 2 riz brisé")
    chat.say("oui")
    assert chat.say("non j'ai vendu 3 savon").startswith(
        "Enregistrer la vente de 3 cartons de Savon de Marseille ?"
    )


@pytest.mark.parametrize("typed", ["en fait 4 cartons", "actually 4 cartons", "non, 4 cartons"])
def test_a_marked_amount_in_the_units_unit_right_after_a_sale_corrects_it(
    chat: Chat, typed: str
) -> None:
    chat.say("vendu 2 savon")
    chat.say("oui")
    offer = chat.say(typed)  # the amount in its unit, no product: that sale, not a count
    assert offer.startswith("Corriger la vente de 2 cartons de Savon de Marseille"), offer
    assert "en 4 cartons" in offer, offer
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 11


def test_an_amount_with_another_product_right_after_a_sale_is_not_its_correction(
    chat: Chat,
) -> None:
    chat.say("vendu 2 savon")
    chat.say("oui")
    out = chat.say("en fait 4 sacs de riz")
    assert "Corriger la vente" not in out, out


@pytest.mark.parametrize(
    ("typed", "yes"),
    [
        ("annule le sucre", "oui"),
        ("cancel the sugar", "yes"),
        ("annule le sucre stp", "oui"),
        # the other removing verbs, as `annule` (they were a stock question about sugar)
        ("supprime le sucre", "oui"),
        ("enlève le sucre", "oui"),
        ("enleve le sucre stp", "oui"),
        ("retire le sucre", "oui"),
        ("oups, supprime les sucres morceaux", "oui"),
        ("remove the sugar", "yes"),
        ("delete the sugar please", "yes"),
        ("dindi sukar bi", "waaw"),
    ],
)
def test_cancelling_one_product_of_a_sale_of_several_takes_back_that_line_only(
    chat: Chat, typed: str, yes: str
) -> None:
    chat.say("vendu 2 riz et 3 sucre morceaux")
    chat.say("oui")
    offer = chat.say(typed)
    assert "Sucre morceaux" in offer and "Riz" not in offer, offer
    chat.say(yes)
    assert quantity(chat.session, "SUCRE-MORCEAU") == 40  # back in stock
    assert quantity(chat.session, "RIZ-BRISE-50") == 40  # the rice stays sold


@pytest.mark.parametrize("typed", ["supprime", "enlève ça", "remove it"])
def test_a_bare_removal_after_a_sale_of_several_is_a_bare_annule(chat: Chat, typed: str) -> None:
    chat.say("vendu 2 riz et 3 sucre morceaux")
    chat.say("oui")
    offer = chat.say(typed)
    assert "Sucre morceaux" in offer and "Riz" in offer and offer.endswith("[Non]"), offer


def test_how_to_remove_is_still_help(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    assert "Annuler" not in chat.say("comment supprimer une ligne ?")


def test_a_bare_annule_after_a_sale_of_several_still_takes_back_all_of_it(chat: Chat) -> None:
    chat.say("vendu 2 riz et 3 sucre morceaux")
    chat.say("oui")
    offer = chat.say("annule stp")
    assert "Sucre morceaux" in offer and "Riz" in offer, offer


@pytest.mark.parametrize(
    ("lang", "typed", "no"),
    [
        ("fr", "il y a 4 cartons", "non"),
        ("fr", "il en reste 4", "non"),
        ("fr", "il reste 4 cartons", "non"),
        ("fr", "y a 4 cartons", "non"),
        ("fr", "plus que quatre", "non"),
        ("en", "there are 4 cartons left", "no"),
        ("en", "only 4 left", "no"),
        ("en", "there's 4 cartons", "no"),
    ],
)
def test_the_stock_stated_right_after_a_sale_is_a_count_of_that_product(
    chat: Chat, lang: str, typed: str, no: str
) -> None:
    """`il y a 4 cartons` right after a sale of soap listed the whole stock (or the products
    counted in cartons): it is the soap's count, offered before anything is recorded."""
    if lang == "en":
        chat.say("english")
    chat.say("vendu 2 savon")
    chat.say("oui")
    offer = chat.say(typed)
    assert offer.startswith("Savon de Marseille") and "13 → 4 cartons" in offer, offer
    assert "Riz" not in offer and "Bouillon" not in offer, offer
    chat.say(no)
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13
    chat.say("vendu 1 savon")
    chat.say("oui")
    chat.say(typed)
    chat.tap(chat.button("yes"))
    assert quantity(chat.session, "SAVON-MARSEILLE") == 4


@pytest.mark.parametrize("typed", ["il y a 4 sacs", "il y a 4 cartons ?", "il y a 13 cartons"])
def test_a_statement_not_of_the_product_just_sold_is_no_count_of_it(chat: Chat, typed: str) -> None:
    chat.say("vendu 2 savon")
    chat.say("oui")
    assert "13 → " not in chat.say(typed)


@pytest.mark.parametrize(
    ("typed", "offered"),
    [("il y a 4 cartons", "Savon de Marseille : 12 → 4"), ("il reste 30 sacs", "Riz brisé 50kg")],
)
def test_the_stock_stated_after_a_sale_of_several_is_of_the_one_in_that_unit(
    chat: Chat, typed: str, offered: str
) -> None:
    chat.say("vendu 2 riz et 3 savon")
    chat.say("oui")
    out = chat.say(typed)
    assert out.startswith(offered) and "Enregistrer l'inventaire ?" in out, out


@pytest.mark.parametrize(
    ("typed", "yes"),
    [
        ("enlève 1 savon", "oui"),
        ("retire 1 savon de la vente", "oui"),
        ("enleve 1 carton de savon stp", "oui"),
        ("remove 1 soap", "yes"),
    ],
)
def test_a_number_of_a_line_taken_out_right_after_a_sale_corrects_that_line(
    chat: Chat, typed: str, yes: str
) -> None:
    """`enlève 1 savon` right after a sale of 3 soaps was a stock question, `retire 1 savon de
    la vente` another sale of 1: that line is corrected to 2, the rice stays sold."""
    chat.say("vendu 2 riz et 3 savon")
    chat.say("oui")
    offer = chat.say(typed)
    assert "3 cartons de Savon de Marseille" in offer and "en 2 cartons" in offer, offer
    chat.say(yes)
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13
    assert quantity(chat.session, "RIZ-BRISE-50") == 40


def test_all_of_a_line_taken_out_takes_it_back(chat: Chat) -> None:
    chat.say("vendu 2 riz et 3 savon")
    chat.say("oui")
    offer = chat.say("enlève 3 savons")
    assert offer.startswith("Annuler la vente de 3 cartons de Savon de Marseille"), offer


def test_the_stock_stated_after_a_sale_of_several_in_no_unit_asks_which(chat: Chat) -> None:
    chat.say("vendu 2 riz et 3 savon")
    chat.say("oui")
    out = chat.say("il reste 30")
    assert out.startswith("Quel produit ?") and "Riz brisé 50kg" in out, out
    assert "Savon de Marseille" in out and "Bouillon" not in out, out
    assert chat.say("le riz").startswith("Riz brisé 50kg : 40 → 30 sacs")


@pytest.mark.parametrize(
    "typed",
    ["il y a 4 cartons ?", "combien de cartons ?", "il reste combien ?", "il y a 13 cartons"],
)
def test_the_stock_asked_right_after_a_sale_is_that_products(chat: Chat, typed: str) -> None:
    """They listed the whole stock (or the products counted in cartons)."""
    chat.say("vendu 2 savon")
    chat.say("oui")
    out = chat.say(typed)
    assert out.startswith("Savon de Marseille : 13 cartons") and "Bouillon" not in out, out
