"""Naming the product a confirmation already offers (`la 1L` under "arrivage de 24 bouteilles
d'Huile Jadida 1L ?") keeps the question: it is not a new stock question that drops it."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements


@pytest.mark.parametrize(
    ("lang", "receipt", "named", "yes"),
    [
        ("fr", "reçu 24 bouteilles huile", "la 1L", "oui"),
        ("fr", "reçu 24 bouteilles huile", "la jadida 1L", "oui"),
        ("en", "received 24 bottles of oil", "the 1L", "yes"),
        ("wo", "jënd naa 24 bouteille diwlin", "1L bi", "waaw"),
    ],
)
def test_the_confirmation_is_shown_again(
    chat: Chat, lang: str, receipt: str, named: str, yes: str
) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()
    asked = chat.say(receipt)
    assert "24" in asked and "Huile Jadida 1L" in asked, asked
    assert chat.say(named) == asked
    chat.say(yes)
    assert movements(chat.session, "HUILE-1L")[1:] == [("HUILE-1L", "receipt", 24)]


def test_a_sibling_named_still_corrects_the_line(chat: Chat) -> None:
    chat.say("reçu 24 bouteilles huile")
    assert chat.say("le 5L").startswith("Enregistrer l'arrivage de 24 bidons d'Huile Jadida 5L")
