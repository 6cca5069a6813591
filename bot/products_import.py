"""Product catalog import from CSV (`sku,name,aliases,unit,quantity,threshold[,reorder_quantity]`).

All or nothing: the whole file is validated before anything is written, and a bad line aborts
the import with its line number and reason. Used by the CLI and the admin API alike.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from bot.clock import utcnow
from bot.db.models import MovementKind, MovementSource, Product, Store
from bot.errors import ImportFailed
from bot.stock import record_movement

REQUIRED_COLUMNS = ("sku", "name", "aliases", "unit", "quantity", "threshold")


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
    try:
        value = int(text)
    except ValueError:
        raise ImportFailed(line, f"{column} n'est pas un nombre entier: {text!r}") from None
    if value < minimum:
        raise ImportFailed(line, f"{column} doit être >= {minimum}: {value}")
    return value


def parse_product_row(line: int, record: dict[str, str | None]) -> ProductRow:
    """One CSV record (or API object with the same fields) as a ProductRow, or ImportFailed."""
    sku = (record.get("sku") or "").strip()
    if not sku:
        raise ImportFailed(line, "sku manquant")
    if len(sku) > 64:
        raise ImportFailed(line, "sku trop long (64 caractères au plus)")
    name = (record.get("name") or "").strip()
    if not name:
        raise ImportFailed(line, f"nom manquant pour {sku}")
    aliases = tuple(a.strip() for a in (record.get("aliases") or "").split("|") if a.strip())
    reorder_raw = (record.get("reorder_quantity") or "").strip()
    return ProductRow(
        sku=sku,
        name=name[:120],
        aliases=aliases,
        unit=(record.get("unit") or "").strip()[:32],
        quantity=_whole_number(line, "quantity", record.get("quantity"), minimum=0),
        threshold=_whole_number(line, "threshold", record.get("threshold"), minimum=0),
        reorder_quantity=(
            _whole_number(line, "reorder_quantity", reorder_raw, minimum=1) if reorder_raw else None
        ),
    )


def parse_products_csv(text: str) -> list[ProductRow]:
    """Validate a whole CSV file; raise ImportFailed at the first bad line (1 = header)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportFailed(1, "colonnes manquantes: " + ", ".join(missing))
    reader.fieldnames = header
    rows: list[ProductRow] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
            continue
        if None in record:
            raise ImportFailed(line, "trop de colonnes")
        row = parse_product_row(line, record)
        if row.sku in seen:
            raise ImportFailed(line, f"sku en double: {row.sku} (déjà ligne {seen[row.sku]})")
        seen[row.sku] = line
        rows.append(row)
    return rows


def apply_products(
    session: Session,
    store_code: str,
    rows: list[ProductRow],
    *,
    source: MovementSource = MovementSource.IMPORT,
    only_missing: bool = False,
    now: datetime | None = None,
) -> ImportResult:
    """Create or update products of `store_code` (the store is created if missing).

    Quantity changes are recorded as `import` movements, so alerts follow imports too.
    """
    moment = now or utcnow()
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
        if delta:
            record_movement(
                session, product, delta, MovementKind.IMPORT, source, note="import", now=moment
            )
    return ImportResult(created=created, updated=updated)
