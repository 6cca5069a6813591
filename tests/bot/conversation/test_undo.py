"""Issue 12 §4: undo and correction after the fact, by compensating movements."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select

from bot.db.models import StockMovement
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, movements, quantity


def _sell(chat: Chat, text: str) -> None:
    chat.say(text)
    assert chat.say("oui").startswith("✅")


@pytest.mark.parametrize(
    ("undo", "yes"),
    [
        ("annule ma dernière vente", "oui"),
        ("annule la dernière vente", "oui"),
        ("annule la dernière opération", "oui"),
        ("je me suis trompé", "oui"),
        ("cancel last sale", "yes"),
        ("annul derniere vente stp", "ok"),
    ],
)
def test_the_last_sale_is_shown_then_taken_back(chat: Chat, undo: str, yes: str) -> None:
    _sell(chat, "vendu 5 riz")
    shown = chat.say(undo)
    english = yes == "yes"  # answered in the language written
    assert ("5 bags of" if english else "5 sacs de") + " Riz brisé 50kg" in shown, shown
    assert "?" in shown
    assert quantity(chat.session, "RIZ-BRISE-50") == 37
    done = chat.say(yes)
    assert done.startswith(
        "✅ Sale cancelled: 5 bags of Riz brisé 50kg"
        if english
        else "✅ Vente annulée : 5 sacs de Riz brisé 50kg"
    ), done
    assert quantity(chat.session, "RIZ-BRISE-50") == 42
    # The ledger is never edited: a compensating movement names the one it reverses.
    sale, back = chat.session.exec(
        select(StockMovement).where(StockMovement.kind == "sale").order_by(col(StockMovement.id))
    ).all()
    assert (sale.delta, back.delta, back.reverses_id) == (-5, 5, sale.id)
    assert balanced(chat.session)


def test_a_movement_is_reversed_at_most_once(chat: Chat) -> None:
    _sell(chat, "vendu 5 riz")
    chat.say("annule ma dernière vente")
    yes = chat.button("yes")
    chat.tap(yes)
    assert chat.tap(yes) == "Cette demande a déjà été traitée."
    assert chat.say("annule ma dernière vente").startswith("Je ne trouve pas de vente")
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


def test_no_keeps_the_movement(chat: Chat) -> None:
    _sell(chat, "vendu 5 riz")
    chat.say("annule ma dernière vente")
    assert chat.say("non") == "D'accord, rien n'est annulé."
    assert quantity(chat.session, "RIZ-BRISE-50") == 37


def test_the_receipt_is_found_by_its_kind(chat: Chat) -> None:
    chat.say("reçu 10 savon")
    chat.say("oui")
    _sell(chat, "vendu 2 riz")
    assert "l'arrivage de 10 cartons de Savon" in chat.say("supprime l'arrivage")
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert quantity(chat.session, "RIZ-BRISE-50") == 40  # the sale stays


@pytest.mark.parametrize(
    "typed",
    ["je me suis trompé, c'était 3 pas 5", "erreur, c'est 3 au lieu de 5", "je me suis trompé c 3"],
)
def test_a_mistaken_quantity_is_corrected_by_one_movement(chat: Chat, typed: str) -> None:
    _sell(chat, "vendu 5 riz")
    offer = chat.say(typed)
    assert "Corriger la vente de 5 sacs de Riz brisé 50kg" in offer and "en 3 sacs" in offer
    assert chat.say("oui").startswith("✅ Vente corrigée : 3 sacs de Riz brisé 50kg")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == [
        ("RIZ-BRISE-50", "sale", -5),
        ("RIZ-BRISE-50", "sale", 2),
    ]
    assert balanced(chat.session)


@pytest.mark.parametrize(
    "typed", ["non c'est 3", "c'etait 3", "it was 3", "en fait 3", "actually it was 3"]
)
def test_a_correction_right_after_a_sale_offers_to_correct_it(chat: Chat, typed: str) -> None:
    _sell(chat, "vendu 5 riz")
    english = typed.startswith(("it", "actually"))  # answered in the language written
    assert ("to 3 bags" if english else "en 3 sacs") in chat.say(typed)
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 39


def test_a_quantity_too_small_gets_the_difference_recorded(chat: Chat) -> None:
    _sell(chat, "vendu 2 riz")
    assert "en 5 sacs" in chat.say("je me suis trompé, c'était 5 pas 2")
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 37
    assert balanced(chat.session)


def test_only_the_managers_own_movements_of_the_last_day(chat: Chat) -> None:
    from bot.db.models import MovementKind, MovementSource, Product
    from bot.stock import record_movement

    rice = chat.session.exec(select(Product).where(Product.sku == "RIZ-BRISE-50")).one()
    record_movement(  # someone else's sale (the API)
        chat.session,
        rice,
        -4,
        MovementKind.SALE,
        MovementSource.API,
        settings=chat.settings,
        now=chat.now,
    )
    chat.session.commit()
    assert chat.say("annule ma dernière vente").startswith("Je ne trouve pas de vente")
    _sell(chat, "vendu 1 riz")
    chat.now += timedelta(hours=25)
    assert chat.say("annule ma dernière vente").startswith("Je ne trouve pas de vente")
    assert quantity(chat.session, "RIZ-BRISE-50") == 37


def test_a_receipt_whose_units_were_sold_cannot_be_taken_back(chat: Chat) -> None:
    chat.say("reçu 10 lait")
    chat.say("oui")
    _sell(chat, "vendu 8 lait")
    chat.say("annule le dernier arrivage")
    out = chat.say("oui")
    assert out.startswith("Impossible : il ne reste que 2 boîtes de Lait en poudre 400g.")
    assert quantity(chat.session, "LAIT-POUDRE") == 2


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("annule la vente de savon", "1 carton de Savon de Marseille"),
        ("annule la dernière vente de riz", "5 sacs de Riz brisé 50kg"),
        ("cancel the soap sale", "1 carton of Savon de Marseille"),  # in the language written
    ],
)
def test_the_product_named_picks_the_movement_to_take_back(
    chat: Chat, typed: str, shown: str
) -> None:
    _sell(chat, "vendu 5 riz, 1 savon et 2 café")
    offer = chat.say(typed)
    assert shown in offer and "?" in offer, offer
    chat.say("oui")
    assert quantity(chat.session, "CAFE-TOUBA") == 28  # the last sale stays
    assert balanced(chat.session)


def test_a_correction_naming_a_product_of_a_sale_of_several_corrects_that_line(
    chat: Chat,
) -> None:
    _sell(chat, "vendu 5 riz et 2 café")
    offer = chat.say("je me suis trompé, c'était 4 riz pas 5")
    assert "Corriger la vente de 5 sacs de Riz brisé 50kg" in offer and "en 4 sacs" in offer
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 38
    assert quantity(chat.session, "CAFE-TOUBA") == 28
    assert balanced(chat.session)


def test_a_product_with_nothing_recent_to_take_back_is_said(chat: Chat) -> None:
    _sell(chat, "vendu 5 riz")
    said = chat.say("annule la vente de thé vert")
    expected = (
        "Je ne trouve rien de récent à annuler pour Thé vert Chinois 25g (24 dernières heures)."
    )
    assert said == expected, said
    assert quantity(chat.session, "RIZ-BRISE-50") == 37


def test_non_with_a_product_right_after_a_sale_of_several_corrects_that_line(chat: Chat) -> None:
    _sell(chat, "vendu 5 riz et 2 café")
    offer = chat.say("non c'est 3 café")
    assert "Corriger la vente de 2 sachets de Café Touba 250g" in offer and "en 3" in offer, offer
    chat.say("oui")
    assert quantity(chat.session, "CAFE-TOUBA") == 27
    assert quantity(chat.session, "RIZ-BRISE-50") == 37


@pytest.mark.parametrize(
    ("cancel", "yes"), [("annule", "oui"), ("cancel", "yes"), ("bàyyi", "waaw")]
)
def test_a_bare_cancel_right_after_a_recording_offers_to_take_it_back(
    chat: Chat, cancel: str, yes: str
) -> None:
    _sell(chat, "vendu 5 riz")
    shown = chat.say(cancel)
    assert "5 sacs de Riz brisé 50kg" in shown and "?" in shown, shown
    assert quantity(chat.session, "RIZ-BRISE-50") == 37  # nothing taken back before yes
    assert chat.say(yes).startswith("✅ Vente annulée : 5 sacs de Riz brisé 50kg")
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


def test_a_bare_cancel_long_after_a_recording_has_nothing_to_cancel(chat: Chat) -> None:
    _sell(chat, "vendu 5 riz")
    chat.now += timedelta(hours=1)
    assert chat.say("annule").startswith("Rien à annuler")
    assert quantity(chat.session, "RIZ-BRISE-50") == 37


def test_an_undo_left_for_another_command_says_nothing_changed(chat: Chat) -> None:
    _sell(chat, "vendu 5 riz")
    assert chat.say("annule ma dernière vente").startswith("Annuler la vente de 5 sacs")
    out = chat.say("stock sucre")
    assert out.startswith("Rien n'est annulé ni corrigé : ce qui était enregistré le reste.\n")
    assert quantity(chat.session, "RIZ-BRISE-50") == 37


@pytest.mark.parametrize(
    ("sale", "asked", "again"),
    [
        ("vendu 5 riz", "annule ma dernière vente", "annule ma dernière vente"),
        ("vendu 5 riz", "annule", "annule la dernière vente"),
        ("vendu 2 savon et 3 café", "annule", "annule ma derniere vente stp"),
        ("vendu 5 riz", "cancel last sale", "undo the last one"),
    ],
)
def test_an_undo_retyped_at_its_own_question_asks_it_once_more(
    chat: Chat, sale: str, asked: str, again: str
) -> None:
    """It said "Rien n'est annulé ni corrigé" then asked the very same question."""
    _sell(chat, sale)
    question = chat.say(asked)
    assert question.startswith(("Annuler", "Cancel")), question
    assert chat.say(again) == question
    assert chat.say("oui").startswith("✅")
    assert balanced(chat.session)


def test_another_undo_at_the_undo_question_replaces_it(chat: Chat) -> None:
    _sell(chat, "vendu 5 riz")
    chat.say("annule ma dernière vente")
    out = chat.say("annule mon dernier arrivage")
    assert out.startswith("Rien n'est annulé ni corrigé"), out


@pytest.mark.parametrize(
    ("answer", "fix"),
    [("24 par carton", "erreur c'était 3 cartons pas 2"), ("48", "non c'est 3 cartons")],
)
def test_a_correction_in_the_unit_converted_is_converted_the_same_way(
    chat: Chat, answer: str, fix: str
) -> None:
    assert "ça fait combien de boîtes ?" in chat.say("reçu 2 cartons de lait")
    chat.say(answer)
    assert chat.say("oui").startswith("✅ Arrivage enregistré : 48 boîtes")
    offer = chat.say(fix)
    assert "en 72 boîtes ?" in offer, offer
    assert chat.say("oui").startswith("✅ Arrivage corrigé : 72 boîtes")
    assert quantity(chat.session, "LAIT-POUDRE") == 72
    assert balanced(chat.session)


def test_a_correction_in_another_unit_is_asked_about(chat: Chat) -> None:
    _sell(chat, "vendu 2 riz")
    asked = chat.say("erreur c était 2 tonnes")
    assert asked == "2 tonnes de Riz brisé 50kg, ça fait combien de sacs ?", asked
    offer = chat.say("40")
    assert "Corriger la vente de 2 sacs de Riz brisé 50kg" in offer and "en 40 sacs ?" in offer
    assert chat.say("oui").startswith("✅ Vente corrigée : 40 sacs")
    assert quantity(chat.session, "RIZ-BRISE-50") == 2


@pytest.mark.parametrize(
    ("typed", "language"),
    [("annule ça", "fr"), ("oups annule", "fr"), ("oops cancel that", "en"), ("cancel", "en")],
)
def test_a_cancel_under_the_alert_the_recording_raised_takes_the_recording_back(
    chat: Chat, typed: str, language: str
) -> None:
    """The arrival leaves the milk under its threshold: the alert push waits, but `annule ça`
    typed right then is about what the manager just recorded, not the bot's push (it said
    « C'est annulé » and the arrival stayed)."""
    if language == "en":
        chat.say("english")
    chat.say("recu 10 lait")
    chat.say("oui")
    assert quantity(chat.session, "LAIT-POUDRE") == 10
    out = chat.say(typed)
    assert ("Annuler l'arrivage de 10 boîtes" in out) or ("Cancel the delivery of 10" in out), out
    chat.tap(chat.button("yes"))
    assert quantity(chat.session, "LAIT-POUDRE") == 0
    assert balanced(chat.session)


@pytest.mark.parametrize("typed", ["annule l'alerte", "annule la commande", "cancel the alert"])
def test_a_cancel_naming_the_push_cancels_the_push(chat: Chat, typed: str) -> None:
    chat.say("recu 10 lait")
    chat.say("oui")
    out = chat.say(typed)
    assert "Annuler l'arrivage" not in out and "Cancel the delivery" not in out, out
    assert quantity(chat.session, "LAIT-POUDRE") == 10
