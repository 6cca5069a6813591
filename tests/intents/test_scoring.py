"""Product scoring in bulk: skipping the products that cannot win changes no reading."""

from __future__ import annotations

import random

from intents import Product
from intents.catalog import ProductIndex
from intents.normalize import tokenize

KINDS = ("riz", "huile", "sucre", "savon", "lait", "thé", "café", "farine")
SUFFIXES = ("premium", "extra", "gold", "classic")


def _catalog(size: int = 600) -> list[Product]:
    rng = random.Random(3)
    products = []
    for index in range(size):
        kind = rng.choice(KINDS)
        brand = "".join(rng.choice("bdgkmt") + rng.choice("aeiou") for _ in range(3))
        suffix, weight = rng.choice(SUFFIXES), rng.choice(("1kg", "5l", "25kg", "500g"))
        aliases = [kind, brand, f"{brand} {suffix}", f"{kind} {brand}", f"{kind} {weight}"]
        products.append(Product(f"P{index}", f"{kind} {brand} {weight}", aliases, "sac"))
    return products


def test_pruned_scoring_picks_the_same_products() -> None:
    products = _catalog()
    index = ProductIndex(products)
    rng = random.Random(4)
    for _ in range(300):
        product = rng.choice(products)
        words = rng.choice(product.aliases).split()
        extra = rng.choice((*SUFFIXES, "", "5l"))
        parts = [extra, *words] if rng.random() < 0.5 else [*words, extra]
        text = " ".join([str(rng.randint(1, 99)), *parts])
        tokens = tokenize(text)
        pruned = index.best(index.scores(tokens, frozenset(), frozenset(), prune=True), set())
        full = index.best(index.scores(tokens, frozenset(), frozenset(), prune=False), set())
        assert pruned == full, text
