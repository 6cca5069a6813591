"""The real app in a uvicorn subprocess on 127.0.0.1 (port 0), for multi-process tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[3]
_LISTENING = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")


@contextmanager
def uvicorn_app(env: dict[str, str], *, timeout: float = 30) -> Iterator[str]:
    """Run `bot.app:app` with `env` added to the environment; yields its base URL."""
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bot.app:app", "--host", "127.0.0.1", "--port", "0"],
            cwd=ROOT,
            env={**os.environ, **env},
            stderr=log,
            stdout=subprocess.DEVNULL,
        )
        try:
            yield f"http://127.0.0.1:{_wait_for_port(process, log, timeout)}"
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
