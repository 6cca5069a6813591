"""`stockbot token` and `stockbot admin add|list|remove`: credentials of the back office."""

from __future__ import annotations

import secrets

import typer

from bot.admin.users import add_admin, deactivate_admin, list_admins
from bot.cli._common import load, ready_engine, user_errors
from bot.clock import format_local
from bot.db.engine import transaction

admin_app = typer.Typer(help="Utilisateurs du back-office (/admin).", no_args_is_help=True)


def token() -> None:
    """Affiche un nouveau jeton aléatoire pour ADMIN_TOKEN (43 caractères)."""
    typer.echo(secrets.token_urlsafe(32))


@admin_app.command("add")
def add(
    name: str = typer.Argument(..., help="Nom de connexion (minuscules, chiffres, . _ -)."),
    password: str = typer.Option(
        ...,
        "--password",
        prompt="Mot de passe",
        hide_input=True,
        confirmation_prompt=True,
        help="Demandé s'il n'est pas donné (12 caractères au moins).",
    ),
) -> None:
    """Crée un utilisateur du back-office (ou change son mot de passe et le réactive)."""
    settings = load()
    engine = ready_engine(settings)
    with user_errors(), transaction(engine) as session:
        user = add_admin(session, name, password)
        typer.echo(f"Utilisateur « {user.name} » prêt : connectez-vous sur /admin.")


@admin_app.command("list")
def list_users() -> None:
    """Liste les utilisateurs du back-office."""
    settings = load()
    engine = ready_engine(settings)
    with transaction(engine) as session:
        users = list_admins(session)
        for user in users:
            seen = format_local(user.last_signed_in_at) if user.last_signed_in_at else "jamais"
            state = "actif" if user.active else "désactivé"
            typer.echo(f"{user.name:<32} {state:<10} dernière connexion : {seen}")
    if not users:
        typer.echo("Aucun utilisateur. Créez-en un : stockbot admin add NOM")


@admin_app.command("remove")
def remove(name: str = typer.Argument(..., help="Nom de l'utilisateur.")) -> None:
    """Désactive un utilisateur et ferme ses sessions ouvertes."""
    settings = load()
    engine = ready_engine(settings)
    with transaction(engine) as session:
        found = deactivate_admin(session, name)
    if not found:
        typer.echo(f"Erreur : utilisateur inconnu : {name}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Utilisateur « {name} » désactivé.")
