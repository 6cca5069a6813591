"""A quantity said while « Annuler … ? » waits (`non c'est 3`, `c'était 12 pas 10`): the
movement is corrected to it, asked first; it was « D'accord, rien n'est annulé » (the correction
lost) or « Je n'ai pas compris »."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

SOAP, RICE = "SAVON-MARSEILLE", "RIZ-BRISE-50"


@pytest.mark.parametrize(
    ("lang", "command", "yes", "undo", "fix", "asked", "sku", "change"),
    [
        ("fr", "vendu 2 savon", "oui", "annule", "non c'est 3", "en 3 cartons", SOAP, -3),
        ("fr", "vendu 2 savon", "oui", "annule", "c'était 3 pas 2", "en 3", SOAP, -3),
        ("fr", "reçu 10 riz", "oui", "annule", "c'etait 12 pas 10", "en 12 sacs", RICE, 12),
        ("fr", "vendu 4 riz", "oui", "annule ma dernière vente", "non 1", "en 1", RICE, -1),
        ("fr", "j'ai perdu 2 savon", "oui", "annule", "non c'est 3", "3 cartons", SOAP, -3),
        ("en", "sold 2 rice", "yes", "undo", "no it was 3", "to 3 bags", RICE, -3),
    ],
)  # fmt: skip
def test_a_quantity_at_the_undo_question_corrects(
    chat: Chat,
    lang: str,
    command: str,
    yes: str,
    undo: str,
    fix: str,
    asked: str,
    sku: str,
    change: int,
) -> None:
    if lang != "fr":
        chat.say("english")
    before = quantity(chat.session, sku)
    chat.say(command)
    chat.say(yes)
    assert "?" in chat.say(undo)
    question = chat.say(fix)
    assert asked in question, question
    chat.say(yes)
    assert quantity(chat.session, sku) == before + change


def test_a_no_alone_keeps_it(chat: Chat) -> None:
    before = quantity(chat.session, "SAVON-MARSEILLE")
    chat.say("vendu 2 savon")
    chat.say("oui")
    chat.say("annule")
    assert "rien n'est annulé" in chat.say("non")
    assert quantity(chat.session, "SAVON-MARSEILLE") == before - 2


def test_another_product_is_a_command_of_its_own(chat: Chat) -> None:
    chat.say("vendu 2 savon")
    chat.say("oui")
    chat.say("annule")
    out = chat.say("non c'est 3 riz")
    assert "Corriger la vente de 2 cartons" not in out, out
