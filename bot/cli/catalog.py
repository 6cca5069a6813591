"""`stockbot demo`, `stockbot import products`, `stockbot stock`."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer
from sqlmodel import col, select

from bot.cli._common import load, ready_engine, user_errors
from bot.cli.i18n import cli_language
from bot.db.engine import transaction
from bot.db.models import Product, Store
from bot.demo import DEMO_MANAGER_PHONE, DEMO_STORE, create_demo
from bot.errors import ImportFailed, NotFound, ValidationError
from bot.import_messages import import_problems, import_reason
from bot.phones import normalize_phone
from bot.products_import import (
    ImportPlan,
    ImportResult,
    import_catalog,
    read_catalog,
    run_import,
)
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
    file: Path = typer.Argument(..., help="Fichier CSV (, ; ou tabulation) ou classeur .xlsx."),
    store: str = typer.Option(..., "--store", help="Code du magasin (il doit exister)."),
    create_store: str | None = typer.Option(
        None, "--create-store", help="Crée le magasin --store avec ce nom s'il n'existe pas."
    ),
    set_stock: bool = typer.Option(
        False,
        "--set-stock",
        help="Inventaire : applique les quantités du fichier (un ajustement par produit).",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Montre ce qui changerait, sans rien écrire."
    ),
    sheet: str | None = typer.Option(
        None, "--sheet", help="Feuille du classeur .xlsx (nom ou numéro ; la première sinon)."
    ),
) -> None:
    """Importe un catalogue : colonnes Nom, Réf, Alias, Unité, Quantité, Seuil, Commande
    (en français ou en anglais, dans n'importe quel ordre ; seule Nom est obligatoire).

    Un réimport met à jour noms, alias, unités, seuils et quantités à commander, et ne fixe la
    quantité que des nouveaux produits ; --set-stock applique les quantités comme un
    inventaire. Tout ou rien : une erreur annule l'import entier.
    """
    settings = load()
    data = read_file(file)
    try:
        catalog = read_catalog(data, file.name, sheet=sheet)
    except ValidationError as exc:
        _refused(exc, f" ({file.name})")
    typer.echo(f"Fichier : {catalog.describe()}")
    engine = ready_engine(settings)
    result: ImportResult | None = None
    try:
        if dry_run:
            with transaction(engine) as session:
                plan, _ = import_catalog(
                    session,
                    store,
                    catalog,
                    settings=settings,
                    set_stock=set_stock,
                    dry_run=True,
                    create_store=create_store,
                )
        else:
            plan, result, _job = run_import(
                engine,
                store,
                catalog,
                settings=settings,
                set_stock=set_stock,
                create_store=create_store,
            )
    except NotFound as exc:
        language = cli_language()
        english = language == "en"
        said = import_reason(str(exc), language)
        typer.echo(f"Error: {said}" if english else f"Erreur : {said}", err=True)
        typer.echo(
            f'To create this store: --create-store "Store name" (code {store}).'
            if english
            else f'Pour créer ce magasin : --create-store "Nom du magasin" (code {store}).',
            err=True,
        )
        raise typer.Exit(1) from None
    except ValidationError as exc:
        _refused(exc, "")
    for line in plan_lines(plan):
        typer.echo(line)
    if result is None:
        typer.echo("Simulation (--dry-run) : rien n'a été écrit.")
    else:
        typer.echo(
            f"Import terminé dans {plan.store_code} : {result.created} créé(s), "
            f"{result.updated} mis à jour, {result.adjusted} ajustement(s) de stock."
        )


def _refused(error: ValidationError, named: str) -> NoReturn:
    """An import refused: every problem (the first ones), in the command line's language."""
    language = cli_language()
    if language == "en":
        typer.echo(f"Import cancelled, nothing was written{named}:", err=True)
    else:
        typer.echo(f"Import annulé, rien n'a été écrit{named} :", err=True)
    for line in import_problems(error, language, limit=ImportFailed.MAX_SHOWN):
        typer.echo(f"  {line}", err=True)
    raise typer.Exit(1)


def read_file(path: Path) -> bytes:
    """The bytes of a file the user named, or a one-line error (no traceback)."""
    english = cli_language() == "en"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        said = (
            f"Error: file not found: {path}"
            if english
            else f"Erreur : fichier introuvable : {path}"
        )
    except IsADirectoryError:
        said = (
            f"Error: {path} is a folder, not a file"
            if english
            else f"Erreur : {path} est un dossier, pas un fichier"
        )
    except OSError as exc:
        said = (
            f"Error: cannot read {path} ({exc.strerror})"
            if english
            else f"Erreur : {path} illisible ({exc.strerror})"
        )
    typer.echo(said, err=True)
    raise typer.Exit(1)


_SHOWN = 20


def _more(items: int) -> list[str]:
    return [f"    … et {items - _SHOWN} autre(s)"] if items > _SHOWN else []


def _value(value: object) -> str:
    if isinstance(value, tuple | list):
        return "|".join(str(v) for v in value) or "(aucun)"
    return f"« {value} »" if isinstance(value, str) else str(value)


_FIELD_NAMES = {
    "name": "nom",
    "aliases": "alias",
    "unit": "unité",
    "threshold": "seuil",
    "reorder_quantity": "commande",
    "sku": "réf",
}


def plan_lines(plan: ImportPlan) -> list[str]:
    """What an import changes (or would change), for a terminal."""
    if plan.set_stock:
        lines = ["Mode : inventaire (--set-stock) : les quantités du fichier sont appliquées."]
    else:
        lines = [
            "Mode : catalogue : le stock des produits existants ne change pas "
            "(--set-stock pour appliquer les quantités comme un inventaire)."
        ]
    lines.append(f"Nouveaux produits : {len(plan.created)}")
    for p in plan.created[:_SHOWN]:
        lines.append(f"  + {p.row.sku}  {p.row.name}  (quantité {p.quantity})")
    lines += _more(len(plan.created))
    lines.append(f"Produits modifiés : {len(plan.updated)}")
    for p in plan.updated[:_SHOWN]:
        changes = " ; ".join(
            f"{_FIELD_NAMES.get(c.field, c.field)} {_value(c.old)} → {_value(c.new)}"
            for c in p.changes
        )
        lines.append(f"  ~ {p.row.sku}  {changes}")
    lines += _more(len(plan.updated))
    if plan.set_stock:
        lines.append(f"Quantités ajustées : {len(plan.counted)}")
        for p in plan.counted[:_SHOWN]:
            before, after = p.quantity_before or 0, p.quantity or 0
            lines.append(f"  = {p.row.sku}  {before} → {after} ({after - before:+d})")
        lines += _more(len(plan.counted))
    elif plan.quantities_kept:
        lines.append(
            f"Quantités : {plan.quantities_kept} diffèrent du stock actuel, non appliquées "
            "(--set-stock pour les appliquer)."
        )
    lines.append(f"Inchangés : {plan.unchanged}")
    return lines


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
