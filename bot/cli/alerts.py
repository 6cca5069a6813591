"""`stockbot digest [--now]` and `stockbot alert broadcast --store CODE TEXT`."""

from __future__ import annotations

import typer

from bot.alerts.digest import digest_due, send_digests
from bot.cli._common import load, ready_engine, user_errors
from bot.clock import utcnow
from bot.db.engine import transaction
from bot.managers import store_managers
from bot.outbound.service import AlertService
from bot.stock import get_store

alert_app = typer.Typer(help="Alertes envoyées aux gérants.", no_args_is_help=True)


def digest(
    now: bool = typer.Option(
        False, "--now", help="Envoyer tout de suite à chaque gérant actif, même déjà servi."
    ),
) -> None:
    """Met en file le récapitulatif des produits bas et en rupture, un message par gérant.

    Sans --now : seulement si l'heure DIGEST_TIME est passée et pour les gérants pas encore
    servis aujourd'hui (ce que fait le serveur chaque minute).
    """
    settings = load()
    moment = utcnow()
    if not now and not digest_due(moment, settings.digest_time):
        typer.echo(
            f"Pas encore l'heure du récapitulatif (DIGEST_TIME={settings.digest_time}). "
            "Utilisez --now pour l'envoyer tout de suite."
        )
        return
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        queued = send_digests(session, settings, now=moment, force=now)
    typer.echo(f"{queued} récapitulatif(s) mis en file (envoyés par le worker).")


@alert_app.command("broadcast")
def broadcast(
    text: str = typer.Argument(..., help="Le message à envoyer."),
    store: str = typer.Option(..., "--store", help="Code du magasin."),
) -> None:
    """Envoie un message à tous les gérants actifs d'un magasin (une ligne par numéro)."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors():
        with transaction(engine) as session:
            found = get_store(session, store)
            assert found.id is not None
            numbers = [manager.phone for manager in store_managers(session, found.id)]
        if not numbers:
            typer.echo(f"Aucun gérant actif dans {store}.", err=True)
            raise typer.Exit(1)
        results = AlertService(settings, engine).send_bulk_alerts(numbers, text)
    for result in results:
        outcome = "en file" if result.queued else f"refusé : {result.reason}"
        typer.echo(f"{result.number}  {outcome}")
    failed = sum(not result.queued for result in results)
    typer.echo(f"{len(results) - failed} message(s) en file, {failed} refusé(s).")
    if failed:
        raise typer.Exit(1)
