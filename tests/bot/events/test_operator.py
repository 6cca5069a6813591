"""Operator events (templates, phone quality, account), statuses and pricing, raw bodies kept
once, the retention purge, and what the logs show: through the signed webhook path."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.clock import utcnow
from bot.db.engine import create_db_engine, transaction, upgrade_schema
from bot.db.models import (
    Contact,
    DeliveryStatus,
    InboundMessage,
    OperatorEvent,
    OutboundMessage,
    WebhookEvent,
    WhatsAppTemplate,
)
from bot.logs import MaskingFormatter
from bot.outbound.messages import Button, Buttons, Template
from bot.outbound.outbox import enqueue
from bot.outbound.worker import OutboxWorker
from bot.settings import Settings
from tests.bot.events.conftest import AWA, Bot
from tests.bot.inbound.helpers import compact, fixture_bytes, store_body
from tests.conftest import PG_URL, make_settings
from tests.fakes.graph import FakeGraph

SENT_ID = "wamid.HBgMMjIxNzcxMjM0NTY3FQIAERgSN0QyRjg3QkUyMTgyODVERjcyAA=="  # in the status fixtures


def rows(engine: Engine, model: type) -> list:  # type: ignore[type-arg]
    with Session(engine) as session:
        return list(session.exec(select(model)))


def template(engine: Engine, name: str = "alerte_rupture_stock") -> WhatsAppTemplate:
    with Session(engine) as session:
        return session.exec(select(WhatsAppTemplate).where(WhatsAppTemplate.name == name)).one()


def test_template_events_update_the_template_and_are_stored_once(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.deliver(fixture_bytes("meta_template_status_approved.json"))
    assert (template(bot.engine).status, template(bot.engine).category) == ("APPROVED", "UTILITY")
    paused = fixture_bytes("meta_template_status_paused.json")
    bot.deliver(paused)
    bot.deliver(paused)  # re-delivered as is
    bot.deliver(compact(json.loads(paused)))  # and re-serialised
    row = template(bot.engine)
    assert row.status == "PAUSED" and "FIRST_PAUSE" in row.reason
    assert row.meta_id == "1689556908129832"
    assert len(rows(bot.engine, OperatorEvent)) == 2
    warning = [
        r for r in caplog.records if r.levelno == logging.WARNING and "en pause" in r.message
    ]
    assert len(warning) == 1 and "alerte_rupture_stock:fr" in warning[0].message
    bot.deliver(fixture_bytes("meta_template_quality_update.json"))
    assert template(bot.engine).quality == "YELLOW"
    bot.deliver(fixture_bytes("meta_template_status_rejected.json"))
    rejected = template(bot.engine, "resume_quotidien")
    assert rejected.status == "REJECTED"
    assert rejected.reason.startswith("INVALID_FORMAT: Variable parameters are not allowed")
    assert bot.outbox() == []  # operator events never message managers


def _alert(engine: Engine, *, window_open: bool) -> int:
    with transaction(engine) as session:
        if window_open:
            contact = session.exec(select(Contact).where(Contact.phone == AWA)).first()
            contact = contact or Contact(phone=AWA)
            contact.last_inbound_at = utcnow() - timedelta(hours=1)
            session.add(contact)
        message = Buttons(
            "Stock bas : Riz brisé 50kg",
            (Button("alert:v1:1:order", "Commander"), Button("alert:v1:1:later", "Plus tard")),
        )
        fallback = Template("alerte_rupture_stock", "fr", ("1", "Riz brisé 50kg : 9 sacs"))
        [row] = enqueue(session, AWA, message, fallback=fallback)
        assert row.id is not None
        return row.id


def _send_all(database_url: str, engine: Engine) -> list[dict]:  # type: ignore[type-arg]
    with FakeGraph.start() as graph:
        settings: Settings = make_settings(database_url, **graph.settings_overrides())
        asyncio.run(OutboxWorker(settings, engine).run(until_idle=True, max_wait=2.0))
        return [r.body for r in graph.accepted]


def test_an_alert_template_no_longer_approved_is_not_sent_outside_the_window(
    bot: Bot, database_url: str, engine: Engine
) -> None:
    bot.deliver(fixture_bytes("meta_template_status_paused.json"))
    closed = _alert(engine, window_open=False)
    assert _send_all(database_url, engine) == []
    with Session(engine) as session:
        row = session.get(OutboundMessage, closed)
        assert row is not None and row.status == "failed"
        assert row.last_error_text == (
            "hors de la fenêtre de 24 h, et le modèle alerte_rupture_stock (fr) est en pause "
            "(FIRST_PAUSE: Your WhatsApp message template has been paused for 3 hours due to low "
            "quality.)"
        )
    _alert(engine, window_open=True)  # inside the window: the free-text alert goes
    [sent] = _send_all(database_url, engine)
    assert sent["type"] == "interactive"
    bot.deliver(fixture_bytes("meta_template_status_approved.json"))  # approved again
    with transaction(engine) as session:
        session.exec(select(Contact).where(Contact.phone == AWA)).one().last_inbound_at = None
    _alert(engine, window_open=False)
    [sent] = _send_all(database_url, engine)
    assert sent["type"] == "template" and sent["template"]["name"] == "alerte_rupture_stock"


def test_account_events_show_in_healthz_and_status(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    for name in (
        "meta_template_status_paused.json",
        "meta_phone_number_quality_update.json",
        "meta_business_capability_update.json",
        "meta_account_update_restriction.json",
    ):
        bot.deliver(fixture_bytes(name))
    response = bot.client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    whatsapp = response.json()["whatsapp"]
    assert whatsapp["templates_not_sendable"] == [
        {
            "name": "alerte_rupture_stock",
            "language": "fr",
            "status": "PAUSED",
            "quality": "",
            "reason": "FIRST_PAUSE: Your WhatsApp message template has been paused for 3 hours "
            "due to low quality.",
        }
    ]
    assert whatsapp["phone_number"]["event"] == "FLAGGED"
    assert whatsapp["phone_number"]["messaging_limit"] == "TIER_2K"
    assert whatsapp["messaging_limit"] == "TIER_2K"
    assert whatsapp["account"]["event"] == "ACCOUNT_RESTRICTION"
    assert "RESTRICTED_BIZ_INITIATED_MESSAGING" in whatsapp["account"]["detail"]
    assert "ACCOUNT_RESTRICTION" in caplog.text and "FLAGGED" in caplog.text
    bot.deliver(fixture_bytes("meta_account_update_disabled.json"))
    account = bot.client.get("/healthz").json()["whatsapp"]["account"]
    assert account["event"] == "DISABLED_UPDATE" and "DISABLE" in account["detail"]


def _quality_update(display_number: str, event: str) -> bytes:
    payload = json.loads(fixture_bytes("meta_phone_number_quality_update.json"))
    value = payload["entry"][0]["changes"][0]["value"]
    value["display_phone_number"], value["event"] = display_number, event
    return compact(payload)


def test_a_quality_update_of_another_number_of_the_account_is_not_shown_as_ours(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    """Meta posts every number's events: ours is the one our messages are addressed to."""
    bot.deliver(fixture_bytes("meta_text.json"))  # to our number, shown as 221785550100
    bot.deliver(_quality_update("221785550199", "FLAGGED"))  # a sister number of the account
    assert "phone_number" not in bot.client.get("/healthz").json()["whatsapp"]
    assert rows(bot.engine, OperatorEvent) == []
    [kept] = rows(bot.engine, WebhookEvent)  # kept raw, like its messages would be
    assert "221785550199, another number: not applied" in (kept.error or "")
    assert "FLAGGED" not in [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    bot.deliver(_quality_update("+221 78 555 01 00", "UPGRADE"))  # ours, however written
    assert bot.client.get("/healthz").json()["whatsapp"]["phone_number"]["event"] == "UPGRADE"


def test_stockbot_status_shows_the_account(cli: CliRunner, cli_url: str) -> None:
    engine = cli_engine(cli_url)
    try:
        store_body(engine, fixture_bytes("meta_template_status_disabled.json"))
        store_body(engine, fixture_bytes("meta_account_update_violation.json"))
    finally:
        engine.dispose()
    readable = cli.invoke(cli_app, ["status"])
    assert readable.exit_code == 0, readable.output
    assert "Compte WhatsApp : ACCOUNT_VIOLATION" in readable.output
    assert "DISABLED" in readable.output
    result = cli.invoke(cli_app, ["status", "--json"])
    assert result.exit_code == 0, result.output
    whatsapp = json.loads(result.stdout)["whatsapp"]
    assert [t["status"] for t in whatsapp["templates_not_sendable"]] == ["DISABLED"]
    assert whatsapp["account"]["event"] == "ACCOUNT_VIOLATION"
    assert "violation_type=SCAM" in whatsapp["account"]["detail"]


def cli_engine(cli_url: str) -> Engine:
    """An engine on the CLI's database, its schema made as the CLI makes it."""
    if not PG_URL:  # a new SQLite file, which every command brings up to date itself
        upgrade_schema(cli_url)
    return create_db_engine(cli_url)


def _sent_row(engine: Engine) -> int:
    with transaction(engine) as session:
        [row] = enqueue(session, AWA, "Stock : 9 sacs")
        row.status = "sent"
        row.provider_message_id = SENT_ID
        assert row.id is not None
        return row.id


def test_pricing_and_conversation_are_kept_on_the_outbox_row(bot: Bot) -> None:
    row_id = _sent_row(bot.engine)
    bot.deliver(fixture_bytes("meta_status_sent.json"))
    with Session(bot.engine) as session:
        row = session.get(OutboundMessage, row_id)
    assert row is not None
    assert (row.billable, row.pricing_category, row.pricing_model, row.pricing_type) == (
        True,
        "utility",
        "PMP",
        "regular",
    )
    assert (row.conversation_id, row.conversation_origin) == (
        "ac83713bb58df5ec11174ff3357a9f33",
        "utility",
    )


def test_played_is_applied_as_read(bot: Bot) -> None:
    row_id = _sent_row(bot.engine)
    bot.deliver(fixture_bytes("meta_status_played.json"))
    with Session(bot.engine) as session:
        row = session.get(OutboundMessage, row_id)
    assert row is not None and row.status == "read" and row.read_at is not None


def test_a_status_for_an_unknown_message_is_kept_without_error(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.deliver(fixture_bytes("meta_status_failed_131026.json"))
    [status] = rows(bot.engine, DeliveryStatus)
    assert status.error_code == "131026"
    assert rows(bot.engine, OutboundMessage) == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_raw_bodies_are_kept_once_per_distinct_body(bot: Bot) -> None:
    calls = fixture_bytes("meta_calls.json")
    for _ in range(3):
        bot.deliver(calls)
    for _ in range(2):  # signed, but not JSON
        response = bot.client.post(
            "/webhooks/whatsapp", content=b"{oops", headers=_headers(b"{oops")
        )
        assert response.status_code == 200
    kept = rows(bot.engine, WebhookEvent)
    assert len(kept) == 2
    assert {event.error.split(":")[0] for event in kept} == {
        "field 'calls' not handled",
        "unparsable",
    }


def _headers(body: bytes) -> dict[str, str]:
    from tests.bot.inbound.helpers import signed_headers

    return signed_headers(body)


def test_purge_removes_old_raw_data_never_the_outbox(
    cli: CliRunner, cli_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = cli_engine(cli_url)
    old, recent = utcnow() - timedelta(days=31), utcnow() - timedelta(days=29)
    try:
        with transaction(engine) as session:
            for when, tag in ((old, "old"), (recent, "new")):
                session.add(WebhookEvent(provider="meta", body=tag, digest=tag, received_at=when))
                session.add(
                    DeliveryStatus(
                        provider="meta",
                        provider_message_id=f"wamid.{tag}",
                        status="read",
                        occurred_at=when,
                        received_at=when,
                    )
                )
                for processed in (True, False):
                    session.add(
                        InboundMessage(
                            provider="meta",
                            provider_message_id=f"wamid.in.{tag}.{processed}",
                            sender=AWA,
                            type="text",
                            payload={"message": {"body": "STOCK RIZ"}},
                            sent_at=when,
                            received_at=when,
                            processed_at=when if processed else None,
                        )
                    )
            session.flush()
            answered = session.exec(
                select(InboundMessage).where(
                    InboundMessage.provider_message_id == "wamid.in.old.True"
                )
            ).one()
            [reply] = enqueue(
                session, AWA, "ancienne réponse", inbound_message_id=answered.id, now=old
            )
            reply.status = "sent"  # a message whose reply is still to be sent is kept
            enqueue(session, AWA, "pas encore envoyé", now=old)
        result = cli.invoke(cli_app, ["purge"])
        assert result.exit_code == 0, result.output
        assert "1 webhooks bruts, 1 statuts de livraison, 1 messages reçus" in result.stdout
        with Session(engine) as session:
            assert [e.body for e in session.exec(select(WebhookEvent))] == ["new"]
            assert len(list(session.exec(select(DeliveryStatus)))) == 1
            left = sorted(m.provider_message_id for m in session.exec(select(InboundMessage)))
            assert left == ["wamid.in.new.False", "wamid.in.new.True", "wamid.in.old.False"]
            outbox = list(session.exec(select(OutboundMessage).order_by(OutboundMessage.id)))  # type: ignore[arg-type]
            assert [o.payload["body"] for o in outbox] == ["ancienne réponse", "pas encore envoyé"]
            assert outbox[0].inbound_message_id is None
        monkeypatch.setenv("RAW_EVENTS_RETENTION_DAYS", "1")
        from bot.settings import get_settings

        get_settings.cache_clear()
        result = cli.invoke(cli_app, ["purge"])
        assert "1 webhooks bruts, 1 statuts de livraison, 1 messages reçus" in result.stdout
    finally:
        engine.dispose()


def test_logs_mask_phone_numbers_not_the_phone_number_id() -> None:
    record = logging.LogRecord(
        "bot.test",
        logging.WARNING,
        __file__,
        1,
        "change for phone_number_id %s (account %s) from %s, wa_id 221761112233",
        ("106540352249871", "114920385706241", "+221771234567"),
        None,
    )
    text = MaskingFormatter("%(message)s").format(record)
    assert "106540352249871" in text and "114920385706241" in text
    assert "+22177***4567" in text and "+22176***2233" in text
    assert "771234567" not in text and "761112233" not in text
