"""What the test modules of the dialogue corpora share: the fixtures and the tests.

A corpus's test module (`tests/dialogues/test_dialogues.py`, `tests/dialogues2/...`) subclasses
`CorpusTests` with its folder and imports the fixtures: one test per dialogue, those listed in its
`known_failures.txt` expected to fail (`xfail`, not strict, so one the bot gets right shows as
XPASS and its line can go), and the checks of the corpus itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import pytest
from sqlalchemy import Engine
from sqlmodel import SQLModel

from bot.db.engine import create_db_engine
from tests.conftest import PG_URL
from tests.dialogues.corpus import LANGUAGES, SECTIONS, Dialogue, known_failures, load_dialogues
from tests.dialogues.runner import Line, play


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


def cases(dialogues: list[Dialogue], known: set[str]) -> list[Any]:
    params = []
    for dialogue in dialogues:
        marks = []
        if dialogue.id in known:
            reason = f"does not pass yet ({dialogue.world.known_failures.name} of its corpus)"
            marks.append(pytest.mark.xfail(strict=False, reason=reason))
        params.append(pytest.param(dialogue, id=dialogue.id, marks=marks))
    return params


def check_dialogue(dialogue: Dialogue, line: Line, dialogue_db: tuple[Engine, str]) -> None:
    engine, url = dialogue_db
    outcome = play(dialogue, line, engine, url)
    if not outcome.passed:
        pytest.fail(outcome.report(), pytrace=False)


@cache
def _corpus(folder: Path) -> tuple[list[Dialogue], set[str]]:
    return load_dialogues(folder), known_failures(folder / "known_failures.txt")


class CorpusTests:
    """The tests of the corpus in `folder` (a subclass per corpus sets it)."""

    folder: ClassVar[Path]

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "dialogue" in metafunc.fixturenames:
            metafunc.parametrize("dialogue", cases(*_corpus(self.folder)))

    def test_dialogue(
        self, dialogue: Dialogue, line: Line, dialogue_db: tuple[Engine, str]
    ) -> None:
        check_dialogue(dialogue, line, dialogue_db)

    def test_known_failures_name_existing_dialogues(self) -> None:
        dialogues, known = _corpus(self.folder)
        assert {d.id for d in dialogues} >= known

    def test_every_section_and_language_is_covered(self) -> None:
        dialogues, _ = _corpus(self.folder)
        assert {d.section for d in dialogues} == set(SECTIONS)
        assert {d.lang for d in dialogues} == set(LANGUAGES)
