"""The operator's commands: `stockbot doctor`, `stockbot templates list|push`, `stockbot usage`,
`stockbot purge`."""

from __future__ import annotations

import json

import typer

from bot.cli._common import load, ready_engine, user_errors
from bot.cli.i18n import cli_language
from bot.clock import utcnow
from bot.db.engine import get_engine, transaction
from bot.errors import StockbotError, ValidationError
from bot.logs import configure_logging
from bot.operations.doctor import Check, Doctor, failed, subscribe_app, unreadable_settings
from bot.operations.retention import purge_old_events
from bot.operations.template_catalog import definitions
from bot.operations.template_sync import push_templates, refresh_templates
from bot.operations.templates import list_templates
from bot.operations.usage import current_month, usage_report
from bot.settings import MAX_DAYS_KEPT, Settings, load_settings_to_check
from bot.transports.graph_api import GraphAPI, GraphError

templates_app = typer.Typer(help="Modèles de messages WhatsApp (Meta).", no_args_is_help=True)


def doctor(
    as_json: bool = typer.Option(False, "--json", help="Le résultat en JSON, pour un script."),
    fix: bool = typer.Option(
        False, "--fix", help="Abonne l'application aux webhooks du compte si elle ne l'est pas."
    ),
) -> None:
    """Vérifie la configuration puis le compte WhatsApp en direct ; code 0 si rien n'échoue."""
    language = cli_language()
    try:  # missing credentials are the doctor's to report, one line each
        settings = load_settings_to_check()
    except StockbotError as exc:
        _print_checks([unreadable_settings(str(exc), language)], as_json=as_json)
        raise typer.Exit(1) from None
    configure_logging(settings.log_level, settings.log_format, settings.default_region)
    engine = get_engine(settings.database_url)
    checks = Doctor(settings, engine, now=utcnow(), language=language).run()
    if fix and any(c.key == "meta.subscription" and c.level == "fail" for c in checks):
        try:
            subscribe_app(settings)
        except GraphError as exc:
            typer.echo(f"Abonnement impossible : Graph {exc.code} : {exc.message}", err=True)
        else:
            typer.echo("Application abonnée aux webhooks du compte.")
            language = cli_language()
    checks = Doctor(settings, engine, now=utcnow(), language=language).run()
    _print_checks(checks, as_json=as_json)
    if failed(checks):
        raise typer.Exit(1)


def _print_checks(checks: list[Check], *, as_json: bool) -> None:
    if as_json:
        report = {"ok": not failed(checks), "checks": [c.as_dict() for c in checks]}
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for check in checks:
            typer.echo(check.line())


def _graph_settings() -> Settings:
    settings = load()
    if settings.whatsapp_provider != "meta" or not settings.whatsapp_business_account_id:
        typer.echo(
            "Erreur : les modèles se gèrent chez Meta : réglez WHATSAPP_PROVIDER=meta, "
            "WHATSAPP_API_TOKEN et WHATSAPP_BUSINESS_ACCOUNT_ID",
            err=True,
        )
        raise typer.Exit(2)
    return settings


@templates_app.command("list")
def templates_list() -> None:
    """Les modèles du compte : nom, langue, catégorie, statut, qualité (et la raison d'un refus)."""
    settings = _graph_settings()
    engine = ready_engine(settings)
    try:
        with GraphAPI.from_settings(settings) as graph, transaction(engine) as session:
            refresh_templates(session, graph, settings.whatsapp_business_account_id, now=utcnow())
            rows = list_templates(session)
    except GraphError as exc:
        typer.echo(f"Erreur : Graph {exc.code} : {exc.message}", err=True)
        raise typer.Exit(1) from None
    if not rows:
        typer.echo("Aucun modèle dans ce compte : stockbot templates push les crée.")
    width = max((len(r.name) for r in rows), default=10)
    for row in rows:
        reason = f"  ({row.reason})" if row.reason else ""
        typer.echo(
            f"{row.name:<{width}}  {row.language:<6} {row.category or '-':<15} "
            f"{row.status or '-':<10} {row.quality or '-'}{reason}"
        )


@templates_app.command("push")
def templates_push() -> None:
    """Crée chez Meta les modèles dont stockbot a besoin (alerte, résumé du jour, confirmation de
    commande ; français et anglais) qui manquent. Sans effet sur ceux qui existent déjà."""
    settings = _graph_settings()
    engine = ready_engine(settings)
    try:
        with GraphAPI.from_settings(settings) as graph, transaction(engine) as session:
            results = push_templates(
                session,
                graph,
                settings.whatsapp_business_account_id,
                definitions(settings),
                now=utcnow(),
            )
    except GraphError as exc:
        typer.echo(f"Erreur : Graph {exc.code} : {exc.message}", err=True)
        raise typer.Exit(1) from None
    words = {"present": "déjà là", "created": "créé", "failed": "échec"}
    for result in results:
        status = f" ({result.status})" if result.status else ""
        reason = f" : {result.reason}" if result.reason else ""
        typer.echo(f"{result.name} {result.language} : {words[result.action]}{status}{reason}")
    if any(r.action == "failed" or r.status == "REJECTED" for r in results):
        raise typer.Exit(1)


def usage(
    month: str = typer.Option(
        "", "--month", help="Le mois, AAAA-MM (par défaut le mois en cours)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Le rapport en JSON."),
) -> None:
    """Messages envoyés par catégorie, facturables, coût estimé, par magasin, et l'usage des
    gérants (messages par jour, part non comprise, messages les plus souvent incompris)."""
    settings = load()
    engine = ready_engine(settings)
    try:
        with transaction(engine) as session:
            report = usage_report(session, settings, month=month or current_month(utcnow()))
    except ValidationError as exc:  # a bad month or rate card
        typer.echo(f"Erreur : {exc}", err=True)
        raise typer.Exit(2) from None
    data = report.as_dict()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_usage(data)


def _print_usage(data: dict[str, object]) -> None:
    by_category = data["by_category"]
    assert isinstance(by_category, dict)
    lines = [
        f"Mois : {data['month']}",
        f"Messages envoyés : {data['sent']} (modèles : {data['templates']}, "
        f"réponses libres : {data['free_form']})",
        "Par catégorie : " + ", ".join(f"{k} {v}" for k, v in by_category.items()),
        f"Facturables : {data['billable']}"
        + (
            f" (catégorie estimée pour {data['estimated_category']})"
            if data["estimated_category"]
            else ""
        ),
        f"Coût estimé : {float(data['estimated_cost']):.4f} {data['currency']} "  # type: ignore[arg-type]
        f"(grille : {data['rates']})",
    ]
    if data["unpriced"]:
        lines.append(f"Sans tarif dans la grille : {data['unpriced']} messages facturables")
    stores = data["by_store"]
    assert isinstance(stores, list)
    for store in stores:
        lines.append(
            f"  {store['store']} : {store['sent']} envoyés, {store['billable']} facturables, "
            f"{store['estimated_cost']:.4f}"
        )
    insight = data["insight"]
    assert isinstance(insight, dict)
    lines.append(
        f"Messages des gérants lus : {insight['messages_read']}, non compris : "
        f"{insight['not_understood']} ({insight['not_understood_share']:.0%})"
    )
    for manager in insight["managers"]:
        lines.append(
            f"  {manager['manager']} {manager['name']} : {manager['messages']} messages, "
            f"{manager['per_day']} par jour ({manager['active_days']} jours actifs)"
        )
    if insight["top_misunderstood"]:
        lines.append("Les plus souvent incompris (à ajouter comme alias ?) :")
        lines += [f"  {t['count']} × « {t['text']} »" for t in insight["top_misunderstood"]]
    for line in lines:
        typer.echo(line)


def purge(
    days: int | None = typer.Option(
        None,
        "--days",
        min=1,
        max=MAX_DAYS_KEPT,
        help="Garder ce nombre de jours (par défaut RAW_EVENTS_RETENTION_DAYS, 30).",
    ),
) -> None:
    """Supprime les webhooks bruts, statuts de livraison et messages reçus traités plus anciens
    que la durée de conservation (jamais la file d'envoi). `stockbot serve` le fait déjà chaque
    jour ; ceci le fait à la main."""
    settings = load()
    engine = ready_engine(settings)
    kept = days or settings.raw_events_retention_days
    with user_errors():
        report = purge_old_events(engine, days=kept, now=utcnow())
    typer.echo(
        f"Supprimés (reçus il y a plus de {kept} jours) : {report.raw_bodies} webhooks bruts, "
        f"{report.statuses} statuts de livraison, {report.inbound_messages} messages reçus."
    )
