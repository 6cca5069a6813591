"""Issue 12 §7: thanks and goodbyes get a short polite answer, never the greeting menu, and never
drop a question waiting."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat

FRENCH = [
    "merci",
    "merci beaucoup",
    "ok merci",
    "bonne journée",
    "à demain",
    "Merci boss 🙏",
    "merci à bientôt",
    "bon à demain inchallah",
]
WOLOF = ["jërëjëf", "jerejef", "ba beneen yoon", "ba suba"]


@pytest.mark.parametrize("typed", [*FRENCH, *WOLOF])
def test_thanks_and_goodbyes_get_a_polite_answer(chat: Chat, typed: str) -> None:
    assert chat.say(typed) == "Avec plaisir 🙏"


@pytest.mark.parametrize(
    "typed", ["thanks", "thank you", "bye", "have a nice day", "thanks see you tomorrow"]
)
def test_in_english(chat: Chat, typed: str) -> None:
    chat.manager.language = "en"
    chat.session.add(chat.manager)
    chat.session.commit()
    assert chat.say(typed) == "You're welcome 🙏"


@pytest.mark.parametrize("typed", ["merci", "bonne journée", "jërëjëf", "thanks"])
def test_a_question_waiting_is_kept_and_shown_again(chat: Chat, typed: str) -> None:
    chat.say("vendu 5 sucre")
    out = chat.say(typed)
    assert out.startswith("Avec plaisir 🙏\nQuel produit ?")
    assert chat.say("poudre").startswith("Enregistrer la vente de 5 sacs de Sucre en poudre")


def test_ok_merci_to_a_confirmation_is_a_yes(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    assert chat.say("ok merci").startswith("✅ Vente enregistrée : 2 sacs")


@pytest.mark.parametrize(
    "typed", ["bonjour", "nanga def", "na nga def", "ça va ?", "comment vas-tu"]
)
def test_a_hello_still_gets_the_greeting(chat: Chat, typed: str) -> None:
    assert chat.say(typed).startswith("Bonjour 👋")  # "how are you" is no goodbye


@pytest.mark.parametrize(
    "typed",
    [
        "ok",
        "👍",
        "d'accord",
        "Ok 👍",
        "parfait",
        # they were « Il n'y a pas de question en cours » or not understood
        "c bon",
        "c'est bon",
        "ok c bon",
        "cest bon",
        "très bien",
        "bien reçu",
        "ça marche",
        "ok c'est noté",
        "all good",
        "that's fine",
        "baax na",
        "oui c bon",
        "waaw baax na",
    ],
)
def test_ok_after_an_answer_is_taken_note_of(chat: Chat, typed: str) -> None:
    """`ok`, `👍` after « ✅ Vente enregistrée » got « Il n'y a pas de question en cours. Tapez
    AIDE pour les exemples. »; a plain `oui` is still told no question waits."""
    chat.say("vendu 2 savon")
    chat.say("oui")
    assert chat.say(typed) == "👍"
    assert chat.say("oui").startswith("Il n'y a pas de question en cours")


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("merci, et les ventes ?", "Aucune vente aujourd'hui."),
        ("ok merci. bilan", "Aucune vente aujourd'hui."),
        ("merci stock riz", "Riz brisé 50kg : 42 sacs"),
        ("bonne journée, tu peux me donner le stock du sucre en poudre", "Sucre en poudre 50kg"),
    ],
)
def test_a_command_said_with_thanks_is_answered(chat: Chat, typed: str, answer: str) -> None:
    """Thanks then the next question in one message: the question is answered (it got « Avec
    plaisir 🙏 » alone, the command words counted as words of the thanks)."""
    assert chat.say(typed).startswith(answer)


@pytest.mark.parametrize("typed", ["on dit quoi", "quoi de neuf ?", "ça roule ?"])
def test_what_is_new_is_a_hello(chat: Chat, typed: str) -> None:
    assert chat.say(typed).startswith("Bonjour 👋")  # it got « Avec plaisir 🙏 », a goodbye's


@pytest.mark.parametrize("typed", ["merci beaucoup pour les infos", "thank you so much sir"])
def test_what_and_whom_one_thanks(chat: Chat, typed: str) -> None:
    assert chat.say(typed) in ("Avec plaisir 🙏", "You're welcome 🙏")
