"""`stockbot digest --now` and `stockbot alert broadcast`, run as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from bot.cli import app
from bot.clock import utcnow
from bot.db.engine import create_db_engine
from bot.db.models import Contact, OutboundMessage
from bot.demo import DEMO_MANAGER_PHONE
from bot.outbound.messages import Text, from_payload
from bot.settings import get_settings
from tests.conftest import PG_URL


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path) -> Iterator[CliRunner]:
    url = database_url if PG_URL else f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.chdir(tmp_path)  # no .env file from the developer's tree
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("WHATSAPP_PROVIDER", "sandbox")
    monkeypatch.setenv("DIGEST_TIME", "off")
    get_settings.cache_clear()
    runner = CliRunner()
    assert runner.invoke(app, ["demo"]).exit_code == 0
    assert (
        runner.invoke(app, ["managers", "add", "+221781112233", "--store", "demo"]).exit_code == 0
    )
    yield runner
    get_settings.cache_clear()


def _texts(phone: str) -> list[str]:
    engine = create_db_engine(get_settings().database_url)
    with Session(engine) as session:
        rows = session.exec(
            select(OutboundMessage)
            .where(OutboundMessage.recipient == phone, col(OutboundMessage.alert_id).is_(None))
            .order_by(col(OutboundMessage.id))
        ).all()
    engine.dispose()
    return [m.body for r in rows if isinstance(m := from_payload(r.kind, r.payload), Text)]


def test_digest_now_queues_one_per_manager(cli: CliRunner) -> None:
    waiting = cli.invoke(app, ["digest"])
    assert waiting.exit_code == 0 and "--now" in waiting.output
    assert _texts(DEMO_MANAGER_PHONE) == []
    result = cli.invoke(app, ["digest", "--now"])
    assert result.exit_code == 0, result.output
    assert "2 récapitulatif(s)" in result.output
    [digest] = _texts(DEMO_MANAGER_PHONE)
    assert "Rupture" in digest and "Lait" in digest


def test_broadcast_to_every_active_manager(cli: CliRunner) -> None:
    engine = create_db_engine(get_settings().database_url)
    with Session(engine) as session:  # both wrote today: their 24-hour window is open
        for phone in (DEMO_MANAGER_PHONE, "+221781112233"):
            session.add(Contact(phone=phone, last_inbound_at=utcnow()))
        session.commit()
    engine.dispose()
    result = cli.invoke(app, ["alert", "broadcast", "--store", "demo", "Inventaire demain 8h"])
    assert result.exit_code == 0, result.output
    assert f"{DEMO_MANAGER_PHONE}  en file" in result.output
    assert "+221781112233  en file" in result.output
    assert _texts("+221781112233") == ["Inventaire demain 8h"]
    unknown = cli.invoke(app, ["alert", "broadcast", "--store", "nope", "x"])
    assert unknown.exit_code == 1
