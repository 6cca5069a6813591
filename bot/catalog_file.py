"""The catalogue file: which column is which (French or English names, synonyms, any case or
accents), each line read into a `ProductRow` with every problem named by line, column and
value, and the same format written back (`export_rows`), so that a round trip changes nothing.

Pure apart from the spreadsheet reading: the database side is `bot.products_import`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.db.models import Product, max_length
from bot.errors import ImportFailed, ImportProblem, InvalidInput
from bot.spreadsheets import Table, read_table, unneutralise
from bot.validation import NumberKind, check_text, read_number

__all__ = [
    "COLUMNS",
    "HEADERS",
    "CatalogFile",
    "ProductRow",
    "column_of",
    "derive_sku",
    "export_rows",
    "parse_table",
    "read_catalog",
]

MAX_ALIASES = 50  # per product, each as long as a name at most

# The fields of a catalogue line, in the order of an export.
COLUMNS = (
    "sku",
    "name",
    "aliases",
    "unit",
    "quantity",
    "threshold",
    "reorder_quantity",
    "unit_en",
)
# Export headers per language (read back as synonyms).
HEADERS = {
    "fr": ("Réf", "Nom", "Alias", "Unité", "Quantité", "Seuil", "Commande", "Unité en anglais"),
    "en": (
        "SKU",
        "Name",
        "Aliases",
        "Unit",
        "Quantity",
        "Threshold",
        "Reorder quantity",
        "English unit",
    ),
}
_SYNONYMS = {
    "sku": "sku, ref, réf, reference, référence, code, code article, code produit, "
    "ref produit, référence article, product code, item code",
    "name": "nom, name, produit, désignation, libellé, article, nom produit, nom du produit, "
    "nom de l'article, product, product name, item",
    "aliases": "alias, aliases, synonymes, synonyme, surnoms, autres noms, mots clés, keywords",
    "unit": "unité, unit, unités, units, uom, conditionnement",
    "quantity": "quantité, qté, qte, qty, quantity, stock, quantité en stock, en stock, "
    "stock actuel, qté stock, on hand",
    "threshold": "seuil, alerte, minimum, threshold, seuil d'alerte, seuil alerte, "
    "stock minimum, stock min, min, low stock",
    "unit_en": "unit_en, unit en, english unit, unit english, unité anglaise, unité en anglais",
    "reorder_quantity": "commande, réappro, reappro, réapprovisionnement, reorder, "
    "reorder quantity, reorder_quantity, quantité à commander, qté commande, "
    "quantité de commande, qté à commander",
}
_LABELS = {
    "sku": "la référence",
    "name": "le nom",
    "aliases": "les alias",
    "unit": "l'unité",
    "quantity": "la quantité",
    "threshold": "le seuil",
    "reorder_quantity": "la quantité à commander",
    "unit_en": "l'unité en anglais",
}


def _key(text: str) -> str:
    """A header as compared: no accents, case, punctuation or words in parentheses."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _build_synonyms() -> dict[str, str]:
    table = {
        _key(phrase): name for name, phrases in _SYNONYMS.items() for phrase in phrases.split(",")
    }
    for language in HEADERS.values():
        for column, header in zip(COLUMNS, language, strict=True):
            table[_key(header)] = column
    return table


_SYNONYM_KEYS = _build_synonyms()


def column_of(header: str) -> str | None:
    """The field a header names (`Qté` → quantity), or None."""
    return _SYNONYM_KEYS.get(_key(header))


def header_score(cells: Sequence[str]) -> int:
    """How many cells name a known column (the header row is the one scoring best)."""
    return sum(1 for cell in cells if column_of(cell) is not None)


@dataclass(frozen=True, slots=True)
class ProductRow:
    """One catalogue line. None for a value the file does not give (column absent, or a number
    left blank): an existing product keeps its own, a new one gets the default."""

    sku: str
    name: str
    aliases: tuple[str, ...] | None = None
    unit: str | None = None
    quantity: int | None = None
    threshold: int | None = None
    reorder_quantity: int | None = None
    unit_en: str | None = None  # the unit in English, when the usual translation does not fit
    line: int = 0
    sku_derived: bool = False


@dataclass(frozen=True, slots=True)
class CatalogFile:
    """A catalogue read from a file: its rows and what was detected on the way."""

    rows: list[ProductRow]
    table: Table | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as in the file
    ignored: tuple[str, ...] = ()  # headers of columns stockbot does not use

    @property
    def derived_skus(self) -> bool:
        return "sku" not in self.columns

    def describe(self) -> str:
        """One line for the owner: the format detected and the columns read."""
        parts = [self.table.describe()] if self.table is not None else []
        if self.ignored:
            parts.append("colonnes ignorées : " + ", ".join(self.ignored))
        if self.derived_skus:
            parts.append("pas de colonne Réf : références tirées des noms")
        return " ; ".join(parts)


def derive_sku(name: str) -> str:
    """A stable reference from a product name: `Riz brisé 50 kg` → `RIZ-BRISE-50-KG`."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").upper()
    return slug[: max_length(Product, "sku")].rstrip("-") or "PRODUIT"


def read_catalog(data: bytes, filename: str = "", *, sheet: str | None = None) -> CatalogFile:
    """Read a CSV or `.xlsx` catalogue; ImportFailed lists every problem (all or nothing)."""
    table = read_table(data, filename, sheet=sheet, score=header_score)
    catalog = parse_table(table)
    if not catalog.rows:
        raise ImportFailed(
            table.header_line, "aucun produit sous l'en-tête : mettez un produit par ligne dessous"
        )
    return catalog


def parse_table(table: Table) -> CatalogFile:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[ImportProblem] = []
    for index, header in enumerate(table.header):
        name = column_of(header)
        if name is None:
            if header:
                ignored.append(header)
            continue
        if name in columns:
            first = table.header[columns[name]]
            problems.append(
                ImportProblem(
                    table.header_line,
                    header,
                    "",
                    f"les colonnes « {first} » et « {header} » donnent toutes deux "
                    f"{_LABELS[name]} : gardez-en une",
                )
            )
            continue
        columns[name] = index
    if "name" not in columns:
        found = ", ".join(f"« {h} »" for h in table.header if h) or "aucune"
        problems.append(
            ImportProblem(
                table.header_line,
                "",
                "",
                f"colonne du nom introuvable (colonnes lues : {found}) : "
                "nommez-la Nom, Désignation ou Produit",
            )
        )
    if problems:
        raise ImportFailed.of(problems)
    headers = {name: table.header[index] for name, index in columns.items()}
    rows = _rows(table, columns, headers, problems)
    if problems:
        raise ImportFailed.of(problems)
    return CatalogFile(rows=rows, table=table, columns=headers, ignored=tuple(ignored))


def _rows(
    table: Table,
    columns: dict[str, int],
    headers: dict[str, str],
    problems: list[ImportProblem],
) -> list[ProductRow]:
    rows: list[ProductRow] = []
    seen: dict[str, int] = {}
    width = len(table.header)
    for line, cells in table.rows:
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            problems.append(
                ImportProblem(line, "", "", f"{len(cells)} valeurs pour {width} colonnes")
            )
            continue
        reader = _LineReader(line, cells, columns, headers, problems)
        row = reader.row()
        if row is None:
            continue
        key = row.sku.casefold()
        if key in seen:
            what = "nom" if row.sku_derived else "référence"
            shown = row.name if row.sku_derived else row.sku
            column = headers["name"] if row.sku_derived else headers["sku"]
            problems.append(
                ImportProblem(line, column, shown, f"{what} en double (déjà ligne {seen[key]})")
            )
            continue
        seen[key] = line
        rows.append(row)
    return rows


_NAME_LIMIT = max_length(Product, "name")
_SKU_LIMIT = max_length(Product, "sku")
_UNIT_LIMIT = max_length(Product, "unit")


class _LineReader:
    """Reads one line's cells, adding a problem per bad cell (so one pass reports them all)."""

    def __init__(
        self,
        line: int,
        cells: list[str],
        columns: dict[str, int],
        headers: dict[str, str],
        problems: list[ImportProblem],
    ) -> None:
        self.line = line
        self.cells = cells
        self.columns = columns
        self.headers = headers
        self.problems = problems
        self.ok = True

    def raw(self, name: str) -> str | None:
        index = self.columns.get(name)
        if index is None:
            return None
        return self.cells[index] if index < len(self.cells) else ""

    def fail(self, name: str, value: str, reason: str) -> None:
        self.ok = False
        self.problems.append(ImportProblem(self.line, self.headers.get(name, name), value, reason))

    def text(self, name: str, limit: int) -> str | None:
        raw = self.raw(name)
        if raw is None:
            return None
        try:
            return check_text(name, unneutralise(raw.strip()), limit=limit)
        except InvalidInput as exc:
            self.fail(name, raw, exc.reason)
            return ""

    def number(self, name: str, kind: NumberKind) -> int | None:
        raw = self.raw(name)
        if raw is None or not raw.strip():
            return None
        try:
            return read_number(name, raw, kind)
        except InvalidInput as exc:
            reason = exc.reason
        if kind == NumberKind.STOCK:  # worded with the bounds of a count a person states
            try:
                read_number(name, raw, NumberKind.COUNT)
            except InvalidInput as exc:
                reason = exc.reason
        self.fail(name, raw, reason)
        return None

    def aliases(self) -> tuple[str, ...] | None:
        raw = self.raw("aliases")
        if raw is None:
            return None
        limit = _NAME_LIMIT
        aliases: list[str] = []
        for part in re.split(r"[|;,]", raw):
            try:
                alias = check_text("aliases", unneutralise(part.strip()), limit=limit)
            except InvalidInput as exc:
                self.fail("aliases", part, exc.reason)
                continue
            if alias and alias not in aliases:
                aliases.append(alias)
        if len(aliases) > MAX_ALIASES:
            self.fail("aliases", raw[:40], f"plus de {MAX_ALIASES} alias")
        return tuple(aliases)

    def row(self) -> ProductRow | None:
        name = self.text("name", _NAME_LIMIT)
        sku = self.text("sku", _SKU_LIMIT)
        if name == "" and self.ok:
            self.fail("name", "", "nom manquant : chaque ligne a besoin d'un nom de produit")
        derived = not sku
        if derived and name:
            sku = derive_sku(name)
        row = ProductRow(
            sku=sku or "",
            name=name or "",
            aliases=self.aliases(),
            unit=self.text("unit", _UNIT_LIMIT),
            quantity=self.number("quantity", NumberKind.STOCK),
            threshold=self.number("threshold", NumberKind.THRESHOLD),
            reorder_quantity=self.number("reorder_quantity", NumberKind.REORDER),
            unit_en=self.text("unit_en", max_length(Product, "unit_en")),
            line=self.line,
            sku_derived=derived,
        )
        return row if self.ok else None


def export_rows(
    products: Sequence[Product], language: str = "fr"
) -> tuple[tuple[str, ...], list[list[str | int | None]]]:
    """The header and rows of an export of `products`, in the import's own format."""
    header = HEADERS.get(language, HEADERS["fr"])
    rows: list[list[str | int | None]] = [
        [
            product.sku,
            product.name,
            "|".join(product.aliases),
            product.unit,
            product.quantity,
            product.threshold,
            product.reorder_quantity,
            product.unit_en,
        ]
        for product in products
    ]
    return header, rows
