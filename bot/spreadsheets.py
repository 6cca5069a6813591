"""Tables as shop owners keep them, in and out: CSV in any encoding and separator Excel or
LibreOffice writes, and `.xlsx` workbooks.

Reading detects the encoding (UTF-8 with or without BOM, UTF-16, Windows-1252, Latin-1), the
separator (`,` `;` tab) and the header row (a title line above it is skipped), and says which
it chose. A file that is no such table, or not what its name says (a CSV renamed `.xlsx`, a web
page saved as `.xls`, a LibreOffice `.ods`), is refused with what to do instead.

Writing neutralises formulas: a text cell starting with `=`, `+`, `-` or `@` is written so that
no spreadsheet runs it (issue 19 §7), while the value itself stays as typed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

from bot.errors import ValidationError

__all__ = [
    "FORMULA_STARTS",
    "Table",
    "UnreadableFile",
    "neutralise",
    "read_table",
    "unneutralise",
    "write_csv",
    "write_xlsx",
]

Cell = str | int | None
HeaderScore = Callable[[Sequence[str]], int]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_SEARCH = 10  # rows looked at for the header (title lines above it are skipped)
_DELIMITERS = (";", ",", "\t")
_EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls"})
# An OpenDocument file starts with its uncompressed `mimetype` entry.
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_ODS_SEARCH = 100
_DELIMITER_NAMES = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}
# Bytes 0x80-0x9F that Windows-1252 leaves undefined (Latin-1 control characters there).
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


class UnreadableFile(ValidationError):
    """A file that is no table stockbot reads: the reason says what to do instead."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table read from a file. `rows` are (line, cells) with the line number the owner sees
    (the CSV line, or the sheet's row number); `header_line` likewise."""

    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]]
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

    def describe(self) -> str:
        """What was detected, for the owner: `CSV, Windows-1252, point-virgule`."""
        if self.kind == "xlsx":
            return f"Excel (.xlsx), feuille « {self.sheet} »"
        separator = _DELIMITER_NAMES.get(self.delimiter or "", self.delimiter or "")
        return f"CSV, encodage {self.encoding}, séparateur {separator}"


def read_table(
    data: bytes, filename: str = "", *, sheet: str | None = None, score: HeaderScore
) -> Table:
    """The table in `data`; `score(cells)` says how many cells are known column names (the
    header is the first row scoring best). Raises UnreadableFile with what to do."""
    if not data.strip():
        raise UnreadableFile(
            "le fichier est vide : choisissez celui du catalogue (une ligne d'en-tête Nom, "
            "Quantité, Seuil… puis un produit par ligne)"
        )
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".ods" or _ODS_MIMETYPE in data[:_ODS_SEARCH]:
            raise UnreadableFile(
                "c'est un classeur LibreOffice (.ods) : dans LibreOffice, « Enregistrer sous » "
                "au format Excel (.xlsx) ou CSV"
            )
        return _read_xlsx(data, sheet=sheet, score=score)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            "classeur Excel ancien format (.xls) : enregistrez-le en .xlsx ou en CSV"
        )
    if data.startswith(b"%PDF"):
        raise UnreadableFile("c'est un PDF : exportez le tableau en .xlsx ou en CSV")
    text, encoding = _decode(data)
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        raise UnreadableFile(
            "c'est une page web (HTML) ou du XML, pas un tableau : ouvrez-le dans Excel puis "
            "« Enregistrer sous » « Classeur Excel (.xlsx) », ou enregistrez-le en CSV"
        )
    if suffix in _EXCEL_SUFFIXES:
        # Read as the CSV it is, it might import; but the owner believes it is a workbook (a
        # renamed CSV, a website's "Excel" export): say so rather than guess behind their back.
        raise UnreadableFile(
            f"ce fichier porte l'extension {suffix} mais n'est pas un vrai classeur Excel : "
            "c'est du texte (un CSV renommé ?). Ouvrez-le dans Excel et enregistrez-le en "
            "« Classeur Excel (.xlsx) », ou renommez-le en .csv"
        )
    if sheet is not None:
        raise UnreadableFile("--sheet ne s'applique qu'à un classeur .xlsx")
    return _read_csv(text, encoding, score)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8"), "UTF-8 (avec BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16"), "UTF-16"
    if data[:4096].count(b"\x00") > 8:  # a binary file (a stray NUL is the cell's problem)
        raise UnreadableFile(
            "ce fichier n'est ni un CSV ni un classeur Excel (.xlsx) : "
            "enregistrez le tableau au format CSV ou .xlsx"
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    c1 = {byte for byte in data if 0x80 <= byte <= 0x9F}
    if c1 & _CP1252_UNDEFINED:
        return data.decode("latin-1"), "Latin-1 (ISO-8859-1)"
    if c1:  # € ’ œ … : bytes only Windows-1252 gives a meaning
        return data.decode("cp1252"), "Windows-1252"
    return data.decode("cp1252"), "Windows-1252 / Latin-1"


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFile(
            f"ligne {line} : octets invalides en {encoding.upper()} : "
            "réenregistrez le fichier en CSV UTF-8"
        ) from None


def _read_csv(text: str, encoding: str, score: HeaderScore) -> Table:
    best: tuple[int, int, str] | None = None
    for delimiter in _DELIMITERS:
        try:
            top = _csv_rows(text, delimiter, limit=_HEADER_SEARCH)
        except csv.Error:
            continue
        for _line, cells in top:
            candidate = (score(cells), len(cells), delimiter)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    delimiter = best[2] if best is not None else ","
    try:
        rows = _csv_rows(text, delimiter)
    except csv.Error as exc:
        raise UnreadableFile(f"CSV mal formé ({exc})") from None
    header_line, header, data_rows = _split_header(rows, score)
    return Table(header, header_line, data_rows, "csv", encoding=encoding, delimiter=delimiter)


def _csv_rows(text: str, delimiter: str, limit: int | None = None) -> list[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            rows.append((line, cells))
            if limit is not None and len(rows) >= limit:
                break
        line = reader.line_num + 1
    return rows


def _split_header(
    rows: list[tuple[int, list[str]]], score: HeaderScore
) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    if not rows:
        raise UnreadableFile("le fichier ne contient aucune ligne")
    scores = [score(cells) for _line, cells in rows[:_HEADER_SEARCH]]
    index = scores.index(max(scores)) if max(scores) > 0 else 0
    line, header = rows[index]
    return line, [cell.strip() for cell in header], rows[index + 1 :]


def _read_xlsx(data: bytes, *, sheet: str | None, score: HeaderScore) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise UnreadableFile(
            "ce fichier n'est pas un classeur .xlsx lisible (un .zip ?) : "
            "enregistrez-le au format .xlsx ou CSV"
        ) from None
    try:
        names = list(workbook.sheetnames)
        chosen = _sheet_name(names, sheet)
        worksheet = workbook[chosen]
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
    finally:
        workbook.close()
    header_line, header, data_rows = _split_header(rows, score)
    return Table(header, header_line, data_rows, "xlsx", sheet=chosen)


def _sheet_name(names: list[str], wanted: str | None) -> str:
    if not names:
        raise UnreadableFile("le classeur ne contient aucune feuille")
    if wanted is None:
        return names[0]
    for name in names:
        if name.strip().casefold() == wanted.strip().casefold():
            return name
    if wanted.strip().isdecimal() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    listed = ", ".join(f"« {name} »" for name in names)
    raise UnreadableFile(f"feuille « {wanted} » introuvable : le classeur a {listed}")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def neutralise(value: str) -> str:
    """A text cell that a spreadsheet would read as a formula, made plain text with a leading
    apostrophe (what Excel itself shows for text typed as `'=…`)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unneutralise(value: str) -> str:
    """The value `neutralise` protected, as it was typed (an export re-imported is unchanged)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def write_csv(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], *, delimiter: str = ";"
) -> bytes:
    """UTF-8 with a BOM (Excel then reads accents right), text cells neutralised."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(name) for name in header])
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _csv_cell(cell: Cell) -> str | int:
    if cell is None:
        return ""
    return cell if isinstance(cell, int) else neutralise(cell)


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str) -> bytes:
    """A one-sheet workbook; text cells are typed as text (quote prefix), never formulas."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    all_rows: list[list[Cell]] = [list(header), *(list(row) for row in rows)]
    for row_number, row in enumerate(all_rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_number, column=column)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
                if value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
