"""The webhook's request path alone, in process: CPU per request on the event loop's thread.

    python bench/request_path.py [-n 5000] [-c 50] [--rounds 5] [--profile] [--distinct]
                                 [--phones]

Drives the ASGI apps directly (no sockets, no uvicorn) with the same signed Meta text webhooks
(one message each, from 1,000 senders, unique wamids), `-c` at a time, and times the CPU of the
thread running the event loop per request (`time.thread_time`): the middleware, the routing, the
handler (size and signature checks, JSON parsing, the delivery's events), the group commit's
part on the loop and the response. The commit itself runs in its thread and is not counted (it
is the `ingest` stage of `bench/stages.py`). Two apps in one run, each best of `--rounds`:

1. the bare ceiling (`bench/_ceiling.py`: Starlette, signature check, 200);
2. stockbot's app (`bot.app.create_app` on a fresh SQLite file, background loops off).

`--profile` prints the top functions of stockbot's path (cProfile, one more round).
`--distinct`: every request from a sender never seen before (Senegalese and Ivorian mobiles: a
burst of new senders, as the end-to-end harness sends; the sender cache never hits).
`--phones`: also stockbot with the phone numbers' fast path off (`bot.phone_digits`: every
sender through `phonenumbers`), its rounds alternated with the others'.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import hashlib
import hmac
import importlib.util
import os
import pstats
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import _paths  # noqa: F401  (first: the repository root on sys.path)

from tests.bot.inbound.helpers import text_webhook

SECRET = "bench-app-secret"
PHONE_NUMBER_ID = "106540352249871"
PATH = "/webhooks/whatsapp"

App = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


def request_scope(body: bytes) -> dict[str, Any]:
    """An ASGI scope as uvicorn builds it for the harness's POST."""
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    headers = [
        (b"host", b"127.0.0.1:8201"),
        (b"user-agent", b"Python/3.11 aiohttp/3.9"),
        (b"accept", b"*/*"),
        (b"accept-encoding", b"gzip, deflate"),
        (b"content-type", b"application/json"),
        (b"x-hub-signature-256", b"sha256=" + digest.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "server": ("127.0.0.1", 8201),
        "client": ("127.0.0.1", 40000),
        "scheme": "http",
        "method": "POST",
        "root_path": "",
        "path": PATH,
        "raw_path": PATH.encode(),
        "query_string": b"",
        "headers": headers,
        "state": {},
    }


async def one(app: App, body: bytes) -> int:
    sent = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(request_scope(body), receive, send)
    return status


async def lifespan(app: App) -> Callable[[], Awaitable[None]]:
    """Start the app's lifespan; returns what ends it."""
    to_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    from_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    state: dict[str, Any] = {}
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": state}
    task = asyncio.create_task(app(scope, to_app.get, from_app.put))
    await to_app.put({"type": "lifespan.startup"})
    started = await from_app.get()
    assert started["type"] == "lifespan.startup.complete", started

    async def stop() -> None:
        await to_app.put({"type": "lifespan.shutdown"})
        await from_app.get()
        await task

    return stop


async def drive(app: App, bodies: list[bytes], concurrency: int) -> float:
    """CPU seconds of this thread for all `bodies`, `concurrency` at a time."""
    started = time.thread_time()
    for i in range(0, len(bodies), concurrency):
        statuses = await asyncio.gather(*(one(app, b) for b in bodies[i : i + concurrency]))
        assert all(s == 200 for s in statuses), statuses
    return time.thread_time() - started


_FIRST_NEW_SENDER = [0]


def bodies_for(run: str, n: int, *, distinct: bool = False) -> list[bytes]:
    now = int(time.time())
    first = _FIRST_NEW_SENDER[0]
    _FIRST_NEW_SENDER[0] += n if distinct else 0
    return [
        text_webhook(
            f"wamid.RP{run}{i:07d}",
            sender=_new_sender(first + i) if distinct else str(221770000000 + (i % 1000)),
            timestamp=now,
            phone_number_id=PHONE_NUMBER_ID,
        )
        for i in range(n)
    ]


def _new_sender(i: int) -> str:
    """The `i`th sender never seen: Senegalese mobiles (77…), one in four Ivorian (07…)."""
    if i % 4 == 3:
        return str(2250700000000 + i)
    return str(221770000000 + i)


def stockbot_app(folder: str) -> App:
    from bot.app import create_app
    from bot.settings import load_settings

    settings = load_settings(
        _env_file=None,
        database_url=f"sqlite:///{folder}/bench.db",
        whatsapp_provider="meta",
        whatsapp_app_secret=SECRET,
        whatsapp_api_token="bench-token",
        whatsapp_verify_token="bench-verify",
        whatsapp_phone_number_id=PHONE_NUMBER_ID,
        admin_token="bench-admin-token-0123456789abcdefghij",
        log_level="WARNING",
    )
    return create_app(settings, run_background=False)


def _load_ceiling() -> App:
    """`bench/_ceiling.py`'s app (loaded by path: the bench folder is no package)."""
    spec = importlib.util.spec_from_file_location(
        "_ceiling", Path(__file__).with_name("_ceiling.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app: App = module.app
    return app


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5000)
    parser.add_argument("-c", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--distinct", action="store_true")
    parser.add_argument("--phones", action="store_true")
    args = parser.parse_args()
    os.environ["WHATSAPP_APP_SECRET"] = SECRET
    ceiling = _load_ceiling()

    with tempfile.TemporaryDirectory() as folder:
        apps: list[tuple[str, App]] = [
            ("bare ceiling", ceiling),
            ("stockbot", stockbot_app(folder)),
        ]
        runs: list[tuple[str, App, bool]] = [(name, app, True) for name, app in apps]
        if args.phones:
            runs.append(("stockbot, slow phones", apps[1][1], False))
        stops = [await lifespan(app) for _, app in apps]
        for name, app, fast in runs:
            with phones_fast(fast):
                await drive(app, bodies_for(f"w{name[:2]}", 500, distinct=args.distinct), args.c)
        cpu: dict[str, list[float]] = {name: [] for name, _, _ in runs}
        for r in range(args.rounds):
            for name, app, fast in runs:  # alternated: the box's load shared alike
                bodies = bodies_for(f"{name[:2]}{fast:d}{r}", args.n, distinct=args.distinct)
                with phones_fast(fast):
                    cpu[name].append(await drive(app, bodies, args.c))
        results = {name: min(seconds) / args.n * 1000 for name, seconds in cpu.items()}
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            await drive(apps[1][1], bodies_for("prof", args.n, distinct=args.distinct), args.c)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        for stop in stops:
            await stop()
    print(f"request path, CPU ms per request on the loop's thread (best of {args.rounds}):")
    base = results["bare ceiling"]
    for name, ms in results.items():
        print(f"  {name:22s} {ms:.4f} ms  ({ms / base:.2f}x the bare ceiling)")


@contextlib.contextmanager
def phones_fast(on: bool) -> Iterator[None]:
    """Phone numbers through `bot.phone_digits` (on) or all through `phonenumbers` (off); the
    webhook's sender cache emptied, so that distinct senders are new to each round."""
    from bot import phones
    from bot.inbound import meta

    fast = phones.plain_international
    meta._e164.cache_clear()
    if not on:
        phones.plain_international = lambda digits: None
    try:
        yield
    finally:
        phones.plain_international = fast


if __name__ == "__main__":
    asyncio.run(main())
