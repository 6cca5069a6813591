"""What counting a turn costs (`bot.inbound.turns.observe`: the intent and the conversation's
outcome, for `/metrics` and `stockbot usage`): the process stage of `bench/stages.py` with the
observation, and with it replaced by a pass-through, alternated in one run.

    python bench/turn_observation.py [-n 300] [--rounds 5]

N managers each send "STOCK RIZ" once (SQLite, a fresh file per run); prints the median wall
and CPU milliseconds per message of each variant and their ratio.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from typing import Any

import _paths  # first: the repository root on sys.path
from sqlmodel import SQLModel

import bot.inbound.treatment as treatment
from bot.db.engine import create_db_engine

# bench/stages.py, loaded by path (the bench folder is not on sys.path: see _paths).
_spec = importlib.util.spec_from_file_location("bench_stages", _paths.HERE / "stages.py")
assert _spec is not None and _spec.loader is not None
stages = importlib.util.module_from_spec(_spec)
sys.modules["bench_stages"] = stages
_spec.loader.exec_module(stages)


def _passthrough(session: Any, manager: Any, text: Any, run: Any) -> tuple[Any, None]:
    return run(), None


def one(n: int, observed: bool) -> tuple[float, float]:
    """(wall, cpu) milliseconds per message of processing `n` stored messages."""
    directory = tempfile.mkdtemp()
    url = f"sqlite:///{directory}/bench.db"
    engine = create_db_engine(url)
    SQLModel.metadata.create_all(engine)
    settings = stages.settings_for(url, "http://127.0.0.1:9/v21.0")
    phones = stages.senders(n)
    stages.prepare(engine, settings, phones)
    stages.ingest(engine, phones)
    original = treatment.observe
    if not observed:
        treatment.observe = _passthrough  # type: ignore[assignment]
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        stages.process(engine, settings, n, time.monotonic() + 300)
        return (time.perf_counter() - wall) / n * 1000, (time.process_time() - cpu) / n * 1000
    finally:
        treatment.observe = original  # type: ignore[assignment]
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for _ in range(args.rounds):
        for observed in (False, True):
            results[observed].append(one(args.n, observed))
    medians = {
        observed: (
            statistics.median(w for w, _ in runs),
            statistics.median(c for _, c in runs),
        )
        for observed, runs in results.items()
    }
    for observed, (wall, cpu) in medians.items():
        name = "with observation" if observed else "pass-through    "
        print(f"{name}: {wall:.2f} ms wall, {cpu:.2f} ms CPU per message")
    ratio = medians[True][1] / medians[False][1]
    print(f"CPU ratio observed / pass-through: {ratio:.3f}")


if __name__ == "__main__":
    main()
