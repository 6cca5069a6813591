"""`l'autre`, `et l'autre ?`, `the other one`, `beneen bi` right after an answer about one product
(`stock riz`: the broken rice) ask the stock of the product nearest it (the scented rice). It was
« Je n'ai pas compris »."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize("other", ["l autre", "et l'autre ?"])
def test_the_other_rice(chat: Chat, other: str) -> None:
    assert chat.say("stock riz").startswith("Riz brisé 50kg : 42 sacs"), chat.last
    assert chat.say(other).startswith("Riz parfumé 25kg : 6 sacs"), chat.last


def test_the_other_sugar(chat: Chat) -> None:
    chat.say("stock sucre morceaux")
    assert chat.say("et l autre ?").startswith("Sucre en poudre 50kg : 12 sacs"), chat.last


def test_in_english_and_wolof(chat: Chat) -> None:
    chat.say("english")
    chat.say("stock rice")
    assert chat.say("the other one").startswith("Riz parfumé 25kg: 6 bags"), chat.last
    chat.say("wolof")
    chat.say("stock ceeb")
    assert chat.say("beneen bi").startswith("Riz parfumé 25kg"), chat.last


def test_nothing_talked_about_is_still_not_understood(chat: Chat) -> None:
    assert "Je n'ai pas compris" in chat.say("l'autre"), chat.last
