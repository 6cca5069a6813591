"""Intent matcher latency: build time, parse p50/p99, and parse_many on 5-item messages (with
the same messages parsed whole, as one, for comparison), over the sample catalog and 5,000
products.

Run: python bench/intents.py [--baseline REV]   (bounded: a few thousand messages per catalog)

Each catalog gets a fresh matcher and every message is timed on its first parse, with no
warm-up (the typo caches start empty, as after a worker restart): that is the "cold" figure.
The same messages parsed a second time give the "warm" figure, for comparison. "cpu p99" is
the p99 of the CPU time the parse itself used (the thread's clock): on a shared machine the
wall-clock p99 is mostly time spent waiting for a core.

``--baseline REV`` first runs the same measures on the ``intents`` package of a git revision
(``git archive REV intents``, imported in a child process), so before and after come from the
same run on the same (shared, noisy) machine. A revision without ``parse_many`` skips that line.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import _paths  # (first: the repository root on sys.path)

if os.environ.get("BENCH_INTENTS_FROM"):  # a baseline run: that revision's package first
    sys.path.insert(0, os.environ["BENCH_INTENTS_FROM"])

from intents import IntentMatcher, Product, read_products  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "intents" / "catalog.csv"
MESSAGES = 4000
MANY_MESSAGES = 1000
# kind: its other names (English, Wolof, shop words), as managers type them
KINDS = {
    "riz": "rice ceeb", "huile": "oil diwlin", "sucre": "sugar suukar", "lait": "milk meew",
    "savon": "soap saabu", "farine": "flour", "thé": "tea attaya", "café": "coffee kafe",
    "bouillon": "cube", "tomate": "tomato tamaate", "eau": "water ndox", "javel": "bleach",
    "bougie": "candle", "pile": "battery", "ciment": "cement", "pâtes": "pasta macaroni",
    "sardine": "sardines", "mayonnaise": "mayo", "oignon": "onion soble", "sel": "salt xorom",
    "biscuit": "cookies", "bonbon": "candy", "jus": "juice", "soda": "boisson",
    "yaourt": "yogurt", "beurre": "butter", "fromage": "cheese", "chocolat": "chocolate",
    "dentifrice": "toothpaste", "shampoing": "shampoo", "lessive": "detergent",
    "couche": "diapers pampers", "allumette": "matches", "insecticide": "spray",
    "vinaigre": "vinegar", "moutarde": "mustard", "ketchup": "sauce", "poivre": "pepper",
    "piment": "chili", "ail": "garlic", "arachide": "peanuts gerte", "mil": "millet dugub",
    "maïs": "corn mboq", "niébé": "beans", "semoule": "couscous", "vermicelle": "noodles",
    "gaz": "gas butane", "charbon": "charcoal", "margarine": "blueband", "spaghetti": "spagetti",
}  # fmt: skip
UNITS = ("sac", "bidon", "bouteille", "paquet", "carton", "boîte", "sachet", "pot")
SIZES = ("250g", "500g", "1kg", "5kg", "25kg", "50kg", "1L", "1,5L", "5L", "20L", "33cl")
TEMPLATES = (
    "stock {p}",
    "cb de {u}s de {p} il reste stp",
    "{p} ?",
    "{p} ñaata la des",
    "VENTE {P} {n}",
    "g vendu {n} {u}s de {p}",
    "jaay naa {n} {p}",
    "vendu {d} {u}s {p}",
    "commander {n} {u}s {p} svp",
    "faut racheter {w} {p}",
    "reçu {w} {u}s de {p}",
    "arrivée de {n} {u}s {p}",
    "sold {n} {u}s of {p}",
    "bonjour boss, stok {t} stp",
    "comander {n} {t}",
    "commande {n} {u}s de {p}, livraison demain",
    "le livreur a déposé {n} {u}s de {t}",
    "inventaire",
    "alertes",
    "qu'est-ce que je dois recommander",
    "comment signaler une vente de {p}",
    "non annule",
    "oui c'est ça",
    "merci boss 👋",
    "prix du {p} au marché ?",
    "c'est combien le {u} de {p}",
    "tu connais un bon mécanicien ?",
)
WORDS = ("trois", "quinze", "vingt-cinq", "cent cinquante", "quatre-vingt-dix", "deux cents")


def _syllables(rng: random.Random) -> str:
    return "".join(rng.choice("bdfgklmnprstwy") + rng.choice("aeiou") for _ in range(3))


def generated_catalog(size: int = 5000, seed: int = 6) -> list[Product]:
    """Kinds x invented brands x sizes, each with a dozen aliases as a store would list them:
    the kind in French and its other names, the brand, and their pairings with sizes/units."""
    rng = random.Random(seed)
    products = []
    for index in range(size):
        kind = rng.choice(list(KINDS))
        others = KINDS[kind].split()
        brand, weight, unit = _syllables(rng), rng.choice(SIZES), rng.choice(UNITS)
        aliases = [
            kind,
            *others,
            brand,
            f"{kind} {brand}",
            f"{others[0]} {brand}",
            f"{brand} {weight}",
            f"{kind} {weight}",
            f"{kind} {brand} {weight}",
            f"{unit} de {kind}",
            f"{unit} {brand}",
            f"{brand} {rng.choice(('original', 'premium', 'classic', 'extra', 'gold'))}",
        ]
        products.append(
            Product(
                sku=f"P{index:05d}",
                name=f"{kind.capitalize()} {brand.capitalize()} {weight}",
                aliases=aliases,
                unit=unit,
            )
        )
    return products


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    cut = rng.randrange(1, len(word) - 1)
    return word[:cut] + word[cut + 1 :]


def messages(products: list[Product], count: int, seed: int = 7) -> list[str]:
    """``count`` different messages over random products (duplicates are drawn again)."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        product = rng.choice(products)
        name = rng.choice([product.name, *product.aliases])
        text = rng.choice(TEMPLATES).format(
            p=name,
            P=name.upper(),
            t=_typo(name, rng),
            u=product.unit or "sac",
            n=rng.randint(1, 300),
            d=f"{rng.randint(1, 9)},{rng.randint(1, 9)}",
            w=rng.choice(WORDS),
        )
        out.setdefault(text, None)
    return list(out)


def _percentiles(timings: list[float]) -> tuple[float, float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1], ordered[-1]


SEPARATORS = (", ", " et ", "\n", " + ", " ak ")
ITEM_TEMPLATES = ("{n} {u}s de {p}", "{p} {n}", "{w} {p}", "{n} {p}")
MANY_OPENINGS = ("vendu ", "reçu ", "commande ", "jaay naa ", "stock ", "g vendu ")


def many_messages(products: list[Product], count: int, seed: int = 8) -> list[str]:
    """``count`` different 5-item messages: one verb, five products with their own quantities."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        items = []
        for _ in range(5):
            product = rng.choice(products)
            name = rng.choice([product.name, *product.aliases])
            items.append(
                rng.choice(ITEM_TEMPLATES).format(
                    p=name, u=product.unit or "sac", n=rng.randint(1, 300), w=rng.choice(WORDS)
                )
            )
        text = items[0]
        for item in items[1:]:
            text += rng.choice(SEPARATORS) + item
        out.setdefault(rng.choice(MANY_OPENINGS) + text, None)
    return list(out)


def _timed(parse: object, texts: list[str]) -> tuple[float, float, float, float]:
    """Wall-clock p50, p99 and max, and the p99 of the CPU time the parse itself used (the
    thread's clock: on a shared machine, wall-clock p99 is mostly time spent descheduled)."""
    timings, cpu = [], []
    for text in texts:
        begin, begin_cpu = time.perf_counter_ns(), time.thread_time_ns()
        parse(text)  # type: ignore[operator]
        cpu.append((time.thread_time_ns() - begin_cpu) / 1e6)
        timings.append((time.perf_counter_ns() - begin) / 1e6)
    return (*_percentiles(timings), _percentiles(cpu)[1])


def measure(label: str, products: list[Product], tag: str) -> None:
    texts = messages(products, MESSAGES)
    start = time.perf_counter()
    matcher = IntentMatcher(products)
    build_ms = (time.perf_counter() - start) * 1000
    (p50, p99, worst, cpu99), (warm50, warm99, _, _) = (
        _timed(matcher.parse, texts) for _ in range(2)
    )
    aliases = sum(len(p.aliases) for p in products) / max(len(products), 1)
    print(
        f"{tag:<9} {label:<18} products={len(products):>5} aliases/product={aliases:4.1f}  "
        f"build={build_ms:6.1f} ms  cold p50={p50:.3f} p99={p99:.3f} max={worst:.2f} "
        f"cpu p99={cpu99:.3f} ms  warm p50={warm50:.3f} p99={warm99:.3f} ms  n={len(texts)}"
    )
    many = many_messages(products, MANY_MESSAGES)
    whole = IntentMatcher(products)
    (p50, p99, worst, cpu99), _ = (_timed(whole.parse, many) for _ in range(2))
    print(
        f"{tag:<9} {label + ' x5 items':<18} parse (the whole message as one)  "
        f"cold p50={p50:.3f} p99={p99:.3f} max={worst:.2f} cpu p99={cpu99:.3f} ms"
    )
    if not hasattr(matcher, "parse_many"):
        return
    fresh = IntentMatcher(products)
    (p50, p99, worst, cpu99), (warm50, warm99, _, _) = (
        _timed(fresh.parse_many, many) for _ in range(2)
    )
    items = sum(len(fresh.parse_many(text)) for text in many) / len(many)
    print(
        f"{tag:<9} {label + ' x5 items':<18} parse_many  items/message={items:3.1f}  "
        f"cold p50={p50:.3f} p99={p99:.3f} max={worst:.2f} cpu p99={cpu99:.3f} ms  "
        f"warm p50={warm50:.3f} p99={warm99:.3f} ms  n={len(many)}"
    )


def run(tag: str) -> None:
    sample = read_products(io.StringIO(SAMPLE.read_text("utf-8")))
    measure("sample catalog", sample, tag)
    measure("generated catalog", generated_catalog(), tag)


def baseline(revision: str) -> None:
    """The same measures on the intents package of ``revision``, in a child process."""
    archive = subprocess.run(
        ["git", "-C", str(_paths.ROOT), "archive", revision, "intents"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        env = {**os.environ, "BENCH_INTENTS_FROM": folder}
        subprocess.run(
            [sys.executable, __file__, "--tag", f"{revision[:9]}"], env=env, check=True, timeout=600
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", help="git revision to measure first, for comparison")
    parser.add_argument("--tag", default="current", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        baseline(args.baseline)
    run(args.tag)


if __name__ == "__main__":
    main()
