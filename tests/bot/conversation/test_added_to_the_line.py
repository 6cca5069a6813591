"""`ajoute`/`rajoute` with an amount under a draft's yes adds that much to the line: under
« Riz brisé 50kg : 42 → 38 sacs », « ajoute 5 au riz » set the count to 5 (−37 offered) and a bare
« ajoute 5 » dropped the count for a delivery; under « vente de 3 sacs ? », « ajoute 2 » dropped
the sale for a delivery of 2 (where « ajoute 2 riz » already made it 5)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


@pytest.mark.parametrize("reply", ["ajoute 5 au riz", "ajoute 5", "rajoute 5 sacs", "add 5"])
def test_a_count_takes_that_much_more(chat: Chat, reply: str) -> None:
    assert "42 → 38 sacs" in chat.say("inventaire riz 38"), chat.last
    out = chat.say(reply)
    assert "Riz brisé 50kg : 42 → 43 sacs (+1)" in out and "annulé" not in out, out
    assert "Inventaire enregistré" in chat.say("oui"), chat.last
    assert quantity(chat.session, "RIZ-BRISE-50") == 43


@pytest.mark.parametrize("reply", ["ajoute 2", "rajoute 2 sacs", "yokk 2"])
def test_a_sale_takes_that_much_more(chat: Chat, reply: str) -> None:
    chat.say("vendu 3 riz")
    out = chat.say(reply)
    assert out.startswith("Enregistrer la vente de 5 sacs de Riz brisé 50kg ?"), out


def test_another_product_is_still_a_line_of_its_own(chat: Chat) -> None:
    """`ajoute 2 sucre morceaux` under the rice: a second line, as before."""
    chat.say("vendu 3 riz")
    out = chat.say("ajoute 2 sucre morceaux")
    assert "3 sacs de Riz brisé 50kg, 2 paquets de Sucre morceaux 1kg" in out, out
