"""`stockbot status`: what the bot is doing, readable at a glance (`--json` for scripts)."""

from __future__ import annotations

import json
from typing import Any

import typer
from sqlalchemy import func
from sqlmodel import col, select

from bot.api.status import alerts_and_backlog
from bot.cli._common import load, ready_engine
from bot.cli.i18n import cli_language
from bot.db.engine import missing_database, transaction
from bot.db.models import Manager, Product, Store
from bot.operations.doctor import no_database
from bot.operations.events import account_health
from bot.outbound.service import AlertService

_STATUS_NAMES = {
    "queued": "en attente",
    "sending": "en cours",
    "sent": "envoyés",
    "delivered": "remis",
    "read": "lus",
    "failed": "échecs",
}


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def status_lines(report: dict[str, Any]) -> list[str]:
    """The status for a terminal, one fact per line."""
    sending = "activés" if report["enabled"] else "désactivés (WHATSAPP_ENABLED=false)"
    lines = [f"Fournisseur : {report['provider']} ; envois {sending}"]
    if report["paused"]:
        since = report.get("paused_since")
        changed = report.get("credentials_changed")
        lines.append(
            f"ENVOIS EN PAUSE{f' depuis {since}' if since else ''} : {report['pause_reason']}"
            + (" (identifiants changés : un worker relancé reprendra)" if changed else "")
            + " ; stockbot outbox --resume pour reprendre"
        )
    counts = report.get("counts") or {}
    shown = [f"{counts[k]} {name}" for k, name in _STATUS_NAMES.items() if counts.get(k)]
    queue = ", ".join(shown) or "vide"
    oldest = report.get("oldest_queued_seconds")
    if oldest is not None:
        queue += f" (le plus ancien attend depuis {_duration(oldest)})"
    lines.append(f"Messages sortants : {queue}")
    alerts = report.get("open_alerts") or {}
    lines.append(
        f"Alertes ouvertes : {alerts.get('low', 0)} stock bas, {alerts.get('out', 0)} rupture(s)"
    )
    lines.append(f"Messages reçus à traiter : {report.get('inbound_backlog', 0)}")
    lines.extend(_whatsapp_lines(report.get("whatsapp") or {}))
    lines.append(
        f"Magasins : {report['stores']} ; produits : {report['products']} ; "
        f"gérants actifs : {report['managers']}"
    )
    return lines


def _whatsapp_lines(health: dict[str, Any]) -> list[str]:
    """The WhatsApp account's state as Meta's events told it (`bot.operations.events`)."""
    lines = []
    for template in health.get("templates_not_sendable") or []:
        why = template.get("reason") or template.get("quality") or ""
        lines.append(
            f"Modèle {template['name']} ({template['language']}) : {template['status']}"
            + (f" ({why})" if why else "")
        )
    phone = health.get("phone_number")
    if phone:
        limit = f", limite {phone['messaging_limit']}" if phone.get("messaging_limit") else ""
        lines.append(f"Numéro {phone['number']} : {phone['event']}{limit}")
    account = health.get("account")
    if account:
        detail = f" ({account['detail']})" if account.get("detail") else ""
        lines.append(f"Compte WhatsApp : {account['event']}{detail}")
    if health.get("messaging_limit") and not phone:
        lines.append(f"Limite d'envoi : {health['messaging_limit']}")
    return lines


def status(
    as_json: bool = typer.Option(False, "--json", help="Sortie JSON (pour les scripts)."),
) -> None:
    """État du bot : fournisseur, envois (pause éventuelle), file d'attente, alertes, compte
    WhatsApp (modèles non envoyables, qualité du numéro, restrictions), magasins."""
    settings = load()
    path = missing_database(settings.database_url)
    if path is not None:  # a look at the state creates nothing (`stockbot doctor` neither)
        detail, advice = no_database(path, cli_language())
        typer.echo(f"{detail[:1].upper()}{detail[1:]}\n{advice[:1].upper()}{advice[1:]}", err=True)
        raise typer.Exit(1)
    engine = ready_engine(settings)
    report = AlertService(settings, engine).get_status().as_dict()
    with engine.connect() as connection:
        report["whatsapp"] = account_health(connection)
    with transaction(engine) as session:
        report.update(alerts_and_backlog(session))
        report["stores"] = session.exec(select(func.count()).select_from(Store)).one()
        report["products"] = session.exec(select(func.count()).select_from(Product)).one()
        report["managers"] = session.exec(
            select(func.count()).select_from(Manager).where(col(Manager.active).is_(True))
        ).one()
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return
    for line in status_lines(report):
        typer.echo(line)
