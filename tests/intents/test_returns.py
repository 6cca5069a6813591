"""Goods a customer brings back (`le client a rendu 2 savons`, `retour client 3 riz`,
`customer returned 2 bags`) come back into stock: read as an arrival, never as a sale (the
`client` word made every one of them a sale, taking the stock out a second time)."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product

SHOP = IntentMatcher(
    [
        Product("PAGNE-WAX", "Pagne wax 6 yards", ["pagne", "wax"], "pièce"),
        Product("CHAUSS-40", "Sandales plastique 40", ["sandales", "sandale"], "paire"),
        Product("SEAU-10", "Seau plastique 10L", ["seau", "bucket"], "pièce"),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku", "quantity"),
    [
        ("le client a rendu 2 sandales", "CHAUSS-40", 2),
        ("retour client 3 seau", "SEAU-10", 3),
        ("une cliente a rapporté 1 pagne", "PAGNE-WAX", 1),
        ("customer returned 2 sandals", "CHAUSS-40", 2),
        ("retour 4 seaux", "SEAU-10", 4),
        ("le client a ramené 2 sandales", "CHAUSS-40", 2),
        ("une cliente a ramene 1 pagne", "PAGNE-WAX", 1),
        ("customer brought back 1 bucket", "SEAU-10", 1),
        ("the client gave back 2 sandals", "CHAUSS-40", 2),
        ("2 seaux rendus par un client", "SEAU-10", 2),
    ],
)
def test_a_return_is_an_arrival(text: str, sku: str, quantity: int) -> None:
    (item,) = SHOP.parse_many(text)
    assert (item.intent, item.product, item.quantity) == (Intent.RECEIPT, sku, quantity)


@pytest.mark.parametrize(
    "text",
    [
        "j'ai ramené 3 seaux du marché",
        "le fournisseur a rapporté 3 seaux",
        "brought back 3 buckets",
    ],
)
def test_goods_brought_in_without_a_customer_are_an_arrival(text: str) -> None:
    (item,) = SHOP.parse_many(text)
    assert (item.intent, item.product, item.quantity) == (Intent.RECEIPT, "SEAU-10", 3)


def test_goods_brought_in_then_sold_are_a_sale() -> None:
    assert SHOP.parse("vendu 3 seaux que j'avais ramenés").intent is Intent.SALE


@pytest.mark.parametrize("text", ["le client a pris 3 seaux", "vendu 2 sandales a un client"])
def test_a_customer_taking_goods_is_still_a_sale(text: str) -> None:
    assert SHOP.parse(text).intent is Intent.SALE


def test_a_sale_and_a_return_in_one_message_keep_their_own_verbs() -> None:
    items = SHOP.parse_many("vendu 2 seaux et le client a rendu 1 pagne")
    assert [(i.intent, i.product) for i in items] == [
        (Intent.SALE, "SEAU-10"),
        (Intent.RECEIPT, "PAGNE-WAX"),
    ]
