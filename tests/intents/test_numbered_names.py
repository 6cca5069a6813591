"""Products whose name holds a number (sizes, models, decimal commas) on small shop catalogues.

The number that belongs to a name is part of the name, never a quantity or a second line; a
decimal written with a comma or a point names the same product; a bare number never picks one.
"""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product

MERCERIE = IntentMatcher(
    [
        Product(sku="WAX-6", name="Wax hollandais 6 yards"),
        Product(sku="WAX-12", name="Wax hollandais 12 yards"),
        Product(sku="BAZIN", name="Bazin riche"),
    ]
)
LIBRAIRIE = IntentMatcher(
    [
        Product(sku="CAHIER-100", name="Cahier 100 pages"),
        Product(sku="CAHIER-200", name="Cahier 200 pages"),
        Product(sku="STYLO", name="Stylo bleu"),
    ]
)
BEAUTE = IntentMatcher(
    [
        Product(sku="P212", name="Parfum 212 Men"),
        Product(sku="VASELINE", name="Vaseline"),
    ]
)
GAZ = IntentMatcher(
    [
        Product(sku="GAZ-6", name="Gaz 6kg"),
        Product(sku="GAZ-12.5", name="Gaz 12,5kg"),
        Product(sku="GAZ-2.75", name="Gaz 2,75kg"),
    ]
)

NAMED = [
    (MERCERIE, "vendu 2 wax hollandais 6 yards", "WAX-6", 2),
    (MERCERIE, "vendu 2 wax 12 yards", "WAX-12", 2),
    (MERCERIE, "vendu wax hollandais 6 yards 3", "WAX-6", 3),
    (LIBRAIRIE, "vendu cahier 100 pages 3", "CAHIER-100", 3),
    (LIBRAIRIE, "vendu 3 cahier 200 pages", "CAHIER-200", 3),
    (LIBRAIRIE, "vendu 2 cahier 100", "CAHIER-100", 2),
    (LIBRAIRIE, "vendu cahier 200 x4", "CAHIER-200", 4),
    (BEAUTE, "vendu parfum 212 men", "P212", None),
    (BEAUTE, "vendu 2 parfum 212 men", "P212", 2),
    (BEAUTE, "vendu 3 parfum 212", "P212", 3),
    (GAZ, "vendu 2 gaz 12,5", "GAZ-12.5", 2),
    (GAZ, "vendu 2 gaz 12.5", "GAZ-12.5", 2),
    (GAZ, "vendu 2 gaz 12,5kg", "GAZ-12.5", 2),
    (GAZ, "vendu 12 gaz 2,75", "GAZ-2.75", 12),
    (GAZ, "vendu 3 gaz 6kg", "GAZ-6", 3),
]


@pytest.mark.parametrize(("matcher", "text", "sku", "quantity"), NAMED)
def test_number_in_name_stays_in_name(
    matcher: IntentMatcher, text: str, sku: str, quantity: int | None
) -> None:
    result = matcher.parse(text)
    assert (result.intent, result.product, result.quantity, result.candidates) == (
        Intent.SALE,
        sku,
        quantity,
        [],
    )


@pytest.mark.parametrize("text", ["vendu 5 gaz", "stock gaz 5"])
def test_bare_number_never_picks_a_decimal_size(text: str) -> None:
    result = GAZ.parse(text)
    assert result.product is None
    assert set(result.candidates) == {"GAZ-6", "GAZ-12.5", "GAZ-2.75"}
