"""Instructions a message of each in-process stage (ingest, process, outbox), by callgrind.

    PYTHONHASHSEED=0 python bench/instructions.py [--database-url URL] [-n 300] [--warm 60]
        [--rounds 3] [--products 0]

Runs itself under `valgrind --tool=callgrind` with the instrumentation off, and switches it on
only around each stage of `bench/stages.py` (callgrind's client requests, from a small C helper
built with the system's compiler and loaded with `ctypes`), so that setting up, building the
deliveries and the warm-up are not counted. Instruction counts do not move with the machine's
load: what a change saves shows in one run, where wall or CPU time on a shared machine would
need many.

The warm-up: `--warm` messages from other managers go through every stage first, uncounted (the
first matcher build, the pace read, each statement's first compilation). Then, `--rounds`
times, N messages of new managers go through ingest, process and outbox, each stage counted
alone (all threads); the table gives each stage's median round and every round. The outbox's
timing (marks and outcomes gathered while sends wait for their slots) follows the clock, which
valgrind slows: its count moves from round to round with the transactions it made (printed
beside it), where ingest and process repeat within a fraction of a per cent.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _paths  # noqa: F401  (first: the repository root on sys.path)

HELPER = r"""
#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void cg_stop(const char *name) { CALLGRIND_STOP_INSTRUMENTATION; CALLGRIND_DUMP_STATS_AT(name); }
"""
STAGES = ("ingest", "process", "outbox")


def build_helper(folder: Path) -> Path:
    source, library = folder / "cg.c", folder / "cg.so"
    source.write_text(HELPER)
    subprocess.run(["gcc", "-shared", "-fPIC", "-O1", "-o", str(library), str(source)], check=True)
    return library


def inner(args: argparse.Namespace) -> None:
    """Under valgrind: the stages, each counted alone."""
    from sqlalchemy import event, func, select

    sys.path.append(str(_paths.HERE))  # after the root: `bench/intents.py` shadows nothing
    import stages

    from bot.db.engine import create_db_engine
    from bot.db.models import OutboundMessage
    from bot.inbound.ingest import _Job, commit_group
    from bot.inbound.meta import loads, parse_webhook
    from bot.settings import normalize_database_url
    from tests.bot.inbound.helpers import text_webhook

    cg = ctypes.CDLL(args.helper)
    scratch = tempfile.TemporaryDirectory()
    url = normalize_database_url(args.database_url or f"sqlite:///{scratch.name}/bench.db")
    engine = create_db_engine(url)
    settings = stages.settings_for(url, "http://127.0.0.1:9/v21.0")
    phones = stages.senders(args.warm + args.rounds * args.n)
    stages.prepare(engine, settings, phones, extra=args.products)
    now = int(time.time())
    bodies = [
        text_webhook(
            f"wamid.cg{i:08d}",
            sender=p,
            body="STOCK RIZ",
            timestamp=now,
            phone_number_id=stages.PHONE_ID,
        )
        for i, p in enumerate(phones)
    ]

    def ingest(part: list[bytes]) -> None:
        loop = asyncio.new_event_loop()
        try:
            for start in range(0, len(part), stages.GROUP):
                jobs = [
                    _Job(
                        parse_webhook(loads(b), phone_number_id=stages.PHONE_ID),
                        b,
                        loop.create_future(),
                    )
                    for b in part[start : start + stages.GROUP]
                ]
                for outcome in commit_group(engine, jobs):
                    if isinstance(outcome, BaseException):
                        raise outcome
        finally:
            loop.close()

    def queued() -> int:
        with engine.connect() as connection:
            return int(
                connection.execute(select(func.count()).select_from(OutboundMessage)).scalar() or 0
            )

    deadline = time.monotonic() + 3600
    counts = {"commits": 0, "statements": 0}

    def commit(*_: object) -> None:
        counts["commits"] += 1

    def statement(*_: object) -> None:
        counts["statements"] += 1

    event.listen(engine, "commit", commit)
    event.listen(engine, "before_cursor_execute", statement)
    written: list[str] = []
    parts = [(0, bodies[: args.warm])] + [
        (r + 1, bodies[args.warm + r * args.n : args.warm + (r + 1) * args.n])
        for r in range(args.rounds)
    ]
    for counted, part in parts:
        n = len(part)
        before = queued()
        runs = {
            "ingest": lambda part=part: ingest(part),
            "process": lambda n=n: stages.process(engine, settings, n, deadline),
            "outbox": lambda: stages.outbox(engine, settings, 3600),
        }
        for name in STAGES:
            if counted:
                counts.update(commits=0, statements=0)
                cg.cg_start()
            result = runs[name]()
            if counted:
                cg.cg_stop(f"{name}.{counted}".encode())
                written.append(f"{name}.{counted} {counts['commits']} {counts['statements']}")
            if name == "outbox" and result != queued() - before:
                raise SystemExit(f"outbox: {result} sent of {queued() - before} queued")
    engine.dispose()
    scratch.cleanup()
    Path(args.helper).with_name("counts.txt").write_text("\n".join(written))


def totals(folder: Path) -> dict[str, int]:
    """Each dump's total instructions, by the stage and round named in its trigger."""
    found: dict[str, int] = {}
    for dump in sorted(folder.glob("cg.out*")):
        text = dump.read_text(errors="replace")
        name = re.search(r"^desc: Trigger: Client Request: (\S+)", text, re.M)
        total = re.search(r"^totals: (\d+)", text, re.M)
        if name and total:
            found[name.group(1)] = int(total.group(1))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--database-url", default="")
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--warm", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3, help="counted rounds of N (median)")
    parser.add_argument(
        "--products", type=int, default=0, help="generated products beside the demo's (≤ 3,888)"
    )
    parser.add_argument("--helper", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.helper:
        inner(args)
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        helper = build_helper(folder)
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={folder}/cg.out",
            sys.executable,
            __file__,
            "-n",
            str(args.n),
            "--warm",
            str(args.warm),
            "--rounds",
            str(args.rounds),
            "--products",
            str(args.products),
            "--helper",
            str(helper),
        ]
        if args.database_url:
            command += ["--database-url", args.database_url]
        env = {**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}
        subprocess.run(command, check=True, env=env, stderr=subprocess.DEVNULL)
        found = totals(folder)
        counts = {
            name: (int(commits), int(statements))
            for name, commits, statements in (
                line.split() for line in (folder / "counts.txt").read_text().splitlines()
            )
        }
    rounds = range(1, args.rounds + 1)
    print(
        f"instructions a message (N={args.n}, {args.rounds} rounds: the median, and each; "
        f"after {args.warm} uncounted)\n"
    )
    print("| stage | instructions a message | each round | transactions a message | statements |")
    print("|---|---|---|---|---|")
    total = 0.0
    for name in STAGES:
        each = [found.get(f"{name}.{r}", 0) / args.n for r in rounds]
        commits = statistics.median(counts.get(f"{name}.{r}", (0, 0))[0] for r in rounds)
        statements = statistics.median(counts.get(f"{name}.{r}", (0, 0))[1] for r in rounds)
        total += statistics.median(each)
        print(
            f"| {name} | {statistics.median(each):,.0f} | {', '.join(f'{e:,.0f}' for e in each)} "
            f"| {commits / args.n:.3f} | {statements / args.n:.3f} |"
        )
    print(f"| **all** | {total:,.0f} | | | |")


if __name__ == "__main__":
    main()
