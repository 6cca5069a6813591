"""Thanks, `ok`, a greeting or an emoji while a *list* question waits: a polite answer and one
short line saying the question still waits; the list (still open above) is not sent again, and
the question keeps waiting."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat

WAITS = {
    "fr": "« Quel produit ? » attend toujours votre choix dans la liste plus haut.",
    "en": "“Which product?” is still waiting for your pick in the list above.",
    "wo": "« Ban produit ? » ngi xaar sa tànn ci lim bi ci kaw.",
}
CASES = [
    ("fr", "merci", "Avec plaisir 🙏\n"),
    ("fr", "merci beaucoup", "Avec plaisir 🙏\n"),
    ("fr", "ok", ""),
    ("fr", "👍", ""),
    ("fr", "😊", ""),
    ("fr", "bonjour", "Bonjour 👋\n"),
    ("en", "thanks", "You're welcome 🙏\n"),
    ("en", "ok", ""),
    ("en", "🙏", "You're welcome 🙏\n"),
    ("en", "😀", ""),
    ("wo", "jërëjëf", "Ñoo ko bokk 🙏\n"),
    ("wo", "waaw", ""),
    ("wo", "😊", ""),
]


def _speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


@pytest.mark.parametrize(("lang", "typed", "lead"), CASES)
def test_a_list_question_is_recalled_in_one_line(
    chat: Chat, lang: str, typed: str, lead: str
) -> None:
    _speaks(chat, lang)
    listed = chat.say("stock")
    assert len(chat.ids()) > 3, listed  # a list, not buttons
    out = chat.say(typed)
    assert out == lead + WAITS[lang]
    assert chat.ids() == []
    # Still waiting: the product typed answers the stock question.
    assert chat.say("gaz 6kg").startswith("Bouteille de gaz 6kg")


def test_a_second_ok_still_gets_the_short_line(chat: Chat) -> None:
    chat.say("stock")
    chat.say("ok")
    assert chat.say("ok") == WAITS["fr"]


def test_buttons_are_still_shown_again(chat: Chat) -> None:
    chat.say("vendu 5 sucre")
    assert chat.say("😊") == ("Quel produit ?\n[Sucre en poudre 50kg]\n[Sucre morceaux 1kg]")
    assert chat.say("poudre").startswith("Enregistrer la vente de 5 sacs de Sucre en poudre")
