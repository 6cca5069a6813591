"""Several goods sent back to the supplier, the supplier said once at the end (`j'ai retourné 2
savon et 3 riz au fournisseur`): each a return to the supplier, asked in turn. The first was
offered as a customer's return and the second as an arrival: the stock went up."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import last_move, quantity


@pytest.mark.parametrize(
    ("lang", "typed", "asked", "yes"),
    [
        (
            "fr",
            "j'ai retourné 2 savon et 3 riz au fournisseur",
            "Enregistrer le retour au fournisseur de 2 cartons",
            "oui",
        ),
        (
            "en",
            "returned 2 soap and 3 rice to the supplier",
            "Record the return to the supplier of 2 cartons",
            "yes",
        ),
    ],
)
def test_each_goes_back_to_the_supplier(
    chat: Chat, lang: str, typed: str, asked: str, yes: str
) -> None:
    if lang != "fr":
        chat.say("english")
    soap, rice = quantity(chat.session, "SAVON-MARSEILLE"), quantity(chat.session, "RIZ-BRISE-50")
    out = chat.say(typed)
    assert asked in out, out
    chat.say(yes)
    chat.say(yes)
    assert quantity(chat.session, "SAVON-MARSEILLE") == soap - 2
    assert quantity(chat.session, "RIZ-BRISE-50") == rice - 3
    assert last_move(chat.session, "RIZ-BRISE-50") == ("adjustment", -3, "retour fournisseur")
