"""Usage and cost: `stockbot usage`, `GET /api/usage`, computed from status fixtures with pricing
and a rate card."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.db.engine import create_db_engine, transaction, upgrade_schema
from bot.db.models import Alert, InboundMessage, Manager, Product
from bot.errors import ValidationError
from bot.operations.usage import load_rate_card, month_bounds, usage_report
from bot.outbound.messages import Template
from bot.outbound.outbox import enqueue
from bot.settings import Settings
from tests.bot.events.conftest import AWA, Bot
from tests.bot.inbound.helpers import compact, fixture_json
from tests.conftest import PG_URL, TEST_ADMIN_TOKEN

MONTH = "2026-03"  # the status fixtures' month
IN_MONTH = datetime(2026, 3, 18, 10, tzinfo=UTC)


def _sent(
    engine: Engine,
    body: str | Template,
    wamid: str,
    *,
    alert_id: int | None = None,
    recipient: str = AWA,
    provider: str = "meta",
    at: datetime = IN_MONTH,
) -> None:
    with transaction(engine) as session:
        [row] = enqueue(session, recipient, body, alert_id=alert_id, now=at)
        row.status = "sent"
        row.provider = provider
        row.provider_message_id = wamid
        row.sent_at = at


def _status(bot: Bot, wamid: str, category: str, *, billable: bool, kind: str = "regular") -> None:
    payload = fixture_json("meta_status_sent.json")
    status = payload["entry"][0]["changes"][0]["value"]["statuses"][0]
    status["id"] = wamid
    status["pricing"] = {
        "billable": billable,
        "pricing_model": "PMP",
        "category": category,
        "type": kind,
    }
    bot.deliver(compact(payload))


def _turn(engine: Engine, text: str, outcome: str, day: int) -> None:
    with transaction(engine) as session:
        session.add(
            InboundMessage(
                provider="meta",
                provider_message_id=f"wamid.in.{text}.{day}.{outcome}",
                sender=AWA,
                type="text",
                payload={
                    "message": {},
                    "turn": {"intent": "unknown", "outcome": outcome, "text": text},
                },
                sent_at=IN_MONTH.replace(day=day),
                processed_at=IN_MONTH.replace(day=day),
            )
        )


def test_the_report_from_statuses_with_pricing(
    bot: Bot, engine: Engine, settings: Settings
) -> None:
    with Session(engine) as session:  # the demo's milk powder is out: its alert is open
        product = session.exec(select(Product).where(Product.sku == "LAIT-POUDRE")).one()
        alert_id = session.exec(select(Alert.id).where(Alert.product_id == product.id)).one()
    template = Template("alerte_rupture_stock", "fr", ("1", "Lait en poudre 400g : 0"))
    _sent(engine, template, "wamid.T1", alert_id=alert_id)
    _sent(engine, "Riz brisé 50kg : 42 sacs", "wamid.F1")
    _sent(engine, "Stock : 7 sacs", "wamid.F2")
    _sent(engine, "hors du mois", "wamid.F3", at=IN_MONTH + timedelta(days=30))
    _sent(engine, "numéro britannique", "wamid.F4", recipient="+447700900123")
    _status(bot, "wamid.T1", "utility", billable=True)
    _status(bot, "wamid.F1", "service", billable=False, kind="free_customer_service")
    _status(bot, "wamid.F4", "marketing", billable=True)
    # wamid.F2 has no status yet: estimated (free-form: service, free)
    for day, (text, outcome) in enumerate(
        [
            ("cb de sacs stp 771234567", "misunderstood"),
            ("cb de sacs stp 771234567", "misunderstood"),
            ("azerty", "misunderstood"),
            ("stock riz", "answered"),
        ],
        start=2,
    ):
        _turn(engine, text, outcome, day)
    with Session(engine) as session:
        report = usage_report(session, settings, month=MONTH).as_dict()
    assert report["sent"] == 4
    assert report["by_category"] == {
        "service": 2,
        "utility": 1,
        "marketing": 1,
        "authentication": 0,
    }
    assert (report["billable"], report["templates"], report["free_form"]) == (2, 1, 3)
    assert report["estimated_category"] == 1
    # utility in Senegal 0.004 + marketing elsewhere ("*") 0.0225
    assert report["estimated_cost"] == pytest.approx(0.0265)
    assert report["currency"] == "USD"
    assert report["by_store"] == [
        {"store": "demo", "sent": 3, "billable": 1, "estimated_cost": pytest.approx(0.004)},
        {"store": "—", "sent": 1, "billable": 1, "estimated_cost": pytest.approx(0.0225)},
    ]
    insight = report["insight"]
    [awa] = insight["managers"]
    assert awa["manager"] == "+22177***4567" and awa["messages"] == 4 and awa["active_days"] == 4
    assert insight["not_understood_share"] == 0.75
    assert insight["top_misunderstood"] == [
        {"text": "cb de sacs stp 77***", "count": 2},
        {"text": "azerty", "count": 1},
    ]


def test_a_rate_card_of_the_operator(
    tmp_path: Path, bot: Bot, engine: Engine, settings: Settings
) -> None:
    card = tmp_path / "rates.csv"
    card.write_text(
        "provider,country,category,price,currency\nmeta,SN,utility,0.01,XOF\ntwilio,*,*,0.002,XOF\n"
    )
    _sent(engine, Template("alerte_rupture_stock", "fr", ("1", "x")), "wamid.T9", provider="twilio")
    with Session(engine) as session:
        report = usage_report(session, settings, month=MONTH, rates=load_rate_card(str(card)))
    assert report.currency == "XOF" and report.estimated_cost == pytest.approx(0.012)
    card.write_text("provider,country,category,price\nmeta,SN,utility,abc\n")
    with pytest.raises(ValidationError, match="ligne 2"):
        load_rate_card(str(card))


def test_month_bounds() -> None:
    assert month_bounds("2026-12") == (
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )
    with pytest.raises(ValidationError):
        month_bounds("2026-13")


def test_the_api_and_the_command(bot: Bot, engine: Engine, cli: CliRunner, cli_url: str) -> None:
    _sent(engine, "Stock : 7 sacs", "wamid.A1")
    response = bot.client.get(
        f"/api/usage?month={MONTH}", headers={"Authorization": f"Bearer {TEST_ADMIN_TOKEN}"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["sent"] == 1
    assert (
        bot.client.get(
            "/api/usage?month=bad", headers={"Authorization": f"Bearer {TEST_ADMIN_TOKEN}"}
        ).status_code
        == 422
    )
    assert bot.client.get(f"/api/usage?month={MONTH}").status_code in (401, 404)
    if not PG_URL:
        upgrade_schema(cli_url)
        other = create_db_engine(cli_url)
        with Session(other) as session:
            session.add(Manager(phone=AWA))
            session.commit()
        _sent(other, "Stock : 7 sacs", "wamid.C1")
        other.dispose()
    result = cli.invoke(cli_app, ["usage", "--month", MONTH])
    assert result.exit_code == 0, result.output
    assert "Messages envoyés : 1" in result.stdout
    assert "Coût estimé : 0.0000 USD" in result.stdout
    result = cli.invoke(cli_app, ["usage", "--month", MONTH, "--json"])
    assert json.loads(result.stdout)["sent"] == 1
    assert cli.invoke(cli_app, ["usage", "--month", "mars"]).exit_code == 2
