"""A stock question naming a product by its size or face value alone (`stock 64go`, `stock
2000`), on a shop the bot never saw (memory cards, phone credit, a hardware store)."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product

SHOP = IntentMatcher(
    [
        Product(sku="SD-32", name="Carte mémoire 32Go", unit="pièce"),
        Product(sku="SD-64", name="Carte mémoire 64Go", unit="pièce"),
        Product(sku="OR-1000", name="Crédit Orange 1000", unit="carte"),
        Product(sku="OR-2000", name="Crédit Orange 2000", unit="carte"),
        Product(sku="FREE-2000", name="Crédit Free 2000", unit="carte"),
        Product(sku="PILE-9V", name="Pile 9V", unit="pièce"),
        Product(sku="CAFE", name="Café Touba", unit="sachet"),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("stock 64go", "SD-64"),
        ("stock 64 go", "SD-64"),
        ("il reste combien de 32go ?", "SD-32"),
        ("stock 1000", "OR-1000"),
    ],
)
def test_a_size_alone_names_the_product_of_that_size(text: str, sku: str) -> None:
    """« stock 64go » listed both memory cards: the 64 was read as nothing, the Go as a word
    of both names."""
    item = SHOP.parse(text)
    assert (item.intent, item.product) == (Intent.STOCK_QUERY, sku), item


def test_a_face_value_alone_names_every_product_of_that_value() -> None:
    """« stock 2000 » listed the whole stock: the 2000 of two credit cards named nothing."""
    item = SHOP.parse("stock 2000")
    assert (item.intent, item.product) == (Intent.STOCK_QUERY, None), item
    assert set(item.candidates) == {"OR-2000", "FREE-2000"}


@pytest.mark.parametrize("text", ["stock 500", "il reste 25", "inventaire 30"])
def test_a_number_no_name_holds_names_nothing(text: str) -> None:
    """A number no name holds, or a count with no product, still names no product."""
    item = SHOP.parse(text)
    assert item.product is None and not item.candidates, item


QUINCAILLERIE = IntentMatcher(
    [
        Product(sku="FER-8", name="Fer à béton 8mm", aliases=["fer 8"], unit="barre"),
        Product(sku="FER-12", name="Fer à béton 12mm", aliases=["fer 12"], unit="barre"),
        Product(sku="TOLE-2", name="Tôle ondulée 2m", aliases=["tole"], unit="feuille"),
        Product(sku="TOLE-3", name="Tôle ondulée 3m", aliases=["tole"], unit="feuille"),
        Product(sku="POINTE-70", name="Pointes 70mm", aliases=["pointes"], unit="kg"),
        Product(sku="POINTE-100", name="Pointes 100mm", aliases=["pointes"], unit="kg"),
        Product(sku="PEINTURE-20", name="Peinture blanche 20L", aliases=["peinture"], unit="seau"),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku"),
    [("stock 12mm", "FER-12"), ("stock 3m", "TOLE-3"), ("il reste combien de 20l", "PEINTURE-20")],
)
def test_a_size_with_its_unit_alone_names_the_product_of_that_size(text: str, sku: str) -> None:
    """« stock 12mm » listed the whole stock of the hardware store."""
    item = QUINCAILLERIE.parse(text)
    assert (item.intent, item.product) == (Intent.STOCK_QUERY, sku), item


@pytest.mark.parametrize("text", ["vendu 5 kg pointes 70", "vendu 5kg pointes 70"])
def test_a_measure_is_the_count_and_the_number_after_the_name_its_size(text: str) -> None:
    """« vendu 5 kg pointes 70 » (nails sold by the kg) asked which nails: the 70 taken for a
    count, as no other number was there, when 5 kg is the amount."""
    item = QUINCAILLERIE.parse(text)
    assert (item.intent, item.product, item.quantity) == (Intent.SALE, "POINTE-70", 5), item


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("recu 100 cartes de 1000", ["OR-1000"]),
        ("stock cartes de 2000", ["FREE-2000", "OR-2000"]),
        ("vendu 2 cartes de 64", ["SD-64"]),
    ],
)
def test_a_unit_of_some_products_and_their_size_beat_a_word_of_others(
    text: str, expected: list[str]
) -> None:
    """« recu 100 cartes de 1000 » (credit sold by the carte, memory cards named « Carte
    mémoire ») asked which memory card: the 1000 after `cartes de` named none of them."""
    item = SHOP.parse(text)
    assert sorted([item.product] if item.product else item.candidates) == expected, item


NOTEBOOKS = IntentMatcher(
    [
        Product(sku="CAH-100", name="Cahier 100 pages", aliases=["cahier"], unit="cahier"),
        Product(sku="CAH-200", name="Cahier 200 pages", aliases=["cahier"], unit="cahier"),
        Product(sku="CAH-300", name="Cahier 300 pages", unit="cahier"),
    ]
)


@pytest.mark.parametrize("text", ["100 pages", "100 pages ?", "pages 100"])
def test_a_number_first_as_the_name_writes_it_names_that_product(text: str) -> None:
    """« 100 pages » alone listed the three notebooks: a number typed first was never a size,
    even followed by the word its name writes after it."""
    item = NOTEBOOKS.parse(text)
    assert (item.intent, item.product) == (Intent.STOCK_QUERY, "CAH-100"), item


def test_a_count_first_is_still_a_count() -> None:
    item = NOTEBOOKS.parse("vendu 100 cahiers")
    assert (item.intent, item.quantity, item.product) == (Intent.SALE, 100, None), item


# Skus given as aliases, as the conversation's catalogue gives them.
PAPER = IntentMatcher(
    [
        Product(sku="ENV-A4", name="Enveloppe A4 kraft", aliases=["enveloppe", "ENV-A4"]),
        Product(sku="ARD-A4", name="Ramette papier A4", aliases=["rame a4", "ARD-A4"]),
        Product(sku="ARD-A3", name="Ramette papier A3", aliases=["rame a3", "ARD-A3"]),
    ]
)


def test_a_sku_spells_no_initial() -> None:
    """`a4` was read as `ard 4`: the letter taken for the initial of the sku's `ARD`."""
    items = PAPER.parse_many("vendu 3 enveloppes a4")
    assert [(i.product, i.quantity) for i in items] == [("ENV-A4", 3)], items
    asked = PAPER.parse("stock a4")
    assert (asked.product, sorted(asked.candidates)) == (None, ["ARD-A4", "ENV-A4"]), asked


@pytest.mark.parametrize("text", ["stock ARD-A4", "stock ard-a3"])
def test_a_sku_typed_whole_still_names_its_product(text: str) -> None:
    assert PAPER.parse(text).product == text.split()[-1].upper(), text


@pytest.mark.parametrize("text", ["vendu 4 kaye 100 pages", "jaay naa 4 kaye 100 pages"])
def test_a_name_number_after_an_unknown_word_is_no_count_when_another_is(text: str) -> None:
    """`vendu 4 kaye 100 pages` (kaye: a notebook in Wolof, unknown here) sold 100 of one of
    the three notebooks: the 100 of `100 pages` was taken for the count, the 4 dropped."""
    item = NOTEBOOKS.parse(text)
    assert (item.product, item.quantity) == ("CAH-100", 4), item
