"""Who sold or brought the goods is no product: a family noun after a possessive (`mon fils`
read `fil` was "Fil à coudre"), a vehicle or a carrier before the verb that moved the goods
(`the truck brought 5 cartons of milk` was not understood)."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product

SHOP = IntentMatcher(
    [
        Product("FIL", "Fil à coudre noir bobine", (), "bobine"),
        Product("RIZ", "Riz brisé 25kg", (), "sac"),
        Product("LAIT", "Lait en poudre 400g", ["milk"], "carton"),
        Product("PNEU", "Pneu camion 22.5", (), "pièce"),
    ]
)
NO_RICE = IntentMatcher([Product("FIL", "Fil à coudre noir bobine", (), "bobine")])


@pytest.mark.parametrize(
    "text",
    [
        "mon fils a vendu 2 riz au marché",
        "ma fille a vendu 2 riz",
        "my son sold 2 bags of rice",
        "sama doom jaay na 2 riz",
    ],
)
def test_a_family_member_who_sold_is_no_product(text: str) -> None:
    parsed = SHOP.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (Intent.SALE, "RIZ", 2)


def test_a_son_is_no_sewing_thread_when_the_goods_are_unknown() -> None:
    parsed = NO_RICE.parse("mon fils a vendu 2 riz au marché")
    assert parsed.intent is Intent.SALE
    assert (parsed.product, parsed.candidates) == (None, [])


def test_sewing_thread_typed_in_the_plural_is_still_thread() -> None:
    assert SHOP.parse("vendu 2 fils a coudre").product == "FIL"


@pytest.mark.parametrize(
    ("text", "sku", "quantity"),
    [
        ("the truck brought 5 cartons of milk", "LAIT", 5),
        ("le camion a amené 5 cartons de lait", "LAIT", 5),
        ("le chauffeur a apporté 10 sacs de riz", "RIZ", 10),
        ("the driver brought 10 bags of rice", "RIZ", 10),
        ("le camion a amené le riz", "RIZ", None),  # an arrival, its count to ask
        ("the truck brought milk", "LAIT", None),
        ("le camion a amené 4 pneus camion", "PNEU", 4),
    ],
)
def test_goods_a_vehicle_or_a_carrier_brought_are_an_arrival(
    text: str, sku: str, quantity: int | None
) -> None:
    parsed = SHOP.parse(text)
    assert (parsed.intent, parsed.product, parsed.quantity) == (Intent.RECEIPT, sku, quantity)


def test_a_vehicle_word_of_a_name_still_names_it() -> None:
    parsed = SHOP.parse("vendu 2 pneus camion")
    assert (parsed.intent, parsed.product, parsed.quantity) == (Intent.SALE, "PNEU", 2)
