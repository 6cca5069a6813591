"""intents stays pure: nothing from bot, the database or HTTP; a stable, sorted public API."""

from __future__ import annotations

import subprocess
import sys

import intents


def test_import_loads_no_io_packages() -> None:
    code = (
        "import sys, intents\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'bot', 'sqlmodel', 'httpx',"
        " 'sqlalchemy', 'starlette'})\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


def test_public_api_is_sorted_and_complete() -> None:
    assert intents.__all__ == sorted(intents.__all__)
    assert {"IntentMatcher", "Product", "ParsedIntent", "Intent", "CONFIDENT", "MIDDLING"} <= set(
        intents.__all__
    )
    for name in intents.__all__:
        assert hasattr(intents, name)


def test_score_bands_are_ordered() -> None:
    assert 0 < intents.MIDDLING < intents.CONFIDENT < 1
