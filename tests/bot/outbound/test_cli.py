"""`stockbot send`, `send --numbers`, `outbox`, `status` and `worker`, run as a user would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from bot.cli import app
from bot.clock import utcnow
from bot.db.engine import create_db_engine, transaction, upgrade_schema
from bot.db.models import Contact, OutboundMessage
from bot.outbound.pause import pause_sending
from bot.settings import get_settings
from tests.conftest import PG_URL

AWA, MOUSSA = "+221771234567", "+221761112233"


@pytest.fixture
def db(cli: CliRunner, cli_url: str) -> Iterator[Engine]:
    """The CLI's database, with Awa and Moussa inside their 24-hour window."""
    if not PG_URL:
        upgrade_schema(cli_url)
    engine = create_db_engine(cli_url)
    with transaction(engine) as session:
        for phone in (AWA, MOUSSA):
            session.add(Contact(phone=phone, wa_id=phone[1:], last_inbound_at=utcnow()))
    yield engine
    engine.dispose()


def outbox_rows(engine: Engine) -> list[OutboundMessage]:
    from sqlmodel import Session, col, select

    with Session(engine) as session:
        return list(session.exec(select(OutboundMessage).order_by(col(OutboundMessage.id))))


def test_send_queues_a_text(cli: CliRunner, db: Engine) -> None:
    result = cli.invoke(app, ["send", "77 123 45 67", "Rupture : riz"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "+22177***4567 : en file (message 1)"
    [row] = outbox_rows(db)
    assert (row.recipient, row.payload["body"]) == (AWA, "Rupture : riz")


def test_a_text_starting_with_a_dash_goes_after_double_dash(cli: CliRunner, db: Engine) -> None:
    result = cli.invoke(app, ["send", "--", AWA, "-5 sacs de riz"])
    assert result.exit_code == 0, result.output
    assert outbox_rows(db)[0].payload["body"] == "-5 sacs de riz"
    shown = cli.invoke(app, ["send", "--help"]).output.replace("│", " ")
    assert "mettez -- devant" in " ".join(shown.split())


def test_send_numbers_prints_one_result_per_number(
    cli: CliRunner, db: Engine, tmp_path: Path
) -> None:
    numbers = tmp_path / "numeros.txt"
    numbers.write_bytes("\ufeff+221771234567\n77 000\n\n  76 111 22 33  \n221771234567\n".encode())
    result = cli.invoke(app, ["send", "--numbers", str(numbers), "Inventaire demain"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "+22177***4567 : en file (message 1)"
    assert lines[1].startswith("77 000 : refusé (") and "invalide" in lines[1]
    assert lines[2] == "+22176***2233 : en file (message 2)"
    assert lines[3] == "+22177***4567 : refusé (en double : même numéro que « +221771234567 »)"
    assert len(lines) == 4
    assert [r.recipient for r in outbox_rows(db)] == [AWA, MOUSSA]


def test_a_closed_window_is_refused_with_the_reason(cli: CliRunner, db: Engine) -> None:
    result = cli.invoke(app, ["send", "+221709876543", "Bonjour"])
    assert result.exit_code == 1
    assert "refusé (pas de message de ce numéro depuis 24 h" in result.output
    assert outbox_rows(db) == []


def test_a_numbers_file_not_in_utf8_is_a_clear_error(
    cli: CliRunner, db: Engine, tmp_path: Path
) -> None:
    numbers = tmp_path / "numeros.txt"
    numbers.write_bytes("+221771234567\nnuméro\n".encode("latin-1"))
    result = cli.invoke(app, ["send", "--numbers", str(numbers), "Bonjour"])
    assert result.exit_code == 2
    assert "numeros.txt n'est pas un fichier texte UTF-8" in result.output
    assert outbox_rows(db) == []


def test_worker_until_idle_then_outbox_and_status(cli: CliRunner, db: Engine) -> None:
    assert cli.invoke(app, ["send", AWA, "Bonjour"]).exit_code == 0
    assert cli.invoke(app, ["send", "+221709876543", "Hors fenêtre"]).exit_code == 1
    with transaction(db) as session:  # a row the worker will fail: its window closed since
        session.add(
            OutboundMessage(recipient="+221709876543", kind="text", payload={"body": "Vieux"})
        )
    result = cli.invoke(app, ["worker", "--until-idle", "--max-wait", "1"])
    assert result.exit_code == 0, result.output
    assert "envoyés : 1, à réessayer : 0, échecs : 1" in result.output

    failed = cli.invoke(app, ["outbox", "--status", "failed"])
    assert failed.exit_code == 0, failed.output
    [line] = failed.output.strip().splitlines()
    assert "+22170***6543" in line and "failed" in line
    assert "[window] hors de la fenêtre de 24 h" in line
    assert "221709876543" not in line

    listed = cli.invoke(app, ["outbox"]).output
    assert "sent" in listed and "failed" in listed

    status = json.loads(cli.invoke(app, ["status", "--json"]).output)
    assert status["counts"]["sent"] == 1 and status["counts"]["failed"] == 1
    assert status["paused"] is False and status["provider"] == "sandbox"


def test_outbox_masks_the_numbers_in_a_providers_reason_too(cli: CliRunner, db: Engine) -> None:
    """Twilio's 21211 names the number it refused; the listing says its numbers are masked."""
    with transaction(db) as session:
        session.add(
            OutboundMessage(
                recipient=AWA,
                kind="text",
                payload={"body": "Bonjour"},
                status="failed",
                last_error_code="21211",
                last_error_text=f"Twilio 21211: The 'To' number whatsapp:{AWA} is not valid.",
            )
        )
    listed = cli.invoke(app, ["outbox"])
    assert listed.exit_code == 0, listed.output
    assert "[21211]" in listed.output and "whatsapp:+22177***4567" in listed.output
    assert "771234567" not in listed.output


def test_a_paused_worker_exits_3_until_resumed(cli: CliRunner, db: Engine) -> None:
    assert cli.invoke(app, ["send", AWA, "Bonjour"]).exit_code == 0
    with transaction(db) as session:  # paused by a worker with the CLI's own credentials
        pause_sending(session, get_settings(), reason="(#368) blocked", code="368", now=utcnow())
    paused = cli.invoke(app, ["worker", "--until-idle", "--max-wait", "1"])
    assert paused.exit_code == 3
    assert "ENVOIS EN PAUSE : 368: (#368) blocked" in paused.output
    assert json.loads(cli.invoke(app, ["status", "--json"]).output)["paused"] is True

    assert "Envois repris." in cli.invoke(app, ["outbox", "--resume"]).output
    resumed = cli.invoke(app, ["worker", "--until-idle", "--max-wait", "1"])
    assert resumed.exit_code == 0 and "envoyés : 1" in resumed.output
