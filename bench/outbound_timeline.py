"""Where the worker's rate goes at 1,000/s: a timeline of one run (issue 18, goal 6).

    python bench/outbound_timeline.py [--database-url URL] [--messages 6000] [--runs 3]
                                      [--gaps] [--late-alone SECONDS]

Runs `bench/outbound.py`'s worker phase at 1,000/s with the worker's methods wrapped (nothing in
`bot/` changes) and prints, for each run: the count of each second at the fake Graph; the slots
the budget received, took, gave up as too late when taking them (`_take`), and took but did not
use (`acquire` went round again); runs of slots handed over earlier than one already held; how
late sends started after their slot; the worker's GC pauses and event-loop lags (a 1 ms probe),
and the fake Graph's GC pauses and stalls (a thread waking every ms, in its process); the
database calls' counts and times. With `--gaps`, every gap over 10 ms between two arrivals at the
fake Graph, with what the worker was doing around it. With `--freeze`, `gc.freeze()` first: the
objects loaded before the runs are no longer scanned by the worker's full collections.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any

import _paths  # noqa: F401  (first: the repository root on sys.path)
from sqlalchemy import Engine
from sqlmodel import SQLModel

from bench import outbound
from bot.db.engine import create_db_engine
from bot.outbound import budget as budget_module
from bot.outbound.budget import SendBudget
from bot.outbound.worker import OutboxWorker
from bot.runtime import tune_collector
from bot.settings import normalize_database_url
from bot.transports.meta import MetaCloudTransport

Event = tuple[float, float, str, str]  # start, end, kind, detail
EVENTS: list[Event] = []
COUNTS = {"added": 0, "taken": 0, "out_of_order": 0}


def note(kind: str, start: float, end: float | None = None, detail: str = "") -> None:
    EVENTS.append((start, start if end is None else end, kind, detail))


def timed(cls: Any, name: str, kind: str, detail: Callable[[tuple[Any, ...]], str]) -> None:
    original = getattr(cls, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.time()
        result = original(*args, **kwargs)
        note(kind, start, time.time(), detail(args))
        return result

    setattr(cls, name, wrapper)


def instrument() -> None:
    timed(OutboxWorker, "_claim", "claim", lambda a: f"limit {a[1]}")
    timed(OutboxWorker, "_mark_in_flight", "mark", lambda a: f"{len(a[1])} rows")
    timed(OutboxWorker, "_record", "record", lambda a: f"{len(a[1])} outcomes")
    timed(SendBudget, "_reserve", "reserve", lambda a: f"{a[1]} slots")
    add, take, acquire = SendBudget._add, SendBudget._take, SendBudget.acquire

    def counted_add(self: SendBudget, count: int, start: float, *rest: Any) -> None:
        COUNTS["added"] += count
        if self._slots and self._slots[-1][0] > start:
            COUNTS["out_of_order"] += 1
        note("slots", start, None, f"{count} slots")
        add(self, count, start, *rest)

    async def counted_take(self: SendBudget) -> tuple[float, float]:
        slot = await take(self)
        COUNTS["taken"] += 1
        return slot

    async def timed_acquire(self: SendBudget) -> None:
        await acquire(self)
        note("acquired", time.time())

    SendBudget._add = counted_add  # type: ignore[method-assign]
    SendBudget._take = counted_take  # type: ignore[method-assign]
    SendBudget.acquire = timed_acquire  # type: ignore[method-assign]
    send = MetaCloudTransport.send

    async def timed_send(self: MetaCloudTransport, *args: Any, **kwargs: Any) -> Any:
        start = time.time()
        try:
            return await send(self, *args, **kwargs)
        finally:
            note("send", start, time.time())

    MetaCloudTransport.send = timed_send  # type: ignore[method-assign]
    began = [0.0]

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.time()
        elif time.time() - began[0] > 0.002:
            note("gc", began[0], time.time(), f"gen{info['generation']}")

    gc.callbacks.append(collected)
    run_worker = outbound.run_worker

    async def probed(*args: Any) -> Any:
        async def probe() -> None:
            last = time.time()
            while True:
                await asyncio.sleep(0.001)
                now = time.time()
                if now - last > 0.008:
                    note("loop lag", last, now)
                last = now

        task = asyncio.create_task(probe())
        try:
            return await run_worker(*args)
        finally:
            task.cancel()

    outbound.run_worker = probed


def graph_process(log: str) -> None:
    """The fake Graph, its GC pauses and stalls written to `log` (a line each)."""
    out = open(log, "a", buffering=1)  # noqa: SIM115  (the process's lifetime)
    began = [0.0]

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.time()
        elif time.time() - began[0] > 0.002:
            out.write(f"{began[0]:.6f} {time.time():.6f} gc gen{info['generation']}\n")

    def probe() -> None:
        last = time.time()
        while True:
            time.sleep(0.001)
            now = time.time()
            if now - last > 0.008:
                out.write(f"{last:.6f} {now:.6f} stall\n")
            last = now

    gc.callbacks.append(collected)
    threading.Thread(target=probe, daemon=True).start()
    from tests.fakes.graph import main

    sys.argv = [sys.argv[0], "--token", outbound.TOKEN]
    main()


def start_graph(log: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--graph-log", log],
        cwd=outbound.ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, f"http://127.0.0.1:{process.stdout.readline().split()[1]}"


def graph_events(log: str) -> list[Event]:
    with open(log) as lines:
        return [
            (float(start), float(end), f"graph {kind}", " ".join(rest))
            for start, end, kind, *rest in (line.split() for line in lines)
        ]


def share(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q))] if values else 0.0


def report(arrivals: list[float], graph: list[Event], gaps: bool) -> None:
    first = arrivals[0]
    seconds = [0] * (int(arrivals[-1] - first) + 1)
    for moment in arrivals:
        seconds[int(moment - first)] += 1
    print(f"  per second at the fake Graph: {seconds}")
    events = sorted(EVENTS + graph)
    acquired = sum(1 for e in events if e[2] == "acquired")
    slots = [e for e in events if e[2] == "slots"]
    left = COUNTS["added"] - COUNTS["taken"]
    print(
        f"  slots received {COUNTS['added']}, taken {COUNTS['taken']}, used {acquired}: "
        f"{COUNTS['taken'] - acquired} taken and not used; {left} not taken (too late when "
        f"reached, or left at the end); {COUNTS['out_of_order']} runs handed over out of order"
    )
    if slots:
        print(f"  slots from +{slots[0][0] - first:.3f} s, {len(slots)} runs")
    for kind in ("gc", "loop lag", "graph gc", "graph stall", "claim", "mark", "record", "reserve"):
        spans = [e[1] - e[0] for e in events if e[2] == kind]
        if spans:
            print(
                f"  {kind}: {len(spans)}, {sum(spans) * 1000:.0f} ms in all, "
                f"longest {max(spans) * 1000:.1f} ms"
            )
    took = sorted(e[1] - e[0] for e in events if e[2] == "send")
    print(
        f"  sends took p50 {share(took, 0.5) * 1000:.1f} ms, p90 {share(took, 0.9) * 1000:.1f}, "
        f"p99 {share(took, 0.99) * 1000:.1f}, longest {took[-1] * 1000:.1f}"
    )
    if not gaps:
        return
    for before, after in zip(arrivals, arrivals[1:], strict=False):
        if after - before <= 0.010:
            continue
        print(f"  gap of {(after - before) * 1000:.1f} ms at +{before - first:.3f} s:")
        for start, end, kind, detail in events:
            if kind not in ("send", "acquired") and end > before - 0.1 and start < after:
                print(
                    f"    {kind} +{start - first:.4f}..+{end - first:.4f} "
                    f"({(end - start) * 1000:.1f} ms) {detail}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    outbound.worker_arguments(parser, messages=6000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gaps", action="store_true")
    parser.add_argument("--late-alone", type=float, default=0.0, help="LATE_ALONE_SECONDS")
    parser.add_argument(
        "--freeze", action="store_true", help="gc.freeze() before the runs (what is loaded)"
    )
    parser.add_argument("--graph-log", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.graph_log:
        graph_process(args.graph_log)
        return
    if args.late_alone:
        budget_module.LATE_ALONE_SECONDS = args.late_alone
    instrument()
    scratch = tempfile.TemporaryDirectory()
    url = normalize_database_url(args.database_url or f"sqlite:///{scratch.name}/bench.db")
    engine: Engine = create_db_engine(url)
    SQLModel.metadata.create_all(engine)
    outbound.clear(engine)
    log = os.path.join(scratch.name, "graph.log")
    graph, base = start_graph(log)
    tune_collector()  # the worker runs in this process: tuned as `stockbot worker` is
    if args.freeze:
        gc.freeze()  # the modules, the engine, the settings: never collected, never scanned
    try:
        for run in range(args.runs):
            EVENTS.clear()
            COUNTS.update(dict.fromkeys(COUNTS, 0))
            open(log, "w").close()  # noqa: SIM115
            offset = 10_000_000 + run * args.messages
            outbound.at_limit(engine, base, url, args, offset)
            ours = {p.lstrip("+") for p in outbound.recipients(args.messages, offset)}
            arrivals = sorted(float(t) for t, to in outbound.records(base) if str(to) in ours)
            report(arrivals, graph_events(log), args.gaps)
    finally:
        graph.terminate()
        graph.wait(timeout=10)
        engine.dispose()
        scratch.cleanup()


if __name__ == "__main__":
    main()
