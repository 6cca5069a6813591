"""A customer's return and a sale in one message, and exchanges: the goods brought back come
into the stock (a customer return), the goods taken leave it (a sale), asked once and recorded
together. Before, `un client a rendu 2 savon et pris 2 sucre` recorded the sugar as returned
too, `échangé 1 huile 5l contre 1 huile 20l` was not understood, `le client a changé son sac de
riz contre du sucre` and `swapped 1 oil 5L for 1 oil 20L` were read as stock questions."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, movements, quantity


@pytest.mark.parametrize(
    "typed",
    [
        "un client a rendu 2 savon et pris 2 sucre en poudre",
        "le client a rendu 2 savons et a acheté 2 sacs de sucre en poudre",
        "la cliente a ramené 2 savon, elle a pris 2 sucre en poudre à la place",
        "retour client 2 savon et il a pris 2 sucre en poudre",
        "clt a rendu 2 savon et pri 2 sucre en poudre",
    ],
)
def test_a_return_and_a_purchase_in_one_line(chat: Chat, typed: str) -> None:
    out = chat.say(typed)
    assert out.startswith(
        "Enregistrer le retour client de 2 cartons de Savon de Marseille et la vente de 2 sacs "
        "de Sucre en poudre 50kg ?"
    ), out
    out = chat.say("oui")
    assert out.startswith("✅ Retour client et vente enregistrés"), out
    assert "Rendu : 2 cartons de Savon de Marseille (stock 17 cartons)" in out, out
    assert "Vendu : 2 sacs de Sucre en poudre 50kg (reste 10 sacs)" in out, out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 17
    assert quantity(chat.session, "SUCRE-50") == 10
    assert [(s, str(k), d) for s, k, d in movements(chat.session)[-2:]] == [
        ("SAVON-MARSEILLE", "receipt", 2),
        ("SUCRE-50", "sale", -2),
    ]
    assert balanced(chat.session)


def test_in_english(chat: Chat) -> None:
    out = chat.say("customer returned 2 soap and bought 2 sugar")
    assert out.startswith("Record the customer return of 2 cartons of Savon de Marseille"), out
    out = chat.say("yes")
    assert "Returned: 2 cartons of Savon de Marseille" in out, out
    assert "Sold: 2 bags of Sucre en poudre 50kg" in out, out
    assert quantity(chat.session, "SUCRE-50") == 10


def test_the_product_to_pick_is_asked_of_the_sale_line(chat: Chat) -> None:
    out = chat.say("un client a rendu 2 savon et pris 2 sucre")
    assert out.startswith("Ligne 2 (sucre) : Quel produit ?"), out
    out = chat.say("1")
    assert "la vente de 2 sacs de Sucre en poudre 50kg ?" in out, out


def test_a_no_records_nothing(chat: Chat) -> None:
    chat.say("le client a rendu 2 savon et a acheté 3 riz brisé")
    out = chat.say("non")
    assert out == "D'accord, ni retour client ni vente enregistrés.", out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


def test_a_sale_over_the_stock_is_asked_again_the_return_kept(chat: Chat) -> None:
    out = chat.say("le client a rendu 2 savon et a pris 5 gaz 12")
    assert "Il ne reste que 2 bouteilles" in out, out
    out = chat.say("2")
    assert (
        "retour client de 2 cartons de Savon" in out
        and "la vente de 2 bouteilles de gaz 12kg" in out
    )
    chat.say("oui")
    assert quantity(chat.session, "GAZ-12") == 0
    assert quantity(chat.session, "SAVON-MARSEILLE") == 17


@pytest.mark.parametrize(
    ("typed", "yes"),
    [
        ("échangé 1 huile 5l contre 1 huile 20l", "oui"),
        ("le client a echangé son bidon d'huile 5l contre un bidon 20l", "oui"),
        ("swapped 1 oil 5L for 1 oil 20L", "yes"),
        ("wecci na 1 diwlin 5l ak 1 diwlin 20l", "waaw"),
        ("échange de 1 huile 5l contre 1 huile 20l", "oui"),
        ("le client a changé 1 huile 5l en huile 20l", "oui"),
        ("my customer swapped his 5L oil for a 20L one", "yes"),
    ],
)
def test_an_exchange_is_a_return_then_a_sale(chat: Chat, typed: str, yes: str) -> None:
    out = chat.say(typed)
    assert "Huile Jadida 5L" in out and "Huile d'arachide 20L" in out, out
    assert out.index("Huile Jadida 5L") < out.index("Huile d'arachide 20L"), out
    chat.say(yes)
    assert quantity(chat.session, "HUILE-5L") == 19
    assert quantity(chat.session, "HUILE-20L") == 2
    assert balanced(chat.session)


def test_an_exchange_for_an_amount_not_said_asks_it(chat: Chat) -> None:
    out = chat.say("le client a changé son sac de riz contre du sucre en poudre")
    assert out == "Ligne 2 (Sucre en poudre 50kg) : Combien de sacs ?", out
    out = chat.say("2")
    assert out.startswith(
        "Enregistrer le retour client de 1 sac de Riz brisé 50kg et la vente de 2 sacs de Sucre"
    ), out
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 43
    assert quantity(chat.session, "SUCRE-50") == 10


def test_an_exchange_under_a_question_replaces_it(chat: Chat) -> None:
    chat.say("vendu 2 savon")
    out = chat.say("echange 1 gaz 6 contre 1 gaz 12")
    assert out.startswith("La vente de 2 cartons de Savon de Marseille est annulée"), out
    assert (
        "retour client de 1 bouteille de gaz 6kg et la vente de 1 bouteille de gaz 12kg" in out
    ), out


def test_the_same_product_back_can_be_sold_again(chat: Chat) -> None:
    """Two bottles of gas 12 in stock: one brought back makes three to sell."""
    chat.say("echange 1 gaz 12 contre 3 gaz 12")
    chat.say("oui")
    assert quantity(chat.session, "GAZ-12") == 0


@pytest.mark.parametrize(
    "typed", ["change le riz pour le sucre", "vendu 2 riz pour le client", "rendu 2 savon"]
)
def test_no_exchange_without_both_goods(chat: Chat, typed: str) -> None:
    out = chat.say(typed)
    assert "et la vente de" not in out, out


def test_cancel_right_after_takes_both_back(chat: Chat) -> None:
    chat.say("le client a rendu 2 savon et pris 2 sucre en poudre")
    chat.say("oui")
    out = chat.say("annule")
    assert out.startswith("Annuler le retour client et la vente de"), out
    assert "2 cartons de Savon" in out and "2 sacs de Sucre" in out, out
    out = chat.say("oui")
    assert out.startswith("✅ Retour client et vente annulés"), out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert quantity(chat.session, "SUCRE-50") == 12
    assert balanced(chat.session)


def test_a_correction_right_after_is_of_the_sale(chat: Chat) -> None:
    chat.say("le client a rendu 2 savon et pris 2 sucre en poudre")
    chat.say("oui")
    assert "Corriger la vente de 2 sacs de Sucre" in chat.say("non c'est 3")


def test_a_return_of_the_bag_asks_how_many(chat: Chat) -> None:
    out = chat.say("le client a rendu le sac de riz et pris 2 sucre en poudre")
    assert out == "Ligne 1 (Riz brisé 50kg) : Combien de sacs ?", out
    assert "retour client de 1 sac de Riz brisé 50kg et la vente de 2 sacs" in chat.say("1")


def test_a_sale_and_an_arrival_are_asked_one_after_the_other(chat: Chat) -> None:
    out = chat.say("vendu 2 riz brisé et reçu 10 sucre en poudre")
    assert out.startswith("Une opération à la fois : « reçu 10 sucre en poudre » est demandé"), out
    out = chat.say("oui")
    assert "Vente enregistrée : 2 sacs de Riz brisé" in out, out
    assert out.endswith(
        "Enregistrer l'arrivage de 10 sacs de Sucre en poudre 50kg ?\n[Oui]\n[Modifier]\n[Non]"
    )
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 40
    assert quantity(chat.session, "SUCRE-50") == 22
