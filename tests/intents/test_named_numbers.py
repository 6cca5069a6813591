"""Products whose name or alias ends in a bare number (`gaz 3`, `fer de 14`, `pvc 40`): which
numbers of a message complete a name and which are counts."""

from __future__ import annotations

import pytest

from intents import CONFIDENT, MIDDLING, Intent, IntentMatcher, ParsedIntent, Product


def _product(sku: str, name: str, aliases: str, unit: str) -> Product:
    return Product(sku=sku, name=name, aliases=aliases.split("|"), unit=unit)


HARDWARE = IntentMatcher(
    [
        _product("SABLE", "Sable de mer", "sable", "camion"),
        _product("CIM", "Ciment gris", "ciment", "sac"),
        _product("FER-6", "Fer rond 6mm", "fer 6|fer de 6|fer", "barre"),
        _product("FER-14", "Fer rond 14mm", "fer 14|fer de 14|fer", "barre"),
        _product("GAZ-3", "Butane 3kg", "gaz 3|gaz", "bouteille"),
        _product("GAZ-9", "Butane 9kg", "gaz 9|gaz", "bouteille"),
        _product("PVC-40", "Tube PVC 40", "pvc 40|tube 40|pvc", "barre"),
        _product("PVC-63", "Tube PVC 63", "pvc 63|tube 63|pvc", "barre"),
        _product("LAIT-S", "Lait Bonnet 90g", "lait", "carton"),
        _product("LAIT-L", "Lait Bonnet 400g", "lait", "carton"),
    ]
)


def _items(results: list[ParsedIntent]) -> list[tuple[str, str | None, int | None]]:
    return [(r.intent.value, r.product or ",".join(sorted(r.candidates)) or None, r.quantity)
            for r in results]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("recu 10 sable 5 gaz 3", [("receipt", "SABLE", 10), ("receipt", "GAZ-3", 5)]),
        ("recu 40 ciment 30 fer 14", [("receipt", "CIM", 40), ("receipt", "FER-14", 30)]),
        ("vendu 3 sable 2 fer de 6", [("sale", "SABLE", 3), ("sale", "FER-6", 2)]),
        ("vendu 2 sable 1 lait 90", [("sale", "SABLE", 2), ("sale", "LAIT-S", 1)]),
        ("vendu 1 gaz 9 4 sable", [("sale", "GAZ-9", 1), ("sale", "SABLE", 4)]),
        ("vendu 1 gaz 9 4 pvc 63", [("sale", "GAZ-9", 1), ("sale", "PVC-63", 4)]),
        ("commande gaz 3 10 sable 5", [("restock", "GAZ-3", 10), ("restock", "SABLE", 5)]),
        ("commande sable 5 gaz 3 10", [("restock", "SABLE", 5), ("restock", "GAZ-3", 10)]),
    ],
)
def test_a_number_ending_a_name_is_no_count_of_its_own(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    """`recu 10 sable 5 gaz 3`: 10 of sand and 5 of the 3 kg gas, not 10 of the gas."""
    assert _items(HARDWARE.parse_many(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendu 2 sable 3 ciment", [("sale", "SABLE", 2), ("sale", "CIM", 3)]),
        ("commande sable 20 ciment 10", [("restock", "SABLE", 20), ("restock", "CIM", 10)]),
        ("vendu 2 ciment et 3 gaz 9", [("sale", "CIM", 2), ("sale", "GAZ-9", 3)]),
    ],
)
def test_counts_of_products_named_without_numbers_still_cut(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    assert _items(HARDWARE.parse_many(text)) == expected


@pytest.mark.parametrize(
    ("text", "product", "quantity"),
    [
        ("vendu fer 6 12", "FER-6", 12),
        ("vendu fer 14 6", "FER-14", 6),
        ("vendu fer de 14 3", "FER-14", 3),
        ("vendu pvc 40 7", "PVC-40", 7),
        ("recu gaz 9 3", "GAZ-9", 3),
        ("vendu gaz 3 9", "GAZ-3", 9),
        ("vendu 12 fer 6", "FER-6", 12),  # guards: the count first
        ("vendu 1 gaz 9", "GAZ-9", 1),
    ],
)
def test_name_number_then_count(text: str, product: str, quantity: int) -> None:
    """`vendu fer 6 12`: the 6 completes `fer 6`, the 12 is the count (not a second size
    making it 6 mm or 14 mm, asked without its count)."""
    parsed = HARDWARE.parse(text)
    assert (parsed.product, parsed.candidates, parsed.quantity) == (product, [], quantity)
    assert HARDWARE.parse_many(text) == [parsed]


@pytest.mark.parametrize(
    ("text", "product"),
    [("stock fer 6", "FER-6"), ("stock gaz 9", "GAZ-9"), ("stock pvc 63", "PVC-63")],
)
def test_a_name_number_alone_still_names(text: str, product: str) -> None:
    parsed = HARDWARE.parse(text)
    assert (parsed.intent, parsed.product) == (Intent.STOCK_QUERY, product)


def test_a_stock_question_with_two_name_numbers_keeps_both() -> None:
    assert sorted(HARDWARE.parse("stock fer 6 14").candidates) == ["FER-14", "FER-6"]


SHOP = IntentMatcher(
    [
        _product("LIMO", "Limonade Cristal 33cl", "limonade|lemonade", "pack"),
        _product("CORDE", "Corde nylon 8mm", "corde|corde 8", "rouleau"),
        _product("PLATRE", "Plâtre fin 32.5", "platre", "sac"),
        _product("JAVEL", "Eau de Javel Lacroix", "javel|bleach", "bidon"),
        _product("ARACH", "Arachide décortiquée 50kg", "arachide", "kg"),
    ]
)


@pytest.mark.parametrize(
    "text",
    [
        "vendu 2 limonade 1.5",
        "vendu 2 limonade 50cl",
        "stock limonade 1.5",
        "vendu 3 corde 2.5",
    ],
)
def test_a_size_the_only_product_lacks_is_no_sure_reading(text: str) -> None:
    parsed = SHOP.parse(text)
    assert parsed.product is not None
    assert MIDDLING <= parsed.score < CONFIDENT


@pytest.mark.parametrize(
    "text",
    [
        "vendu 2 limonade",
        "vendu 2 limonade 33cl",
        "vendu 3 corde 8",
        "vendu 2 platre 25kg",  # a size of another kind than the name's number
        "vendu 3 kg arachide",  # sold by the kg: the amount
        "vendu 2 limonade cristal",
        "sold 2 bleach liquid",  # a word after an alias, not in the place of a name's word
        "vendu limonade 1.5",  # no other count: the decimal is asked as a quantity
        # words managers type after a product: no other brand (one is not told from them)
        "vendu 2 limonade cash",
        "vendu 2 javel pour moussa",
        "vendu 2 platre comptant",
        "vendu 2 limonade ajd",
    ],
)
def test_a_size_or_word_the_product_has_or_may_have_stays_sure(text: str) -> None:
    assert SHOP.parse(text).score >= CONFIDENT


SIZES = IntentMatcher(
    [
        _product("SUCRE-P", "Sucre en poudre 50kg", "sucre", "sac"),
        _product("SUCRE-M", "Sucre morceaux 1kg", "sucre", "paquet"),
        _product("HUILE-1", "Huile Jadida 1L", "huile", "bouteille"),
        _product("HUILE-5", "Huile Jadida 5L", "huile", "bidon"),
        _product("SAVON", "Savon de Marseille", "savon", "carton"),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # `sucre 1` and `1 huile` each name a product with a 1 (1kg, 1L), but no one name holds
        # both words: the 1 is the oil's count. It was one line « sucre huile 5l » of 2.
        (
            "vendu 2 sucre 1 huile 5l et 3 savon",
            [("sale", "SUCRE-M,SUCRE-P", 2), ("sale", "HUILE-5", 1), ("sale", "SAVON", 3)],
        ),
        ("vendu 2 sucre 1 savon", [("sale", "SUCRE-M,SUCRE-P", 2), ("sale", "SAVON", 1)]),
    ],
)
def test_a_number_between_two_products_names_no_name_of_both(
    text: str, expected: list[tuple[str, str | None, int | None]]
) -> None:
    assert _items(SIZES.parse_many(text)) == expected
