"""A manager who has not chosen a language is answered in the one they write, when it is clear
(`state.flows.languages`); a language asked for (`english please`, `parle français`, Wolof) is
kept whatever they write."""

from __future__ import annotations

import json

import pytest
from sqlmodel import col, select

from bot.db.models import Conversation, OutboundMessage
from bot.managers import add_manager, set_manager
from tests.bot.conversation.conftest import Chat


def _language(chat: Chat) -> str:
    chat.session.refresh(chat.manager)
    return chat.manager.language


def _speak(chat: Chat, language: str) -> None:
    chat.manager.language = language
    chat.session.add(chat.manager)
    chat.session.commit()


def test_an_english_conversation_is_answered_in_english(chat: Chat) -> None:
    assert chat.say("how much rice is left").startswith("Riz brisé 50kg: 42 bags\nAlert threshold")
    assert _language(chat) == "en"
    asked = chat.say("sold 3 bags of sugar")
    assert asked.startswith("Record the sale of 3 bags of Sucre en poudre 50kg?"), asked
    assert chat.say("yes").startswith("✅ Sale recorded: 3 bags of Sucre en poudre 50kg.")
    assert chat.say("order 20 oil").startswith("Which product?")


def test_the_first_english_message_is_answered_in_english_without_a_word_about_it(
    chat: Chat,
) -> None:
    said = chat.say("sold 2 bags of rice")
    assert said.startswith("Record the sale of 2 bags of Riz brisé 50kg?"), said
    assert "English" not in said


def test_one_word_reporting_a_sale_or_an_arrival_is_enough_at_first(chat: Chat) -> None:
    """`sold 3 sugar`, `2 rice gone`: English, never the bot's command syntax (they were
    answered in French: two English words were needed), when no language is followed yet."""
    said = chat.say("sold 3 sugar")
    assert said.startswith("Record the sale of 3 bags of Sucre en poudre 50kg?"), said
    chat.say("no")
    said = chat.say("2 rice gone")
    assert said.startswith("Record the sale of 2 bags of Riz brisé 50kg?"), said
    assert _language(chat) == "en"


@pytest.mark.parametrize(
    ("first", "then", "kept"),
    [
        ("how much rice is left", "vendu 2 riz", "Record the sale of 2 bags"),
        ("how much rice is left", "recu 10 riz", "Record the delivery of 10 bags"),
        ("il reste combien de riz", "sold 3 sugar", "Enregistrer la vente de 3 sacs"),
        ("il reste combien de riz", "2 rice gone", "Enregistrer la vente de 2 sacs"),
    ],
)
def test_one_reporting_word_does_not_leave_the_language_followed(
    chat: Chat, first: str, then: str, kept: str
) -> None:
    """`how much rice is left` then `vendu 2 jumbo` was answered in French: one word reporting
    a sale may pick or confirm a language, leaving the one followed takes two firm words."""
    chat.say(first)
    said = chat.say(then)
    assert said.startswith(kept), said


def test_two_firm_words_still_switch(chat: Chat) -> None:
    chat.say("how much rice is left")
    said = chat.say("j'ai vendu 2 sacs de riz")
    assert said.startswith("Enregistrer la vente de 2 sacs"), said
    assert _language(chat) == "fr"


def test_good_morning_is_answered_in_english(chat: Chat) -> None:
    """A first `good morning` was answered « Bonjour 👋 Demandez STOCK RIZ … »."""
    said = chat.say("good morning")
    assert said.startswith("Hello"), said
    assert _language(chat) == "en"


def test_a_low_stock_alert_comes_in_the_language_followed(chat: Chat) -> None:
    chat.say("sold 35 bags of rice")
    chat.say("yes")
    pushed = chat.session.exec(
        select(OutboundMessage).where(col(OutboundMessage.alert_id).is_not(None))
    ).one()
    shown = json.dumps(pushed.payload, ensure_ascii=False)
    assert "Low stock: Riz brisé 50kg" in shown, shown
    assert "Stock bas" not in shown
    assert chat.say("yes").startswith("Order 20 bags of Riz brisé 50kg?")  # the push's question


def test_clear_french_switches_back(chat: Chat) -> None:
    chat.say("how much rice is left")
    assert _language(chat) == "en"
    said = chat.say("il reste combien de farine ?")
    assert said.startswith("Farine de blé 50kg : 7 sacs\nSeuil d'alerte"), said
    assert _language(chat) == "fr"


def test_a_mixed_or_short_message_keeps_the_language(chat: Chat) -> None:
    said = chat.say("vendu 3 bags de sucre")
    assert said.startswith("Enregistrer la vente de 3 sacs de Sucre en poudre 50kg ?"), said
    assert chat.say("yes").startswith("✅ Vente enregistrée")
    assert "Seuil d'alerte" in chat.say("stock rice")
    assert _language(chat) == "fr"
    chat.say("how much rice is left")
    for typed in ("ok", "stock riz", "oui", "5", "Sucre en poudre 50kg"):
        said = chat.say(typed)
        assert "Seuil d'alerte" not in said and "Enregistrer" not in said, (typed, said)
    assert _language(chat) == "en"


def test_a_language_asked_for_is_kept(chat: Chat) -> None:
    assert "Alert threshold" in chat.say("how much rice is left")  # none chosen: followed
    assert chat.say("parle français") == "D'accord, je vous écris en français."
    assert "Seuil d'alerte" in chat.say("how much rice is left")
    assert _language(chat) == "fr"
    assert chat.say("english please") == "OK, I will write to you in English."
    said = chat.say("il reste combien de riz ?")
    assert "Alert threshold" in said, said
    chat.say("vendu 2 sucre")  # a question, then answered: the choice outlives questions
    chat.say("oui")
    assert "Alert threshold" in chat.say("il reste combien de farine ?")
    assert _language(chat) == "en"


def test_a_language_the_owner_sets_is_kept(chat: Chat) -> None:
    set_manager(chat.session, chat.manager.phone, language="en")  # CLI, admin API, back office
    chat.session.commit()
    said = chat.say("il reste combien de riz ?")
    assert "Alert threshold" in said, said
    assert _language(chat) == "en"


def test_a_manager_the_owner_adds_with_a_language_keeps_it(chat: Chat) -> None:
    added = add_manager(chat.session, "+221770000001", "demo", language="en")
    chat.session.commit()
    chat.manager = added
    assert "Alert threshold" in chat.say("il reste combien de riz ?")
    assert _language(chat) == "en"


def test_a_manager_added_without_a_language_follows_the_one_they_write(chat: Chat) -> None:
    chat.manager = add_manager(chat.session, "+221770000001", "demo")
    chat.session.commit()
    assert "Alert threshold" in chat.say("how much rice is left")
    assert _language(chat) == "en"


def test_a_language_asked_for_outlives_the_conversation(chat: Chat) -> None:
    assert chat.say("english please") == "OK, I will write to you in English."
    for row in chat.session.exec(select(Conversation)).all():
        chat.session.delete(row)  # the conversation starts over: context and all
    chat.session.commit()
    said = chat.say("il reste combien de riz ?")
    assert "Alert threshold" in said, said
    assert _language(chat) == "en"


def test_wolof_is_neither_followed_nor_left(chat: Chat) -> None:
    said = chat.say("ceeb bi ñaata la des ?")
    assert "Seuil d'alerte" in said, said
    assert _language(chat) == "fr"
    assert "Alert threshold" in chat.say("how much rice is left")  # English is followed
    _speak(chat, "wo")
    for typed in ("how much rice is left", "il reste combien de riz ?"):
        said = chat.say(typed)
        assert said.startswith("Riz brisé 50kg : 42 sac a des"), (typed, said)
    assert _language(chat) == "wo"


def test_a_question_dropped_after_a_switch_says_so_in_the_new_language(chat: Chat) -> None:
    chat.say("commande 10 riz et 5 café")
    chat.say("oui")
    assert chat.say("annule").startswith("Annuler ces 2 commandes ?")
    said = chat.say("how much oil is left")  # English, and a new command: the question dropped
    assert said.startswith("The 2 orders are not cancelled."), said
    assert "annulées" not in said
