"""Catalog CSV (``sku,name,aliases,unit,...``, aliases separated by ``|``).

One reader for every catalog file: the matcher's (``stockbot parse --catalog``) and the store
import (``bot.products_import``), so both accept and refuse the same files, in the same words.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

from intents.models import Product

MATCHER_COLUMNS = ("sku", "name")


class CatalogFileError(ValueError):
    """A catalog file that cannot be read: the line (1 = header) and the reason, in French."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"ligne {line} : {reason}")
        self.line = line
        self.reason = reason


def decode_catalog(data: bytes) -> str:
    """The text of a catalog file: UTF-8, with or without a BOM (as Excel saves "CSV UTF-8")."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        reason = "le fichier n'est pas en UTF-8 (enregistrez-le au format « CSV UTF-8 »)"
        raise CatalogFileError(line, reason) from None


def catalog_records(
    lines: Iterable[str], required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str | None]]]:
    """Records of a catalog CSV with their line numbers.

    A BOM and spaces around column names are dropped and blank lines skipped; a missing
    ``required`` column or a line with too many fields raises :class:`CatalogFileError`.
    """
    reader = csv.DictReader(_without_bom(lines))
    try:
        header = [name.strip() for name in reader.fieldnames or []]
        missing = [column for column in required if column not in header]
        if missing:
            raise CatalogFileError(1, "colonnes manquantes : " + ", ".join(missing))
        reader.fieldnames = header
        for record in reader:
            if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
                continue
            if None in record:
                raise CatalogFileError(reader.line_num, "trop de colonnes")
            yield reader.line_num, record
    except csv.Error as exc:
        raise CatalogFileError(reader.line_num, f"CSV mal formé ({exc})") from None


def read_products(lines: Iterable[str]) -> list[Product]:
    """Catalog lines as products; extra columns (quantity, threshold...) are ignored and rows
    without a sku skipped. Raises :class:`CatalogFileError` for a file that is not a catalog."""
    products: list[Product] = []
    for _line, row in catalog_records(lines, MATCHER_COLUMNS):
        sku = (row.get("sku") or "").strip()
        if not sku:
            continue
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        unit, unit_en = ((row.get(column) or "").strip() or None for column in ("unit", "unit_en"))
        name = (row.get("name") or sku).strip()
        products.append(Product(sku=sku, name=name, aliases=aliases, unit=unit, unit_en=unit_en))
    return products


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    iterator = iter(lines)
    first = next(iterator, None)
    if first is not None:
        yield first.removeprefix("\ufeff")
        yield from iterator
