"""`stockbot db upgrade`."""

from __future__ import annotations

import typer

from bot.cli._common import load, user_errors
from bot.db.engine import upgrade_schema

app = typer.Typer(help="Schéma de la base de données.", no_args_is_help=True)


@app.command("upgrade")
def upgrade() -> None:
    """Met le schéma à jour (alembic upgrade head sur DATABASE_URL)."""
    settings = load()
    with user_errors():
        upgrade_schema(settings.database_url)
    typer.echo("Schéma à jour.")
