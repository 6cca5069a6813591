"""The adaptive rate against a provider with a real limit below the ceiling (issue 18, goal 5).

    python bench/real_limit.py [--ceiling 1000] [--limit 900] [--seconds 5]

One `SendBudget` (a fresh SQLite file) and 50 senders, as the worker uses it: each takes a
slot, "sends" (2 ms), and the provider takes the message while it took fewer than `--limit` in
the last second (a sliding window), else refuses it for throughput; a refused message is sent
again at once after `budget.refused()`, as the worker does. Prints the messages delivered a
second (the limit is the most there can be) and the share of sends refused. Real time, bounded
by `--seconds`; no network.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import deque
from pathlib import Path

from sqlmodel import SQLModel

import bot.db.models  # noqa: F401  (registers every table)
from bot.db.engine import create_db_engine
from bot.outbound.budget import SendBudget

SENDERS = 50
SEND_SECONDS = 0.002


async def run(ceiling: float, limit: float, seconds: float) -> tuple[int, int, float]:
    """Messages delivered, sends refused, seconds taken."""
    engine = create_db_engine(f"sqlite:///{Path(tempfile.mkdtemp()) / 'rate.db'}")
    SQLModel.metadata.create_all(engine)
    budget = SendBudget(engine, "meta:bench", ceiling, holder="bench")
    taken: deque[float] = deque()
    delivered = refused = 0
    start = time.time()

    async def sender() -> None:
        nonlocal delivered, refused
        while time.time() - start < seconds:
            while True:
                await budget.acquire()
                await asyncio.sleep(SEND_SECONDS)
                now = time.time()
                while taken and taken[0] <= now - 1.0:
                    taken.popleft()
                ok = len(taken) < limit
                budget.release(taken=ok)
                if ok:
                    taken.append(now)
                    delivered += 1
                    break
                refused += 1
                await budget.refused()

    await asyncio.gather(*(sender() for _ in range(SENDERS)))
    elapsed = time.time() - start
    engine.dispose()
    return delivered, refused, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ceiling", type=float, default=1000.0)
    parser.add_argument("--limit", type=float, default=900.0)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    delivered, refused, elapsed = asyncio.run(run(args.ceiling, args.limit, args.seconds))
    rate = delivered / elapsed
    print(
        f"ceiling {args.ceiling:g}/s, provider's limit {args.limit:g}/s: {delivered} delivered in "
        f"{elapsed:.2f} s = {rate:,.0f}/s ({rate / args.limit:.2f} of the limit); "
        f"{refused} sends refused ({refused / max(1, delivered + refused):.1%})"
    )


if __name__ == "__main__":
    main()
