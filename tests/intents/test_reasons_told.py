"""Why something happened, told after it (`pcq ils étaient mouillés`, `parce que le riz brisé
était fini`, `because they were wet`), is not read: its product, its `client`, its words not
understood changed the reading of the command told before it."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher


@pytest.mark.parametrize(
    ("text", "intent", "sku", "quantity"),
    [
        ("vendu 2 riz parfumé pcq le riz brisé était fini", Intent.SALE, "RIZ-PARFUME-25", 2),
        ("vendu 3 savon parce que le client a rendu les autres", Intent.SALE, "SAVON-MARSEILLE", 3),
        (
            "recu 5 sacs de sucre en poudre psk le fournisseur avait 10 sacs",
            Intent.RECEIPT,
            "SUCRE-50",
            5,
        ),
        (
            "customer returned 2 bags of rice because they were wet",
            Intent.RECEIPT,
            "RIZ-BRISE-50",
            2,
        ),
    ],
)
def test_the_reason_told_is_not_read(
    store: IntentMatcher, text: str, intent: Intent, sku: str, quantity: int
) -> None:
    (item,) = store.parse_many(text)
    assert (item.intent, item.product, item.quantity) == (intent, sku, quantity), item
    assert item.score >= 0.85, item  # sure: no "Vouliez-vous dire … ?"
