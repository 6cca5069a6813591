"""Quantities: digits, French number words, vague amounts, sizes that are not quantities."""

from __future__ import annotations

import pytest

from intents import IntentMatcher, Product, parse_quantity

WORDS = [
    ("12", 12),
    ("un sac", 1),
    ("deux", 2),
    ("trois sacs", 3),
    ("dix", 10),
    ("quinze", 15),
    ("seize", 16),
    ("dix-sept", 17),
    ("vingt", 20),
    ("vingt et un", 21),
    ("vingt-cinq", 25),
    ("trente-deux", 32),
    ("cinquante", 50),
    ("soixante-dix", 70),
    ("soixante et onze", 71),
    ("quatre-vingts", 80),
    ("quatre-vingt-dix", 90),
    ("quatre vingt dix neuf", 99),
    ("cent", 100),
    ("cent cinquante", 150),
    ("deux cents", 200),
    ("trois cent vingt", 320),
    ("mille", 1000),
    ("twenty five", 25),
    ("ñaar fukk", 20),
    ("juróom benn", 6),
    ("une dizaine", None),
    ("quelques sacs", None),
    ("plusieurs", None),
    ("", None),
    ("sacs", None),
    ("5000 f", None),
    ("99999999999999", None),
    # a decimal is never a count; "10aine" is "une dizaine"
    ("1,5", None),
    ("2.5 sacs", None),
    ("10aine", None),
    ("une 20aine de sacs", None),
]


@pytest.mark.parametrize(("text", "expected"), WORDS)
def test_parse_quantity(text: str, expected: int | None) -> None:
    assert parse_quantity(text) == expected


IN_MESSAGES = [
    ("COMMANDER RIZ 50", 50),
    ("COMMANDER SUCRE 20", 20),
    ("commande 30 sacs riz parfumé", 30),
    ("faut racheter 10 gaz 12kg", 10),
    ("arrivée de 12 bidons huile 5L", 12),
    ("vendu 3 bidons d'huile de 20 litres", 3),
    ("vendu un bidon de 20 litres d'huile", 1),
    ("vendu 2 gaz de 6 kilos", 2),
    ("commander cent cinquante paquets de sel", 150),
    ("commande deux cents cartons de pâtes", 200),
    ("vendu 3 sacs de riz à 15000 f", 3),
    ("vendu 3 sacs de riz à 15000", 3),
    ("commander une dizaine de sacs de riz", None),
    ("vendu quelques sacs de riz", None),
    ("commander du riz", None),
    ("commander riz 50kg", None),
    ("commande de riz, 40 sacs", 40),
    ("reçu 20sacs de sucre", 20),
    ("sold 12 bags of rice", 12),
    ("vendu 3.5 sacs riz", None),
    ("vendu 1,5 sac de riz", None),
    ("commander une 10aine de sacs de riz", None),
    ("vendu 2 bidons d'eau 1,5l", 2),
    ("vendu 3 sacs de riz à 15.000", 3),
    ("jaay naa juroom benn sac ceeb", 6),  # "benn" is one, never "ben" with a letter dropped
    ("jaay naa fukk ak juroom benn sac ceeb", 16),
]


@pytest.mark.parametrize(("text", "expected"), IN_MESSAGES)
def test_quantity_in_messages(store: IntentMatcher, text: str, expected: int | None) -> None:
    result = store.parse(text)
    assert result.intent in {"restock", "sale", "receipt"}
    assert result.quantity == expected


@pytest.mark.parametrize("text", ["stock riz 50", "combien de gaz 6kg", "il reste 3 sacs de riz ?"])
def test_no_quantity_for_stock_questions(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.quantity) == ("stock_query", None)


@pytest.mark.parametrize(("text", "expected"), [("12", 12), ("quinze", 15), ("40 sacs", 40)])
def test_bare_number_answers_unknown_with_quantity(
    store: IntentMatcher, text: str, expected: int
) -> None:
    result = store.parse(text)
    assert (result.intent, result.quantity) == ("unknown", expected)


def test_a_round_hundred_is_not_a_size_of_the_catalog_with_a_letter_dropped() -> None:
    """`100` is not `10` stretched, even when `10` is a word of the catalog (``fer 10``)."""
    from intents import Product

    matcher = IntentMatcher(
        [
            Product(sku="FER-10", name="Fer à béton 10mm", aliases=["fer 10"], unit="barre"),
            Product(sku="RIZ-50", name="Riz brisé 50kg", aliases=["riz"], unit="sac"),
            Product(sku="EGGS", name="Oeufs plaquette de 30", aliases=["oeufs"], unit="plaquette"),
        ]
    )
    for text, quantity in [
        ("commander 100 sacs de riz", 100),
        ("reçu 300 plaquettes d'oeufs", 300),
        ("vendu 100 barres de fer 10", 100),
    ]:
        assert matcher.parse(text).quantity == quantity, text


CABLES_AND_BARS = [
    ("vendu 2 rouleaux de fil électrique 1,5 mm", "FIL-1.5", 2),
    ("reçu 3 rouleaux fil 2.5mm", "FIL-2.5", 3),
    ("commander 10 barres de fer 12mm", "FER-12", 10),
    ("commander 10 barres de fer de 12 millimètres", "FER-12", 10),
    ("vendu 4 fer 10 mm", "FER-10", 4),
]


@pytest.mark.parametrize(("text", "sku", "quantity"), CABLES_AND_BARS)
def test_length_sizes_are_never_the_quantity(text: str, sku: str, quantity: int) -> None:
    from intents import Product

    matcher = IntentMatcher(
        [
            Product(sku="FIL-1.5", name="Fil électrique 1.5mm²", aliases=["fil", "fil 1.5"],
                    unit="rouleau"),
            Product(sku="FIL-2.5", name="Fil électrique 2.5mm²", aliases=["fil", "fil 2.5"],
                    unit="rouleau"),
            Product(sku="FER-10", name="Fer à béton 10mm", aliases=["fer", "weñ"], unit="barre"),
            Product(sku="FER-12", name="Fer à béton 12mm", aliases=["fer", "weñ"], unit="barre"),
        ]
    )  # fmt: skip
    result = matcher.parse(text)
    assert (result.product, result.quantity) == (sku, quantity)


@pytest.mark.parametrize(
    "text",
    [
        "je cherche un chauffeur pour livrer",  # "un" is an article, not one of something
        "un client est passé",
        "je cherche quelqu'un pour livrer",
    ],
)
def test_an_article_is_not_an_amount(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.quantity) == ("unknown", None)


RATED = IntentMatcher(
    [
        Product(sku="BAT-45", name="Batterie 12V 45Ah", aliases=["batterie"], unit="pièce"),
        Product(sku="BAT-70", name="Batterie 12V 70Ah", aliases=["batterie"], unit="pièce"),
        Product(sku="BAT-5", name="Batterie moto 12V 5Ah", aliases=["batterie"], unit="pièce"),
    ]
)


def test_a_number_after_the_product_that_one_name_holds_narrows_when_another_is_the_count() -> None:
    parsed = RATED.parse("vendu 2 batteries 70")
    assert (parsed.product, parsed.quantity) == ("BAT-70", 2)
    shared = RATED.parse("vendu 2 batteries 12")  # every name holds 12 (12V)
    assert (shared.product, sorted(shared.candidates)) == (None, ["BAT-45", "BAT-5", "BAT-70"])


# A number glued to letters (`9v`, `2t`, `20w50`) is a name's or a size's, not the count, when
# another plain number is there; alone it still counts (`9v` answering "combien ?").
GLUED = [
    ("pile 9v 2", 2),
    ("2 pile 9v", 2),
    ("huile 2t 3", 3),
    ("20w50 3 bidons", 3),
    ("une pile 9v", 1),
    ("9v", 9),
    ("3 cartons", 3),
]


@pytest.mark.parametrize(("text", "expected"), GLUED)
def test_a_number_glued_to_letters_is_no_count_beside_another(text: str, expected: int) -> None:
    assert parse_quantity(text) == expected


GLUED_CATALOG = IntentMatcher(
    [
        Product(sku="PILE", name="Pile Duracell", aliases=["pile"], unit="pièce"),
        Product(sku="CIMENT", name="Ciment vrac", aliases=["ciment"], unit="kg"),
        Product(sku="SUCRE", name="Sucre vrac", aliases=["sucre"], unit="kg"),
        Product(sku="CAFE", name="Café Touba", aliases=["café"], unit="sachet"),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku", "quantity"),
    [
        ("vendu pile 9v 2", "PILE", 2),  # 9V is no word of the catalogue: still the name's
        ("vendu 2 pile 9v", "PILE", 2),
        ("vendu 2 ciment 50kg", "CIMENT", 2),  # sold by the kg: 50kg is the bag's size here
        ("vendu 50kg ciment 3", "CIMENT", 3),
        ("reçu 50kg ciment 3", "CIMENT", 3),
        ("vendu 5kg de sucre", "SUCRE", 5),  # alone, the kilos sold
        ("vendu 5 kilos sucre", "SUCRE", 5),
        ("vendu pile 9v", "PILE", 9),
    ],
)
def test_a_glued_number_in_a_command(text: str, sku: str, quantity: int) -> None:
    parsed = GLUED_CATALOG.parse(text)
    assert (parsed.product, parsed.quantity) == (sku, quantity)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sold the 3rd", None),
        ("vendu le 2e", None),
        ("vendu le 2ème", None),
        ("vendu 2 le 3e", 2),
        ("sold 2 of the 3rd", 2),
        ("vendu le 1er, 4", 4),
    ],
)
def test_the_digits_of_an_ordinal_are_no_amount(
    store: IntentMatcher, text: str, expected: int | None
) -> None:
    """`the 3rd` picks a choice: its 3 is no quantity (a sale of 3 was offered)."""
    assert store.parse(text).quantity == expected
