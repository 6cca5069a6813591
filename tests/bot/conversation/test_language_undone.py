"""A language chosen can be undone (by the manager in chat, by the owner: `auto`): the bot follows
the language the manager writes again. A language switched while a question waits: the
question comes again in the new language."""

from __future__ import annotations

from bot.managers import set_manager
from tests.bot.conversation.conftest import Chat


def _language(chat: Chat) -> tuple[str, bool]:
    chat.session.refresh(chat.manager)
    return chat.manager.language, chat.manager.language_chosen


def test_the_manager_undoes_a_choice_in_the_language_of_the_message(chat: Chat) -> None:
    assert chat.say("english please") == "OK, I will write to you in English."
    said = chat.say("réponds dans la langue où j'écris")
    assert said.startswith("D'accord, je vous réponds dans la langue où vous m'écrivez"), said
    assert _language(chat) == ("fr", False)
    assert "Alert threshold" in chat.say("how much rice is left")  # followed again
    assert _language(chat) == ("en", False)


def test_undone_in_english_from_wolof(chat: Chat) -> None:
    chat.say("wolof")
    assert _language(chat) == ("wo", True)
    said = chat.say("answer in the language I write")
    assert said.startswith("OK, I will answer in the language you write to me in"), said
    assert _language(chat) == ("en", False)
    assert "Seuil d'alerte" in chat.say("il reste combien de riz ?")


def test_undone_by_a_message_in_no_clear_language_keeps_french_or_english(chat: Chat) -> None:
    chat.say("english please")
    said = chat.say("langue auto")  # no clear language: the one they have is kept
    assert said.startswith("OK, I will answer in the language you write"), said
    assert _language(chat) == ("en", False)


def test_the_owner_undoes_a_choice(chat: Chat) -> None:
    chat.say("english please")
    set_manager(chat.session, chat.manager.phone, language="auto")  # CLI, admin API, back office
    chat.session.commit()
    assert _language(chat) == ("en", False)
    said = chat.say("il reste combien de riz ?")
    assert "Seuil d'alerte" in said, said
    assert _language(chat) == ("fr", False)


def test_a_language_asked_for_under_a_question_asks_it_again_in_that_language(chat: Chat) -> None:
    assert chat.say("vendu").startswith("Quel produit ?")
    said = chat.say("english please")
    assert said.startswith("OK, I will write to you in English.\nWhich product?"), said
    assert "Quel produit" not in said
    asked = chat.say("farine")
    assert asked.startswith("Farine de blé 50kg: how many bags?"), asked
    assert chat.say("3").startswith("Record the sale of 3 bags of Farine de blé 50kg?")
    assert chat.say("yes").startswith("✅ Sale recorded: 3 bags")


def test_a_confirmation_asked_again_in_french_still_takes_its_first_button(chat: Chat) -> None:
    chat.say("english please")
    chat.say("sold 2 bags of sugar")
    yes = chat.button("yes")
    said = chat.say("parle français")
    assert said.startswith(
        "D'accord, je vous écris en français.\nEnregistrer la vente de 2 sacs de Sucre"
    ), said
    assert chat.tap(yes).startswith("✅ Vente enregistrée : 2 sacs")


def test_a_question_waiting_follows_the_language_written(chat: Chat) -> None:
    assert chat.say("vendu riz") == "Riz brisé 50kg : combien de sacs ?"
    said = chat.say("how much rice is left")  # English: followed, the question kept
    assert said.endswith("Riz brisé 50kg: how many bags?"), said
    assert "combien" not in said
    assert chat.say("?") == "Riz brisé 50kg: how many bags?"


def test_the_guided_count_goes_on_in_the_language_asked_for(chat: Chat) -> None:
    assert "Inventaire 1/" in chat.say("inventaire")
    said = chat.say("english please")
    assert said.startswith("OK, I will write to you in English.\nCount 1/"), said
    assert "counted?" in chat.say("?")
