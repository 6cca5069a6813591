"""Issue 12 §3: a confirmation can be corrected; the same action is offered again, corrected."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, orders, quantity


@pytest.mark.parametrize(
    ("correction", "yes"),
    [
        ("non c'est 4", "oui"),
        ("non 4", "oui"),
        ("plutôt 4", "oui"),
        ("4 sacs", "oui"),
        ("4", "ok"),
        ("no, 4", "yes"),
        ("nan c 4", "oui"),
        ("deedeet, 4", "waaw"),
    ],
)
def test_a_number_corrects_the_quantity_then_yes_records_it(
    chat: Chat, correction: str, yes: str
) -> None:
    chat.say("vente 5 sacs de riz")
    again = chat.say(correction)
    assert again == (
        "Enregistrer la vente de 4 sacs de Riz brisé 50kg ?\n[Oui]\n[Modifier]\n[Non]"
    ), correction
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []  # buttons again, nothing yet
    assert chat.say(yes).startswith("✅ Vente enregistrée : 4 sacs")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == [("RIZ-BRISE-50", "sale", -4)]


@pytest.mark.parametrize("no", ["non", "Non merci", "no", "deedeet", "annule"])
def test_no_alone_records_nothing_and_says_so(chat: Chat, no: str) -> None:
    chat.say("vente 5 sacs de riz")
    out = chat.say(no)
    assert "non enregistré" in out or "rien n'est enregistré" in out, out
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


@pytest.mark.parametrize(
    "correction",
    [
        "c'est le riz parfumé",
        "non, le riz parfumé",
        "plutôt le parfumé",
        "pas le brisé, le parfumé",
        "le parfumé pas le brisé",
    ],
)
def test_naming_the_right_product_offers_it_instead(chat: Chat, correction: str) -> None:
    chat.say("vendu 2 riz")
    out = chat.say(correction)
    assert out.startswith("Enregistrer la vente de 2 sacs de Riz parfumé 25kg ?"), out
    chat.say("oui")
    assert quantity(chat.session, "RIZ-PARFUME-25") == 4
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


@pytest.mark.parametrize("other", ["pas celui-là, l'autre", "l'autre", "the other one"])
def test_the_other_one_after_a_choice(chat: Chat, other: str) -> None:
    chat.say("vendu 1 sucre")
    chat.say("poudre")
    out = chat.say(other)
    assert out.startswith("Enregistrer la vente de 1 paquet de Sucre morceaux 1kg ?"), out


def test_a_restated_command_with_another_quantity_corrects_it(chat: Chat) -> None:
    chat.say("vendu 5 riz")
    assert chat.say("vendu 4 riz").startswith("Enregistrer la vente de 4 sacs de Riz brisé")


def test_edit_asks_what_to_change(chat: Chat) -> None:
    chat.say("vendu 5 riz")
    assert chat.tap(chat.button("edit")) == "Riz brisé 50kg : combien de sacs ?"
    assert chat.say("3").startswith("Enregistrer la vente de 3 sacs")


def test_a_correction_never_records_before_yes(chat: Chat) -> None:
    chat.say("reçu 10 savon")
    chat.say("non 12")
    chat.say("plutôt 15")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 30


@pytest.mark.parametrize(("typed", "ordered"), [("oui", 20), ("30", 30), ("non c'est 25", 25)])
def test_the_order_question_takes_yes_or_a_quantity(chat: Chat, typed: str, ordered: int) -> None:
    from tests.bot.conversation.ledger import orders

    question = chat.say("commander riz")
    assert question == "Commander 20 sacs de Riz brisé 50kg ?\n[Oui]\n[Autre quantité]\n[Non]"
    done = chat.say(typed)
    [order] = orders(chat.session)
    assert (order.quantity, order.status) == (ordered, "confirmed")
    assert done == f"✅ Commande n°{order.id} confirmée : {ordered} sacs de Riz brisé 50kg."


def test_the_other_one_after_a_product_named_outright(chat: Chat) -> None:
    chat.say("vendu 2 riz brisé")
    out = chat.say("pas celui-là, l'autre")
    assert "Riz parfumé 25kg" in out, out
    assert "Riz brisé" not in out.split("\n")[0], out
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


@pytest.mark.parametrize(
    ("sale", "fix", "pick", "yes"),
    [
        ("vendu 2 huile et 3 savon", "non c'est 4 savon", "1", "oui"),
        ("sold 2 oil and 3 soap", "no its 4 soaps", "1", "yes"),
        ("jaay naa 2 diwlin ak 3 saabu", "deedeet 4 saabu", "1", "waaw"),
    ],
)
def test_a_correction_while_a_product_question_waits_corrects_that_line(
    chat: Chat, sale: str, fix: str, pick: str, yes: str
) -> None:
    english = yes == "yes"  # answered in the language written (Wolof is never followed)
    asked = chat.say(sale)
    assert asked.startswith("Line 1 (" if english else "Ligne 1 ("), asked  # which oil?
    again = chat.say(fix)
    # The question still waits (nothing cancelled), under what changed.
    noted = "Noted: 4 cartons of" if english else "C'est noté : 4 cartons de"
    assert again == f"{noted} Savon de Marseille.\n" + asked, again
    confirm = chat.say(pick)
    lines = (
        "2 bottles of Huile Jadida 1L, 4 cartons of Savon de Marseille?"
        if english
        else "2 bouteilles d'Huile Jadida 1L, 4 cartons de Savon de Marseille ?"
    )
    assert confirm.startswith(
        f"Record the sale: {lines}" if english else f"Enregistrer la vente : {lines}"
    ), confirm
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == []
    chat.say(yes)
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == [("SAVON-MARSEILLE", "sale", -4)]
    assert movements(chat.session, "HUILE-1L")[1:] == [("HUILE-1L", "sale", -2)]


def test_no_and_a_number_while_a_product_question_waits_corrects_the_quantity(
    chat: Chat,
) -> None:
    asked = chat.say("vendu 2 huile")
    noted = "C'est noté : 3 pour « huile ».\n"
    assert chat.say("non c'est 3") == noted + asked  # not the third one
    assert chat.say("2").startswith("Enregistrer la vente de 3 bidons d'Huile Jadida 5L ?")


def test_no_and_a_position_while_a_product_question_waits_picks_it(chat: Chat) -> None:
    chat.say("vendu 2 huile")
    out = chat.say("non, le 3")
    assert out.startswith("Enregistrer la vente de 2 bidons d'Huile d'arachide 20L ?"), out


def test_a_correction_right_after_an_order_changes_that_order(chat: Chat) -> None:
    chat.say("commander riz 20")
    assert chat.say("oui").startswith("✅ Commande n°")
    asked = chat.say("non c'est 30")
    assert "30 sacs" in asked and "?" in asked, asked
    chat.say("oui")
    assert [(o.quantity, o.status) for o in orders(chat.session)] == [(30, "confirmed")]


@pytest.mark.parametrize("correction", ["non c'est 4 pour le riz", "le riz c'est 4", "4 riz"])
def test_a_new_amount_for_a_line_named_by_its_own_words_keeps_its_product(
    chat: Chat, correction: str
) -> None:
    """`riz` is also the broken rice's name: under the line the manager made the scented rice,
    the words say which line the amount is for, not another product."""
    chat.say("j'ai vendu 3 sacs de riz et 2 bidons d'huile")
    assert "Riz parfumé" not in chat.say("le parfumé").split("\n")[1]
    out = chat.say(correction)
    assert out.startswith("C'est noté : 4 sacs de Riz parfumé 25kg."), out
    chat.say("5l")
    chat.say("oui")
    assert quantity(chat.session, "RIZ-PARFUME-25") == 2
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


def test_the_same_amount_with_another_products_words_changes_the_product(chat: Chat) -> None:
    chat.say("vendu 2 riz parfumé")
    out = chat.say("non c'est 2 riz")
    assert out.startswith("Enregistrer la vente de 2 sacs de Riz brisé 50kg ?"), out


def test_a_lines_own_words_alone_at_another_lines_question_change_nothing(chat: Chat) -> None:
    chat.say("j'ai vendu 3 sacs de riz et 2 bidons d'huile")
    chat.say("le parfumé")
    assert chat.say("le riz").startswith("Ligne 2 (huile) : Quel produit ?")
    chat.say("5l")
    chat.say("oui")
    assert quantity(chat.session, "RIZ-PARFUME-25") == 3
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


@pytest.mark.parametrize("typed", ["5 riz", "5 sacs de riz", "riz 5"])
def test_an_amount_with_a_word_of_the_product_asked_is_its_amount(chat: Chat, typed: str) -> None:
    """« Riz parfumé 25kg : combien de sacs ? » then `5 riz`: `riz` alone names the broken
    rice, but here it is the rice asked about (it became a sale of 5 broken rice)."""
    chat.say("vendu riz parfumé")
    out = chat.say(typed)
    assert out.startswith("Enregistrer la vente de 5 sacs de Riz parfumé 25kg ?"), out
