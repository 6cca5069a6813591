"""Numbers and dates typed to the command line beyond what a date or the database can hold: a
clear message and exit code 2, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from bot.cli import app, main
from bot.settings import get_settings


def _refused(result: Result, expected: str) -> None:
    assert result.exit_code == 2, (result.output, result.exception)
    assert expected in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["purge", "--days", "3000000"], "--days"),
        (["purge", "--days", "999999999999"], "--days"),
        (["outbox", "--limit", "99999999999999999999"], "--limit"),
        (["movements", "--limit", "99999999999999999999"], "--limit"),
        (["usage", "--month", "9999-12"], "mois invalide"),
        (["usage", "--month", "0000-01"], "mois invalide"),
    ],
)
def test_numbers_and_months_out_of_range_are_refused_clearly(
    cli: CliRunner, args: list[str], expected: str
) -> None:
    _refused(cli.invoke(app, args), expected)


def test_a_retention_longer_than_dates_go_is_a_configuration_error(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAW_EVENTS_RETENTION_DAYS", "3000000")
    get_settings.cache_clear()
    _refused(cli.invoke(app, ["purge"]), "RAW_EVENTS_RETENTION_DAYS")


@pytest.mark.parametrize(
    ("content", "url"),
    [
        (b"not a database, a note someone saved as stock.db\n" * 20, "sqlite:///{path}"),
        (b"", "sqlite:////nonexistent-folder/stock.db"),
    ],
)
def test_a_database_file_that_is_none_is_said_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: bytes,
    url: str,
) -> None:
    """DATABASE_URL naming a file that is no SQLite database (a CSV or note renamed .db):
    `sqlite3.DatabaseError: file is not a database` was a traceback."""
    path = tmp_path / "stock.db"
    path.write_bytes(content)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url.format(path=path))
    monkeypatch.setenv("WHATSAPP_PROVIDER", "sandbox")
    monkeypatch.setattr(sys, "argv", ["stockbot", "stock"])
    get_settings.cache_clear()
    with pytest.raises(SystemExit) as exit_info:
        main()
    get_settings.cache_clear()
    err = capsys.readouterr().err
    assert exit_info.value.code == 1
    assert "Erreur : base de données" in err and "(DATABASE_URL)" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
