"""The data commands as a shop owner runs them: stores, managers, import, export."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import get_settings


def _ok(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_stores_and_managers_as_an_owner_would(cli: CliRunner) -> None:
    _ok(cli, "stores", "add", "dakar1", "--name", "Boutique Médina")
    _ok(cli, "stores", "add", "thies", "--name", "Thiès")
    taken = cli.invoke(app, ["stores", "add", "thies", "--name", "Autre"])
    assert (taken.exit_code, "existe déjà" in taken.output) == (1, True)
    assert "dakar1           Boutique Médina" in _ok(cli, "stores", "list")
    _ok(cli, "stores", "rename", "dakar1", "--name", "Médina centre")
    assert "Médina centre" in _ok(cli, "stores", "list")

    _ok(cli, "managers", "add", "77", "123", "45", "67", "--store", "dakar1", "--name", "Awa")
    refused = cli.invoke(
        app, ["managers", "add", "+221771234567", "--store", "thies", "--name", "Bob"]
    )
    assert refused.exit_code == 1
    assert "nom « Awa » → « Bob »" in refused.output and "--update" in refused.output
    assert "dakar1  " in _ok(cli, "managers", "list") or "dakar1 " in _ok(cli, "managers", "list")
    _ok(cli, "managers", "add", "+221771234567", "--stores", "dakar1,thies", "--update")
    listed = _ok(cli, "managers", "list", "--store", "thies")
    assert "+221771234567" in listed and "Awa" in listed and "dakar1,thies" in listed
    _ok(cli, "managers", "set", "771234567", "--lang", "en", "--stores", "thies")
    _ok(cli, "managers", "remove", "+221771234567", "--store", "thies")
    _ok(cli, "managers", "remove", "+221771234567")
    assert "désactivé" in _ok(cli, "managers", "list")
    typo = cli.invoke(app, ["managers", "list", "--store", "thiess"])
    assert (typo.exit_code, "vouliez-vous dire thies" in typo.output) == (1, True)


def test_import_a_french_excel_csv_then_export_round_trip(cli: CliRunner, tmp_path: Path) -> None:
    french = tmp_path / "inventaire.csv"
    french.write_bytes(
        "Désignation;Qté;Seuil;Unité\r\nRiz brisé;40;10;sac\r\nThé vert;1 200;100;boîte\r\n".encode(
            "cp1252"
        )
    )
    typo = cli.invoke(app, ["import", "products", str(french), "--store", "dmeo"])
    assert typo.exit_code == 1 and "--create-store" in typo.output
    out = _ok(
        cli,
        "import",
        "products",
        str(french),
        "--store",
        "dmeo",
        "--create-store",
        "Démo",
    )
    assert "Windows-1252" in out and "point-virgule" in out and "2 créé(s)" in out

    export = tmp_path / "export.xlsx"
    _ok(cli, "export", "products", "--store", "dmeo", "--format", "xlsx", "-o", str(export))
    again = _ok(cli, "import", "products", str(export), "--store", "dmeo", "--set-stock")
    assert "Inchangés : 2" in again and "0 créé(s), 0 mis à jour, 0 ajustement(s)" in again

    counted = tmp_path / "compte.csv"
    counted.write_text("Nom,Quantité\nRiz brisé,35\n")
    dry = _ok(
        cli, "import", "products", str(counted), "--store", "dmeo", "--set-stock", "--dry-run"
    )
    assert "RIZ-BRISE  40 → 35 (-5)" in dry and "rien n'a été écrit" in dry
    kept = _ok(cli, "import", "products", str(counted), "--store", "dmeo")
    assert "1 diffèrent du stock actuel, non appliquées" in kept
    assert " 40 " in _ok(cli, "stock", "--store", "dmeo")


def test_import_errors_are_one_line_each_without_traceback(cli: CliRunner, tmp_path: Path) -> None:
    _ok(cli, "stores", "add", "s1", "--name", "S1")
    missing = cli.invoke(app, ["import", "products", str(tmp_path / "none.csv"), "--store", "s1"])
    assert (missing.exit_code, "fichier introuvable" in missing.output) == (1, True)
    workbook = Workbook()
    assert workbook.active is not None
    workbook.active.append(["Nom", "Quantité"])
    workbook.active.append(["Riz", -2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    bad = tmp_path / "stock.xlsx"
    bad.write_bytes(buffer.getvalue())
    result = cli.invoke(app, ["import", "products", str(bad), "--store", "s1"])
    assert result.exit_code == 1
    assert "ligne 2, colonne « Quantité » : -2 est négatif" in result.output
    assert "Traceback" not in result.output


def test_movements_and_sales_report_in_the_terminal(cli: CliRunner, tmp_path: Path) -> None:
    _ok(cli, "demo")
    chat = cli.invoke(app, ["chat"], input="vendu 3 riz\n1\n/quit\n")
    assert "Vente enregistrée" in chat.output, chat.output
    catalog = tmp_path / "c.csv"
    catalog.write_text("Réf,Nom,Quantité\nRIZ-BRISE-50,Riz brisé 50kg,30\n")
    _ok(cli, "import", "products", str(catalog), "--store", "demo", "--set-stock")
    table = _ok(cli, "movements", "--store", "demo", "--product", "RIZ-BRISE-50")
    assert "ajustement" in table and "→ 30" in table
    out = tmp_path / "m.xlsx"
    _ok(cli, "movements", "--kind", "ajustement", "--format", "xlsx", "-o", str(out))
    from openpyxl import load_workbook

    rows = list(load_workbook(out)["mouvements"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Date", "Magasin", "Réf", "Produit", "Type")
    assert [r[2:7] for r in rows[1:]] == [("RIZ-BRISE-50", "Riz brisé 50kg", "ajustement", -9, 30)]
    report = _ok(cli, "report", "sales", "--week", "--store", "demo")
    assert report.startswith("Ventes de la semaine")
    assert "Riz brisé 50kg" in report and "1 vente(s)" in report
    assert "Total : 3 unité(s) en 1 vente(s)" in report
    assert "Aucune réception." in _ok(cli, "report", "receipts", "--yesterday")
    bad = cli.invoke(app, ["movements", "--since", "31/02"])
    assert (bad.exit_code, "n'est pas une date" in bad.output) == (1, True)


def test_status_is_readable_and_json_on_demand(cli: CliRunner) -> None:
    _ok(cli, "demo")
    shown = _ok(cli, "status")
    assert "Fournisseur : sandbox ; envois activés" in shown
    assert "Alertes ouvertes : " in shown and "Magasins : 1 ; produits : " in shown
    assert "{" not in shown
    import json

    report = json.loads(_ok(cli, "status", "--json"))
    assert (report["provider"], report["stores"], report["paused"]) == ("sandbox", 1, False)


def test_a_new_empty_database_is_announced(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL")
    get_settings.cache_clear()
    first = _ok(cli, "stores", "list")
    assert "une base vide est créée : " + str(tmp_path / "stockbot.db") in first
    assert "Attention" not in _ok(cli, "stores", "list")  # it exists now
