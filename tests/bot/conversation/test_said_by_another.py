"""`il a dit 5` right after a sale offered to correct it to 5 (`dit` alone marked a
correction); the manager's own words said again (`j'ai dit 5`, `I said 5`) still correct."""

from __future__ import annotations

import pytest

from intents.answers import correction
from tests.bot.conversation.conftest import Chat


def test_what_another_said_is_no_correction(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    assert "Corriger" not in chat.say("il a dit 5")


@pytest.mark.parametrize("typed", ["j'ai dit 5", "jai dit 5", "je disais 5", "I said 5"])
def test_the_managers_own_words_correct(chat: Chat, typed: str) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    assert chat.say(typed).startswith("Corriger la vente de 2 sacs de Riz brisé 50kg")


def test_said_marks_only_the_managers_own_words() -> None:
    found = correction("il a dit 5")
    assert found is None or not found.marked
    said = correction("j'ai dit 5")
    assert said is not None and said.marked
