"""`stockbot parse`: the function behind the command, called directly."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from bot.cli.parse import parse_command


def test_default_demo_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    parse_command("bonjour, cb de sacs de ceeb il reste stp", None)
    out = capsys.readouterr().out
    assert "stock_query" in out
    assert "RIZ-BRISE-50" in out
    assert "score" in out


def test_candidates_and_quantity(capsys: pytest.CaptureFixture[str]) -> None:
    parse_command("commander 12 bidons d'huile", None)
    out = capsys.readouterr().out
    assert "restock" in out
    assert "HUILE-5L, HUILE-20L" in out
    assert "12" in out


def test_custom_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = tmp_path / "shop.csv"
    catalog.write_text("sku,name,aliases,unit\nBISSAP,Bissap séché,bissap|folere,sachet\n")
    parse_command("vendu 4 sachets de folere", catalog)
    out = capsys.readouterr().out
    assert "sale" in out
    assert "BISSAP" in out
    assert "4" in out


def test_suggestions_for_an_unknown_product(capsys: pytest.CaptureFixture[str]) -> None:
    parse_command("stock rzz", None)
    assert "RIZ-BRISE-50" in capsys.readouterr().out


def test_missing_catalog_exits(tmp_path: Path) -> None:
    with pytest.raises(typer.Exit):
        parse_command("stock riz", tmp_path / "absent.csv")


def test_catalog_saved_by_excel_with_a_bom(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = tmp_path / "shop.csv"
    catalog.write_bytes("\ufeffsku,name,aliases,unit\nBISSAP,Bissap,folere,sachet\n".encode())
    parse_command("vendu 4 sachets de folere", catalog)
    assert "BISSAP" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("sku,name,aliases,unit\nRIZ,Riz brisé,riz,sac\n".encode("latin-1"), "pas en UTF-8"),
        (b"code;nom\nRIZ;Riz\n", "colonnes manquantes : sku, name"),
    ],
)
def test_a_bad_catalog_exits_with_a_french_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    catalog = tmp_path / "shop.csv"
    catalog.write_bytes(content)
    with pytest.raises(typer.Exit):
        parse_command("stock riz", catalog)
    err = capsys.readouterr().err
    assert "Catalogue invalide" in err
    assert reason in err


def test_each_item_of_a_message_listing_several(capsys: pytest.CaptureFixture[str]) -> None:
    parse_command("vendu 2 sacs de riz et 3 bidons huile 5l", None)
    out = capsys.readouterr().out
    assert "items      : 2" in out
    assert "1. sale RIZ-BRISE-50 × 2" in out
    assert "2. sale HUILE-5L × 3" in out


def test_a_number_that_is_no_quantity_is_shown_as_such(capsys: pytest.CaptureFixture[str]) -> None:
    parse_command("vendu 3-4 sacs de riz", None)
    assert "quantity   : - (à demander : range)" in capsys.readouterr().out
