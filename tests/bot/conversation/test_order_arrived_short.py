"""An order said arrived with what did not come (`arrivée mais il manque 2 sacs`, `reçue sauf 3`,
`2 bags missing`): the rest of it is what arrived. It offered to record the 2 missing as the
delivery."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


@pytest.mark.parametrize(
    ("lang", "order", "arrived", "offered", "yes"),
    [
        (
            "fr",
            "commande 20 riz",
            "la commande de riz est arrivée mais il manque 2 sacs",
            "l'arrivage de 18 sacs",
            "oui",
        ),
        ("fr", "commande 20 riz", "reçu la commande de riz sauf 5 sacs", "15 sacs", "oui"),
        ("en", "order 20 rice", "the rice order arrived, 2 bags missing", "of 18 bags", "yes"),
    ],
)
def test_what_did_not_come_is_left_out(
    chat: Chat, lang: str, order: str, arrived: str, offered: str, yes: str
) -> None:
    if lang != "fr":
        chat.say("english")
    before = quantity(chat.session, "RIZ-BRISE-50")
    chat.say(order)
    chat.say(yes)
    asked = chat.say(arrived)
    assert offered in asked, asked
    chat.say(yes)
    received = int(offered.split()[-2])
    assert quantity(chat.session, "RIZ-BRISE-50") == before + received


def test_an_amount_that_came_is_still_what_came(chat: Chat) -> None:
    chat.say("commande 20 riz")
    chat.say("oui")
    assert "l'arrivage de 12 sacs" in chat.say("la commande de riz est arrivée, 12 sacs")


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("the order arrived but only 8 bags", "delivery of 8 bags"),
        ("la commande est arrivée, mais pas tout : 8 sacs", "l'arrivage de 8 sacs"),
    ],
)
def test_a_but_or_a_negation_is_no_shortfall(chat: Chat, typed: str, offered: str) -> None:
    """« but only 8 » is what came (it offered the 2 that did not)."""
    chat.say("commande 10 riz")
    chat.say("oui")
    out = chat.say(typed)
    assert offered in out, out


def test_more_missing_than_awaited_records_nothing(chat: Chat) -> None:
    """It offered an arrival of 0 bags."""
    chat.say("commande 10 riz")
    chat.say("oui")
    out = chat.say("la commande de riz est arrivée mais il manque 12 sacs")
    assert "de 0 sac" not in out and "n°1 : 10 sacs" in out, out


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("il manque 5 riz", "l'arrivage de 15 sacs de Riz parfumé 25kg"),
        ("manque 5 sacs de riz", "l'arrivage de 15 sacs de Riz parfumé 25kg"),
        ("5 rice missing", "delivery of 15 bags of Riz parfumé 25kg"),
    ],
)
def test_a_shortfall_named_by_a_word_of_the_orders_product_is_of_that_order(
    chat: Chat, typed: str, offered: str
) -> None:
    """`riz` alone is the broken rice's name too: under the scented rice's arrival it is that
    order's (it dropped the arrival and showed the broken rice's stock)."""
    if offered.startswith("delivery"):
        chat.say("english")
    chat.say("commande 20 riz parfumé et 10 farine")
    chat.tap(chat.button("yes"))
    chat.say("la commande est arrivée")
    chat.say("1")
    out = chat.say(typed)
    assert offered in out, out
    chat.tap(chat.button("yes"))
    assert quantity(chat.session, "RIZ-PARFUME-25") == 6 + 15
