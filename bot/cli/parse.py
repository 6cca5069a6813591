"""`stockbot parse "TEXT"`: show how the intent matcher reads one message (for debugging)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import typer

from intents import CONFIDENT, MIDDLING, IntentMatcher, read_products


def _catalog_lines(catalog: Path | None) -> list[str]:
    if catalog is None:
        demo = importlib.resources.files("bot") / "data" / "demo_catalog.csv"
        return demo.read_text(encoding="utf-8").splitlines()
    try:
        return catalog.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        typer.echo(f"Catalogue illisible : {catalog} ({exc.strerror})", err=True)
        raise typer.Exit(1) from None


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
    """Affiche l'intention, le produit, les candidats, la quantité et le score d'un message."""
    matcher = IntentMatcher(read_products(_catalog_lines(catalog)))
    result = matcher.parse(text)
    typer.echo(f"intent     : {result.intent}")
    typer.echo(f"product    : {result.product or '-'}")
    typer.echo(f"candidates : {', '.join(result.candidates) or '-'}")
    typer.echo(f"quantity   : {result.quantity if result.quantity is not None else '-'}")
    typer.echo(f"score      : {result.score:.2f} ({_band(result.score)})")
    if result.product is None and not result.candidates and result.intent == "stock_query":
        suggestions = matcher.suggest(text)
        if suggestions:
            typer.echo(f"suggest    : {', '.join(suggestions)}")
