"""The `stockbot` command line (typer). Each command group lives in its own module."""

from __future__ import annotations

import sys

import typer
from sqlalchemy.exc import DatabaseError, DBAPIError, InterfaceError, OperationalError

from bot.cli import (
    admin,
    alerts,
    catalog,
    chat,
    database,
    exports,
    history,
    managers,
    operations,
    outbox,
    server,
    status,
)
from bot.cli.i18n import cli_language, localize
from bot.cli.parse import parse_command
from bot.errors import StockbotError

app = typer.Typer(
    name="stockbot",
    help="stockbot: un assistant WhatsApp pour le stock des boutiques.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("serve")(server.serve)
app.add_typer(database.app, name="db")
app.command("demo")(catalog.demo)
app.command("stock")(catalog.stock)
app.add_typer(catalog.import_app, name="import")
app.add_typer(exports.export_app, name="export")
app.command("movements")(history.movements)
app.add_typer(history.report_app, name="report")
app.add_typer(managers.app, name="managers")
app.add_typer(managers.stores_app, name="stores")
app.command("parse")(parse_command)
app.command("worker")(outbox.worker)
app.command("send")(outbox.send)
app.command("outbox")(outbox.outbox)
app.command("status")(status.status)
app.command("digest")(alerts.digest)
app.add_typer(alerts.alert_app, name="alert")
app.command("chat")(chat.chat)
app.command("token")(admin.token)
app.add_typer(admin.admin_app, name="admin")
app.command("purge")(operations.purge)
app.command("doctor")(operations.doctor)
app.add_typer(operations.templates_app, name="templates")
app.command("usage")(operations.usage)


def main() -> None:
    """The console script: the commands, with an unreachable database told in one line."""
    try:
        command = localize(typer.main.get_command(app), cli_language())
        command(prog_name="stockbot")
    except (OperationalError, InterfaceError) as exc:
        reason = _reason(exc)
        typer.echo(f"Erreur : base de données injoignable (DATABASE_URL) : {reason}", err=True)
        sys.exit(1)
    except DatabaseError as exc:
        if type(exc) is not DatabaseError:  # an integrity or SQL error: a bug, shown whole
            raise
        # The file is there but is no database ("file is not a database": a CSV renamed .db),
        # or a damaged one ("database disk image is malformed").
        reason = _reason(exc)
        typer.echo(f"Erreur : base de données illisible (DATABASE_URL) : {reason}", err=True)
        sys.exit(1)
    except StockbotError as exc:  # e.g. the migrations cannot be found
        typer.echo(f"Erreur : {exc}", err=True)
        sys.exit(2)
    except ModuleNotFoundError as exc:  # e.g. a postgresql+psycopg2:// URL
        typer.echo(f"Erreur : pilote de base de données absent (DATABASE_URL) : {exc}", err=True)
        sys.exit(1)


def _reason(exc: DBAPIError) -> str:
    """The driver's first line of an error, or its class when it has none."""
    return str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
