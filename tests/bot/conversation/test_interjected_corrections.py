"""A correction opened by an interjection before its no (`oups pas 3, 4`, `euh pas 3 mais 4`,
`sorry not 3, 4`, `pardon pas 3 c'est 4`): at « Enregistrer la vente de 3 sacs … ? » it was
« Je n'ai pas compris votre réponse », right after the recording « Je n'ai pas compris
« oups pas 3, 4 » » (the two numbers read as no correction). Now 4 is the quantity meant."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat

_TYPED = ["oups pas 3, 4", "euh pas 3 mais 4", "sorry not 3, 4", "pardon pas 3 c'est 4"]


@pytest.mark.parametrize("typed", _TYPED)
def test_at_the_question(chat: Chat, typed: str) -> None:
    chat.say("vendu 3 riz")
    out = chat.say(typed)
    assert out.startswith("Enregistrer la vente de 4 sacs de Riz brisé 50kg ?"), out


@pytest.mark.parametrize("typed", _TYPED)
def test_right_after_the_recording(chat: Chat, typed: str) -> None:
    chat.say("vendu 3 riz")
    chat.say("oui")
    out = chat.say(typed)
    assert out.startswith("Corriger la vente de 3 sacs de Riz brisé 50kg"), out
    assert "en 4 sacs ?" in out, out
