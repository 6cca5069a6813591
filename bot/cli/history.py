"""`stockbot movements` (the ledger, in the terminal or as CSV/Excel) and `stockbot report
sales|receipts` (the summaries managers get in chat)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from sqlmodel import Session

from bot.cli._common import MAX_LIMIT, load, ready_engine, user_errors
from bot.cli.exports import FileFormat, write_table
from bot.clock import format_local, local_time, utcnow
from bot.db.engine import transaction
from bot.db.models import MovementKind, Store
from bot.history import (
    MovementFilters,
    MovementRecord,
    all_movements,
    day_range,
    movement_history,
    parse_day,
)
from bot.reports import Period, Summary, summarize
from bot.spreadsheets import Cell
from bot.stock import get_product, get_store
from bot.stores import list_stores

report_app = typer.Typer(help="Bilans des ventes et des réceptions.", no_args_is_help=True)

KIND_NAMES = {
    "sale": "vente",
    "receipt": "réception",
    "adjustment": "ajustement",
    "import": "import",
}
HEADER = (
    "Date",
    "Magasin",
    "Réf",
    "Produit",
    "Type",
    "Variation",
    "Stock après",
    "Source",
    "Gérant",
    "Note",
)


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    XLSX = "xlsx"


def _kinds(raw: str | None) -> list[MovementKind] | None:
    if raw is None:
        return None
    names = {**{v: k for k, v in KIND_NAMES.items()}, **{k: k for k in KIND_NAMES}}
    kinds = []
    for part in raw.split(","):
        key = part.strip().lower()
        key = key[:-1] if key.endswith("s") and key[:-1] in names else key
        if key not in names:
            allowed = ", ".join(KIND_NAMES.values())
            typer.echo(f"Erreur : type inconnu : {part.strip()} ({allowed})", err=True)
            raise typer.Exit(2)
        kinds.append(MovementKind(names[key]))
    return kinds


def _filters(
    session: Session,
    store: str | None,
    product: str | None,
    since: str | None,
    until: str | None,
    kind: str | None,
) -> MovementFilters:
    stores: list[Store] = [get_store(session, store)] if store else []
    if product and stores:
        product = get_product(session, stores[0], product).sku
    start, stop = day_range(
        parse_day("--since", since) if since else None,
        parse_day("--until", until) if until else None,
    )
    return MovementFilters(
        store_ids=[s.id for s in stores if s.id is not None] if stores else None,
        sku=product,
        kinds=_kinds(kind),
        since=start,
        until=stop,
    )


def _row(record: MovementRecord) -> list[Cell]:
    who = record.manager_name or record.manager_phone or ""
    if record.manager_name and record.manager_phone:
        who = f"{record.manager_name} ({record.manager_phone})"
    return [
        local_time(record.created_at).strftime("%Y-%m-%d %H:%M"),
        record.store_code,
        record.sku,
        record.product_name,
        KIND_NAMES.get(record.kind, record.kind),
        record.delta,
        record.quantity_after,
        record.source,
        who,
        record.note,
    ]


def movements(
    store: str | None = typer.Option(None, "--store", help="Code du magasin."),
    product: str | None = typer.Option(None, "--product", help="Réf du produit (SKU)."),
    since: str | None = typer.Option(
        None, "--since", help="Depuis ce jour inclus (2026-12-01, 01/12, hier…)."
    ),
    until: str | None = typer.Option(None, "--until", help="Jusqu'à ce jour inclus."),
    kind: str | None = typer.Option(
        None, "--kind", help="vente, réception, ajustement ou import (plusieurs : a,b)."
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", help="table (terminal), csv ou xlsx."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Fichier (csv, xlsx)."),
    limit: int = typer.Option(
        50, "--limit", min=1, max=MAX_LIMIT, help="En table : les N derniers mouvements."
    ),
) -> None:
    """Historique des mouvements de stock : qui, quand, d'où, avec quelle note."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        filters = _filters(session, store, product, since, until, kind)
        if output_format == OutputFormat.TABLE:
            records = list(reversed(movement_history(session, filters, limit=limit)))
        else:
            records = list(all_movements(session, filters))
    if output_format != OutputFormat.TABLE:
        write_table(
            list(HEADER),
            [_row(record) for record in records],
            file_format=FileFormat(output_format.value),
            output=output,
            default_name=f"mouvements-{store or 'tous'}-{local_time(utcnow()):%Y%m%d}",
            title="mouvements",
        )
        return
    if not records:
        typer.echo("Aucun mouvement.")
        return
    for r in records:
        who = r.manager_name or r.manager_phone or r.source
        note = f"  « {r.note} »" if r.note else ""
        typer.echo(
            f"{format_local(r.created_at)} {r.store_code:<8} {r.sku:<16} "
            f"{KIND_NAMES.get(r.kind, r.kind):<10} {r.delta:>+7} → {r.quantity_after:<6} "
            f"{who}{note}"
        )


_PERIOD_TITLES = {
    Period.DAY: "du jour",
    Period.YESTERDAY: "d'hier",
    Period.WEEK: "de la semaine",
    Period.MONTH: "du mois",
    Period.LAST_WEEK: "de la semaine dernière",
    Period.LAST_MONTH: "du mois dernier",
}


def _period(day: bool, yesterday: bool, week: bool, month: bool) -> Period:
    flags = (day, yesterday, week, month)
    periods = (Period.DAY, Period.YESTERDAY, Period.WEEK, Period.MONTH)
    chosen = [p for p, on in zip(periods, flags, strict=True) if on]
    if len(chosen) > 1:
        typer.echo("Erreur : choisissez une seule période (--day, --yesterday, --week, --month)")
        raise typer.Exit(2)
    return chosen[0] if chosen else Period.DAY


def _report(
    kind: MovementKind,
    store: str | None,
    product: str | None,
    period: Period,
) -> None:
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        if store:
            stores = [get_store(session, store)]
        else:
            stores = [get_store(session, info.code) for info in list_stores(session)]
        product_ids = None
        if product:
            if not store:
                typer.echo("Erreur : --product demande --store", err=True)
                raise typer.Exit(2)
            product_ids = [get_product(session, stores[0], product).id or 0]
        summary = summarize(
            session,
            [s.id for s in stores if s.id is not None],
            period,
            kind=kind,
            product_ids=product_ids,
        )
    for line in summary_lines(summary, period, stores=[s.code for s in stores]):
        typer.echo(line)


def summary_lines(summary: Summary, period: Period, *, stores: list[str]) -> list[str]:
    sales = summary.kind == MovementKind.SALE
    what = "Ventes" if sales else "Réceptions"
    days = (
        f"{summary.first:%d/%m/%Y}"
        if summary.first == summary.last_day
        else f"du {summary.first:%d/%m} au {summary.last_day:%d/%m/%Y}"
    )
    lines = [f"{what} {_PERIOD_TITLES[period]} ({days}) — {', '.join(stores) or 'aucun magasin'}"]
    if not summary.totals:
        lines.append("  Aucune vente." if sales else "  Aucune réception.")
        return lines
    many = len({t.store_code for t in summary.totals}) > 1
    for total in summary.totals:
        name = f"{total.name} ({total.store_code})" if many else total.name
        count = f"{total.count} vente(s)" if sales else f"{total.count} réception(s)"
        lines.append(f"  {name[:36]:<36} {total.quantity:>7} {total.unit[:10]:<10} {count}")
    noun = "vente(s)" if sales else "réception(s)"
    lines.append(f"Total : {summary.quantity} unité(s) en {summary.count} {noun}")
    return lines


@report_app.command("sales")
def report_sales(
    day: bool = typer.Option(False, "--day", help="Aujourd'hui (par défaut)."),
    yesterday: bool = typer.Option(False, "--yesterday", help="Hier."),
    week: bool = typer.Option(False, "--week", help="Cette semaine (depuis lundi)."),
    month: bool = typer.Option(False, "--month", help="Ce mois-ci."),
    store: str | None = typer.Option(None, "--store", help="Code du magasin (tous sinon)."),
    product: str | None = typer.Option(None, "--product", help="Réf d'un seul produit."),
) -> None:
    """Ventes par produit sur la période (jours de Dakar), les plus fortes d'abord."""
    _report(MovementKind.SALE, store, product, _period(day, yesterday, week, month))


@report_app.command("receipts")
def report_receipts(
    day: bool = typer.Option(False, "--day", help="Aujourd'hui (par défaut)."),
    yesterday: bool = typer.Option(False, "--yesterday", help="Hier."),
    week: bool = typer.Option(False, "--week", help="Cette semaine (depuis lundi)."),
    month: bool = typer.Option(False, "--month", help="Ce mois-ci."),
    store: str | None = typer.Option(None, "--store", help="Code du magasin (tous sinon)."),
    product: str | None = typer.Option(None, "--product", help="Réf d'un seul produit."),
) -> None:
    """Réceptions par produit sur la période (jours de Dakar), les plus fortes d'abord."""
    _report(MovementKind.RECEIPT, store, product, _period(day, yesterday, week, month))
