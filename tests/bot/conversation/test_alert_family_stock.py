"""The stock of a family asked under a low-stock push (`combien de gaz il reste ?` under the
push for the 12 kg bottle): the push's question again names its product, which the lines above
no longer tell (« Commander 8 bouteilles ? » under two kinds of gas bottle)."""

from __future__ import annotations

from bot.alerts import pushes_after
from tests.bot.conversation.conftest import Chat


def _pushed(chat: Chat) -> None:
    chat.say("vendu 2 gaz 12kg")
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        assert "Vente enregistrée" in chat.say("oui")


def test_the_question_under_a_family_names_its_product(chat: Chat) -> None:
    _pushed(chat)
    shown = chat.say("combien de gaz il me reste en tout")
    assert "Bouteille de gaz 6kg" in shown, shown
    assert shown.splitlines()[2].startswith("Bouteille de gaz 12kg : Commander"), shown
    assert chat.say("oui").startswith("Commander 8 bouteilles de gaz 12kg ?")


def test_the_question_under_its_own_stock_stays_short(chat: Chat) -> None:
    _pushed(chat)
    shown = chat.say("il en reste combien ?")
    assert shown.splitlines()[-3].startswith("Commander"), shown
