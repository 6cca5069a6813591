"""Intent matcher accuracy on the labelled sets, before and after, and each number or spelling
library of the field alone, in one run.

Run: python bench/intents_accuracy.py [--baseline REV]   (about 10 seconds)

Sets (``tests/fixtures/intents``): the shared examples of the labelling guide (over its sample
catalog), the project's labelled store examples (the intent tests, 637 lines), the Wolof numeral
table written from the grammar, French and English number words, quantities as written in
Senegal (thousands separators, numbers that are no quantity), messages listing several items,
and Wolof written the French or SMS way. ``--baseline REV`` scores the ``intents`` package of a
git revision on the same sets in a child process (see ``bench/intents.py``), for before/after.

Library rows, for issue 20: ``wolof-numbers`` alone is ``parse_number`` on the numeral text;
``text2num`` alone is ``alpha2digit`` (French, then English) and the first number it writes;
``wolof-normalizer`` on whole messages normalises the text before parsing (what a naive adoption
would do), where ours respells only unknown words that land on a known one.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from typing import Any

import _paths  # (first: the repository root on sys.path)

if os.environ.get("BENCH_INTENTS_FROM"):  # a baseline run: that revision's package first
    sys.path.insert(0, os.environ["BENCH_INTENTS_FROM"])

from intents import IntentMatcher, read_products  # noqa: E402
from intents.numbers import parse_quantity  # noqa: E402

FIXTURES = _paths.ROOT / "tests" / "fixtures" / "intents"
QUANTITY_INTENTS = {"restock", "sale", "receipt"}
Score = dict[str, tuple[int, int]]  # measure -> (right, total)


def matcher(name: str) -> IntentMatcher:
    return IntentMatcher(read_products((FIXTURES / name).read_text("utf-8").splitlines()))


def jsonl(name: str) -> list[dict[str, Any]]:
    lines = (FIXTURES / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def table(name: str) -> list[list[str]]:
    lines = (FIXTURES / name).read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def labelled(parse: Callable[[str], Any], examples: list[dict[str, Any]]) -> Score:
    """The guide's scoring: intent over all lines, product over lines with one, candidate sets
    over ambiguous lines, quantity over restock, sale and receipt lines."""
    right = {"intent": 0, "product": 0, "candidates": 0, "quantity": 0}
    total = dict.fromkeys(right, 0)
    for example in examples:
        result = parse(example["text"])
        total["intent"] += 1
        right["intent"] += result.intent == example["intent"]
        if example["product"] is not None:
            total["product"] += 1
            right["product"] += result.product == example["product"]
        if example.get("candidates"):
            total["candidates"] += 1
            right["candidates"] += sorted(result.candidates) == sorted(example["candidates"])
        if example["intent"] in QUANTITY_INTENTS:
            total["quantity"] += 1
            right["quantity"] += result.quantity == example["quantity"]
    return {key: (right[key], total[key]) for key in right}


def numbers(read: Callable[[str], int | None], rows: list[list[str]]) -> tuple[int, int]:
    right = 0
    for text, value, *_ in rows:
        try:
            found = read(text)
        except Exception:  # a library refusing a line scores it wrong, it does not stop the run
            found = None
        right += found == (None if value == "-" else int(value))
    return right, len(rows)


def as_written(parse: Callable[[str], Any], rows: list[list[str]]) -> Score:
    """Quantity right (None where the number is no quantity), and, of the lines whose number is
    no quantity, how many were silently read as another number."""
    right = silent = refused = 0
    for text, quantity, issue in rows:
        result = parse(text)
        right += result.quantity == (None if quantity == "-" else int(quantity))
        if issue != "-":
            refused += 1
            silent += result.quantity is not None
    return {"quantity": (right, len(rows)), "silently another number": (silent, refused)}


def items(matcher: IntentMatcher, examples: list[dict[str, Any]]) -> Score:
    """Items read right (intent, product or candidate set, quantity), in order; a revision
    without parse_many reads the message with parse, as one item."""
    many = getattr(matcher, "parse_many", None)
    right = total = 0
    for example in examples:
        results = many(example["text"]) if many else [matcher.parse(example["text"])]
        for expected, result in zip(example["items"], results, strict=False):
            product = result.product or ",".join(sorted(result.candidates)) or None
            right += (result.intent, product, result.quantity) == (
                expected["intent"],
                expected["product"],
                expected["quantity"],
            )
        total += len(example["items"])
    return {"items": (right, total)}


def spellings(parse: Callable[[str], Any], rows: list[list[str]]) -> tuple[int, int]:
    right = 0
    for text, intent, sku in rows:
        result = parse(text)
        right += (result.intent, result.product) == (intent, None if sku == "-" else sku)
    return right, len(rows)


def scores() -> dict[str, Any]:
    sample, store = matcher("catalog.csv"), matcher("store_catalog.csv")
    return {
        "shared examples": labelled(sample.parse, jsonl("examples.jsonl")),
        "store examples (intent tests)": labelled(store.parse, jsonl("store_examples.jsonl")),
        "wolof numerals": {"value": numbers(parse_quantity, table("wolof_numerals.tsv"))},
        "number words fr/en": {"value": numbers(parse_quantity, table("number_words.tsv"))},
        "quantities as written": as_written(store.parse, table("quantities_as_written.tsv")),
        "several items": items(store, jsonl("multi_items.jsonl")),
        "wolof spellings": {"intent+product": spellings(store.parse, table("wolof_spellings.tsv"))},
    }


def library_scores() -> dict[str, Any]:
    """Each library alone, on the sets it is meant for."""
    from text_to_num import alpha2digit
    from wolof_normalizer import normalize
    from wolof_numbers import parse_number

    def text2num_alone(text: str) -> int | None:
        for language in ("fr", "en"):
            found = re.search(r"\d+", alpha2digit(text, language, threshold=0))
            if found:
                return int(found.group())
        return None

    def wolof_numbers_alone(text: str) -> int | None:
        return int(parse_number(text).value) or None

    store = matcher("store_catalog.csv")
    normalised = {
        "wolof spellings": {
            "intent+product": spellings(
                lambda text: store.parse(normalize(text)), table("wolof_spellings.tsv")
            )
        },
        "store examples (intent tests)": labelled(
            lambda text: store.parse(normalize(text)), jsonl("store_examples.jsonl")
        ),
    }
    return {
        "wolof-numbers alone": {
            "wolof numerals": numbers(wolof_numbers_alone, table("wolof_numerals.tsv"))
        },
        "text2num alone": {
            "number words fr/en": numbers(text2num_alone, table("number_words.tsv"))
        },
        "wolof-normalizer on whole messages": {
            f"{name}: {measure}": value
            for name, measures in normalised.items()
            for measure, value in measures.items()
        },
    }


def baseline(revision: str) -> dict[str, Any]:
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
        out = subprocess.run(
            [sys.executable, __file__, "--json"],
            env=env,
            check=True,
            timeout=600,
            capture_output=True,
            text=True,
        ).stdout
    result: dict[str, Any] = json.loads(out)
    return result


def _cell(value: Any) -> str:
    right, total = value
    return f"{right}/{total} ({100 * right / total:.1f}%)" if total else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", help="git revision to score too, for comparison")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(scores()))
        return
    before = baseline(args.baseline) if args.baseline else None
    after = scores()
    label = args.baseline[:9] if args.baseline else ""
    print(f"{'set':<32} {'measure':<26} {label:>20} {'current':>20}")
    for name, measures in after.items():
        for measure, value in measures.items():
            old = before.get(name, {}).get(measure) if before else None
            old_cell = _cell(old) if old else ""
            print(f"{name:<32} {measure:<26} {old_cell:>20} {_cell(value):>20}")
    print()
    for name, measures in library_scores().items():
        for measure, value in measures.items():
            print(f"{name:<36} {measure:<52} {_cell(value):>20}")


if __name__ == "__main__":
    main()
