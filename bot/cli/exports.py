"""`stockbot export products --store CODE [--format csv|xlsx] [--output FILE]`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from bot.catalog_file import export_rows
from bot.cli._common import load, ready_engine, user_errors
from bot.clock import local_time, utcnow
from bot.db.engine import transaction
from bot.spreadsheets import Cell, write_csv, write_xlsx
from bot.stock import get_store, store_products

export_app = typer.Typer(help="Exporter des données (CSV ou Excel).", no_args_is_help=True)


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


def write_table(
    header: tuple[str, ...] | list[str],
    rows: list[list[Cell]],
    *,
    file_format: FileFormat,
    output: Path | None,
    default_name: str,
    title: str,
) -> None:
    """Write a table as CSV (UTF-8 with BOM, `;`) or .xlsx, formulas neutralised, to `output`
    (`-` for the terminal, CSV only) or to `default_name` in the current directory."""
    if file_format == FileFormat.XLSX:
        data = write_xlsx(header, rows, title=title)
    else:
        data = write_csv(header, rows)
    if output is not None and str(output) == "-":
        if file_format == FileFormat.XLSX:
            typer.echo("Erreur : un classeur .xlsx ne s'affiche pas : donnez --output", err=True)
            raise typer.Exit(2)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = output or Path(f"{default_name}.{file_format.value}")
    try:
        path.write_bytes(data)
    except OSError as exc:
        typer.echo(f"Erreur : impossible d'écrire {path} ({exc.strerror})", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{len(rows)} ligne(s) écrite(s) dans {path}")


@export_app.command("products")
def export_products(
    store: str = typer.Option(..., "--store", help="Code du magasin."),
    file_format: FileFormat = typer.Option(
        FileFormat.CSV, "--format", help="csv (point-virgule, UTF-8) ou xlsx."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Fichier à écrire (- : le terminal, en CSV)."
    ),
) -> None:
    """Exporte le catalogue d'un magasin au format de l'import (un réimport ne change rien)."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        found = get_store(session, store)
        assert found.id is not None
        products = sorted(store_products(session, found.id), key=lambda p: p.sku.casefold())
        header, rows = export_rows(products)
    write_table(
        header,
        list(rows),
        file_format=file_format,
        output=output,
        default_name=f"produits-{store}-{local_time(utcnow()).date():%Y%m%d}",
        title=store,
    )
