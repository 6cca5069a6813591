"""The ASGI side of the adapter: prepare the database, then serve stockbot's own app."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from peer_stockbot._setup import Prepared, prepare, remove_run_dir

HARNESS_PATH = "/webhook"

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class HarnessPath:
    """Passes every ASGI event (lifespan included) to stockbot's app; a request for the
    harness's ``/webhook`` reaches it as stockbot's ``/webhooks/whatsapp``. Nothing else
    changes: ``/healthz`` and the rest of stockbot's paths answer as usual."""

    def __init__(
        self,
        inner: Any,
        *,
        public: str,
        target: str,
        on_shutdown: Callable[[], None] | None = None,
    ) -> None:
        self.inner = inner
        self.public = public
        self.target = target
        self.target_raw = target.encode()
        self.on_shutdown = on_shutdown

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in (self.public, self.public + "/"):
            scope = {**scope, "path": self.target, "raw_path": self.target_raw}
        elif scope["type"] == "lifespan" and self.on_shutdown is not None:
            send = self._after_shutdown(send)
        await self.inner(scope, receive, send)

    def _after_shutdown(self, send: Send) -> Send:
        """``send`` that runs ``on_shutdown`` once stockbot's own shutdown is over."""
        done = self.on_shutdown
        assert done is not None

        async def forward(message: dict[str, Any]) -> None:
            if message["type"] in ("lifespan.shutdown.complete", "lifespan.shutdown.failed"):
                done()
            await send(message)

        return forward


def build(database_url: str | None = None, *, workers: int = 0) -> tuple[Prepared, HarnessPath]:
    """Prepare this start's database, then import stockbot's production app (``bot.app:app``,
    which reads its settings at import time, hence the order) and wrap it.

    ``workers``: that many ``stockbot worker`` processes send the outbox instead of the web
    process (``OUTBOX_WORKER_IN_APP=false``), started as children of this one so that the
    harness counts their CPU with the bot's, and stopped with it."""
    prepared = prepare(database_url, worker_in_app=workers == 0)
    from bot.app import app as stockbot_app
    from bot.webhooks.meta import PATH

    children = [start_worker() for _ in range(workers)] if prepared.owner else []

    def shutdown() -> None:
        stop_workers(children)
        remove_run_dir(prepared)

    wrapped = HarnessPath(stockbot_app, public=HARNESS_PATH, target=PATH, on_shutdown=shutdown)
    return prepared, wrapped


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """The worker gets SIGTERM when the bot process dies, even by SIGKILL (Linux prctl)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_worker() -> subprocess.Popen[bytes]:
    """``stockbot worker`` (the CLI of the venv this runs in) with this process's settings."""
    cli = Path(sys.executable).with_name("stockbot")
    return subprocess.Popen([str(cli), "worker"], env=dict(os.environ), preexec_fn=_die_with_parent)


def stop_workers(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
