"""Counts a process's round trips to PostgreSQL, for `bench/round_trips.py` (not for production).

Loaded by Python at start when this folder is on PYTHONPATH and `BENCH_ROUND_TRIPS_FILE` is set;
needs psycopg's pure-Python libpq wrapper (`PSYCOPG_IMPL=python`), whose `PGconn` can be wrapped.
Every request sent outside a pipeline is one round trip (libpq waits for its answer before the
next); in a pipeline, one per sync. Written to the file as JSON every 0.2 s: the round trips,
the statements run prepared, run unprepared (parsed and planned again) and prepared (a
PREPARE: one more round trip), and how many times each statement text was sent.
"""

from __future__ import annotations

import os

_FILE = os.environ.get("BENCH_ROUND_TRIPS_FILE")


def _install(path: str) -> None:
    import json
    import threading
    import time
    from collections import Counter

    from psycopg.pq import pq_ctypes

    counts: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    lock = threading.Lock()
    pgconn = pq_ctypes.PGconn

    def counting(name: str, kind: str, text_at: int | None) -> None:
        original = getattr(pgconn, name)

        def wrapper(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            with lock:
                if kind == "sync" or not self.pipeline_status:
                    counts["round_trips"] += 1
                counts[kind] += 1
                if text_at is not None:
                    texts[bytes(args[text_at]).decode(errors="replace")] += 1
            return original(self, *args, **kwargs)

        setattr(pgconn, name, wrapper)

    counting("send_query", "simple", 0)  # BEGIN, COMMIT, ROLLBACK, DEALLOCATE, SET...
    counting("exec_", "simple", 0)
    counting("send_query_params", "unprepared", 0)
    counting("exec_params", "unprepared", 0)
    counting("send_prepare", "prepare", 1)
    counting("prepare", "prepare", 1)
    counting("send_query_prepared", "prepared", None)
    counting("exec_prepared", "prepared", None)
    counting("pipeline_sync", "sync", None)

    def dump() -> None:
        while True:
            time.sleep(0.2)
            with lock:
                data = {"counts": dict(counts), "texts": dict(texts)}
            with open(path + ".tmp", "w") as handle:
                json.dump(data, handle)
            os.replace(path + ".tmp", path)

    threading.Thread(target=dump, daemon=True).start()


if _FILE:
    _install(_FILE)
