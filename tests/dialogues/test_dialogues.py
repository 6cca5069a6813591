"""The acceptance dialogues of issues 12 and 13 (`tests/dialogues/*.yaml`), one test each.

Each dialogue is played through signed Meta webhooks, the inbound processor, the outbox worker and
the fake Graph API (`tests/dialogues/runner.py`). Those listed in `known_failures.txt` are
expected to fail (`xfail`, not strict): one the bot gets right shows as XPASS, and its line can go.
`python bench/dialogues.py` prints the pass rates and, for each failing dialogue, the step, what was
expected and what the bot answered.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from tests.dialogues.corpus import LANGUAGES, SECTIONS, Dialogue, known_failures, load_dialogues
from tests.dialogues.runner import Line
from tests.dialogues.suite import cases, check_dialogue, dialogue_db, line  # noqa: F401

DIALOGUES = load_dialogues()
KNOWN = known_failures()


@pytest.mark.parametrize("dialogue", cases(DIALOGUES, KNOWN))
def test_dialogue(dialogue: Dialogue, line: Line, dialogue_db: tuple[Engine, str]) -> None:  # noqa: F811
    check_dialogue(dialogue, line, dialogue_db)


def test_known_failures_name_existing_dialogues() -> None:
    assert {d.id for d in DIALOGUES} >= KNOWN


def test_every_section_and_language_is_covered() -> None:
    assert {d.section for d in DIALOGUES} == set(SECTIONS)
    assert {d.lang for d in DIALOGUES} == set(LANGUAGES)
