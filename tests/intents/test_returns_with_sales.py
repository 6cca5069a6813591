"""A customer's return and what they took in one message: each piece its own movement. What
the customer took (`pris`, `acheté`, `bought`, `took`, Wolof `jël`) is a sale, not one more
return borrowed from the piece before (the whole message came back into stock); and exchanges
(`échangé … contre …`, `swapped … for …`) are cut into the goods brought back and those taken."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product
from intents.exchanges import read_exchange

SHOP = IntentMatcher(
    [
        Product("PAGNE-WAX", "Pagne wax 6 yards", ["pagne", "wax"], "pièce"),
        Product("CHAUSS-40", "Sandales plastique 40", ["sandales", "sandale"], "paire"),
        Product("SEAU-10", "Seau plastique 10L", ["seau", "bucket"], "pièce"),
    ]
)


@pytest.mark.parametrize(
    "text",
    [
        "le client a rendu 2 sandales et pris 1 seau",
        "une cliente a rendu 2 sandales et a acheté 1 seau",
        "retour client 2 sandales, il a pris 1 seau à la place",
        "customer returned 2 sandals and took 1 bucket",
        "the customer brought back 2 sandals and bought 1 bucket",
        "kiliyaan bi delloo na 2 sandales ak jël 1 seau",
    ],
)
def test_what_the_customer_took_is_sold(text: str) -> None:
    back, taken = SHOP.parse_many(text)
    assert (back.intent, back.product, back.quantity) == (Intent.RECEIPT, "CHAUSS-40", 2)
    assert (taken.intent, taken.product, taken.quantity) == (Intent.SALE, "SEAU-10", 1)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("le client a rendu 2 sandales et 1 seau", [Intent.RECEIPT, Intent.RECEIPT]),
        ("le client a pris 2 sandales et 1 seau", [Intent.SALE, Intent.SALE]),
        ("j'ai acheté 2 sandales et 1 seau", [Intent.RECEIPT, Intent.RECEIPT]),
        ("vendu 2 sandales et reçu 1 seau", [Intent.SALE, Intent.RECEIPT]),
    ],
)
def test_without_a_customer_taking_nothing_changes(text: str, kinds: list[Intent]) -> None:
    assert [item.intent for item in SHOP.parse_many(text)] == kinds


@pytest.mark.parametrize(
    ("text", "back", "taken"),
    [
        ("échangé 1 huile 5l contre 1 huile 20l", "1 huile 5l", "1 huile 20l"),
        ("le client a changé son sac de riz contre du sucre", "son sac de riz", "du sucre"),
        ("un client a echange 2 savon contre 1 riz", "2 savon", "1 riz"),
        ("swapped 1 oil 5L for 1 oil 20L", "1 oil 5L", "1 oil 20L"),
        ("the customer changed his bag of rice for sugar", "his bag of rice", "sugar"),
        ("exchanged 2 soap for 1 rice", "2 soap", "1 rice"),
        ("échange de 1 huile 5l contre 1 huile 20l", "1 huile 5l", "1 huile 20l"),
        ("le client a changé 1 gaz 6 en gaz 12", "1 gaz 6", "gaz 12"),
    ],
)
def test_an_exchange_is_cut_in_two(text: str, back: str, taken: str) -> None:
    found = read_exchange(text)
    assert found is not None and (found.back, found.taken) == (back, taken)


@pytest.mark.parametrize(
    "text",
    [
        "change le riz pour le sucre",  # a correction, no customer, nobody did it
        "vendu 2 riz pour le client",
        "échangé 2 savons",
        "changer",
    ],
)
def test_no_exchange(text: str) -> None:
    assert read_exchange(text) is None


@pytest.mark.parametrize(
    "text", ["le client a rendu le seau", "une cliente a ramené son carton de pagnes"]
)
def test_a_return_of_the_one_said_is_a_return(text: str) -> None:
    (item,) = SHOP.parse_many(text)
    assert item.intent is Intent.RECEIPT
