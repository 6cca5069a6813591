"""Round trips to PostgreSQL per message, and how many statements ran prepared, in the app.

    python bench/round_trips.py --database-url postgresql://... [-n 1000] [--concurrency 50]

stockbot's production app runs in a uvicorn process of its own, as in `bench/latency.py` (the
fake Graph API in this process, the harness adapter `bench/peer_stockbot` preparing the
database), with psycopg's pure-Python libpq wrapper and a hook (`bench/_round_trips/`) that
counts what the app sends to the server. After `--warmup` messages answered one at a time,
`-n` signed "STOCK RIZ" webhooks from `--managers` managers (round robin) are posted,
`--concurrency` at a time (1: each after the previous one's reply), and counted until every
reply reached the fake Graph API.

Printed per message: round trips (every request libpq waits for: statements, BEGIN, COMMIT,
ROLLBACK, DEALLOCATE, PREPARE), statements run prepared and unprepared, PREPAREs; and how many
distinct statement texts were sent. The counts include whatever the app's loops did meanwhile
(a poll a second when idle). The pure-Python wrapper is slower: time nothing with it.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

import _paths  # noqa: F401  (first: the repository root on sys.path)
import httpx

from bench.latency import APP_SECRET, BODY, SENDER_BASE, app_env, wait_for_reply
from bot.settings import normalize_database_url
from tests.bot.inbound.helpers import sign, text_webhook
from tests.bot.webhooks.servers import uvicorn_app
from tests.fakes.graph import FakeGraph

HOOK = Path(__file__).resolve().parent / "_round_trips"


def snapshot(path: Path) -> tuple[Counter[str], Counter[str]]:
    time.sleep(0.5)  # the hook writes every 0.2 s
    data = json.loads(path.read_text())
    return Counter(data["counts"]), Counter(data["texts"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--database-url", required=True, help="postgresql://... (scratch)")
    parser.add_argument("-n", type=int, default=1000, help="counted messages")
    parser.add_argument("--managers", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=120.0, help="for all the replies (s)")
    args = parser.parse_args()
    url = normalize_database_url(args.database_url)
    if not url.startswith("postgresql"):
        raise SystemExit("PostgreSQL only")
    n, warmup, managers = args.n, args.warmup, max(1, args.managers)

    with TemporaryDirectory() as scratch, FakeGraph.start(token="bench-rt-token") as graph:
        counts_file = Path(scratch) / "counts.json"
        app, env = app_env(graph, url, managers)
        env["PYTHONPATH"] = f"{HOOK}:{env['PYTHONPATH']}"
        env["PSYCOPG_IMPL"] = "python"
        env["BENCH_ROUND_TRIPS_FILE"] = str(counts_file)
        with uvicorn_app(env, app=app, options=["--no-access-log"], timeout=120) as running:
            webhook = running.url + "/webhook"

            def post(client: httpx.Client, i: int) -> None:
                sender = str(SENDER_BASE + i % managers)
                body = text_webhook(f"wamid.rt{i:07d}", sender=sender, body=BODY)
                headers = {"content-type": "application/json"}
                headers["x-hub-signature-256"] = sign(body, APP_SECRET)
                answer = client.post(webhook, content=body, headers=headers)
                if answer.status_code != 200:
                    raise SystemExit(f"webhook {i}: HTTP {answer.status_code}")

            with httpx.Client(timeout=30) as client:
                for i in range(warmup):
                    post(client, i)
                    if wait_for_reply(graph, i + 1, time.monotonic() + 10) is None:
                        raise SystemExit(f"warm-up message {i}: no reply")
                counts_before, texts_before = snapshot(counts_file)
                started = time.monotonic()
                deadline = started + args.timeout
                if args.concurrency <= 1:
                    for i in range(warmup, warmup + n):
                        post(client, i)
                        if wait_for_reply(graph, i + 1, deadline) is None:
                            raise SystemExit(f"message {i}: no reply")
                else:
                    with ThreadPoolExecutor(args.concurrency) as pool:
                        list(pool.map(lambda i: post(client, i), range(warmup, warmup + n)))
                    if wait_for_reply(graph, warmup + n, deadline) is None:
                        raise SystemExit("not every reply came")
                elapsed = time.monotonic() - started
                counts_after, texts_after = snapshot(counts_file)
            extra = len(graph.accepted) - (warmup + n)

    counts = counts_after - counts_before
    texts = texts_after - texts_before
    statements = counts["prepared"] + counts["unprepared"]
    print(
        f"\nPostgreSQL, {n} messages from {managers} managers, {args.concurrency} at a time "
        f"(+{warmup} warm-up), {elapsed:.1f} s; load average "
        f"{Path('/proc/loadavg').read_text().split()[0]}\n"
    )
    print("| per message | round trips | statements | run prepared | PREPARE | other commands |")
    print("|---|---|---|---|---|---|")
    print(
        f"| | {counts['round_trips'] / n:.2f} | {statements / n:.2f} "
        f"| {counts['prepared'] / n:.2f} | {counts['prepare'] / n:.2f} "
        f"| {counts['simple'] / n:.2f} |"
    )
    print(
        f"\nstatements: {statements}, of which {counts['prepared']} run prepared "
        f"({100 * counts['prepared'] / max(1, statements):.0f} %); "
        f"{len(texts)} distinct statement texts sent (unprepared or to PREPARE)"
    )
    queries = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")
    commands = Counter({t: c for t, c in texts.items() if not t.lstrip().startswith(queries)})
    if commands:
        print("commands: " + ", ".join(f"{name} {count}" for name, count in commands.items()))
    if extra:
        print(f"!! {extra} sends more than messages")


if __name__ == "__main__":
    main()
