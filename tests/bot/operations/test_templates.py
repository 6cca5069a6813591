"""`stockbot templates list|push` against the fake Graph API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.db.engine import create_db_engine, upgrade_schema
from bot.db.models import WhatsAppTemplate
from bot.operations.template_catalog import definitions
from bot.settings import get_settings
from tests.conftest import PG_URL, make_settings
from tests.fakes.graph import FakeGraph

ACCOUNT = "114920385706241"


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph.start() as graph:
        graph.account.account_id = ACCOUNT
        yield graph


@pytest.fixture
def meta_cli(
    cli: CliRunner, cli_url: str, graph: FakeGraph, monkeypatch: pytest.MonkeyPatch
) -> CliRunner:
    if not PG_URL:
        upgrade_schema(cli_url)
    for name, value in {
        "WHATSAPP_PROVIDER": "meta",
        "WHATSAPP_API_URL": graph.api_url,
        "WHATSAPP_API_TOKEN": graph.token,
        "WHATSAPP_PHONE_NUMBER_ID": graph.phone_number_id,
        "WHATSAPP_BUSINESS_ACCOUNT_ID": ACCOUNT,
        "WHATSAPP_APP_SECRET": "s",
        "WHATSAPP_VERIFY_TOKEN": "v",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    return cli


def table(cli_url: str) -> list[tuple[str, str, str, str]]:
    engine = create_db_engine(cli_url)
    try:
        with Session(engine) as session:
            rows = session.exec(select(WhatsAppTemplate)).all()
            return sorted((r.name, r.language, r.status, r.reason) for r in rows)
    finally:
        engine.dispose()


def test_push_creates_what_is_missing_once(
    meta_cli: CliRunner, graph: FakeGraph, cli_url: str, database_url: str
) -> None:
    graph.account.add_template("alerte_rupture_stock", "fr", "APPROVED")
    result = meta_cli.invoke(cli_app, ["templates", "push"])
    assert result.exit_code == 0, result.output
    created = graph.account.created
    assert sorted((c["name"], c["language"]) for c in created) == [
        ("alerte_rupture_stock", "en"),
        ("confirmation_commande", "en"),
        ("confirmation_commande", "fr"),
        ("resume_stock_quotidien", "en"),
        ("resume_stock_quotidien", "fr"),
    ]
    alert_en = next(c for c in created if c["name"] == "alerte_rupture_stock")
    assert alert_en == definitions(make_settings(database_url))[0].request("en")
    buttons = [c for c in alert_en["components"] if c["type"] == "BUTTONS"][0]["buttons"]
    assert [b["text"] for b in buttons] == ["Reorder", "Later"]
    assert "alerte_rupture_stock fr : déjà là (APPROVED)" in result.stdout
    assert "resume_stock_quotidien en : créé (PENDING)" in result.stdout
    assert len(table(cli_url)) == 6
    again = meta_cli.invoke(cli_app, ["templates", "push"])
    assert again.exit_code == 0
    assert len(graph.account.created) == 5  # nothing created twice
    assert again.stdout.count("déjà là") == 6


def test_a_rejected_template_shows_metas_reason(
    meta_cli: CliRunner, graph: FakeGraph, cli_url: str
) -> None:
    graph.account.review = "REJECTED"
    graph.account.review_reason = "INVALID_FORMAT"
    result = meta_cli.invoke(cli_app, ["templates", "push"])
    assert result.exit_code == 1
    assert "alerte_rupture_stock fr : créé (REJECTED) : INVALID_FORMAT" in result.stdout
    assert ("alerte_rupture_stock", "fr", "REJECTED", "INVALID_FORMAT") in table(cli_url)


def test_list_shows_the_account_templates_and_keeps_the_table(
    meta_cli: CliRunner, graph: FakeGraph, cli_url: str
) -> None:
    for i in range(30):  # more than one page
        graph.account.add_template(f"autre_{i:02d}", "fr", "APPROVED", category="MARKETING")
    graph.account.add_template("alerte_rupture_stock", "fr", "PAUSED", quality="RED")
    result = meta_cli.invoke(cli_app, ["templates", "list"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if "alerte_rupture_stock" in line)
    assert line.split() == ["alerte_rupture_stock", "fr", "UTILITY", "PAUSED", "RED"]
    assert len(table(cli_url)) == 31


def test_graph_errors_are_told_in_one_line(meta_cli: CliRunner, graph: FakeGraph) -> None:
    graph.token = "another"  # our token is now refused: 190
    result = meta_cli.invoke(cli_app, ["templates", "list"])
    assert result.exit_code == 1
    assert "Graph 190" in result.output


def test_without_meta_the_commands_say_why(cli: CliRunner, engine: Engine) -> None:
    result = cli.invoke(cli_app, ["templates", "push"])
    assert result.exit_code == 2
    assert "WHATSAPP_PROVIDER=meta" in result.output
