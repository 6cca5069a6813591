"""`vendu 2 riz et reçu 10 savon` asks the sale, the arrival promised right after it; `enlève le
riz` emptied the sale (« Il ne reste rien à enregistrer ») and the arrival was never asked (a
`non` asked it)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


@pytest.mark.parametrize("typed", ["enlève le riz", "enleve le riz", "remove the rice"])
def test_the_other_movement_is_asked_once_the_first_is_emptied(chat: Chat, typed: str) -> None:
    assert "juste après" in chat.say("vendu 2 riz et reçu 10 savon")
    out = chat.say(typed)
    assert "Riz brisé 50kg" in out, out
    assert "10 cartons de Savon de Marseille" in out, out
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 25
    assert quantity(chat.session, "RIZ-BRISE-50") == 42
