"""Issue 13 §4: replies in the manager's language (French, English, Wolof), units translated,
the language switched in chat and stored."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.db.models import Product
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


def _speak(chat: Chat, language: str) -> None:
    chat.manager.language = language
    chat.session.add(chat.manager)
    chat.session.commit()


@pytest.mark.parametrize(
    ("typed", "language", "said"),
    [
        ("english please", "en", "OK, I will write to you in English."),
        ("parle français stp", "fr", "D'accord, je vous écris en français."),
        ("LANGUE WOLOF", "wo", "Waaw, dinaa la bind ci wolof."),
        ("wax ci wolof", "wo", "Waaw, dinaa la bind ci wolof."),
    ],
)
def test_the_language_is_switched_in_chat_and_stored(
    chat: Chat, typed: str, language: str, said: str
) -> None:
    if language == "fr":
        _speak(chat, "en")
    assert chat.say(typed) == said
    chat.session.refresh(chat.manager)
    assert chat.manager.language == language


def test_english_units_read_in_english(chat: Chat) -> None:
    _speak(chat, "en")
    assert chat.say("stock rice").startswith("Riz brisé 50kg: 42 bags\nAlert threshold: 10 bags")
    assert chat.say("sold 1 oil 1l").startswith("Record the sale of 1 bottle of Huile Jadida 1L?")


def test_a_catalog_unit_in_english_wins(chat: Chat) -> None:
    soap = chat.session.exec(select(Product).where(Product.sku == "SAVON-MARSEILLE")).one()
    soap.unit_en = "case"
    chat.session.add(soap)
    chat.session.commit()
    _speak(chat, "en")
    assert chat.say("stock soap").startswith("Savon de Marseille: 15 cases")


def test_the_main_flows_read_in_wolof(chat: Chat) -> None:
    _speak(chat, "wo")
    stock = chat.say("ceeb bi ñaata la des ?")
    assert stock.startswith("Riz brisé 50kg : 42 sac a des"), stock
    assert "Seuil" not in stock and "Dernier" not in stock
    question = chat.say("jaay naa 2 ceeb")
    assert question == "Ndax ma bind jaay bi : 2 sac Riz brisé 50kg ?\n[Waaw]\n[Soppi]\n[Déedéet]"
    done = chat.say("waaw")
    assert done == "✅ Bind naa jaay bi : 2 sac Riz brisé 50kg. Des na : 40 sac."
    assert quantity(chat.session, "RIZ-BRISE-50") == 40
    assert chat.say("aide").startswith("Maa ngi topp sa stock")
    assert chat.say("jërëjëf") == "Ñoo ko bokk 🙏"


def test_every_wolof_help_command_is_understood(chat: Chat) -> None:
    _speak(chat, "wo")
    lines = chat.say("aide").splitlines()[1:]
    commands = [line.removeprefix("• ").split(" : ")[0] for line in lines]
    for command in commands:
        if "<code>" in command or command == "ANNULER":
            continue
        shown = chat.say(command)
        assert not shown.startswith(("Dégguma", "Maa ngi topp")), (command, shown)
        chat.say("annuler")
