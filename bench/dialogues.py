"""Acceptance dialogues of issues 12 and 13: the pass rate, per section and per language.

Plays every dialogue of `tests/dialogues/*.yaml` through signed webhooks and the fake Graph API
(`tests/dialogues/runner.py`), each on a fresh SQLite file, and prints the pass rate overall, per
issue section and per language, then for each failing dialogue the step, what was expected and
what the bot answered (`--transcripts` adds the whole exchange).

    python bench/dialogues.py                       # every dialogue
    python bench/dialogues.py -k 12.2               # ids or sections containing "12.2"
    python bench/dialogues.py --transcripts -k undo
    python bench/dialogues.py --write-known-failures   # rewrite tests/dialogues/known_failures.txt
    python bench/dialogues.py --corpus tests/dialogues2   # another corpus (its own world.yaml)
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import _paths  # noqa: F401  (first: the repository root on sys.path)
from sqlmodel import SQLModel

import bot.db.models  # noqa: F401  (registers every table)
from bot.db.engine import create_db_engine
from tests.dialogues.corpus import HERE, LANGUAGES, SECTIONS, load_dialogues, load_world
from tests.dialogues.runner import Line, Outcome, play


def _rate(outcomes: list[Outcome]) -> str:
    passed = sum(o.passed for o in outcomes)
    share = 100 * passed / len(outcomes) if outcomes else 0.0
    return f"{passed:>3}/{len(outcomes):<3} {share:5.1f} %"


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            check=True,
            cwd=_paths.ROOT,
        )
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return out.stdout.strip()[:100]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=HERE, help="the corpus directory (tests/dialogues)"
    )
    parser.add_argument("-k", default="", help="only dialogues whose id or section contains this")
    parser.add_argument("--transcripts", action="store_true", help="print failing exchanges whole")
    parser.add_argument(
        "--write-known-failures",
        action="store_true",
        help="rewrite the corpus's known_failures.txt with the dialogues failing now",
    )
    args = parser.parse_args()
    if args.write_known_failures and args.k:
        parser.error("--write-known-failures needs the whole corpus (no -k)")
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    dialogues = [d for d in load_dialogues(args.corpus) if args.k in d.id or args.k == d.section]
    if not dialogues:
        print(f"no dialogue matches {args.k!r}")
        return 1
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, Line.start() as line:
        url = f"sqlite:///{Path(folder) / 'dialogues.db'}"
        engine = create_db_engine(url)
        SQLModel.metadata.create_all(engine)
        try:
            for dialogue in dialogues:
                outcomes.append(play(dialogue, line, engine, url))
                print("." if outcomes[-1].passed else "F", end="", flush=True)
        finally:
            engine.dispose()
    elapsed = time.perf_counter() - started
    print()
    print(f"\nmain: {_commit()}")
    print(f"{len(outcomes)} dialogues in {elapsed:.1f} s\n")
    print(f"{'all':<10} {_rate(outcomes)}")
    by_section: dict[str, list[Outcome]] = defaultdict(list)
    by_language: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_section[outcome.dialogue.section].append(outcome)
        by_language[outcome.dialogue.lang].append(outcome)
    print()
    for section in SECTIONS:
        if by_section[section]:
            print(f"§ {section:<8} {_rate(by_section[section])}")
    print()
    for language in LANGUAGES:
        if by_language[language]:
            print(f"{language:<10} {_rate(by_language[language])}")
    failing = [o for o in outcomes if not o.passed]
    if failing:
        print(f"\n{len(failing)} failing:\n")
    for outcome in failing:
        text = outcome.report()
        if not args.transcripts:
            text = text.split("\n  transcript:")[0]
        print(text + "\n")
    if args.write_known_failures:
        header = (
            "# Dialogues that do not pass yet: pytest marks them xfail(strict=False).\n"
            "# Written by `python bench/dialogues.py --write-known-failures`;\n"
            "# shrink it as they pass.\n"
        )
        known = load_world(args.corpus).known_failures
        known.write_text(header + "".join(f"{o.dialogue.id}\n" for o in failing))
        print(f"wrote {known} ({len(failing)} ids)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
