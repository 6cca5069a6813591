"""An answer to a question that expired brought it back however long ago it expired: `oui` the
next day offered yesterday's sale again. Within a few hours it still is; later the manager is
asked to type the command again, as before answers to expired questions were offered again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


def test_a_yes_the_next_day_does_not_bring_back_the_sale(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    chat.now += timedelta(hours=25)
    out = chat.say("oui")
    assert "Renvoyez" in out and "Enregistrer" not in out, out
    assert chat.say("oui").startswith("Il n'y a pas de question en cours")
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


@pytest.mark.parametrize("typed", ["oui", "3"])
def test_an_answer_soon_after_still_offers_it_again(chat: Chat, typed: str) -> None:
    chat.say("vente riz 2" if typed == "oui" else "vente riz")
    chat.now += timedelta(hours=2)
    assert "La revoici" in chat.say(typed)


def test_a_tap_the_next_day_does_not_bring_it_back(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    yes = chat.button("yes")
    chat.now += timedelta(hours=25)
    out = chat.tap(yes)
    assert "Enregistrer" not in out, out
