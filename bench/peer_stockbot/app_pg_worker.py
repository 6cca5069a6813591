"""stockbot on PostgreSQL, the web process plus one ``stockbot worker`` sending the outbox.

    BOTS=stockbot-pg-worker APP_stockbot_pg_worker=peer_stockbot.app_pg_worker:app

The database as for ``peer_stockbot.app_pg``; the web process runs with
``OUTBOX_WORKER_IN_APP=false`` (stores, processes, queues replies) and one ``stockbot worker``
child process sends them (``BENCH_STOCKBOT_WORKERS`` of them, default 1): the deployment the
README describes for PostgreSQL. The harness counts the worker's CPU with the bot's.
"""

from __future__ import annotations

import os

from peer_stockbot._asgi import build
from peer_stockbot._setup import DEFAULT_PG_URL

_URL = (
    os.environ.get("BENCH_PG_DATABASE_URL", "").strip()
    or os.environ.get("BENCH_DATABASE_URL", "").strip()
    or DEFAULT_PG_URL
)
PREPARED, app = build(_URL, workers=int(os.environ.get("BENCH_STOCKBOT_WORKERS", "1")))
