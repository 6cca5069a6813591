"""Product catalog import from CSV (`sku,name,aliases,unit,quantity,threshold[,reorder_quantity]`).

All or nothing: the whole file is validated before anything is written, and a bad line aborts
the import with its line number and reason. Numbers are plain digits up to MAX_QUANTITY; texts
longer than their column are refused, never cut. Used by the CLI and the admin API alike.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from bot.alerts import check_stock_level
from bot.clock import utcnow
from bot.db.models import MovementKind, MovementSource, Product, Store, max_length
from bot.errors import ImportFailed, ValidationError
from bot.settings import Settings
from bot.stock import MAX_QUANTITY, record_movement
from intents.csv_catalog import CatalogFileError, catalog_records

REQUIRED_COLUMNS = ("sku", "name", "aliases", "unit", "quantity", "threshold")
_DIGITS = re.compile(r"[0-9]+")  # not `int()`: it also takes `1_000`, `+3`, `٣`, ` 3 `


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


def _whole_number(line: int, column: str, raw: str | None, *, minimum: int) -> int:
    text = (raw or "").strip()
    if not _DIGITS.fullmatch(text):
        reason = f"{column} n'est pas un nombre entier : {text[:20]!r}"
        raise ImportFailed(line, reason, column=column)
    value = int(text)
    if not minimum <= value <= MAX_QUANTITY:
        reason = f"{column} doit être entre {minimum} et {MAX_QUANTITY} : {value}"
        raise ImportFailed(line, reason, column=column)
    return value


def _text(line: int, column: str, raw: str | None, limit: int) -> str:
    value = (raw or "").strip()
    if len(value) > limit:
        reason = f"{column} trop long ({limit} caractères au plus)"
        raise ImportFailed(line, reason, column=column)
    return value


def parse_product_row(line: int, record: dict[str, str | None]) -> ProductRow:
    """One CSV record (or API object with the same fields) as a ProductRow, or ImportFailed."""
    sku = _text(line, "sku", record.get("sku"), max_length(Product, "sku"))
    if not sku:
        raise ImportFailed(line, "sku manquant", column="sku")
    name = _text(line, "name", record.get("name"), max_length(Product, "name"))
    if not name:
        raise ImportFailed(line, f"nom manquant pour {sku}", column="name")
    aliases = tuple(a.strip() for a in (record.get("aliases") or "").split("|") if a.strip())
    reorder_raw = (record.get("reorder_quantity") or "").strip()
    return ProductRow(
        sku=sku,
        name=name,
        aliases=aliases,
        unit=_text(line, "unit", record.get("unit"), max_length(Product, "unit")),
        quantity=_whole_number(line, "quantity", record.get("quantity"), minimum=0),
        threshold=_whole_number(line, "threshold", record.get("threshold"), minimum=0),
        reorder_quantity=(
            _whole_number(line, "reorder_quantity", reorder_raw, minimum=1) if reorder_raw else None
        ),
    )


def parse_products_csv(text: str) -> list[ProductRow]:
    """Validate a whole CSV file; raise ImportFailed at the first bad line (1 = header)."""
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
    for row in rows:
        product = existing.get(row.sku)
        if product is not None and only_missing:
            continue
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
                created_at=moment,
                updated_at=moment,
            )
            session.add(product)
            session.flush()
            created += 1
        else:
            product.name = row.name
            product.aliases = list(row.aliases)
            product.unit = row.unit
            product.threshold = row.threshold
            if row.reorder_quantity is not None:
                product.reorder_quantity = row.reorder_quantity
            product.updated_at = moment
            session.add(product)
            session.flush()
            updated += 1
        delta = row.quantity - product.quantity
        if delta:  # checks the alert too
            record_movement(
                session,
                product,
                delta,
                MovementKind.IMPORT,
                source,
                settings=settings,
                note="import",
                now=moment,
            )
        else:
            check_stock_level(session, product, now=moment, settings=settings)
    return ImportResult(created=created, updated=updated)
