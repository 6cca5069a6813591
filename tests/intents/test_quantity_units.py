"""The unit a quantity is typed in, and whether it is the product's (`intents.quantity_units`)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from intents import Product
from intents.answers import keys_of
from intents.quantity_units import (
    counts_in,
    measured_amount,
    per_unit,
    quantity_unit,
    unit_class,
)

MILK = Product("LAIT", "Lait en poudre 400g", ["lait"], "boîte")
RICE = Product("RIZ", "Riz brisé 50kg", ["riz"], "sac")
SUGAR = Product("SUCRE", "Sucre vrac", ["sucre"], "kg")
OIL = Product("HUILE", "Huile vrac", ["huile"], "litre")
TILES = Product("CARREAU", "Carreaux 40x40", ["tiles"], "carton")
PADS = Product("PLAQ", "Plaquettes de frein", ["plaquettes"], "jeu", "set")
LOOSE = Product("VRAC", "Graines", ["graines"])
TEA = Product("THE", "Thé vert 25g", ["the"], "paquet")
VASELINE = Product("VAS", "Vaseline 100ml", ["vaseline"], "boîte")
PAINT = Product("PEINT", "Peinture blanche 20L", ["peinture"], "bidon")
SOAP = Product("SAV", "Savon Madar", ["savon"], "pain")
BULB = Product("AMP", "Ampoule LED", ["ampoule"], "pièce")


@pytest.mark.parametrize(
    ("text", "quantity", "unit"),
    [
        ("reçu 10 cartons de lait", 10, "carton"),
        ("vendu deux sacs de riz", 2, "sac"),
        ("vendu 3 kg de riz", 3, "kg"),
        ("lait 10 ctn", 10, "ctn"),
        ("vendu 10 lait", 10, None),
        ("reçu 3 cartons de savon de 24 pièces", 3, "carton"),
        ("vendu 2 riz 25kg", 2, None),  # the size is no unit of the count
        ("reçu 2 ton de ciment", 2, "ton"),
        ("received 3 tons of cement", 3, "ton"),
    ],
)
def test_the_unit_right_after_the_quantity(text: str, quantity: int, unit: str | None) -> None:
    assert quantity_unit(keys_of(text), quantity) == unit


@pytest.mark.parametrize(
    ("product", "unit", "own"),
    [
        (MILK, "boite", True),
        (MILK, "bte", True),
        (MILK, "boxe", True),  # boxes
        (MILK, "tin", True),
        (MILK, "carton", False),
        (MILK, "ctn", False),
        (MILK, "sac", False),
        (RICE, "sac", True),
        (RICE, "bag", True),
        (RICE, "sack", True),
        (RICE, "kg", False),
        (SUGAR, "kg", True),
        (SUGAR, "kilo", True),
        (SUGAR, "sac", False),
        (SUGAR, "g", False),
        (OIL, "l", True),
        (OIL, "litre", True),
        (OIL, "bidon", False),
        (TILES, "boxe", True),  # boxes of tiles are their cartons
        (TILES, "case", True),
        (TILES, "boite", False),
        (PADS, "plaquette", True),  # a word of its name
        (PADS, "set", True),
        (PADS, "carton", False),
        (LOOSE, "carton", True),  # no unit: anything
        # another name of the same single item
        (TEA, "sachet", True),
        (TEA, "boite", True),
        (TEA, "piece", True),
        (TEA, "unite", True),
        (TEA, "carton", False),
        (TEA, "sac", False),
        (VASELINE, "pot", True),
        (VASELINE, "tube", False),  # a tube is another item than a pot
        (VASELINE, "carton", False),
        (PAINT, "seau", True),
        (PAINT, "bucket", True),
        (PAINT, "bouteille", False),
        (PAINT, "l", False),
        (SOAP, "barre", True),
        (SOAP, "carton", False),
        (BULB, "boite", True),
        (BULB, "sachet", True),
        (BULB, "carton", False),
        (BULB, "kg", False),
        (RICE, "piece", False),  # a sac is no single item's name
        (MILK, "pack", False),
    ],
)
def test_the_products_own_unit(product: Product, unit: str, own: bool) -> None:
    assert counts_in(product, unit) is own


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("vendu 3 kg de riz", (3, "kg")),
        ("vendu 2 litres de lait", (2, "l")),
        ("vendu riz", None),
        ("vendu 1.5l de lait", None),
        ("vendu 3 kg de riz 25kg", None),
    ],
)
def test_a_measure_typed_alone(text: str, found: tuple[int, str] | None) -> None:
    assert measured_amount(keys_of(text)) == found


MILLET = Product("MIL", "Mil", ["mil"], "kg")
ONION_BAG = Product("OIGNON", "Oignon sac 25kg", ["oignon"], "sac")


@pytest.mark.parametrize(
    ("product", "text", "unit", "per"),
    [
        (MILLET, "50 kg par sac", "sac", Fraction(50)),
        (MILLET, "50kg le sac", "sac", Fraction(50)),
        (MILLET, "sac de 50kg", "sac", Fraction(50)),
        (MILLET, "50 kilo sac bu nekk", "sac", Fraction(50)),
        (MILLET, "50 kg a bag", "bag", Fraction(50)),
        (MILLET, "50 kg chacun", "sac", Fraction(50)),
        (MILLET, "50 kg", "sac", None),  # a total
        (MILLET, "50 kg par kg", "sac", None),
        (OIL, "20 litres par bidon", "bidon", Fraction(20)),
        (MILK, "le carton fait 12", "carton", Fraction(12)),
        (RICE, "le sac fait 50kg", "kg", Fraction(1, 50)),
        (ONION_BAG, "le sac fait 25kg", "kg", Fraction(1, 25)),
        (ONION_BAG, "3 sacs de oignon 25kg", "kg", None),
    ],
)
def test_what_one_holds_with_its_measure(
    product: Product, text: str, unit: str, per: Fraction | None
) -> None:
    assert per_unit(product, keys_of(text), unit, text) == per


@pytest.mark.parametrize("word", ["ton", "tons", "tonne", "tonnes", "Tonnes"])
def test_ton_is_the_tonne(word: str) -> None:
    assert unit_class(word) == "tonne"
