"""The real app in a uvicorn subprocess on 127.0.0.1 (port 0), for multi-process tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from starlette.applications import Starlette

ROOT = Path(__file__).resolve().parents[3]
_LISTENING = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")


@dataclass(frozen=True)
class RunningApp:
    url: str
    process: subprocess.Popen[bytes]


def ack_only_app() -> Starlette:
    """For `uvicorn --factory`: the app with its background loops off, so what it acknowledges
    stays unprocessed until another process takes it."""
    from bot.app import create_app

    return create_app(run_background=False)


@contextmanager
def uvicorn_app(
    env: dict[str, str],
    *,
    app: str = "bot.app:app",
    factory: bool = False,
    options: Sequence[str] = (),
    timeout: float = 30,
) -> Iterator[RunningApp]:
    """Run `app` with `env` added to the environment (and uvicorn `options`); yields its base
    URL and process. The benchmarks use it too."""
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", "0"]
    command += [*options, "--factory"] if factory else options
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **env},
            stderr=log,
            stdout=subprocess.DEVNULL,
        )
        try:
            yield RunningApp(f"http://127.0.0.1:{_wait_for_port(process, log, timeout)}", process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_port(process: subprocess.Popen[bytes], log: IO[str], timeout: float) -> int:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        log.seek(0)
        text = log.read()
        if match := _LISTENING.search(text):
            return int(match.group(1))
        if process.poll() is not None:
            break
        time.sleep(0.05)
    raise RuntimeError("uvicorn did not start:\n" + text[-2000:])
