"""Right after a sale was recorded, a product near it named with no amount (`non je voulais dire
le 5l`, `non l'autre`, `non la grande`, `non le 12` after gas 6kg): it was a stock answer about
the 5L, « Il n'y a pas de question en cours », or 12 bottles offered as the quantity. Now the
sale is offered to be swapped for that product, in one yes; `non 12` stays a quantity."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, quantity


@pytest.mark.parametrize("typed", ["non je voulais dire le 5l", "non le 5l", "non l'autre"])
def test_the_oil_named_by_its_size(chat: Chat, typed: str) -> None:
    chat.say("vendu 4 huile")
    chat.say("le 1l")
    chat.say("oui")
    out = chat.say(typed)
    assert out.startswith(
        "Corriger : vente de 4 bidons d'Huile Jadida 5L au lieu de 4 bouteilles d'Huile Jadida 1L"
    ), out
    assert chat.say("oui").startswith("✅ Vente corrigée : 4 bidons d'Huile Jadida 5L")
    assert quantity(chat.session, "HUILE-1L") == 60
    assert quantity(chat.session, "HUILE-5L") == 14
    assert balanced(chat.session)


@pytest.mark.parametrize("typed", ["non le 12", "non la grande"])
def test_the_gas_bottle_named_by_its_size(chat: Chat, typed: str) -> None:
    chat.say("vendu 2 gaz 6")
    chat.say("oui")
    out = chat.say(typed)
    assert out.startswith("Corriger : vente de 2 bouteilles de gaz 12kg au lieu de"), out


def test_a_bare_number_stays_the_quantity(chat: Chat) -> None:
    chat.say("vendu 2 gaz 6")
    chat.say("oui")
    out = chat.say("non 12")
    assert out.startswith("Corriger la vente de 2 bouteilles de gaz 6kg"), out
    assert "en 12 bouteilles ?" in out, out
