"""Taking back an exchange (a customer brought goods back and took others: a customer return
and a sale, confirmed once) says which goods come back into the stock and which leave it
again, with the exchange's own words (« Rendu », « Vendu »). Before, the question and its
answer listed both lines alike: « Annuler le retour client et la vente de … : 2 sacs de Sucre,
2 cartons de Savon ? »."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, quantity

LANGS = {
    # lang: (exchange, yes, cancel, question lines, done)
    "fr": (
        "le client a rendu 2 savon et pris 2 sucre en poudre",
        "oui",
        "annule",
        "• Rendu : 2 cartons de Savon de Marseille, à retirer du stock\n"
        "• Vendu : 2 sacs de Sucre en poudre 50kg, à remettre en stock",
        "✅ Retour client et vente annulés :\n"
        "• Rendu : 2 cartons de Savon de Marseille, en moins dans le stock (stock 15 cartons)\n"
        "• Vendu : 2 sacs de Sucre en poudre 50kg, de retour en stock (stock 12 sacs)",
    ),
    "en": (
        "the customer returned 2 soap and took 2 powdered sugar",
        "yes",
        "cancel",
        "• Returned: 2 cartons of Savon de Marseille, to take out of stock\n"
        "• Sold: 2 bags of Sucre en poudre 50kg, to put back in stock",
        "✅ Customer return and sale cancelled:\n"
        "• Returned: 2 cartons of Savon de Marseille, taken out of stock (stock 15 cartons)\n"
        "• Sold: 2 bags of Sucre en poudre 50kg, back in stock (stock 12 bags)",
    ),
    "wo": (
        "le client a rendu 2 savon et pris 2 sucre en poudre",
        "waaw",
        "annule",
        "• Delloo na : 2 carton Savon de Marseille, dina génn ci stock bi\n"
        "• Jaay : 2 sac Sucre en poudre 50kg, dina dellu ci stock bi",
        "✅ Far naa li kiliyaan bi delloo ak jaay bi :\n"
        "• Delloo na : 2 carton Savon de Marseille, génn na ci stock bi (stock 15 carton)\n"
        "• Jaay : 2 sac Sucre en poudre 50kg, dellu na ci stock bi (stock 12 sac)",
    ),
}


def speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


@pytest.mark.parametrize("lang", list(LANGS))
def test_the_undo_of_an_exchange_says_what_comes_back_and_what_leaves(
    chat: Chat, lang: str
) -> None:
    exchange, yes, cancel, lines, done = LANGS[lang]
    speaks(chat, lang)
    chat.say(exchange)
    assert "✅" in chat.say(yes)
    out = chat.say(cancel)
    assert lines in out, out
    assert chat.say(yes) == done
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert quantity(chat.session, "SUCRE-50") == 12
    assert balanced(chat.session)


def test_the_same_product_back_and_sold_is_told_apart(chat: Chat) -> None:
    """One carton of soap brought back, three sold: both lines name the same product."""
    chat.say("echange 1 savon contre 3 savon")
    chat.say("oui")
    out = chat.say("annule")
    assert "• Rendu : 1 carton de Savon de Marseille, à retirer du stock" in out, out
    assert "• Vendu : 3 cartons de Savon de Marseille, à remettre en stock" in out, out
    done = chat.say("oui")
    assert done.startswith("✅ Retour client et vente annulés :\n• Rendu : 1 carton "), done
    assert "• Vendu : 3 cartons de Savon de Marseille, de retour en stock" in done, done
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert balanced(chat.session)
