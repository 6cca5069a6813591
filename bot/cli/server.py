"""`stockbot serve`: the web app under uvicorn, with the limits and read timeouts of bot.serving."""

from __future__ import annotations

import typer

from bot.cli._common import load, ready_engine


def serve(
    host: str = typer.Option("127.0.0.1", help="Adresse d'écoute (0.0.0.0 derrière un proxy)."),
    port: int = typer.Option(8000, envvar="PORT", help="Port HTTP."),
) -> None:
    """Lance le bot (webhooks, API, traitement des messages)."""
    import uvicorn

    from bot.serving import uvicorn_options

    settings = load()
    ready_engine(settings)
    typer.echo(
        f"stockbot sur http://{host}:{port} (fournisseur : {settings.whatsapp_provider}, "
        f"base : {'SQLite' if settings.is_sqlite else 'PostgreSQL'})"
    )
    uvicorn.run("bot.app:app", host=host, port=port, log_level="info", **uvicorn_options(settings))
