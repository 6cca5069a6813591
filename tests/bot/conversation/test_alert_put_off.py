"""A low-stock push put off in words managers use (`pas pour l'instant`, `laisse pour le
moment`, `attend un peu je vais voir`, `plutard`, `je verrai`): it was « Je n'ai pas compris
votre réponse » with the push again, and `je verrai` offered the stock of the green tea
(`verrai` read as `vert`)."""

from __future__ import annotations

import pytest

from bot.alerts import pushes_after
from bot.db.models import OrderStatus
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders


@pytest.mark.parametrize(
    "typed",
    [
        "pas pour l'instant",
        "laisse pour le moment",
        "attend un peu je vais voir",
        "plutard",
        "je verrai",
    ],
)
def test_a_push_put_off_is_later(chat: Chat, typed: str) -> None:
    chat.say("vendu 33 riz")
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        assert "Vente enregistrée" in chat.say("oui")  # 9 sacs left: the alert is pushed
    out = chat.say(typed)
    assert out.startswith("D'accord.") and "Riz brisé 50kg" in out, out
    assert not [o for o in orders(chat.session) if o.status == OrderStatus.CONFIRMED]
