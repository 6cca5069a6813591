"""`stockbot doctor` against the fake Graph API (and fake Twilio answers): every check, each
failure it must catch, and the exit code."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.clock import utcnow
from bot.db.engine import create_db_engine, upgrade_schema
from bot.db.models import WhatsAppTemplate
from bot.operations.doctor import Check, Doctor, Level, failed
from bot.settings import Settings
from tests.bot.twilio.conftest import ACCOUNT_SID, twilio_settings
from tests.conftest import PG_URL, TEST_VERIFY_TOKEN, make_settings
from tests.fakes.graph import FakeGraph

ACCOUNT = "114920385706241"
PUBLIC = "https://bot.example.sn"


@pytest.fixture
def migrated(database_url: str, engine: Engine) -> Iterator[str]:
    """The test database as `stockbot db upgrade` leaves it: its tables are the models', and
    Alembic's revision says so (the doctor checks the revision)."""
    from alembic import command
    from bot.db.engine import alembic_config

    command.stamp(alembic_config(database_url), "head")
    yield database_url
    if PG_URL:  # the PostgreSQL test schema is shared: leave it as the other tests expect
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE alembic_version"))


def meta_settings(url: str, graph: FakeGraph, **overrides: object) -> Settings:
    values: dict[str, object] = {
        **graph.settings_overrides(),
        "whatsapp_business_account_id": ACCOUNT,
        "public_base_url": PUBLIC,
    }
    values.update(overrides)
    return make_settings(url, **values)


def handshake(*, status: int = 200, echo: bool = True) -> httpx.MockTransport:
    """The public URL, as the outside world reaches it: our app's verification answer."""

    def answer(request: httpx.Request) -> httpx.Response:
        assert str(request.url).startswith(f"{PUBLIC}/webhooks/whatsapp?")
        params = request.url.params
        ok = params.get("hub.verify_token") == TEST_VERIFY_TOKEN and echo
        return httpx.Response(status, text=params["hub.challenge"] if ok else "Forbidden")

    return httpx.MockTransport(answer)


def run(
    settings: Settings, engine: Engine, http: httpx.BaseTransport | None = None
) -> dict[str, Check]:
    doctor = Doctor(settings, engine, now=utcnow(), http_transport=http or handshake())
    return {check.key: check for check in doctor.run()}


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph.start() as graph:
        graph.account.account_id = ACCOUNT
        for language in ("fr",):
            graph.account.add_template("alerte_rupture_stock", language)
        yield graph


def test_a_healthy_meta_setup_passes(graph: FakeGraph, migrated: str, engine: Engine) -> None:
    checks = run(meta_settings(migrated, graph, admin_token="x" * 32), engine)
    assert {k: c.level for k, c in checks.items()} == {
        "settings.provider": Level.OK,
        "settings.secrets": Level.OK,
        "settings.public_url": Level.OK,
        "database": Level.OK,
        "worker": Level.OK,
        "meta.token": Level.OK,
        "meta.phone": Level.OK,
        "meta.subscription": Level.OK,
        "meta.templates.fr": Level.OK,
        "meta.webhook": Level.OK,
    }
    assert "Boutique Démo" in checks["meta.phone"].detail
    assert "GREEN" in checks["meta.phone"].detail and "TIER_2K" in checks["meta.phone"].detail
    assert not failed(list(checks.values()))
    with Session(engine) as session:  # what the check read keeps the template table current
        row = session.exec(select(WhatsAppTemplate)).one()
    assert (row.name, row.language, row.status) == ("alerte_rupture_stock", "fr", "APPROVED")


def test_an_expired_token_fails_and_stops_the_graph_checks(
    graph: FakeGraph, migrated: str, engine: Engine
) -> None:
    graph.account.token_expires_at = int(time.time()) - 60
    checks = run(meta_settings(migrated, graph), engine)
    assert checks["meta.token"].level is Level.FAIL
    assert "expiré" in checks["meta.token"].detail
    assert "utilisateur système" in checks["meta.token"].fix
    assert "meta.phone" not in checks


def test_a_token_expiring_soon_warns(graph: FakeGraph, migrated: str, engine: Engine) -> None:
    graph.account.token_expires_at = int(time.time()) + 2 * 86400
    checks = run(meta_settings(migrated, graph), engine)
    assert checks["meta.token"].level is Level.WARN


def test_a_refused_token_and_missing_permissions(
    graph: FakeGraph, migrated: str, engine: Engine
) -> None:
    checks = run(meta_settings(migrated, graph, whatsapp_api_token="wrong"), engine)
    assert checks["meta.token"].level is Level.FAIL
    assert checks["meta.token"].detail.startswith("Graph 190")
    graph.account.scopes = ["whatsapp_business_messaging"]
    checks = run(meta_settings(migrated, graph), engine)
    assert checks["meta.token"].level is Level.FAIL
    assert "whatsapp_business_management" in checks["meta.token"].detail


def test_a_wrong_phone_number_id(graph: FakeGraph, migrated: str, engine: Engine) -> None:
    checks = run(meta_settings(migrated, graph, whatsapp_phone_number_id="999999999999999"), engine)
    phone = checks["meta.phone"]
    assert phone.level is Level.FAIL and phone.detail.startswith("Graph 100")
    assert "WHATSAPP_PHONE_NUMBER_ID" in phone.fix


def test_a_number_of_another_account(graph: FakeGraph, migrated: str, engine: Engine) -> None:
    graph.account.account_phones = ["106540352250114"]
    checks = run(meta_settings(migrated, graph), engine)
    assert checks["meta.phone"].level is Level.FAIL
    assert "n'appartient pas au compte" in checks["meta.phone"].detail


def test_an_unsubscribed_app(graph: FakeGraph, migrated: str, engine: Engine) -> None:
    graph.account.subscribed = []
    checks = run(meta_settings(migrated, graph), engine)
    assert checks["meta.subscription"].level is Level.FAIL
    assert "stockbot doctor --fix" in checks["meta.subscription"].fix


@pytest.mark.parametrize(
    ("status", "reason", "level"),
    [("REJECTED", "INVALID_FORMAT", Level.FAIL), ("PENDING", "NONE", Level.WARN)],
)
def test_the_alert_template_status(
    graph: FakeGraph, migrated: str, engine: Engine, status: str, reason: str, level: Level
) -> None:
    graph.account.templates = []
    graph.account.add_template("alerte_rupture_stock", "fr", status, reason=reason)
    checks = run(meta_settings(migrated, graph), engine)
    assert checks["meta.templates.fr"].level is level
    if status == "REJECTED":
        assert checks["meta.templates.fr"].detail == "REJECTED : INVALID_FORMAT"


def test_the_alert_template_is_checked_in_each_managers_language(
    graph: FakeGraph, migrated: str, engine: Engine, settings: Settings
) -> None:
    from bot.db.models import Store
    from bot.managers import add_manager

    with Session(engine) as session:
        session.add(Store(code="dk", name="Dakar"))
        session.flush()
        add_manager(session, "+221771234567", "dk", language="en")
        session.commit()
    checks = run(meta_settings(migrated, graph), engine)
    assert checks["meta.templates.fr"].level is Level.OK
    assert checks["meta.templates.en"].level is Level.FAIL
    assert checks["meta.templates.en"].fix == "stockbot templates push"


def test_the_webhook_must_answer_the_handshake_from_outside(
    graph: FakeGraph, migrated: str, engine: Engine
) -> None:
    checks = run(meta_settings(migrated, graph), engine, handshake(status=403, echo=False))
    assert checks["meta.webhook"].level is Level.FAIL
    assert "HTTP 403" in checks["meta.webhook"].detail

    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route", request=request)

    checks = run(meta_settings(migrated, graph), engine, httpx.MockTransport(unreachable))
    assert checks["meta.webhook"].detail.endswith("ConnectError")


@pytest.mark.parametrize("code", [131000, 4])
def test_graph_errors_are_reported_with_their_code(
    graph: FakeGraph, migrated: str, engine: Engine, code: int
) -> None:
    graph.account.fail("subscribed_apps", code, status=500 if code == 131000 else 400)
    checks = run(meta_settings(migrated, graph), engine)
    assert checks["meta.subscription"].level is Level.FAIL
    assert checks["meta.subscription"].detail.startswith(f"Graph {code}")
    assert "réessayez" in checks["meta.subscription"].fix


def test_settings_and_database_problems(
    graph: FakeGraph, engine: Engine, database_url: str
) -> None:
    settings = meta_settings(
        database_url,
        graph,
        whatsapp_business_account_id="",
        public_base_url="http://bot.example.sn",
    )
    checks = run(settings, engine)
    assert checks["settings.secrets"].level is Level.FAIL
    assert "WHATSAPP_BUSINESS_ACCOUNT_ID" in checks["settings.secrets"].detail
    assert checks["settings.public_url"].level is Level.FAIL
    if not PG_URL:  # the test schema was made without migrations: not at the latest one
        assert checks["database"].level is Level.FAIL
        assert checks["database"].fix == "stockbot db upgrade"
    assert "meta.token" not in checks  # nothing to check the account with


def test_sandbox_warns_and_passes(migrated: str, engine: Engine) -> None:
    checks = run(make_settings(migrated), engine)
    assert checks["settings.provider"].level is Level.WARN
    assert not failed(list(checks.values()))


def twilio_api(
    *, sender_status: str = "ONLINE", account_status: str = "active"
) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if url.endswith(f"/Accounts/{ACCOUNT_SID}.json"):
            return httpx.Response(
                200,
                json={"sid": ACCOUNT_SID, "friendly_name": "Boutique", "status": account_status},
            )
        if "/v2/Channels/Senders" in url:
            sender = {"sid": "XE1", "sender_id": "whatsapp:+221785550100", "status": sender_status}
            return httpx.Response(200, json={"senders": [sender], "meta": {"page": 0}})
        if "/v1/Content/HX" in url:
            sid = url.rsplit("/", 1)[1]
            if sid == "HXmissing":
                return httpx.Response(
                    404,
                    json={
                        "code": 20404,
                        "message": "The requested resource was not found",
                        "status": 404,
                    },
                )
            return httpx.Response(200, json={"sid": sid, "friendly_name": "alerte_rupture_stock"})
        return httpx.Response(404, json={"code": 20404, "message": "not found"})

    return httpx.MockTransport(answer)


def test_twilio_checks(migrated: str, engine: Engine) -> None:
    settings = twilio_settings(migrated, twilio_content_sid_alert="HXalert")
    checks = run(settings, engine, twilio_api())
    assert {k: c.level for k, c in checks.items() if k.startswith("twilio")} == {
        "twilio.account": Level.OK,
        "twilio.sender": Level.OK,
        "twilio.content.alert": Level.OK,
    }
    checks = run(
        twilio_settings(migrated, twilio_content_sid_alert="HXmissing"),
        engine,
        twilio_api(sender_status="OFFLINE"),
    )
    assert checks["twilio.sender"].level is Level.FAIL
    assert checks["twilio.content.alert"].level is Level.FAIL
    assert "HTTP 404" in checks["twilio.content.alert"].detail


def test_the_command_prints_one_line_per_check_and_exits_1_on_failure(
    cli: CliRunner, cli_url: str, graph: FakeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not PG_URL:
        upgrade_schema(cli_url)
    for name, value in meta_settings(cli_url, graph).model_dump().items():
        if value is not None and name in (
            "whatsapp_provider",
            "whatsapp_api_url",
            "whatsapp_phone_number_id",
            "whatsapp_business_account_id",
        ):
            monkeypatch.setenv(name.upper(), str(value))
    monkeypatch.setenv("WHATSAPP_API_TOKEN", graph.token)
    monkeypatch.setenv("WHATSAPP_APP_SECRET", "s")
    monkeypatch.setenv("WHATSAPP_VERIFY_TOKEN", "v")
    monkeypatch.setenv("LANG", "fr_SN.UTF-8")  # the operator's language: the locale's
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    graph.account.subscribed = []
    result = cli.invoke(cli_app, ["doctor"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("✘ Abonnement aux webhooks") for line in lines)
    assert any(line.startswith("✔ Jeton Meta") for line in lines)
    result = cli.invoke(cli_app, ["doctor", "--json"])
    report: list[dict[str, Any]] = json.loads(result.stdout)["checks"]
    assert {c["key"]: c["level"] for c in report}["meta.subscription"] == "fail"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    english = cli.invoke(cli_app, ["doctor"]).stdout.splitlines()
    assert any(line.startswith("✘ Webhooks subscription : no app subscribed") for line in english)
    monkeypatch.setenv("LANG", "fr_SN.UTF-8")
    result = cli.invoke(cli_app, ["doctor", "--fix"])  # subscribes the app, then checks again
    assert graph.account.subscribed
    assert any(line.startswith("✔ Abonnement aux webhooks") for line in result.stdout.splitlines())


def test_missing_credentials_are_reported_by_the_command_not_refused(
    cli: CliRunner, cli_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not PG_URL:
        upgrade_schema(cli_url)
    monkeypatch.setenv("LANG", "fr_SN.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WHATSAPP_PROVIDER", "meta")  # a fresh set-up: nothing filled in yet
    result = cli.invoke(cli_app, ["doctor"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    [secrets_line] = [line for line in lines if line.startswith("✘ Secrets : manquent : ")]
    for name in ("WHATSAPP_API_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN"):
        assert name in secrets_line
    assert any(line[2:].startswith("Base de données") for line in lines)  # checked all the same

    monkeypatch.setenv("ADMIN_TOKEN", "7")  # what no check can run with: said as one check
    result = cli.invoke(cli_app, ["doctor", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    [check] = report["checks"]
    assert (check["key"], check["level"]) == ("settings", "fail")
    assert "ADMIN_TOKEN" in check["detail"]
    assert cli.invoke(cli_app, ["status"]).exit_code == 2  # the other commands still refuse


def test_in_a_fresh_folder_the_doctor_says_there_is_no_database_and_creates_none(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL")  # the default: stockbot.db where the command runs
    monkeypatch.setenv("LANG", "fr_SN.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    result = cli.invoke(cli_app, ["doctor"])
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.stdout.splitlines() if line.startswith("✘ Base de données")]
    assert "pas encore de base" in line and str(tmp_path / "stockbot.db") in line
    assert "stockbot demo" in result.stdout and "stockbot db upgrade" in result.stdout
    assert list(tmp_path.iterdir()) == []  # no stockbot.db, no -wal, no -shm

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    english = cli.invoke(cli_app, ["doctor", "--json"])
    [check] = [c for c in json.loads(english.stdout)["checks"] if c["key"] == "database"]
    assert check["level"] == "fail" and "no database yet" in check["detail"]
    assert list(tmp_path.iterdir()) == []


def test_a_missing_sqlite_file_is_not_created_by_the_meta_checks(
    graph: FakeGraph, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'shop' / 'stockbot.db'}"
    (tmp_path / "shop").mkdir()
    engine = create_db_engine(url)
    try:
        checks = run(meta_settings(url, graph), engine)
    finally:
        engine.dispose()
    assert checks["database"].level is Level.FAIL
    assert "meta.templates.fr" in checks  # the account is still checked
    assert list((tmp_path / "shop").iterdir()) == []


def test_in_a_fresh_folder_status_says_how_to_create_a_database_and_creates_none(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL")  # the default: stockbot.db where the command runs
    monkeypatch.setenv("LANG", "fr_SN.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for args in (["status"], ["status", "--json"]):
        result = cli.invoke(cli_app, args)
        assert result.exit_code == 1, result.output
        assert f"Pas encore de base ({tmp_path / 'stockbot.db'} n'existe pas)" in result.stderr
        assert "stockbot demo" in result.stderr and "stockbot db upgrade" in result.stderr
        assert list(tmp_path.iterdir()) == []  # no stockbot.db, no -wal, no -shm

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    english = cli.invoke(cli_app, ["status"])
    assert english.exit_code == 1
    assert english.stderr.startswith("No database yet") and "create it" in english.stderr.lower()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code", [190, 0, 3])
def test_a_token_the_graph_refuses_at_a_send_shows_in_doctor_and_metrics(
    graph: FakeGraph, migrated: str, engine: Engine, code: int
) -> None:
    """Error 190 (or 0, or 3: permissions) met by the worker pauses sending: `stockbot doctor`
    fails its sending check with the code, and /metrics shows the pause and its code."""
    import asyncio

    from prometheus_client.parser import text_string_to_metric_families
    from starlette.testclient import TestClient

    from bot.app import create_app
    from bot.db.engine import transaction
    from bot.outbound.outbox import enqueue
    from bot.outbound.worker import OutboxWorker
    from tests.bot.outbound.helpers import MANAGER, open_window

    settings = meta_settings(migrated, graph, outbox_pair_interval_seconds=0.0)
    open_window(engine, [MANAGER])
    with transaction(engine) as session:
        enqueue(session, MANAGER, "Bonjour")
    graph.fail_next(1, code, status=500 if code == 3 else None)
    asyncio.run(OutboxWorker(settings, engine).run(until_idle=True, max_wait=1.0))

    sending = run(settings, engine)["worker"]
    assert sending.level is Level.FAIL and f"({code} :" in sending.detail
    assert "stockbot outbox --resume" in sending.fix
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        scraped = client.get("/metrics").text
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(scraped)
        for s in family.samples
    }
    assert samples[("stockbot_sending_paused", ())] == 1
    assert samples[("stockbot_sending_pauses_total", (("code", str(code)),))] >= 1
