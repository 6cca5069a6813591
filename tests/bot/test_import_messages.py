"""A refused catalogue import in English for an English-speaking owner (`bot.import_messages`):
every reason the file readers, the validation and the plan word in French is translated."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from bot.catalog_file import read_catalog
from bot.cli import app
from bot.errors import ImportFailed, ValidationError
from bot.import_messages import import_problems

# Words of a French sentence that no English one of ours holds.
_FRENCH = re.compile(
    r"\b(ligne|colonne|est|n'est|pas|attendu|fichier|classeur|enregistrez|introuvable|"
    r"aucun|aucune|valeurs|double|déjà|manquant|trop|dépasse|négatif|nombre)\b"
)


def _xlsx(*rows: list[object]) -> bytes:
    workbook = Workbook()
    assert workbook.active is not None
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "empty": (b"", "x.csv"),
    "pdf": (b"%PDF-1.4 ...", "x.pdf"),
    "xls": (b"\xd0\xcf\x11\xe0" + b"\0" * 64, "x.xls"),
    "html": (b"<html><table></table></html>", "x.csv"),
    "renamed": (b"Nom;Seuil\nRiz;2\n", "x.xlsx"),
    "binary": (b"\0" * 40 + b"abc", "x.csv"),
    "zip": (b"PK\x03\x04 not a workbook", "x.xlsx"),
    "no products": (b"Nom;Seuil\n", "x.csv"),
    "no name column": (b"Code;Seuil\nA;2\n", "x.csv"),
    "two name columns": (b"Nom;Produit\nRiz;Riz\n", "x.csv"),
    "cells": (
        "Nom;Réf;Quantité;Seuil;Commande;Alias\n"
        "Riz;R1;-2;1.500;0;a\n"
        "Sucre;R1;abc;2,5;3;b\n"
        ";R3;10 sacs;1;1;c\n"
        "Sel;R4;99999999999;1;1;d;x;y\n"
        "Thé;R5;1;1;1;" + "|".join(f"a{i}" for i in range(30)) + "\n"
        "Lait\ud800;R6;1;1;1;e\n"
    ).encode("utf-8", "surrogatepass"),
    "xlsx cells": (_xlsx(["Nom", "Quantité"], ["Riz", -2], ["Sel", 1.5]), "x.xlsx"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_every_refusal_reads_in_english(name: str) -> None:
    data = BAD_FILES[name]
    content, filename = data if isinstance(data, tuple) else (data, "x.csv")
    with pytest.raises(ValidationError) as refused:
        read_catalog(content, filename)
    french = import_problems(refused.value, "fr")
    english = import_problems(refused.value, "en")
    assert len(english) == len(french)
    for line in english:
        assert not _FRENCH.search(line), line
    if isinstance(refused.value, ImportFailed):  # French as before
        assert french == [p.describe() for p in refused.value.problems]


def test_the_cells_read_in_english_say_where_and_what() -> None:
    with pytest.raises(ImportFailed) as refused:
        read_catalog(BAD_FILES["xlsx cells"][0], "x.xlsx")
    assert import_problems(refused.value, "en") == [
        "line 2, column « Quantité »: -2 is negative: a whole number from 0 to 100 000 is expected",
        "line 3, column « Quantité »: 1.5 is not a whole number: "
        "a whole number from 0 to 100 000 is expected",
    ]


def test_the_command_line_speaks_the_locale(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.invoke(app, ["stores", "add", "s1", "--name", "S1"]).exit_code == 0
    bad = tmp_path / "stock.xlsx"
    bad.write_bytes(_xlsx(["Nom", "Quantité"], ["Riz", -2]))
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    result = cli.invoke(app, ["import", "products", str(bad), "--store", "s1"])
    assert result.exit_code == 1
    assert "Import cancelled, nothing was written (stock.xlsx):" in result.output
    assert "line 2, column « Quantité »: -2 is negative" in result.output
    missing = cli.invoke(app, ["import", "products", str(tmp_path / "none.csv"), "--store", "s1"])
    assert "Error: file not found" in missing.output
    good = tmp_path / "good.csv"
    good.write_text("Nom\nRiz\n")
    unknown = cli.invoke(app, ["import", "products", str(good), "--store", "s2"])
    assert unknown.exit_code == 1
    assert "Error: unknown store: s2 (did you mean s1?)" in unknown.output, unknown.output
    assert "To create this store" in unknown.output
    spaced = cli.invoke(
        app, ["import", "products", str(good), "--store", "s 2", "--create-store", "S2"]
    )
    assert "code: « s 2 »: no space in a code (e.g. dakar-1)" in spaced.output, spaced.output
