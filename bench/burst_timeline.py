"""Where a burst's time goes: the bot's CPU per thread and the replies at the fake Graph, by 0.1 s.

    python bench/burst_timeline.py [--match peer_stockbot.app:app] [--seconds 60] &
    SCENARIOS=base BOTS=stockbot bash bench/e2e.sh

Waits for the uvicorn process whose command line holds `--match`, then every 10 ms reads each of
its threads' CPU time (`/proc/<pid>/task/*/stat`), and every 0.3 s the replies the fake Graph
accepted so far (`GET /_replies`, the harness's fake on `--graph`), until the process ends or
`--seconds` pass. Prints, for each 0.1 s with any activity: the process's CPU (100 % = one
core), the replies accepted, and the busiest threads; then the last timed reply's distance to
the end of processing (the last 0.1 s in which a thread other than the busiest overall, the
event loop's, used more than half of it).

What it showed (issue 18, sixteenth round): the replies of a burst went out at 350–600/s while
the processor ran (the event loop gets the interpreter only between the processor's slices), and
the backlog then drained at the rate ceiling (1,000/s) with the core half idle.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import urllib.request
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
Threads = dict[str, tuple[str, int]]  # thread id: its name, its CPU ticks so far
BIN = 0.1


def find(match: str) -> int:
    """The pid of the uvicorn process whose command line holds `match` (waits for it)."""
    while True:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if match in command and "uvicorn" in command and "burst_timeline" not in command:
                return int(entry.name)
        time.sleep(0.05)


def threads(pid: int) -> Threads:
    """Each thread's id: its name and CPU ticks (user + system) so far."""
    seen: Threads = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            name = (task / "comm").read_text().strip()
        except OSError:
            continue
        seen[task.name] = (name, int(fields[11]) + int(fields[12]))
    return seen


def replies(graph: str) -> list[float] | None:
    try:
        with urllib.request.urlopen(f"{graph}/_replies", timeout=1) as answer:
            return [float(ts) for ts, _ in json.loads(answer.read())]
    except (OSError, ValueError):
        return None


def sample(pid: int, graph: str, seconds: float) -> tuple[list[tuple[float, Threads]], list[float]]:
    rows: list[tuple[float, Threads]] = []
    accepted: list[float] = []
    started = polled = time.time()
    while time.time() - started < seconds and Path(f"/proc/{pid}").exists():
        now = time.time()
        try:
            rows.append((now, threads(pid)))
        except OSError:
            break
        if now - polled > 0.3:
            polled = now
            accepted = replies(graph) or accepted
        time.sleep(0.01)
    return rows, accepted


def report(rows: list[tuple[float, Threads]], accepted: list[float], timed: int) -> None:
    if len(rows) < 2:
        print("no samples")
        return
    start = rows[0][0]
    cpu: dict[int, dict[str, float]] = {}
    per_thread: dict[str, float] = {}
    for (_, before), (moment, after) in zip(rows, rows[1:], strict=False):
        bucket = cpu.setdefault(int((moment - start) / BIN), {})
        for tid, (name, ticks) in after.items():
            if tid in before:
                spent = (ticks - before[tid][1]) / TICKS
                if spent:
                    key = f"{name}:{tid}"
                    bucket[key] = bucket.get(key, 0.0) + spent
                    per_thread[key] = per_thread.get(key, 0.0) + spent
    sent: dict[int, int] = {}
    for ts in accepted:
        sent[int((ts - start) / BIN)] = sent.get(int((ts - start) / BIN), 0) + 1
    loop = max(per_thread, key=per_thread.__getitem__) if per_thread else ""
    print(f"{'s':>6} {'CPU':>5} {'replies':>7}  busiest threads (% of a core; loop = {loop})")
    for slot in sorted(set(cpu) | set(sent)):
        by_thread = cpu.get(slot, {})
        total = sum(by_thread.values())
        if total < 0.005 and not sent.get(slot):
            continue
        busiest = sorted(by_thread.items(), key=lambda item: -item[1])[:4]
        named = " ".join(f"{k}:{100 * v / BIN:.0f}" for k, v in busiest)
        print(f"{slot * BIN:6.1f} {100 * total / BIN:4.0f}% {sent.get(slot, 0):7d}  {named}")
    last = sorted(accepted)[-timed:]
    if not last:
        return
    processing = [
        s for s, used in cpu.items() if sum(v for k, v in used.items() if k != loop) > BIN / 2
    ]
    if processing:
        end = start + (max(processing) + 1) * BIN
        late = sum(1 for ts in last if ts > end)
        print(
            f"last {len(last)} replies: {last[-1] - last[0]:.2f} s from first to last; "
            f"{max(last[-1] - end, 0):.2f} s and {late} replies after the end of processing"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--match", default="peer_stockbot.app:app")
    parser.add_argument("--graph", default="http://127.0.0.1:18580")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--timed", type=int, default=1000, help="the burst's replies (N)")
    args = parser.parse_args()
    rows, accepted = sample(find(args.match), args.graph, args.seconds)
    report(rows, accepted, args.timed)


if __name__ == "__main__":
    main()
