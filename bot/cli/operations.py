"""`stockbot purge`: the operator's housekeeping commands."""

from __future__ import annotations

import typer

from bot.cli._common import load, ready_engine
from bot.clock import utcnow
from bot.operations.retention import purge_old_events


def purge(
    days: int | None = typer.Option(
        None,
        "--days",
        min=1,
        help="Garder ce nombre de jours (par défaut RAW_EVENTS_RETENTION_DAYS, 30).",
    ),
) -> None:
    """Supprime les webhooks bruts, statuts de livraison et messages reçus traités plus anciens
    que la durée de conservation (jamais la file d'envoi). À lancer chaque jour (cron)."""
    settings = load()
    engine = ready_engine(settings)
    kept = days or settings.raw_events_retention_days
    report = purge_old_events(engine, days=kept, now=utcnow())
    typer.echo(
        f"Supprimés (reçus il y a plus de {kept} jours) : {report.raw_bodies} webhooks bruts, "
        f"{report.statuses} statuts de livraison, {report.inbound_messages} messages reçus."
    )
