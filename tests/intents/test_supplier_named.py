"""Who an order is placed with is no product: `commande 10 riz chez Touba` offered "Café Touba"
beside the rice, `chez Sall` / `chez Fall` (common surnames) read as typos of `sell` / `fell`
and left the order to confirm."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product

SHOP = IntentMatcher(
    [
        Product("RIZ", "Riz brisé 50kg", ["riz"], "sac"),
        Product("CAFE", "Café Touba 250g", ["cafe touba", "touba"], "sachet"),
        Product("SAVON", "Savon de Marseille", ["savon"], "carton"),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku", "quantity"),
    [
        ("commande 10 riz chez Touba", "RIZ", 10),
        ("commande 10 riz chez Sall", "RIZ", 10),
        ("commande 10 riz chez le grossiste Fall", "RIZ", 10),
        ("commander 10 riz au fournisseur Diallo", "RIZ", 10),
        ("commande chez Sow 5 savon", "SAVON", 5),
        ("order 12 soap from Touba", "SAVON", 12),
        ("commande 4 savon chez Sow et fils", "SAVON", 4),
    ],
)
def test_the_supplier_of_an_order_names_no_product(text: str, sku: str, quantity: int) -> None:
    parsed = SHOP.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (Intent.RESTOCK, sku, quantity)
    assert parsed.score >= 0.85, parsed


@pytest.mark.parametrize(
    "text",
    [
        "commande chez Sow 10 café touba",
        "commande 10 sachets chez le grossiste de café touba",
        "commander au fournisseur de cafe touba 10 sachets",
    ],
)
def test_a_product_named_after_the_supplier_word_is_still_the_product(text: str) -> None:
    assert SHOP.parse(text).product == "CAFE"


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("commande 20 sacs chez le grossiste de riz", "RIZ"),
        ("commander au fournisseur de riz 20 sacs", "RIZ"),
        ("order 20 bags from the rice supplier", "RIZ"),
        ("commande 20 sacs chez le grossiste du riz", "RIZ"),
        ("commande 20 cartons au grossiste de savon", "SAVON"),
        ("order 20 cartons from the soap supplier", "SAVON"),
        ("commande 5 savon chez le grossiste de riz", "SAVON"),
    ],
)
def test_what_the_supplier_sells_is_the_product_when_none_other_is_named(
    text: str, sku: str
) -> None:
    parsed = SHOP.parse(text)
    assert (parsed.intent, parsed.product) == (Intent.RESTOCK, sku), parsed
