"""`stockbot token` and `stockbot admin add|list|remove`."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import get_settings


def test_token_prints_a_fresh_long_token(cli: CliRunner) -> None:
    first = cli.invoke(app, ["token"])
    second = cli.invoke(app, ["token"])
    assert first.exit_code == 0
    token = first.output.strip()
    assert len(token) >= 32 and token != second.output.strip()
    assert token.replace("-", "").replace("_", "").isalnum()


def test_token_works_even_when_the_configured_one_is_refused(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADMIN_TOKEN", "7")
    get_settings.cache_clear()
    assert cli.invoke(app, ["token"]).exit_code == 0
    refused = cli.invoke(app, ["stock"])
    assert refused.exit_code == 2
    assert "ADMIN_TOKEN" in refused.output and "stockbot token" in refused.output


def test_admin_users_added_listed_and_removed(cli: CliRunner) -> None:
    added = cli.invoke(
        app, ["admin", "add", "Fatou"], input="mot de passe long\nmot de passe long\n"
    )
    assert added.exit_code == 0, added.output
    assert "fatou" in added.output
    listing = cli.invoke(app, ["admin", "list"])
    assert "fatou" in listing.output and "actif" in listing.output and "jamais" in listing.output
    removed = cli.invoke(app, ["admin", "remove", "fatou"])
    assert removed.exit_code == 0
    assert "désactivé" in cli.invoke(app, ["admin", "list"]).output
    assert cli.invoke(app, ["admin", "remove", "nobody"]).exit_code == 1


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("awa", "court", "trop court"),
        ("admin", "mot de passe long", "réservé"),
        ("a b", "mot de passe long", "invalide"),
    ],
)
def test_admin_add_refuses_bad_input(
    cli: CliRunner, name: str, password: str, message: str
) -> None:
    result = cli.invoke(app, ["admin", "add", name, "--password", password])
    assert result.exit_code == 1 and message in result.output
