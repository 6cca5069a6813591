"""A customer's return that names no product, right after a sale: the product just sold (its
words of who brought it back are no product's; « le client a ramené 1 sac » answered « Je ne
trouve pas « sac » »)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements


@pytest.mark.parametrize(
    ("sold", "returned", "asked"),
    [
        ("vendu 4 riz brisé", "le client a ramené 1 sac", "retour client de 1 sac de Riz brisé"),
        ("vendu 4 riz brisé", "retour client 1", "retour client de 1 sac de Riz brisé"),
        (
            "vendu 4 riz brisé",
            "le client a rendu 1 sac pcq il était mouillé",
            "retour client de 1 sac de Riz brisé",
        ),
        ("i sold 4 bags of broken rice", "customer bring back 1 bag", "return of 1 bag of Riz"),
        ("i sold 4 bags of broken rice", "customer brought back 1", "return of 1 bag of Riz"),
        ("i sold 4 bags of broken rice", "the customer returned 1", "return of 1 bag of Riz"),
    ],
)
def test_a_return_right_after_a_sale_is_of_the_product_sold(
    chat: Chat, sold: str, returned: str, asked: str
) -> None:
    chat.say(sold)
    chat.say("yes" if sold.startswith("i ") else "oui")
    out = chat.say(returned)
    assert asked in out, out
    chat.say("yes" if sold.startswith("i ") else "oui")
    assert [d for _, _, d in movements(chat.session, "RIZ-BRISE-50")[1:]] == [-4, 1]


def test_a_return_naming_another_product_is_of_that_product(chat: Chat) -> None:
    chat.say("vendu 4 riz brisé")
    chat.say("oui")
    out = chat.say("le client a rendu 1 sac de sucre en poudre")
    assert "retour client de 1 sac de Sucre en poudre 50kg" in out, out


def test_a_wolof_return_right_after_a_wolof_sale_in_packets(chat: Chat) -> None:
    """`paket` is the packet (« Quel produit ? » between the sugars), `kiliyaan` the customer
    (« Je ne trouve pas « kiliyaan bi delloo na » »)."""
    out = chat.say("jaay naa 5 paket sukar")
    assert "Sucre morceaux 1kg" in out and "poudre" not in out, out
    chat.say("waaw")
    out = chat.say("kiliyaan bi delloo na 1")
    assert "1 paquet de Sucre morceaux 1kg" in out and "retour" in out.casefold(), out


def test_never_mind_one_after_a_sale_is_no_loss(chat: Chat) -> None:
    """« laisse tomber 1 » (never mind the 1) is no goods dropped: it was read as a loss of a
    product « laisse »."""
    chat.say("vendu 2 riz brisé")
    chat.say("oui")
    out = chat.say("laisse tomber 1")
    assert "perte" not in out and "Je ne trouve pas" not in out, out
