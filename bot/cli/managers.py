"""`stockbot managers list|add|remove|set` and `stockbot stores list|add|rename`."""

from __future__ import annotations

import typer

from bot.cli._common import load, ready_engine, user_errors
from bot.db.engine import transaction
from bot.db.models import Manager
from bot.managers import (
    FOLLOWED,
    ManagerExists,
    add_manager,
    find_manager,
    list_managers,
    manager_stores,
    remove_manager,
    set_manager,
)
from bot.phones import normalize_phone
from bot.stores import add_store, list_stores, rename_store

app = typer.Typer(help="Gérants autorisés à parler au bot.", no_args_is_help=True)
stores_app = typer.Typer(
    help="Magasins (le code ne change jamais, le nom oui).", no_args_is_help=True
)

_PHONE_HELP = "Numéro WhatsApp, ex. +221771234567 ou 77 123 45 67 (espaces permis)."


def _codes(raw: str | None) -> list[str] | None:
    return None if raw is None else [code.strip() for code in raw.split(",") if code.strip()]


@app.command("list")
def list_command(
    store: str | None = typer.Option(None, "--store", help="Seulement les gérants de ce magasin."),
) -> None:
    """Liste les gérants : numéro, nom, langue (auto:fr : celle de ses messages, fr pour
    l'instant), magasins, actif ou non."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        rows = [
            (m.phone, m.name, _language(m), ",".join(s.code for s in stores), m.active)
            for m, stores in list_managers(session, store)
        ]
    if not rows:
        typer.echo("Aucun gérant. Ajoutez-en un : stockbot managers add NUMÉRO --store CODE")
        return
    typer.echo(f"{'NUMÉRO':<16} {'NOM':<24} {'LANGUE':<7} {'MAGASINS':<24} ÉTAT")
    for phone, name, language, codes, active in rows:
        state = "actif" if active else "désactivé"
        typer.echo(f"{phone:<16} {name[:24]:<24} {language:<7} {codes[:24]:<24} {state}")


def _language(manager: Manager) -> str:
    """`en` chosen (kept whatever they write), `auto:fr` followed (`--lang auto`)."""
    return manager.language if manager.language_chosen else f"{FOLLOWED}:{manager.language}"


@app.command("add")
def add(
    phone: list[str] = typer.Argument(..., help=_PHONE_HELP),
    store: str = typer.Option(
        ..., "--store", "--stores", help="Code du magasin (plusieurs : a,b)."
    ),
    name: str | None = typer.Option(None, "--name", help="Nom du gérant."),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help="Langue des réponses : fr, en ou wo, gardée quoi qu'il écrive ; auto (ou sans "
        "elle) : celle de ses messages, fr d'abord.",
    ),
    update: bool = typer.Option(
        False, "--update", help="Pour un numéro déjà gérant : appliquer les différences."
    ),
) -> None:
    """Ajoute un gérant à un ou plusieurs magasins.

    Un numéro déjà gérant n'est changé qu'avec --update (sinon la commande dit ce qui diffère
    et n'écrit rien) ; son nom et sa langue restent s'ils ne sont pas donnés.
    """
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        known = find_manager(session, normalize_phone(" ".join(phone), settings.default_region))
        try:
            manager = add_manager(
                session,
                " ".join(phone),
                _codes(store) or [],
                name=name,
                language=lang,
                region=settings.default_region,
                update=update,
            )
        except ManagerExists as exc:
            typer.echo(f"Erreur : {exc}", err=True)
            typer.echo(
                "Rien n'a été changé. Ajoutez --update pour appliquer ces différences.", err=True
            )
            raise typer.Exit(1) from None
        codes = ", ".join(store.code for store in manager_stores(session, manager.id or 0))
        done = "à jour" if known is not None else "ajouté"
        typer.echo(
            f"Gérant {manager.phone} {done} ({manager.name or 'sans nom'}) : magasin(s) {codes}."
        )


@app.command("set")
def set_command(
    phone: list[str] = typer.Argument(..., help=_PHONE_HELP),
    name: str | None = typer.Option(None, "--name", help="Nouveau nom."),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help="Langue : fr, en ou wo, gardée quoi qu'il écrive ; auto : celle de ses messages.",
    ),
    stores: str | None = typer.Option(
        None, "--stores", help="Ses magasins, remplacent les actuels (ex. dakar1,thies)."
    ),
    active: bool | None = typer.Option(
        None, "--active/--inactive", help="Réactiver ou désactiver le gérant."
    ),
) -> None:
    """Modifie un gérant existant : ce qui est donné est changé, le reste est gardé."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        manager = set_manager(
            session,
            " ".join(phone),
            name=name,
            language=lang,
            store_codes=_codes(stores),
            active=active,
            region=settings.default_region,
        )
        typer.echo(f"Gérant {manager.phone} mis à jour.")


@app.command("remove")
def remove(
    phone: list[str] = typer.Argument(..., help=_PHONE_HELP),
    store: str | None = typer.Option(
        None, "--store", help="Le retirer de ce magasin seulement (sinon il est désactivé)."
    ),
) -> None:
    """Désactive un gérant (il ne peut plus utiliser le bot ; son historique reste), ou le
    retire d'un seul magasin avec --store."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        manager = remove_manager(
            session, " ".join(phone), store_code=store, region=settings.default_region
        )
        if store is None:
            typer.echo(f"Gérant {manager.phone} désactivé.")
        else:
            typer.echo(f"Gérant {manager.phone} retiré du magasin {store}.")


@stores_app.command("list")
def stores_list() -> None:
    """Liste les magasins avec leur nombre de produits et de gérants."""
    settings = load()
    engine = ready_engine(settings)
    with transaction(engine) as session:
        stores = list_stores(session)
    if not stores:
        typer.echo('Aucun magasin. Essayez : stockbot stores add CODE --name "Nom"')
        return
    typer.echo(f"{'CODE':<16} {'NOM':<32} {'PRODUITS':>8} {'GÉRANTS':>8}")
    for store in stores:
        typer.echo(
            f"{store.code:<16} {store.name[:32]:<32} {store.products:>8} {store.managers:>8}"
        )


@stores_app.command("add")
def stores_add(
    code: str = typer.Argument(..., help="Code court, sans espace (ex. dakar1)."),
    name: str = typer.Option(..., "--name", help="Nom du magasin."),
) -> None:
    """Crée un magasin."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        store = add_store(session, code, name)
        typer.echo(f"Magasin {store.code} créé : {store.name}.")


@stores_app.command("rename")
def stores_rename(
    code: str = typer.Argument(..., help="Code du magasin (il ne change pas)."),
    name: str = typer.Option(..., "--name", help="Nouveau nom."),
) -> None:
    """Change le nom d'un magasin (son code reste)."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        store = rename_store(session, code, name)
        typer.echo(f"Magasin {store.code} renommé : {store.name}.")
