"""A sale said to be an arrival, or an arrival a sale (`oups c'etait une livraison pas une
vente`, `non c'est une livraison`, `it was a delivery not a sale`, `non cetait une vente`).

While « Enregistrer la vente de 4 cartons … ? » waited, the sale was dropped and « combien de
cartons ? » asked again for an arrival (the 4 lost), or `oups` was looked for as a product;
right after the recording, « Je ne trouve pas « oups » » or a new arrival asked how many. Now
the same goods are offered as the other kind: before the yes, the question changes; after it,
one yes takes the movement back and records the right one."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, movements, quantity


@pytest.mark.parametrize(
    "typed",
    [
        "oups c'etait une livraison pas une vente",
        "non c'est une livraison",
        "non recu pas vendu",
        "c un arrivage pas une vente",
    ],
)
def test_at_the_question_the_sale_becomes_an_arrival(chat: Chat, typed: str) -> None:
    chat.say("vendu 4 savon")
    out = chat.say(typed)
    assert out.startswith("Enregistrer l'arrivage de 4 cartons de Savon de Marseille ?"), out
    assert chat.say("oui").startswith("✅ Arrivage enregistré : 4 cartons"), chat.last
    assert quantity(chat.session, "SAVON-MARSEILLE") == 19


def test_in_english_at_the_question(chat: Chat) -> None:
    chat.say("sold 4 soap")
    out = chat.say("no it's a delivery")
    assert out.startswith("Record the delivery of 4 cartons of Savon de Marseille?"), out


def test_at_how_many_the_kind_changes_and_the_amount_is_still_asked(chat: Chat) -> None:
    chat.say("vendu savon")
    chat.say("non cetait une livraison")
    out = chat.say("4")
    assert out.startswith("Enregistrer l'arrivage de 4 cartons de Savon de Marseille ?"), out


@pytest.mark.parametrize(
    "typed",
    [
        "oups c'etait une livraison pas une vente",
        "non c'est une livraison",
        "je voulais dire un arrivage",
    ],
)
def test_after_the_sale_one_yes_records_the_arrival_instead(chat: Chat, typed: str) -> None:
    chat.say("vendu 4 savon")
    chat.say("oui")
    out = chat.say(typed)
    assert out.startswith(
        "Corriger : arrivage de 4 cartons de Savon de Marseille au lieu d'une vente"
    ), out
    done = chat.say("oui")
    assert done.startswith("✅ Corrigé : arrivage de 4 cartons de Savon de Marseille"), done
    assert done.endswith("Stock : 19 cartons."), done
    assert [d for _, _, d in movements(chat.session, "SAVON-MARSEILLE")[1:]] == [-4, 4, 4]
    assert balanced(chat.session)


def test_after_an_arrival_a_sale_instead_in_english(chat: Chat) -> None:
    chat.say("received 4 soap")
    chat.say("yes")
    out = chat.say("sorry it was a sale")
    assert out.startswith("Correct: a sale of 4 cartons of Savon de Marseille instead of"), out
    done = chat.say("yes")
    assert done.startswith("✅ Corrected: a sale of 4 cartons"), done
    assert quantity(chat.session, "SAVON-MARSEILLE") == 11


def test_a_sale_in_place_of_an_arrival_needs_the_goods(chat: Chat) -> None:
    """3 bidons of oil 20L, 5 received by mistake: 5 sold would be 3 − 5, said, nothing
    changed."""
    chat.say("recu 5 huile 20l")
    chat.say("oui")
    out = chat.say("non c'etait une vente")
    assert "il ne reste que 3 bidons" in out and "Rien n'est corrigé" in out, out
    assert quantity(chat.session, "HUILE-20L") == 8


def test_after_the_correction_an_undo_is_about_the_arrival(chat: Chat) -> None:
    chat.say("vendu 4 savon")
    chat.say("oui")
    chat.say("c'etait une livraison pas une vente")
    chat.say("oui")
    out = chat.say("annule")
    assert out.startswith("Annuler l'arrivage de 4 cartons de Savon de Marseille"), out


def test_every_line_of_a_sale_becomes_an_arrival(chat: Chat) -> None:
    """`vendu 2 riz et 3 savon` then `oups c'etait une livraison`: was « Je ne trouve pas
    « oups » »."""
    chat.say("vendu 2 riz et 3 savon")
    chat.say("oui")
    out = chat.say("oups c'etait une livraison")
    assert out.startswith(
        "Corriger : arrivage de 2 sacs de Riz brisé 50kg, 3 cartons de Savon de Marseille au lieu"
    ), out
    done = chat.say("oui")
    assert done.startswith("✅ Corrigé : arrivage au lieu d'une vente."), done
    assert "(stock 44 sacs)" in done and "(stock 18 cartons)" in done, done
    assert balanced(chat.session)
    assert chat.say("annule").startswith("Annuler tout l'arrivage")


def test_oups_is_no_product(chat: Chat) -> None:
    """With nothing recorded, `oups c'etait une livraison` was « Je ne trouve pas « oups » »:
    it is an arrival, whose product is asked."""
    out = chat.say("oups c'etait une livraison")
    assert out.startswith("Quel produit ?"), out


def test_under_the_push_the_sale_raised(chat: Chat) -> None:
    """The sale of 33 rice pushed the low-stock alert: the correction is about the sale."""
    chat.say("vente riz 33")
    chat.say("oui")
    out = chat.say("oups c etait une livraison pas une vente")
    assert out.startswith("Corriger : arrivage de 33 sacs de Riz brisé 50kg au lieu"), out
    assert chat.say("oui").endswith("Stock : 75 sacs."), chat.last


@pytest.mark.parametrize("typed", ["non c'est une livraison", "pas une commande, une livraison"])
def test_an_order_said_to_be_an_arrival(chat: Chat, typed: str) -> None:
    """Was the order dropped and the same order asked again (« Commander 20 sacs ? »)."""
    chat.say("commande 20 riz")
    out = chat.say(typed)
    assert out.startswith("Enregistrer l'arrivage de 20 sacs de Riz brisé 50kg ?"), out


def test_the_order_an_alert_offered_said_to_be_an_arrival_asks_how_many(chat: Chat) -> None:
    """The 20 was the alert's suggestion, not what came."""
    chat.say("vente riz 33")
    chat.say("oui")
    chat.say("oui")  # « Commander 20 sacs de Riz brisé 50kg ? »
    assert chat.say("non c'est une livraison") == "Riz brisé 50kg : combien de sacs ?"
    assert chat.say("15").startswith("Enregistrer l'arrivage de 15 sacs")
