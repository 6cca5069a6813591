"""`stockbot managers add PHONE --store CODE`."""

from __future__ import annotations

import typer

from bot.cli._common import load, ready_engine, user_errors
from bot.db.engine import transaction
from bot.managers import add_manager

app = typer.Typer(help="Gérants autorisés à parler au bot.", no_args_is_help=True)


@app.command("add")
def add(
    phone: list[str] = typer.Argument(
        ..., help="Numéro WhatsApp, ex. +221771234567 ou 77 123 45 67 (espaces permis)."
    ),
    store: str = typer.Option(..., "--store", help="Code du magasin."),
    name: str | None = typer.Option(None, "--name", help="Nom du gérant."),
    lang: str | None = typer.Option(
        None, "--lang", help="Langue des réponses : fr, en ou wo (fr pour un nouveau gérant)."
    ),
) -> None:
    """Ajoute un gérant à un magasin (ou le réactive ; son nom et sa langue restent s'ils ne
    sont pas donnés)."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        manager = add_manager(
            session,
            " ".join(phone),
            store,
            name=name,
            language=lang,
            region=settings.default_region,
        )
        typer.echo(f"Gérant {manager.phone} ajouté au magasin {store}.")
