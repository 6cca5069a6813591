"""Right after a sale of several lines was recorded, a correction naming no product says which
line by the number it replaces (« c'était 3 pas 5 » after 5 rice and 2 oil) or by the unit
(« c'était 3 sacs »): that line is offered corrected. It was « Il n'y a pas de question en
cours »; under the low-stock push the sale raised, « ah non c'était 3 sac pas 5 » became an
order of 3 « sacs » of the oil."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


@pytest.mark.parametrize("fix", ["non c etait 3 pas 5", "ah non c'était 3 sacs", "3 pas 5"])
def test_the_line_is_told_by_its_number_or_unit(chat: Chat, fix: str) -> None:
    chat.say("vendu 5 riz et 2 huile 1l")
    chat.say("oui")
    out = chat.say(fix)
    assert out.startswith("Corriger la vente de 5 sacs de Riz brisé 50kg"), out
    assert "en 3 sacs ?" in out, out
    assert "Vente corrigée : 3 sacs de Riz brisé 50kg" in chat.say("oui"), chat.last
    assert quantity(chat.session, "RIZ-BRISE-50") == 39


def test_under_the_push_the_sale_raised(chat: Chat) -> None:
    chat.say("vendu 5 sac de riz parfume et 2 bidon huile 20l")
    chat.say("oui")
    out = chat.say("ah non c etait 3 sac pas 5")
    assert out.startswith("Corriger la vente de 5 sacs de Riz parfumé 25kg"), out
    assert "Vente corrigée" in chat.say("oui"), chat.last
    assert quantity(chat.session, "RIZ-PARFUME-25") == 3


def test_a_number_of_no_line_still_asks_nothing(chat: Chat) -> None:
    """« non c'est 3 » (no line of 3 replaced, no unit): which line is not guessed."""
    chat.say("vendu 5 riz et 2 huile 1l")
    chat.say("oui")
    assert "Corriger" not in chat.say("non c'est 3"), chat.last
