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


# Phone credit cards, drinks and gas: the number of a name typed in any order beside its words.
CARDS = IntentMatcher(
    [
        Product(sku="OR-500", name="Carte Orange 500F", unit="carte"),
        Product(sku="OR-1000", name="Carte Orange 1000F", unit="carte"),
        Product(sku="OR-2000", name="Carte Orange 2000F", unit="carte"),
        Product(sku="FR-1000", name="Carte Free 1000F"),
        Product(sku="FR-2000", name="Carte Free 2000F"),
        Product(sku="EX-5000", name="Carte Expresso 5000F"),
        Product(sku="COCA-33", name="Coca 33cl", aliases=["coca"], unit="canette"),
        Product(sku="COCA-15", name="Coca 1.5L", aliases=["coca"], unit="bouteille"),
        Product(sku="GAZ-6", name="Gaz 6kg", aliases=["gaz"], unit="bouteille"),
        Product(sku="GAZ-12", name="Gaz 12kg", aliases=["gaz"], unit="bouteille"),
        Product(sku="RIZ", name="Riz brisé", aliases=["riz"], unit="sac"),
        Product(sku="SUCRE", name="Sucre", unit="kg"),
    ]
)


@pytest.mark.parametrize(
    "text",
    [
        "sold 2 orange 1000 cards",
        "sold orange 1000 cards 2",
        "sold 2 1000 orange cards",
        "sold two 1000 orange cards",
        "sold 1000 orange cards x2",
        "vendu 2 carte 1000 orange",
        "vendu 2 cartes de 1000 orange",
        "vendu 2 cartes orange 1000",
        "jaay naa ñaari carte orange 1000",
        "jaay naa carte orange 1000 ñaar",
        "sold 2 oranje 1000 cards",
    ],
)
def test_a_name_number_typed_in_any_order_is_the_name_s(text: str) -> None:
    (item,) = CARDS.parse_many(text)
    assert (item.intent, item.product, item.quantity) == (Intent.SALE, "OR-1000", 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("received 10 free 2000 cards", [("FR-2000", 10)]),
        ("received 10 expresso 5000 cards", [("EX-5000", 10)]),
        ("sold 2 orange 1000 cards 3 free 2000 cards", [("OR-1000", 2), ("FR-2000", 3)]),
        ("sold 3 orange 500 cards and 2 free 1000 cards", [("OR-500", 3), ("FR-1000", 2)]),
        ("vendu 3 sucre 2 1000 orange", [("SUCRE", 3), ("OR-1000", 2)]),
        ("sold 2 1.5 coca", [("COCA-15", 2)]),
        ("sold 2 12 gaz", [("GAZ-12", 2)]),
        ("jaay naa ñaar gaz 12", [("GAZ-12", 2)]),
        ("jaay naa gaz 12 ñaar", [("GAZ-12", 2)]),
        ("sold 2 500 orange cards", [("OR-500", 2)]),
        ("vendu 2 500 cartes orange", [("OR-500", 2)]),
        ("vendu 2 500f orange", [("OR-500", 2)]),
        ("vendu 2 500 f orange", [("OR-500", 2)]),
    ],
)
def test_name_numbers_stay_in_their_item(text: str, expected: list[tuple[str, int]]) -> None:
    items = CARDS.parse_many(text)
    assert [(i.product, i.quantity) for i in items] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendu 2 riz 3 sucre", [("RIZ", 2), ("SUCRE", 3)]),
        ("vendu 2 riz 6 gaz", [("RIZ", 2), (None, 6)]),
        ("vendu 2 sucre 1000 orange", [("SUCRE", 2), (None, 1000)]),
        ("vendu 1000 sucre", [("SUCRE", 1000)]),
        ("vendu 6 gaz 12", [("GAZ-12", 6)]),
        ("vendu 12 500 sucre", [("SUCRE", 12500)]),
        # the first 12 ends the name before: the second is the next item's count
        ("vendu 2 gaz 12 12 gaz", [("GAZ-12", 2), (None, 12)]),
    ],
)
def test_a_count_beside_another_product_stays_a_count(
    text: str, expected: list[tuple[str | None, int]]
) -> None:
    items = CARDS.parse_many(text)
    assert [(i.product, i.quantity) for i in items] == expected


@pytest.mark.parametrize("text", ["sold 2 orange 1000", "vendu orange 1000 2", "stock orange 1000"])
@pytest.mark.parametrize("unit", ["f", "F", " f"])
def test_the_unit_letters_of_a_name_number_are_as_sure(text: str, unit: str) -> None:
    """`orange 1000f` is as sure as `orange 1000`: the F is the name's ("Carte Orange 1000F")."""
    plain = CARDS.parse(text)
    lettered = CARDS.parse(text.replace("1000", f"1000{unit}"))
    assert (lettered.product, lettered.quantity) == ("OR-1000", plain.quantity)
    assert lettered.score == plain.score


def test_a_price_after_another_product_is_no_name_number() -> None:
    result = CARDS.parse("vendu 2 sucre 1000f")
    assert (result.product, result.quantity, result.candidates) == ("SUCRE", 2, [])


def test_a_name_number_is_read_in_a_stock_question() -> None:
    result = CARDS.parse("stock orange 1000 cards")
    assert (result.intent, result.product) == (Intent.STOCK_QUERY, "OR-1000")


LESSIVE = IntentMatcher(
    [
        Product(sku="MADAR-1", name="Lessive Madar 1kg", aliases=["madar"], unit="paquet"),
        Product(sku="MADAR-5", name="Lessive Madar 5kg", aliases=["madar"], unit="carton"),
        Product(sku="JUS-25", name="Jus Pressea 25cl", aliases=["pressea"], unit="bouteille"),
        Product(sku="JUS-1", name="Jus Pressea 1L", aliases=["pressea"], unit="bouteille"),
        Product(sku="CAFE", name="Café Touba 250g", aliases=["cafe touba", "coffee"]),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku", "quantity"),
    [
        ("sold 4 pressea 25 bottles", "JUS-25", 4),
        ("sold pressea 25 bottles 4", "JUS-25", 4),
        ("sold 2 5 madar", "MADAR-5", 2),
        ("jaay naa ñaar madar 5", "MADAR-5", 2),
        # one coffee: 250 tells nothing apart, thousands (`reçu 1 250 café`: 1250)
        ("sold 2 250 coffee", "CAFE", 2250),
        # 5 before a unit that is not the 5 kg's: the packet of 1 kg, as before
        ("sold 2 madar 5 packets", "MADAR-1", 2),
    ],
)
def test_a_size_number_before_or_after_the_words(text: str, sku: str, quantity: int) -> None:
    (item,) = LESSIVE.parse_many(text)
    assert (item.product, item.quantity) == (sku, quantity)


@pytest.mark.parametrize(
    ("matcher", "text", "sku", "quantity"),
    [
        (CARDS, "reçu 1 500 cartes orange 1000", "OR-1000", 1500),
        (LIBRAIRIE, "reçu 1 200 cahiers 100 pages", "CAHIER-100", 1200),
    ],
)
def test_thousands_stay_a_count_when_the_names_number_is_typed_after(
    matcher: IntentMatcher, text: str, sku: str, quantity: int
) -> None:
    """`1 500` before « cartes orange 1000 »: the card's number is the 1000 typed after, so the
    500 is no name's number but the count's thousands (it was 1 card, asked 500F or 1000F)."""
    (item,) = matcher.parse_many(text)
    assert (item.product, item.quantity) == (sku, quantity)
