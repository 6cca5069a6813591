"""What every command shares: settings, an up-to-date database, clean error exits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy import Engine

from bot.cli.i18n import cli_language
from bot.db.engine import get_engine, missing_database, upgrade_schema
from bot.errors import StockbotError
from bot.logs import configure_logging
from bot.settings import Settings, get_settings
from bot.settings_messages import configuration_message

# The most rows a listing's `--limit` may ask for: a bigger number is no use in a terminal, and
# past 2**63 the database cannot even read it.
MAX_LIMIT = 100_000


def load() -> Settings:
    """Settings from the environment, or exit 2 with the message naming the variable."""
    try:
        settings = get_settings()
    except StockbotError as exc:
        language = cli_language()
        label = "Configuration error:" if language == "en" else "Erreur de configuration :"
        typer.echo(f"{label} {configuration_message(str(exc), language)}", err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log_level, settings.log_format, settings.default_region)
    return settings


def ready_engine(settings: Settings) -> Engine:
    """The engine, with an embedded SQLite schema brought up to date first (no manual step).

    With DATABASE_URL unset and no `stockbot.db` where the command runs, says that a new,
    empty database is being created there (the usual mistake: running from another folder).
    """
    if settings.is_sqlite:
        warn_new_database(settings)
        upgrade_schema(settings.database_url)
    return get_engine(settings.database_url)


def warn_new_database(settings: Settings) -> None:
    if "database_url" in settings.model_fields_set:
        return
    path = missing_database(settings.database_url)
    if path is not None:
        typer.echo(
            f"Attention : pas de base dans ce dossier, une base vide est créée : {path}\n"
            "(lancez stockbot depuis le dossier de votre stockbot.db, "
            "ou indiquez-la avec DATABASE_URL)",
            err=True,
        )


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn stockbot's own errors into a one-line message and exit code 1."""
    try:
        yield
    except StockbotError as exc:
        typer.echo(f"Erreur : {exc}", err=True)
        raise typer.Exit(1) from None
