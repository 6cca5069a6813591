"""One manager writing alone: how long from the webhook to the reply at the Graph API.

    python bench/latency.py [--database-url URL] [-n 200] [--pause 0.05]

The single-client scenario of issue 18 (goal: p50 <= 30 ms, p99 <= 100 ms), on 127.0.0.1 only.
The fake Graph API (`tests/fakes/graph.py`) runs in this process; stockbot's production app runs
in a uvicorn process of its own (one worker, the inbound processor and the outbox worker in it),
prepared by the harness adapter (`bench/peer_stockbot`: migrations, the demo store, managers).

Messages go one at a time: a signed "STOCK RIZ" webhook, then nothing until its reply reached
the fake Graph, then `--pause` of quiet, then the next. Each manager writes `--per-manager`
messages in turn (default 2: a first message, which creates the conversation, then one on an
existing conversation), so Meta's pair rate (3 at once, then one per 6 s to the same number)
never holds a reply back: what is timed is stockbot's own path. The first `--warmup` messages
(other managers) are not counted.

Printed: the reply latency (webhook sent -> the reply's request arriving at the fake Graph) and
the ack latency (webhook sent -> 200), p50 / p90 / p99 / max, and the app process's CPU per
message. PostgreSQL (`--database-url postgresql://...`): a scratch database whose `public`
schema the adapter drops and recreates at the start (loopback only).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import _paths  # noqa: F401  (first: the repository root on sys.path)
import httpx

from bot.settings import normalize_database_url
from tests.bot.inbound.helpers import sign, text_webhook
from tests.bot.webhooks.servers import uvicorn_app
from tests.fakes.graph import FakeGraph

SENDER_BASE = 221_770_000_000  # the adapter registers these numbers as managers
APP_SECRET = "bench-latency-secret"
BODY = "STOCK RIZ"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def app_env(
    graph: FakeGraph, database_url: str, managers: int, *, worker: bool = False
) -> tuple[str, dict[str, str]]:
    env = {
        # The root first: bench/intents.py would hide the `intents` package from a `stockbot
        # worker` child (its sys.path starts with the venv's bin, not the root).
        "PYTHONPATH": os.pathsep.join([str(_paths.ROOT), str(_paths.HERE)]),
        "BENCH_GRAPH_URL": graph.url,
        "BENCH_GRAPH_VERSION": "21.0",
        "BENCH_TOKEN": graph.token,
        "BENCH_PHONE_ID": graph.phone_number_id,
        "BENCH_APP_SECRET": APP_SECRET,
        "BENCH_STOCKBOT_SENDERS": str(managers),
        "BENCH_STOCKBOT_WARMUP_SENDERS": "0",
    }
    if database_url.startswith("postgresql"):
        env["BENCH_PG_DATABASE_URL"] = database_url
        return f"peer_stockbot.app_pg{'_worker' if worker else ''}:app", env
    return "peer_stockbot.app:app", env


def wait_for_reply(graph: FakeGraph, count: int, deadline: float) -> float | None:
    """The arrival time of the `count`-th accepted send, once it came (None: too late)."""
    while time.monotonic() < deadline:
        accepted = graph.accepted
        if len(accepted) >= count:
            return accepted[count - 1].time
        time.sleep(0.0002)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--database-url", default="", help="default: a new SQLite file")
    parser.add_argument("-n", type=int, default=200, help="timed messages")
    parser.add_argument(
        "--worker",
        action="store_true",
        help="PostgreSQL: the replies sent by one `stockbot worker` process, not the app's "
        "(its CPU is not counted)",
    )
    parser.add_argument("--per-manager", type=int, default=2, choices=(1, 2, 3))
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--pause", type=float, default=0.05, help="quiet after each reply (s)")
    parser.add_argument("--timeout", type=float, default=10.0, help="per reply (s)")
    parser.add_argument("--graph-port", type=int, default=0, help="the fake Graph's (0: any)")
    parser.add_argument("--app-port", type=int, default=0, help="the app's (0: any)")
    args = parser.parse_args()
    n = max(1, min(args.n, 5000))
    warmup = max(0, min(args.warmup, 100))
    url = normalize_database_url(args.database_url) if args.database_url else ""
    timed_managers = -(-n // args.per_manager)
    order = [warmup + i % timed_managers for i in range(n)]  # round robin over the managers

    with FakeGraph.start(token="bench-latency-token", port=args.graph_port) as graph:
        app, env = app_env(graph, url, warmup + timed_managers, worker=args.worker)
        options = ["--no-access-log", "--port", str(args.app_port)]  # the last --port wins
        with uvicorn_app(env, app=app, options=options, timeout=120) as running:
            webhook = running.url + "/webhook"
            with httpx.Client(timeout=args.timeout) as client:
                replies: list[float] = []
                acks: list[float] = []
                cpu_before = 0.0
                for i, manager in enumerate([*range(warmup), *order]):
                    if i == warmup:
                        cpu_before = cpu_seconds(running.process.pid)
                    sender = str(SENDER_BASE + manager)
                    body = text_webhook(f"wamid.latency{i:06d}", sender=sender, body=BODY)
                    headers = {"content-type": "application/json", "x-hub-signature-256": ""}
                    headers["x-hub-signature-256"] = sign(body, APP_SECRET)
                    sent = time.time()
                    answer = client.post(webhook, content=body, headers=headers)
                    acked = time.time()
                    if answer.status_code != 200:
                        raise SystemExit(f"webhook {i}: HTTP {answer.status_code}")
                    arrived = wait_for_reply(graph, i + 1, time.monotonic() + args.timeout)
                    if arrived is None:
                        raise SystemExit(f"message {i}: no reply within {args.timeout} s")
                    if i >= warmup:
                        replies.append(arrived - sent)
                        acks.append(acked - sent)
                    time.sleep(args.pause)
                cpu = cpu_seconds(running.process.pid) - cpu_before
            extra = len(graph.accepted) - (warmup + n)

    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(
        f"\n{database}: one manager at a time, {n} messages (+{warmup} warm-up), "
        f"{args.per_manager} per manager, {args.pause * 1000:.0f} ms pause; load average "
        f"{Path('/proc/loadavg').read_text().split()[0]}\n"
    )
    print("| measure | p50 ms | p90 ms | p99 ms | max ms | mean ms |")
    print("|---|---|---|---|---|---|")
    for name, values in (("reply (webhook sent -> reply at Graph)", replies), ("ack", acks)):
        ms = [1000 * v for v in values]
        print(
            f"| {name} | {percentile(ms, 0.5):.1f} | {percentile(ms, 0.9):.1f} "
            f"| {percentile(ms, 0.99):.1f} | {max(ms):.1f} | {statistics.fmean(ms):.1f} |"
        )
    print(f"\napp CPU per message (webhook, processing, send): {1000 * cpu / n:.2f} ms")
    if extra:
        print(f"!! {extra} sends more than messages")


if __name__ == "__main__":
    main()
