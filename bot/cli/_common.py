"""What every command shares: settings, an up-to-date database, clean error exits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy import Engine

from bot.db.engine import get_engine, upgrade_schema
from bot.errors import StockbotError
from bot.logs import configure_logging
from bot.settings import Settings, get_settings


def load() -> Settings:
    """Settings from the environment, or exit 2 with the message naming the variable."""
    try:
        settings = get_settings()
    except StockbotError as exc:
        typer.echo(f"Erreur de configuration : {exc}", err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log_level, settings.log_format)
    return settings


def ready_engine(settings: Settings) -> Engine:
    """The engine, with an embedded SQLite schema brought up to date first (no manual step)."""
    if settings.is_sqlite:
        upgrade_schema(settings.database_url)
    return get_engine(settings.database_url)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn stockbot's own errors into a one-line message and exit code 1."""
    try:
        yield
    except StockbotError as exc:
        typer.echo(f"Erreur : {exc}", err=True)
        raise typer.Exit(1) from None
