"""Product catalog import from CSV (`sku,name,aliases,unit,quantity,threshold[,reorder_quantity]`).

All or nothing: the whole file is validated before anything is written, and a bad line aborts
the import with its line number and reason. Numbers are plain digits: a quantity up to MAX_STOCK
(what a product may hold), a threshold or reorder quantity up to MAX_QUANTITY; texts longer than
their column, or holding control characters, are refused, never cut. Used by the CLI and the
admin API alike.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from bot.alerts import check_stock_level, pushes_after
from bot.clock import utcnow
from bot.db.models import MovementKind, MovementSource, Product, Store, max_length
from bot.errors import ImportFailed, InvalidInput, ValidationError
from bot.settings import Settings
from bot.stock import record_movement
from bot.validation import NumberKind, check_text, read_number
from intents.csv_catalog import CatalogFileError, catalog_records

REQUIRED_COLUMNS = ("sku", "name", "aliases", "unit", "quantity", "threshold")
MAX_ALIASES = 50  # per product, each as long as a name at most


@dataclass(frozen=True, slots=True)
class ProductRow:
    sku: str
    name: str
    aliases: tuple[str, ...]
    unit: str
    quantity: int
    threshold: int
    reorder_quantity: int | None = None


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int


def _whole_number(line: int, column: str, raw: str | None, kind: NumberKind) -> int:
    try:
        return read_number(column, raw or "", kind)
    except InvalidInput as exc:
        raise ImportFailed(line, str(exc), column=column) from None


def _text(line: int, column: str, raw: str | None, limit: int) -> str:
    try:
        return check_text(column, raw or "", limit=limit)
    except InvalidInput as exc:
        raise ImportFailed(line, str(exc), column=column) from None


def _aliases(line: int, raw: str | None) -> tuple[str, ...]:
    limit = max_length(Product, "name")
    aliases = tuple(
        _text(line, "aliases", alias, limit) for alias in (raw or "").split("|") if alias.strip()
    )
    if len(aliases) > MAX_ALIASES:
        raise ImportFailed(line, f"plus de {MAX_ALIASES} alias", column="aliases")
    return aliases


def parse_product_row(line: int, record: dict[str, str | None]) -> ProductRow:
    """One CSV record (or API object with the same fields) as a ProductRow, or ImportFailed."""
    sku = _text(line, "sku", record.get("sku"), max_length(Product, "sku"))
    if not sku:
        raise ImportFailed(line, "sku manquant", column="sku")
    name = _text(line, "name", record.get("name"), max_length(Product, "name"))
    if not name:
        raise ImportFailed(line, f"nom manquant pour {sku}", column="name")
    reorder_raw = (record.get("reorder_quantity") or "").strip()
    return ProductRow(
        sku=sku,
        name=name,
        aliases=_aliases(line, record.get("aliases")),
        unit=_text(line, "unit", record.get("unit"), max_length(Product, "unit")),
        quantity=_whole_number(line, "quantity", record.get("quantity"), NumberKind.STOCK),
        threshold=_whole_number(line, "threshold", record.get("threshold"), NumberKind.THRESHOLD),
        reorder_quantity=(
            _whole_number(line, "reorder_quantity", reorder_raw, NumberKind.REORDER)
            if reorder_raw
            else None
        ),
    )


def parse_products_csv(text: str) -> list[ProductRow]:
    """Validate a whole CSV file; raise ImportFailed at the first bad line (1 = header)."""
    _check_header(text)
    rows: list[ProductRow] = []
    seen: dict[str, int] = {}
    try:
        for line, record in catalog_records(io.StringIO(text), REQUIRED_COLUMNS):
            row = parse_product_row(line, record)
            if row.sku in seen:
                reason = f"sku en double : {row.sku} (déjà ligne {seen[row.sku]})"
                raise ImportFailed(line, reason, column="sku")
            seen[row.sku] = line
            rows.append(row)
    except CatalogFileError as exc:
        header = text.lstrip("\ufeff").partition("\n")[0]
        if exc.line == 1 and ";" in header and "," not in header:  # French Excel's CSV
            reason = "colonnes séparées par « ; » : enregistrez le fichier avec des virgules"
            raise ImportFailed(1, reason) from None
        raise ImportFailed(exc.line, exc.reason) from None
    return rows


def _check_header(text: str) -> None:
    """A column named twice is refused (the reader would silently keep the last one)."""
    try:
        header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])
    except csv.Error:
        return  # the reader of the records says what is wrong with it
    names = [name.strip() for name in header]
    doubled = sorted({name for name in names if name and names.count(name) > 1})
    if doubled:
        raise ImportFailed(1, "colonne en double : " + ", ".join(doubled))


def apply_products(
    session: Session,
    store_code: str,
    rows: list[ProductRow],
    *,
    settings: Settings,
    source: MovementSource = MovementSource.IMPORT,
    only_missing: bool = False,
    now: datetime | None = None,
) -> ImportResult:
    """Create or update products of `store_code` (the store is created if missing).

    Quantity changes are recorded as `import` movements; every product written has its alert
    checked (a new product at zero, a changed threshold), so alerts follow imports too.
    Raises ValidationError for a store code that is empty or too long.
    """
    moment = now or utcnow()
    limit = max_length(Store, "code")
    if not store_code or len(store_code) > limit:
        raise ValidationError(f"code de magasin vide ou trop long ({limit} caractères au plus)")
    store = session.exec(select(Store).where(Store.code == store_code)).first()
    if store is None:
        store = Store(code=store_code, name=store_code)
        session.add(store)
        session.flush()
    existing = {p.sku: p for p in session.exec(select(Product).where(Product.store_id == store.id))}
    created = updated = 0
    # Together: an import that opens ten alerts tells each manager once, not ten times.
    with pushes_after(session, settings=settings, now=moment):
        for row in rows:
            product = existing.get(row.sku)
            if product is not None and only_missing:
                continue
            if product is None:
                created += 1
            else:
                updated += 1
            _write(session, store, product, row, settings=settings, source=source, now=moment)
    return ImportResult(created=created, updated=updated)


def _write(
    session: Session,
    store: Store,
    product: Product | None,
    row: ProductRow,
    *,
    settings: Settings,
    source: MovementSource,
    now: datetime,
) -> None:
    """Create `row`'s product (`product` None) or update it, then bring its quantity to the
    row's with an import movement (which checks the alert; so does a mere threshold change)."""
    if product is None:
        product = Product(
            store_id=store.id,  # type: ignore[arg-type]
            sku=row.sku,
            name=row.name,
            aliases=list(row.aliases),
            unit=row.unit,
            quantity=0,
            threshold=row.threshold,
            reorder_quantity=row.reorder_quantity or max(row.threshold, 1),
            created_at=now,
            updated_at=now,
        )
    else:
        product.name = row.name
        product.aliases = list(row.aliases)
        product.unit = row.unit
        product.threshold = row.threshold
        if row.reorder_quantity is not None:
            product.reorder_quantity = row.reorder_quantity
        product.updated_at = now
    session.add(product)
    session.flush()
    delta = row.quantity - product.quantity
    if delta:
        record_movement(
            session,
            product,
            delta,
            MovementKind.IMPORT,
            source,
            settings=settings,
            note="import",
            now=now,
        )
    else:
        check_stock_level(session, product, now=now, settings=settings)
