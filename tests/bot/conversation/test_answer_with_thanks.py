"""The answer to « Quel produit ? » said with thanks (`le petit merci`, `le 2e merci`, `the small
one thanks`, `bi ndaw jërëjëf`): read as a greeting, it was « Bonjour 👋 » and the same question
again, the answer lost. Now the product picked is offered; a greeting that answers nothing
(`salut le client arrive`, `bonjour`) still keeps the question."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("le petit merci", "Enregistrer la vente de 5 paquets de Sucre morceaux 1kg ?"),
        ("le 2e merci", "Enregistrer la vente de 5 paquets de Sucre morceaux 1kg ?"),
        ("bi ndaw jerejef", "Enregistrer la vente de 5 paquets de Sucre morceaux 1kg ?"),
        ("the small one thanks", "Record the sale of 5 packets of Sucre morceaux 1kg?"),
    ],
)
def test_the_pick_said_with_thanks_is_the_answer(chat: Chat, typed: str, asked: str) -> None:
    chat.say("vendu 5 sucre")
    out = chat.say(typed)
    assert out.startswith(asked), out


def test_after_a_wait_too(chat: Chat) -> None:
    chat.say("vendu 5 sucre")
    chat.say("attends")
    out = chat.say("le petit merci")
    assert out.startswith("Enregistrer la vente de 5 paquets de Sucre morceaux 1kg ?"), out


@pytest.mark.parametrize("typed", ["salut le client arrive", "bonjour"])
def test_a_greeting_that_answers_nothing_keeps_the_question(chat: Chat, typed: str) -> None:
    chat.say("vendu 5 sucre")
    out = chat.say(typed)
    assert out.startswith("Bonjour") and out.endswith("[Sucre morceaux 1kg]"), out
    assert chat.say("le petit").startswith("Enregistrer la vente de 5 paquets de Sucre")


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("salam le petit", "Enregistrer la vente de 5 paquets de Sucre morceaux 1kg ?"),
        ("asalamalekum, bi ndaw", "Enregistrer la vente de 5 paquets de Sucre morceaux 1kg ?"),
        ("hello, the small one", "Record the sale of 5 packets of Sucre morceaux 1kg?"),
    ],
)
def test_the_pick_after_a_greeting_is_the_answer(chat: Chat, typed: str, asked: str) -> None:
    """Was « Bonjour 👋 » and the same question, the answer lost."""
    chat.say("vendu 5 sucre")
    chat.now += timedelta(minutes=20)
    out = chat.say(typed)
    assert out.startswith(asked), out


def test_the_amount_after_a_greeting_is_the_answer(chat: Chat) -> None:
    chat.say("vendu riz")
    out = chat.say("bonjour 5 sacs")
    assert out.startswith("Enregistrer la vente de 5 sacs de Riz brisé 50kg ?"), out
