"""`stockbot chat`: a terminal conversation through storage, processor, outbox and sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app
from bot.db.engine import create_db_engine
from bot.db.models import (
    InboundMessage,
    Manager,
    OutboundMessage,
    OutboundStatus,
    Product,
    RestockOrder,
)
from bot.demo import DEMO_MANAGER_PHONE
from bot.settings import get_settings


def test_a_sale_typed_in_the_terminal_is_recorded_and_every_reply_sent(
    cli: CliRunner, cli_url: str
) -> None:
    typed = "vente huile 2\n2\n3\nvente riz 3\n1\n/quit\n"
    result = cli.invoke(app, ["chat"], input=typed)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "  1) [Huile Jadida 1L]" in out
    assert "Enregistrer la vente de 2 bidons d'Huile Jadida 5L ?" in out  # "2": second button
    assert "D'accord, vente non enregistrée." in out  # "3" tapped Non
    question = "Enregistrer la vente de 3 sacs de Riz brisé 50kg ?"
    assert f"{question}\n  1) [Oui]\n  2) [Modifier]\n  3) [Non]" in out
    assert "✅ Vente enregistrée : 3 sacs de Riz brisé 50kg. Reste : 39 sacs." in out
    engine = create_db_engine(cli_url)
    with Session(engine) as session:
        rice = session.exec(select(Product).where(Product.sku == "RIZ-BRISE-50")).one()
        assert rice.quantity == 39
        inbound = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()  # type: ignore[arg-type]
        assert [m.type for m in inbound] == ["text", "button", "button", "text", "button"]
        assert all(m.processed_at is not None for m in inbound)
        statuses = {row.status for row in session.exec(select(OutboundMessage))}
        assert statuses == {OutboundStatus.SENT}
    engine.dispose()


def test_a_list_row_is_picked_by_number_and_an_unknown_number_is_refused(
    cli: CliRunner,
) -> None:
    result = cli.invoke(app, ["chat"], input="stock\n4\n")
    assert result.exit_code == 0, result.output
    assert "  ☰ Produits\n  1) Bouillon Jumbo — 20 cartons" in result.output
    assert "Café Touba 250g : 30 sachets" in result.output


def test_a_superscript_digit_typed_at_a_choice_is_text_not_a_crash(cli: CliRunner) -> None:
    """`²` and `①` are digits to `str.isdigit` but not to `int`: typed at numbered choices they
    are read as text, like any other word."""
    result = cli.invoke(app, ["chat"], input="vente huile 2\n²\n①\n/quit\n")
    assert result.exit_code == 0, (result.output, result.exception)
    assert "Traceback" not in result.output and result.exception is None


def test_a_store_that_is_not_the_managers_is_refused(cli: CliRunner, tmp_path: Path) -> None:
    """Never "(magasin nope)" then the demo store without a word."""
    catalog = tmp_path / "dk2.csv"
    catalog.write_text("sku,name,aliases,unit,quantity,threshold\nGAZ,Gaz,,bouteille,9,5\n")
    assert (
        cli.invoke(
            app, ["import", "products", str(catalog), "--store", "dk2", "--create-store", "Dakar 2"]
        ).exit_code
        == 0
    )
    unknown = cli.invoke(app, ["chat", "--store", "nope"], input="stock\n")
    assert unknown.exit_code == 1
    assert "Erreur : magasin inconnu : nope" in unknown.output
    assert cli.invoke(app, ["demo"]).exit_code == 0
    foreign = cli.invoke(app, ["chat", "--store", "dk2"], input="stock\n")
    assert foreign.exit_code == 1
    assert f"Erreur : {DEMO_MANAGER_PHONE} n'est pas gérant du magasin dk2" in foreign.output
    assert "Gaz" not in foreign.output


def test_chat_refuses_a_real_provider(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHATSAPP_PROVIDER", "meta")
    monkeypatch.setenv("WHATSAPP_APP_SECRET", "s")
    monkeypatch.setenv("WHATSAPP_VERIFY_TOKEN", "v")
    monkeypatch.setenv("WHATSAPP_ENABLED", "false")
    get_settings.cache_clear()
    result = cli.invoke(app, ["chat"], input="stock\n")
    assert result.exit_code == 2
    assert "WHATSAPP_PROVIDER=sandbox" in result.output


def test_an_unknown_number_is_refused_even_in_the_demo_store(cli: CliRunner, cli_url: str) -> None:
    result = cli.invoke(app, ["chat", "--phone", "+221770009999"], input="stock riz\n")
    assert result.exit_code == 0, result.output
    assert "n'est pas encore autorisé" in result.output
    assert "Riz" not in result.output
    engine = create_db_engine(cli_url)
    with Session(engine) as session:
        assert session.exec(select(Manager.phone)).all() == [DEMO_MANAGER_PHONE]
    engine.dispose()


def test_chat_changes_nothing_about_a_registered_manager(cli: CliRunner, cli_url: str) -> None:
    assert cli.invoke(app, ["demo"]).exit_code == 0
    bob = ["managers", "add", "+221781112233", "--store", "demo", "--name", "Bob", "--lang", "en"]
    assert cli.invoke(app, bob).exit_code == 0
    result = cli.invoke(app, ["chat", "--phone", "+221781112233"], input="stock rice\n")
    assert "Riz brisé 50kg: 42 bags\nAlert threshold" in result.output  # English
    engine = create_db_engine(cli_url)
    with Session(engine) as session:
        manager = session.exec(select(Manager).where(Manager.phone == "+221781112233")).one()
        assert (manager.name, manager.language) == ("Bob", "en")
    engine.dispose()


def test_a_sale_is_confirmed_before_the_alert_it_causes(cli: CliRunner) -> None:
    result = cli.invoke(app, ["chat"], input="vente riz 33\n1\n/quit\n")
    out = result.output
    done, alert = out.index("✅ Vente enregistrée"), out.index("⚠️ Stock bas : Riz brisé 50kg")
    assert done < alert


def test_an_alert_answered_in_another_unit_is_asked_about_before_ordering(
    cli: CliRunner, cli_url: str
) -> None:
    """`2 tonnes` typed under the rice's alert (rice counted in sacs) ordered 2 sacs: now the
    sacs are asked, then the usual order question, then the order."""
    result = cli.invoke(app, ["chat"], input="vente riz 33\n1\n2 tonnes\n45\noui\n/quit\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2 tonnes de Riz brisé 50kg, ça fait combien de sacs ?" in out
    assert "Commander 45 sacs de Riz brisé 50kg ?" in out
    assert "✅ Commande n°1 confirmée : 45 sacs de Riz brisé 50kg." in out
    assert "2 sacs" not in out
    engine = create_db_engine(cli_url)
    with Session(engine) as session:
        (order,) = session.exec(select(RestockOrder)).all()
        assert order.quantity == 45
    engine.dispose()


def test_the_choices_of_two_messages_of_one_reply_are_numbered_on(cli: CliRunner) -> None:
    """A guided count's question and the alert its count raised, in one reply: 1-3 then 4-5;
    `1` taps the count's first button, not the alert's."""
    result = cli.invoke(app, ["chat"], input="inventaire\ndouze\n1\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Commander 36 boîtes ?\n  4) [Commander]\n  5) [Plus tard]" in out
    after = out.split("  5) [Plus tard]", 1)[1]
    assert "Inventaire 3/16" in after  # the count went on: `1` was its [C'est juste]
    assert "Commander 36 boîtes de Lait" not in after
