"""Fixtures for running the `stockbot` command line as a user would (typer's runner)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.settings import get_settings
from tests.conftest import PG_URL


@pytest.fixture
def cli_url(database_url: str, tmp_path: Path) -> str:
    """On SQLite a file the CLI creates itself (through its migrations); on PostgreSQL the clean
    test database."""
    return database_url if PG_URL else f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, cli_url: str, tmp_path: Path) -> Iterator[CliRunner]:
    """A runner whose commands see `cli_url` and the sandbox provider, and no `.env` file."""
    monkeypatch.chdir(tmp_path)  # no .env file from the developer's tree
    monkeypatch.setenv("DATABASE_URL", cli_url)
    monkeypatch.setenv("WHATSAPP_PROVIDER", "sandbox")
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()
