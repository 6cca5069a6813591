"""« Enregistrer la vente de 4 cartons … ? » answered that it is no sale (`c'etait une perte
pas une vente`, `pas une vente`, `not a sale`): the `vente` was read as the verb alone, a yes,
and the sale was RECORDED. Now nothing is recorded, as for a no; `vendu` alone still agrees."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("c'etait une perte pas une vente", "D'accord, vente non enregistrée."),
        ("pas une vente", "D'accord, vente non enregistrée."),
        ("not a sale", "OK, sale not recorded."),
    ],
)
def test_said_no_sale_records_nothing(chat: Chat, typed: str, said: str) -> None:
    chat.say("vendu 4 savon")
    assert chat.say(typed) == said
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == []


def test_the_verb_alone_still_agrees(chat: Chat) -> None:
    chat.say("vendu 4 savon")
    assert chat.say("vendu").startswith("✅ Vente enregistrée : 4 cartons")


def test_said_no_order(chat: Chat) -> None:
    chat.say("commande 20 riz")
    assert chat.say("pas une commande") == "D'accord, pas de commande."
