"""Imported first by every bench script, for `python bench/<name>.py` from anywhere.

Run as a script, a bench's own folder comes first on `sys.path`, where `bench/intents.py` would
shadow the `intents` package: the repository root takes its place.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]
