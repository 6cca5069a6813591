"""`stockbot demo`, `stockbot import products`, `stockbot stock`."""

from __future__ import annotations

from pathlib import Path

import typer
from sqlmodel import col, select

from bot.cli._common import load, ready_engine, user_errors
from bot.db.engine import transaction
from bot.db.models import Product, Store
from bot.demo import DEMO_MANAGER_PHONE, DEMO_STORE, create_demo
from bot.errors import ImportFailed
from bot.phones import normalize_phone
from bot.products_import import apply_products, parse_products_csv
from bot.stock import get_store
from state import stock_level

import_app = typer.Typer(help="Importer des données.", no_args_is_help=True)


def demo(
    phone: str = typer.Option(DEMO_MANAGER_PHONE, "--phone", help="Numéro du gérant de démo."),
) -> None:
    """Crée le magasin de démo « demo » (idempotent)."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        result = create_demo(session, settings=settings, phone=phone)
        e164 = normalize_phone(phone, settings.default_region)
    typer.echo(
        f"Magasin « {DEMO_STORE} » prêt : {result.created} produit(s) créé(s), "
        f"gérant {e164}. Essayez : stockbot stock --store {DEMO_STORE}"
    )


@import_app.command("products")
def import_products(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
    store: str = typer.Option(..., "--store", help="Code du magasin (créé s'il n'existe pas)."),
) -> None:
    """Importe un catalogue CSV : sku,name,aliases,unit,quantity,threshold[,reorder_quantity].

    Tout ou rien : une ligne invalide annule l'import entier.
    """
    settings = load()
    try:
        rows = parse_products_csv(file.read_text(encoding="utf-8"))
    except ImportFailed as exc:
        typer.echo(f"Import annulé, rien n'a été écrit : {exc}", err=True)
        raise typer.Exit(1) from None
    except UnicodeDecodeError:
        typer.echo("Import annulé : le fichier n'est pas en UTF-8.", err=True)
        raise typer.Exit(1) from None
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        result = apply_products(session, store, rows, settings=settings)
    typer.echo(f"{result.created} produit(s) créé(s), {result.updated} mis à jour dans {store}.")


_MARK = {"out": "RUPTURE", "low": "bas", "ok": ""}


def stock(store: str | None = typer.Option(None, "--store", help="Code du magasin.")) -> None:
    """Affiche le stock, un produit par ligne (les produits bas et en rupture sont marqués)."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        stores = [get_store(session, store)] if store else list(session.exec(select(Store)))
        if not stores:
            typer.echo("Aucun magasin. Essayez : stockbot demo")
            return
        for current in stores:
            products = session.exec(
                select(Product).where(Product.store_id == current.id).order_by(col(Product.sku))
            ).all()
            count = f"{len(products)} produit" + ("s" if len(products) > 1 else "")
            typer.echo(f"== {current.code} — {current.name} ({count})")
            typer.echo(f"{'SKU':<18} {'PRODUIT':<28} {'QTÉ':>6} {'UNITÉ':<10} {'SEUIL':>5}  ÉTAT")
            for p in products:
                level = stock_level(p.quantity, p.threshold)
                typer.echo(
                    f"{p.sku:<18} {p.name[:28]:<28} {p.quantity:>6} {p.unit[:10]:<10} "
                    f"{p.threshold:>5}  {_MARK[level]}"
                )
