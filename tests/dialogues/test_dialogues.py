"""The acceptance dialogues of issues 12 and 13 (`tests/dialogues/*.yaml`), one test each.

Each dialogue is played through signed Meta webhooks, the inbound processor, the outbox worker and
the fake Graph API (`tests/dialogues/runner.py`). Those listed in `known_failures.txt` are
expected to fail (`xfail`, not strict): one the bot gets right shows as XPASS, and its line can go.
`python bench/dialogues.py` prints the pass rates and, for each failing dialogue, the step, what was
expected and what the bot answered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import SQLModel

from bot.db.engine import create_db_engine
from tests.conftest import PG_URL
from tests.dialogues.corpus import LANGUAGES, SECTIONS, Dialogue, known_failures, load_dialogues
from tests.dialogues.runner import Line, play

DIALOGUES = load_dialogues()
KNOWN = known_failures()


@pytest.fixture(scope="module")
def line() -> Iterator[Line]:
    with Line.start() as started:
        yield started


@pytest.fixture(scope="module")
def dialogue_db(
    tmp_path_factory: pytest.TempPathFactory, _pg_engine: Engine | None
) -> Iterator[tuple[Engine, str]]:
    """One database for the module (emptied before each dialogue): PostgreSQL when the suite runs
    on it, else a SQLite file."""
    if _pg_engine is not None:
        yield _pg_engine, PG_URL
        return
    url = f"sqlite:///{tmp_path_factory.mktemp('dialogues') / 'dialogues.db'}"
    engine = create_db_engine(url)
    SQLModel.metadata.create_all(engine)
    yield engine, url
    engine.dispose()


def _case(dialogue: Dialogue) -> Any:
    marks = []
    if dialogue.id in KNOWN:
        reason = "does not pass yet (tests/dialogues/known_failures.txt)"
        marks.append(pytest.mark.xfail(strict=False, reason=reason))
    return pytest.param(dialogue, id=dialogue.id, marks=marks)


@pytest.mark.parametrize("dialogue", [_case(d) for d in DIALOGUES])
def test_dialogue(dialogue: Dialogue, line: Line, dialogue_db: tuple[Engine, str]) -> None:
    engine, url = dialogue_db
    outcome = play(dialogue, line, engine, url)
    if not outcome.passed:
        pytest.fail(outcome.report(), pytrace=False)


def test_known_failures_name_existing_dialogues() -> None:
    assert {d.id for d in DIALOGUES} >= KNOWN


def test_every_section_and_language_is_covered() -> None:
    assert {d.section for d in DIALOGUES} == set(SECTIONS)
    assert {d.lang for d in DIALOGUES} == set(LANGUAGES)
