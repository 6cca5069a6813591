"""`stockbot parse "TEXT"`: show how the intent matcher reads one message (for debugging)."""

from __future__ import annotations

import importlib.resources
import io
from pathlib import Path

import typer

from intents import (
    CONFIDENT,
    MIDDLING,
    CatalogFileError,
    IntentMatcher,
    ParsedIntent,
    Product,
    decode_catalog,
    read_products,
)


def _products(catalog: Path | None) -> list[Product]:
    if catalog is None:
        demo = importlib.resources.files("bot") / "data" / "demo_catalog.csv"
        return read_products(io.StringIO(demo.read_text(encoding="utf-8")))
    try:
        return read_products(io.StringIO(decode_catalog(catalog.read_bytes())))
    except OSError as exc:
        typer.echo(f"Catalogue illisible : {catalog} ({exc.strerror})", err=True)
    except CatalogFileError as exc:
        typer.echo(f"Catalogue invalide : {catalog}, {exc}", err=True)
    raise typer.Exit(1)


def _quantity(result: ParsedIntent) -> str:
    if result.quantity_issue is not None:
        return f"- (à demander : {result.quantity_issue})"
    return str(result.quantity) if result.quantity is not None else "-"


def _band(score: float) -> str:
    if score >= CONFIDENT:
        return "sûr"
    return "à confirmer" if score >= MIDDLING else "pas compris"


def parse_command(
    text: str = typer.Argument(..., help="Le message tel que le gérant l'a tapé."),
    catalog: Path | None = typer.Option(
        None, "--catalog", help="CSV sku,name,aliases,unit (alias séparés par |); démo par défaut."
    ),
) -> None:
    """Affiche l'intention, le produit, les candidats, la quantité et le score d'un message,
    puis chaque article quand il en cite plusieurs (« vendu 2 savon et 3 café »)."""
    matcher = IntentMatcher(_products(catalog))
    result = matcher.parse(text)
    typer.echo(f"intent     : {result.intent}")
    typer.echo(f"product    : {result.product or '-'}")
    typer.echo(f"candidates : {', '.join(result.candidates) or '-'}")
    typer.echo(f"quantity   : {_quantity(result)}")
    typer.echo(f"score      : {result.score:.2f} ({_band(result.score)})")
    items = matcher.parse_many(text)
    if len(items) > 1:
        typer.echo(f"items      : {len(items)}")
        for number, item in enumerate(items, 1):
            what = item.product or ", ".join(item.candidates) or "?"
            typer.echo(f"  {number}. {item.intent} {what} × {_quantity(item)} ({item.score:.2f})")
    if result.product is None and not result.candidates and result.intent == "stock_query":
        suggestions = matcher.suggest(text)
        if suggestions:
            typer.echo(f"suggest    : {', '.join(suggestions)}")
