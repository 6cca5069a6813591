"""One engine per database: a relative SQLite file is the one of the folder it is asked from."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.db.engine import get_engine


def test_a_relative_sqlite_file_is_the_one_where_it_is_asked_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stockbot.db` asked for from two folders is two databases (the engine of the first folder
    was handed out for the second: a new database there was migrated, then read empty)."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    monkeypatch.chdir(first)
    in_first = get_engine("sqlite:///stockbot.db")
    monkeypatch.chdir(second)
    in_second = get_engine("sqlite:///stockbot.db")
    assert in_first is not in_second
    assert in_second.url.database == str(second / "stockbot.db")
    assert get_engine("sqlite:///stockbot.db") is in_second  # still one engine per database
    assert get_engine(f"sqlite:///{second / 'stockbot.db'}") is in_second
