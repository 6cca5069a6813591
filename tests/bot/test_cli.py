"""The command line, run as a user would (typer's runner, a real database)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from bot.cli import app
from bot.db.engine import create_db_engine, upgrade_schema
from bot.db.models import Alert, Manager, Product
from bot.settings import get_settings
from tests.conftest import PG_URL


@pytest.fixture
def session(cli: CliRunner, cli_url: str) -> Iterator[Session]:
    if not PG_URL:
        upgrade_schema(cli_url)
    engine = create_db_engine(cli_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_demo_is_idempotent_and_stock_marks_low_and_out(cli: CliRunner, session: Session) -> None:
    first = cli.invoke(app, ["demo"])
    assert first.exit_code == 0, first.output
    second = cli.invoke(app, ["demo"])
    assert second.exit_code == 0, second.output
    products = session.exec(select(Product)).all()
    assert 12 <= len(products) <= 20
    assert len(session.exec(select(Manager)).all()) == 1

    shown = cli.invoke(app, ["stock", "--store", "demo"])
    assert shown.exit_code == 0
    lines = {line.split()[0]: line for line in shown.output.splitlines() if line.strip()}
    assert lines["LAIT-POUDRE"].rstrip().endswith("RUPTURE")
    assert lines["GAZ-12"].rstrip().endswith("bas")
    assert not lines["RIZ-BRISE-50"].rstrip().endswith(("bas", "RUPTURE"))


def test_import_products_then_bad_file_writes_nothing(
    cli: CliRunner, session: Session, tmp_path: Path
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,5,2\n")
    result = cli.invoke(
        app, ["import", "products", str(good), "--store", "thies", "--create-store", "Thiès"]
    )
    assert result.exit_code == 0, result.output
    assert "1 créé(s)" in result.output

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,50,2\nSUCRE,Sucre,,sac,-3,1\n"
    )
    result = cli.invoke(app, ["import", "products", str(bad), "--store", "thies", "--set-stock"])
    assert result.exit_code == 1
    assert "ligne 3" in result.output
    session.expire_all()
    riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
    assert riz.quantity == 5  # the good first line of the bad file was not applied


def test_managers_add_normalises_and_refuses_invalid_numbers(
    cli: CliRunner, session: Session
) -> None:
    assert cli.invoke(app, ["demo"]).exit_code == 0
    result = cli.invoke(app, ["managers", "add", "76 111 22 33", "--store", "demo", "--lang", "en"])
    assert result.exit_code == 0, result.output
    manager = session.exec(select(Manager).where(Manager.phone == "+221761112233")).one()
    assert manager.language == "en"

    refused = cli.invoke(app, ["managers", "add", "77 12", "--store", "demo"])
    assert refused.exit_code == 1
    assert "invalide" in refused.output

    lettered = cli.invoke(app, ["managers", "add", "+221771112233abc", "--store", "demo"])
    assert lettered.exit_code == 1
    assert "contient des lettres" in lettered.output
    assert session.exec(select(Manager).where(Manager.phone == "+221771112233")).first() is None

    unknown_store = cli.invoke(app, ["managers", "add", "+221709876543", "--store", "nope"])
    assert unknown_store.exit_code == 1
    assert "magasin inconnu" in unknown_store.output


def test_misconfiguration_exits_with_the_variable_named(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHATSAPP_PROVIDER", "meta")
    get_settings.cache_clear()
    result = cli.invoke(app, ["stock"])
    assert result.exit_code == 2
    assert "WHATSAPP_APP_SECRET" in result.output


@pytest.mark.parametrize(
    ("variable", "value", "french"),
    [
        ("DATABASE_URL", "bogus://x", "base de données non prise en charge : 'bogus'"),
        ("ADMIN_TOKEN", "short", "5 caractères, il en faut au moins 32"),
        ("WHATSAPP_PROVIDER", "meta", "WHATSAPP_PROVIDER=meta demande aussi"),
        ("DIGEST_TIME", "tomorrow", "une heure locale HH:MM"),
        ("PUBLIC_BASE_URL", "example.com", "adresse http:// ou https:// attendue"),
    ],
)
def test_misconfiguration_is_said_in_french_then_english(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, french: str
) -> None:
    monkeypatch.setenv(variable, value)
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    result = cli.invoke(app, ["stock"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Erreur de configuration : {variable}")
    assert french in result.output
    assert "invalid configuration" not in result.output

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    english = cli.invoke(app, ["stock"])
    assert english.exit_code == 2
    assert english.output.startswith(f"Configuration error: {variable}")
    assert french not in english.output


def test_demo_opens_the_alerts_of_its_low_and_out_products(
    cli: CliRunner, session: Session
) -> None:
    assert cli.invoke(app, ["demo"]).exit_code == 0
    alerts = session.exec(
        select(Product.sku, Alert.level).join(Alert, col(Alert.product_id) == col(Product.id))
    ).all()
    assert ("LAIT-POUDRE", "out") in alerts and ("GAZ-12", "low") in alerts


def test_demo_phone_is_read_with_the_default_region(
    cli: CliRunner, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEFAULT_REGION", "FR")
    get_settings.cache_clear()
    result = cli.invoke(app, ["demo", "--phone", "06 12 34 56 78"])
    assert result.exit_code == 0, result.output
    assert "gérant +33612345678" in result.output
    assert session.exec(select(Manager.phone)).all() == ["+33612345678"]


def test_stock_of_an_empty_database_suggests_the_demo(cli: CliRunner) -> None:
    result = cli.invoke(app, ["stock"])
    assert (result.exit_code, result.output) == (0, "Aucun magasin. Essayez : stockbot demo\n")


def test_stock_counts_products_in_good_french(cli: CliRunner, tmp_path: Path) -> None:
    one = tmp_path / "one.csv"
    one.write_text("sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,5,2\n")
    imported = ["import", "products", str(one), "--store", "thies", "--create-store", "Thiès"]
    assert cli.invoke(app, imported).exit_code == 0
    assert "== thies — Thiès (1 produit)" in cli.invoke(app, ["stock"]).output


def test_import_of_numbers_or_codes_too_large_is_a_clear_error(
    cli: CliRunner, session: Session, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_text("sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,99999999999,2\n")
    result = cli.invoke(app, ["import", "products", str(huge), "--store", "thies"])
    assert result.exit_code == 1
    assert "ligne 2, colonne « quantity » : 99999999999 dépasse la limite" in result.output
    good = tmp_path / "good.csv"
    good.write_text("sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,5,2\n")
    long_code = cli.invoke(
        app, ["import", "products", str(good), "--store", "x" * 40, "--create-store", "X"]
    )
    assert long_code.exit_code == 1
    assert "code : trop long (32 caractères au plus)" in long_code.output
    assert session.exec(select(Product)).all() == []


def test_managers_add_takes_a_number_typed_with_spaces_and_keeps_what_is_not_given(
    cli: CliRunner, session: Session
) -> None:
    assert cli.invoke(app, ["demo"]).exit_code == 0
    added = cli.invoke(
        app, ["managers", "add", "77", "123", "45", "68", "--store", "demo", "--name", "Bob"]
    )
    assert added.exit_code == 0, added.output
    assert "Gérant +221771234568 ajouté" in added.output
    refused = cli.invoke(
        app, ["managers", "add", "+221771234568", "--store", "demo", "--lang", "en"]
    )
    assert (refused.exit_code, "langue fr → en" in refused.output) == (1, True)
    cli.invoke(
        app, ["managers", "add", "+221771234568", "--store", "demo", "--lang", "en", "--update"]
    )
    again = cli.invoke(app, ["managers", "add", "+221771234568", "--store", "demo"])
    assert again.exit_code == 0, again.output
    session.expire_all()
    bob = session.exec(select(Manager).where(Manager.phone == "+221771234568")).one()
    assert (bob.name, bob.language) == ("Bob", "en")  # neither was given the third time
    assert bob.language_chosen  # given with --update: the owner's choice, kept in chat
    long_name = cli.invoke(
        app, ["managers", "add", "+221771234569", "--store", "demo", "--name", "N" * 150]
    )
    assert long_name.exit_code == 1
    assert "name : trop long (120 caractères au plus)" in long_name.output
    wrong_lang = cli.invoke(
        app, ["managers", "add", "+221771234569", "--store", "demo", "--lang", "de"]
    )
    assert (wrong_lang.exit_code, "fr, en ou wo" in wrong_lang.output) == (1, True)


def test_managers_add_understands_a_language_in_capitals(cli: CliRunner, session: Session) -> None:
    assert cli.invoke(app, ["demo"]).exit_code == 0
    added = cli.invoke(app, ["managers", "add", "+221771234568", "--store", "demo", "--lang", "EN"])
    assert added.exit_code == 0, added.output
    bob = session.exec(select(Manager).where(Manager.phone == "+221771234568")).one()
    assert bob.language == "en"


def test_demo_on_an_existing_manager_keeps_their_name_and_language(
    cli: CliRunner, session: Session
) -> None:
    assert cli.invoke(app, ["demo"]).exit_code == 0
    bob = ["managers", "add", "+221781112233", "--store", "demo", "--name", "Bob", "--lang", "en"]
    assert cli.invoke(app, bob).exit_code == 0
    assert cli.invoke(app, ["demo", "--phone", "+221781112233"]).exit_code == 0
    manager = session.exec(select(Manager).where(Manager.phone == "+221781112233")).one()
    assert (manager.name, manager.language) == ("Bob", "en")
    fresh = cli.invoke(app, ["demo", "--phone", "+221781112244"])
    assert fresh.exit_code == 0, fresh.output
    new = session.exec(select(Manager).where(Manager.phone == "+221781112244")).one()
    assert (new.name, new.language) == ("Awa (démo)", "fr")


def test_import_of_a_file_with_a_nul_character_is_a_clear_error(
    cli: CliRunner, session: Session, tmp_path: Path
) -> None:
    bad = tmp_path / "nul.csv"
    bad.write_text("sku,name,aliases,unit,quantity,threshold\nRIZ\x00,Riz,riz,sac,5,2\n")
    result = cli.invoke(app, ["import", "products", str(bad), "--store", "thies"])
    assert result.exit_code == 1
    assert "ligne 2, colonne « sku » (« RIZ\\x00 ») : caractères de contrôle" in result.output
    assert session.exec(select(Product)).all() == []


def test_import_of_a_csv_renamed_xlsx_says_it_is_no_excel_file_and_writes_nothing(
    cli: CliRunner, session: Session, tmp_path: Path
) -> None:
    renamed = tmp_path / "catalogue.xlsx"
    renamed.write_text("Nom;Quantité;Seuil\nRiz brisé;40;10\n", encoding="utf-8")
    result = cli.invoke(
        app, ["import", "products", str(renamed), "--store", "thies", "--create-store", "Thiès"]
    )
    assert result.exit_code == 1
    assert "rien n'a été écrit" in result.output
    assert "n'est pas un vrai classeur Excel" in result.output and ".csv" in result.output
    assert session.exec(select(Product)).all() == []


def test_managers_add_with_the_language_followed_until_now_makes_it_chosen(
    cli: CliRunner, session: Session
) -> None:
    assert cli.invoke(app, ["demo"]).exit_code == 0
    assert cli.invoke(app, ["managers", "add", "+221771234568", "--store", "demo"]).exit_code == 0
    refused = cli.invoke(
        app, ["managers", "add", "+221771234568", "--store", "demo", "--lang", "fr"]
    )
    assert (refused.exit_code, "langue fr choisie" in refused.output) == (1, True)
    assert cli.invoke(app, ["managers", "set", "+221771234568", "--lang", "fr"]).exit_code == 0
    session.expire_all()
    bob = session.exec(select(Manager).where(Manager.phone == "+221771234568")).one()
    assert (bob.language, bob.language_chosen) == ("fr", True)


def test_managers_lang_auto_undoes_a_language_chosen(cli: CliRunner, session: Session) -> None:
    assert cli.invoke(app, ["demo"]).exit_code == 0
    bob = "+221771234568"
    assert (
        cli.invoke(app, ["managers", "add", bob, "--store", "demo", "--lang", "en"]).exit_code == 0
    )
    undone = cli.invoke(app, ["managers", "set", bob, "--lang", "auto"])
    assert undone.exit_code == 0, undone.output
    session.expire_all()
    found = session.exec(select(Manager).where(Manager.phone == bob)).one()
    assert (found.language, found.language_chosen) == ("en", False)  # followed from now on
    assert "auto:en" in cli.invoke(app, ["managers", "list"]).output
    cli.invoke(app, ["managers", "set", bob, "--lang", "wo"])
    refused = cli.invoke(app, ["managers", "add", bob, "--store", "demo", "--lang", "auto"])
    assert (refused.exit_code, "langue wo → selon ses messages" in refused.output) == (1, True)
    cli.invoke(app, ["managers", "add", bob, "--store", "demo", "--lang", "AUTO", "--update"])
    session.expire_all()
    found = session.exec(select(Manager).where(Manager.phone == bob)).one()
    assert (found.language, found.language_chosen) == ("fr", False)  # Wolof is never followed
