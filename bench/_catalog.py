"""A larger catalogue for the benches: the demo's products and `extra` generated ones, named as a
shop's shelves are (goods, brand, size: `Savon Teranga 250g`), so that per-message work that
grows with the catalogue shows (a store of a few hundred products is common)."""

from __future__ import annotations

import itertools
import random

from bot.demo import demo_catalog_csv

GOODS = (
    "Savon", "Biscuit", "Jus", "Farine", "Pâtes", "Sardines", "Tomate concentrée", "Café", "Thé",
    "Bonbon", "Eau minérale", "Lessive", "Javel", "Couches", "Cahier", "Stylo", "Piles",
    "Allumettes", "Bougie", "Mayonnaise", "Moutarde", "Vinaigre", "Sel", "Poivre", "Bouillon",
    "Chocolat", "Yaourt", "Beurre", "Fromage", "Dentifrice", "Shampoing", "Crème", "Parfum",
    "Serviettes", "Mouchoirs", "Spaghetti", "Semoule", "Mil", "Arachide", "Oignon",
    "Pomme de terre", "Ail", "Gingembre", "Bissap", "Ananas", "Mangue", "Orange", "Citron",
)  # fmt: skip
BRANDS = ("Dakar", "Saloum", "Teranga", "Baobab", "Kirène", "Sen", "Niani", "Jokko", "Ndar")
SIZES = ("100g", "250g", "500g", "1kg", "5kg", "33cl", "50cl", "1L", "5L", "x6", "x12", "grand")
UNITS = ("paquet", "boîte", "bouteille", "sac", "carton", "pièce", "sachet")


def catalog_csv(extra: int = 0, seed: int = 7) -> str:
    """The demo catalogue's CSV with `extra` generated products (at most 3,888), stocked above
    their threshold."""
    rows = demo_catalog_csv().strip().splitlines()
    rnd = random.Random(seed)
    names = list(itertools.product(GOODS, BRANDS, SIZES))
    rnd.shuffle(names)
    for i, (goods, brand, size) in enumerate(names[:extra]):
        unit = rnd.choice(UNITS)
        rows.append(f"GEN-{i:04d},{goods} {brand} {size},,{unit},{rnd.randint(30, 200)},5,20")
    return "\n".join(rows) + "\n"
