"""The sixth held-out corpus of issues 12 and 13 (`tests/dialogues6/*.yaml`), one test each.

Same runner and grammar as `tests/dialogues` (see its README), on another world: the catalogue of
an auto and motorbike parts shop in Touba (`catalog.csv`) and the stores and managers of
`world.yaml`.
`python bench/dialogues.py --corpus tests/dialogues6` prints its pass rates.
"""

from __future__ import annotations

from pathlib import Path

from tests.dialogues.suite import CorpusTests, dialogue_db, line  # noqa: F401


class TestCorpus(CorpusTests):
    folder = Path(__file__).parent
