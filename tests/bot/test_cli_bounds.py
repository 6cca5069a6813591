"""Numbers and dates typed to the command line beyond what a date or the database can hold: a
clear message and exit code 2, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import Result
from typer.testing import CliRunner

from bot.cli import app
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
