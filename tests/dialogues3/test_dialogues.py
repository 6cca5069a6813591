"""The third held-out corpus of issues 12 and 13 (`tests/dialogues3/*.yaml`), one test each.

Same runner and grammar as `tests/dialogues` (see its README), on another world: the catalogue of
a cosmetics and beauty shop (`catalog.csv`) and the stores and managers of `world.yaml`.
`python bench/dialogues.py --corpus tests/dialogues3` prints its pass rates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.dialogues.corpus import LANGUAGES, SECTIONS, Dialogue, known_failures, load_dialogues
from tests.dialogues.runner import Line
from tests.dialogues.suite import cases, check_dialogue, dialogue_db, line  # noqa: F401

HERE = Path(__file__).parent
DIALOGUES = load_dialogues(HERE)
KNOWN = known_failures(HERE / "known_failures.txt")


@pytest.mark.parametrize("dialogue", cases(DIALOGUES, KNOWN))
def test_dialogue(dialogue: Dialogue, line: Line, dialogue_db: tuple[Engine, str]) -> None:  # noqa: F811
    check_dialogue(dialogue, line, dialogue_db)


def test_known_failures_name_existing_dialogues() -> None:
    assert {d.id for d in DIALOGUES} >= KNOWN


def test_every_section_and_language_is_covered() -> None:
    assert {d.section for d in DIALOGUES} == set(SECTIONS)
    assert {d.lang for d in DIALOGUES} == set(LANGUAGES)
