"""A number corrected in the same message (`3 non 4`, `vendu 3 riz non 4`): the later one is
recorded. The first was: 3 sold, or « Je ne trouve pas « 10 » » during the count."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize(
    ("command", "answer", "asked"),
    [
        ("vendu riz", "3 non 4", "Enregistrer la vente de 4 sacs"),
        ("vendu 3 riz non 4", None, "Enregistrer la vente de 4 sacs"),
        ("reçu 10 sacs de riz, pardon 12", None, "Enregistrer l'arrivage de 12 sacs"),
        ("sold 2 sorry 3 rice", None, "Record the sale of 3 bags"),
    ],
)
def test_the_later_number_is_recorded(
    chat: Chat, command: str, answer: str | None, asked: str
) -> None:
    if command.startswith("sold"):
        chat.say("english")
    out = chat.say(command)
    if answer is not None:
        out = chat.say(answer)
    assert out.startswith(asked), out


def test_in_the_count_tour(chat: Chat) -> None:
    chat.say("inventaire")
    out = chat.say("10 non 11")
    assert "→ 11 boîtes" in out, out
