"""Catalog CSV files: one reader for the matcher and the import, with French reasons."""

from __future__ import annotations

import io

import pytest

from intents import CatalogFileError, Product, decode_catalog, read_products

GOOD = "sku,name,aliases,unit,quantity\nRIZ,Riz brisé,riz|ceeb,sac,4\nHUILE,Huile 5L,,bidon,2\n"


def _read(data: bytes) -> list[Product]:
    return read_products(io.StringIO(decode_catalog(data)))


def test_extra_columns_are_ignored_and_aliases_split() -> None:
    assert _read(GOOD.encode()) == [
        Product(sku="RIZ", name="Riz brisé", aliases=["riz", "ceeb"], unit="sac"),
        Product(sku="HUILE", name="Huile 5L", aliases=[], unit="bidon"),
    ]


def test_the_english_unit_is_read() -> None:
    data = b"sku,name,unit,unit_en\nINS,Insecticide 1L,flacon,bottle\nSEL,Sel,sac,\n"
    assert [(p.unit, p.unit_en) for p in _read(data)] == [("flacon", "bottle"), ("sac", None)]


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + GOOD.encode(),  # Excel's "CSV UTF-8" starts with a BOM
        GOOD.replace("\n", "\r\n").encode(),
        GOOD.replace("sku,name", " sku , name ").encode(),
        GOOD.replace("\nHUILE", "\n\n,,,,\nHUILE").encode(),  # blank lines
    ],
)
def test_tolerated_variants_read_the_same(data: bytes) -> None:
    assert [p.sku for p in _read(data)] == ["RIZ", "HUILE"]


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        (GOOD.encode("latin-1"), 2, "n'est pas en UTF-8"),
        (b"\x8f\xba\xd2\x01", 1, "n'est pas en UTF-8"),
        (b"a,b\n1,2\n", 1, "colonnes manquantes : sku, name"),
        (b"", 1, "colonnes manquantes : sku, name"),
        (b"sku,name\nRIZ,Riz,riz|ceeb\n", 2, "trop de colonnes"),
    ],
)
def test_a_bad_file_says_which_line_and_why(data: bytes, line: int, reason: str) -> None:
    with pytest.raises(CatalogFileError) as excinfo:
        _read(data)
    assert excinfo.value.line == line
    assert reason in str(excinfo.value)


def test_rows_without_a_sku_are_skipped() -> None:
    assert [p.sku for p in _read(b"sku,name\n,Sans sku\nRIZ,Riz\n")] == ["RIZ"]
