"""Intent matcher latency: build time and parse p50/p99, sample catalog and 5,000 products.

Run: python bench/intents.py   (bounded: a few thousand messages per catalog)
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# `intents` package: look in the repository root instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from intents import IntentMatcher, Product, read_products  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "intents" / "catalog.csv"
MESSAGES = 4000
_KIND_WORDS = (
    "riz huile sucre lait savon farine thé café bouillon tomate eau javel bougie pile ciment "
    "pâtes sardine mayonnaise oignon sel biscuit bonbon jus soda yaourt beurre fromage chocolat "
    "dentifrice shampoing lessive couche allumette insecticide vinaigre moutarde ketchup poivre "
    "piment ail arachide mil maïs niébé semoule couscous vermicelle gaz"
)
KINDS = _KIND_WORDS.split()
UNITS = ("sac", "bidon", "bouteille", "paquet", "carton", "boîte", "sachet")
SIZES = ("250g", "500g", "1kg", "5kg", "25kg", "50kg", "1L", "5L", "20L")
TEMPLATES = (
    "stock {p}",
    "cb de {u}s de {p} il reste stp",
    "{p} ?",
    "{p} ñaata la des",
    "VENTE {P} {n}",
    "g vendu {n} {u}s de {p}",
    "jaay naa {n} {p}",
    "commander {n} {u}s {p} svp",
    "faut racheter {w} {p}",
    "reçu {w} {u}s de {p}",
    "arrivée de {n} {u}s {p}",
    "bonjour boss, stok {t} stp",
    "comander {n} {t}",
    "inventaire",
    "alertes",
    "qu'est-ce que je dois recommander",
    "comment on fait une commande",
    "non annule",
    "oui c'est ça",
    "merci boss 👋",
    "prix du {p} au marché ?",
    "tu connais un bon mécanicien ?",
)
WORDS = ("trois", "quinze", "vingt-cinq", "cent cinquante", "quatre-vingt-dix", "deux cents")


def _syllables(rng: random.Random) -> str:
    return "".join(rng.choice("bdfgklmnprstwy") + rng.choice("aeiou") for _ in range(3))


def generated_catalog(size: int = 5000, seed: int = 6) -> list[Product]:
    """Kinds x invented brands x sizes, with the aliases a store would type."""
    rng = random.Random(seed)
    products = []
    for index in range(size):
        kind, brand, weight = rng.choice(KINDS), _syllables(rng), rng.choice(SIZES)
        products.append(
            Product(
                sku=f"P{index:05d}",
                name=f"{kind.capitalize()} {brand.capitalize()} {weight}",
                aliases=[kind, f"{kind} {brand}", brand, f"{kind} {weight}"],
                unit=rng.choice(UNITS),
            )
        )
    return products


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    cut = rng.randrange(1, len(word) - 1)
    return word[:cut] + word[cut + 1 :]


def messages(products: list[Product], count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        product = rng.choice(products)
        name = rng.choice([product.name, *product.aliases])
        template = rng.choice(TEMPLATES)
        out.append(
            template.format(
                p=name,
                P=name.upper(),
                t=_typo(name, rng),
                u=product.unit or "sac",
                n=rng.randint(1, 300),
                w=rng.choice(WORDS),
            )
        )
    return out


def measure(label: str, products: list[Product]) -> None:
    start = time.perf_counter()
    matcher = IntentMatcher(products)
    build_ms = (time.perf_counter() - start) * 1000
    texts = messages(products, MESSAGES)
    for text in texts[:200]:  # warm-up (fuzzy caches fill as in a long-running worker)
        matcher.parse(text)
    timings = []
    for text in texts:
        begin = time.perf_counter_ns()
        matcher.parse(text)
        timings.append((time.perf_counter_ns() - begin) / 1e6)
    timings.sort()
    p50 = statistics.median(timings)
    p99 = timings[int(len(timings) * 0.99) - 1]
    print(
        f"{label:<22} products={len(products):>5}  build={build_ms:7.1f} ms  "
        f"parse p50={p50:.3f} ms  p99={p99:.3f} ms  max={timings[-1]:.3f} ms  n={len(timings)}"
    )


def main() -> None:
    measure("sample catalog", read_products(SAMPLE.read_text("utf-8").splitlines()))
    measure("generated catalog", generated_catalog())


if __name__ == "__main__":
    main()
