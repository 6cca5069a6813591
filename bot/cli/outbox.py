"""`stockbot worker`, `send`, `outbox` and `status`: the outbox from the command line."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path

import typer
from sqlmodel import col, select

from bot.cli._common import MAX_LIMIT, load, ready_engine, user_errors
from bot.clock import format_local
from bot.db.engine import transaction
from bot.db.models import OutboundMessage, OutboundStatus
from bot.logs import mask_phones_in
from bot.outbound.pause import resume_sending
from bot.outbound.service import AlertService
from bot.outbound.wakeup import listen, listen_url
from bot.outbound.worker import OutboxWorker, WorkerReport, run_until_stopped
from bot.phones import mask_phone
from bot.runtime import tune_collector


def worker(
    until_idle: bool = typer.Option(
        False, "--until-idle", help="Envoie tout ce qui est dû puis s'arrête."
    ),
    max_wait: float = typer.Option(
        60.0, "--max-wait", help="Avec --until-idle : attente maximale d'un envoi différé (s)."
    ),
) -> None:
    """Envoie les messages de la file d'attente (plusieurs workers possibles sur PostgreSQL).

    SIGTERM (docker stop, systemd) et Ctrl-C arrêtent proprement : les envois en cours se
    terminent et sont enregistrés, le reste retourne dans la file. Sans --until-idle, le worker
    redémarre après une erreur (base de données indisponible…).
    """
    settings = load()
    engine = ready_engine(settings)
    tune_collector()
    runner = OutboxWorker(settings, engine)
    # On PostgreSQL, woken when the web process queues a reply (it polls meanwhile).
    conninfo = None if settings.is_sqlite or until_idle else listen_url(engine.url)
    try:
        report = asyncio.run(
            _work(runner, until_idle=until_idle, max_wait=max_wait, conninfo=conninfo)
        )
    except KeyboardInterrupt:  # Ctrl-C: run() has wound down before this
        report = runner.report
    typer.echo(
        f"envoyés : {report.sent}, à réessayer : {report.retried}, échecs : {report.failed}"
        + (f", restants : {report.left}" if report.left else "")
    )
    if report.paused:
        typer.echo(f"ENVOIS EN PAUSE : {report.paused}", err=True)
        raise typer.Exit(3)


async def _work(
    runner: OutboxWorker, *, until_idle: bool, max_wait: float, conninfo: str | None = None
) -> WorkerReport:
    """Run the worker (listening on `conninfo` for the rows queued, when given)."""
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows
        loop.add_signal_handler(signal.SIGTERM, runner.stop)
    if until_idle:
        return await runner.run(until_idle=True, max_wait=max_wait)
    listening = asyncio.create_task(listen(conninfo, runner.wake)) if conninfo else None
    try:
        return await run_until_stopped(runner)
    finally:
        if listening is not None:
            listening.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listening


def send(
    args: list[str] = typer.Argument(
        ...,
        help="NUMÉRO TEXTE, ou TEXTE seul avec --numbers. Un texte qui commence par « - » : "
        'mettez -- devant, par exemple stockbot send -- +221771234567 "-5 sacs de riz".',
    ),
    numbers: Path | None = typer.Option(
        None, "--numbers", exists=True, dir_okay=False, help="Fichier : un numéro par ligne."
    ),
) -> None:
    """Met un message texte en file d'attente (le worker l'envoie)."""
    settings = load()
    if numbers is not None:
        if len(args) != 1:
            typer.echo("Erreur : avec --numbers, donnez seulement le TEXTE", err=True)
            raise typer.Exit(2)
        targets = [line.strip() for line in _read_lines(numbers) if line.strip()]
        text = args[0]
    else:
        if len(args) != 2:
            typer.echo("Erreur : usage stockbot send NUMÉRO TEXTE", err=True)
            raise typer.Exit(2)
        targets, text = [args[0]], args[1]
    service = AlertService(settings, ready_engine(settings))
    with user_errors():
        results = service.send_bulk_alerts(targets, text)
    for result in results:
        shown = mask_phone(result.recipient) if result.recipient else result.number[:40]
        if result.queued:
            ids = ", ".join(str(i) for i in result.message_ids)
            typer.echo(f"{shown} : en file (message {ids})")
        else:
            typer.echo(f"{shown} : refusé ({result.reason})")
    if not any(result.queued for result in results):
        raise typer.Exit(1)


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_bytes().decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        typer.echo(
            f"Erreur : {path.name} n'est pas un fichier texte UTF-8 (enregistrez-le en UTF-8)",
            err=True,
        )
        raise typer.Exit(2) from None


def outbox(
    status: OutboundStatus | None = typer.Option(None, "--status", help="Filtrer par statut."),
    limit: int = typer.Option(
        50, "--limit", min=1, max=MAX_LIMIT, help="Nombre de lignes (les plus récentes)."
    ),
    resume: bool = typer.Option(False, "--resume", help="Lève la pause des envois."),
) -> None:
    """Liste les messages de la file (numéros masqués)."""
    settings = load()
    engine = ready_engine(settings)
    with transaction(engine) as session:
        if resume:
            lifted = resume_sending(session)
            typer.echo("Envois repris." if lifted else "Les envois n'étaient pas en pause.")
            return
        query = select(OutboundMessage).order_by(col(OutboundMessage.id).desc()).limit(limit)
        if status is not None:
            query = query.where(OutboundMessage.status == status.value)
        rows = list(session.exec(query))
    for row in reversed(rows):
        reason = mask_phones_in(row.last_error_text or "")  # a provider's reason may name it
        error = f" [{row.last_error_code}] {reason}" if row.last_error_code else ""
        typer.echo(
            f"{row.id:>6} {format_local(row.created_at)} {mask_phone(row.recipient)} "
            f"{row.kind:<8} {row.status:<9} essais={row.attempts}{error}"
        )
    if not rows:
        typer.echo("Aucun message.")
