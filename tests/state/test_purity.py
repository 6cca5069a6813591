"""`state` is pure: importing it loads no bot code, no database layer, no HTTP client."""

from __future__ import annotations

import subprocess
import sys


def test_state_imports_no_io_modules() -> None:
    code = (
        "import sys, state, state.step\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'bot', 'sqlmodel', 'sqlalchemy', 'httpx', 'starlette'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
