"""Catalogue imports: what a file would change (`plan_import`), then applying it
(`apply_import`), all or nothing.

A re-import never moves stock silently. By default it updates names, aliases, units,
thresholds and reorder quantities, and sets the quantity of new products only; with
`set_stock` the file's quantities are an inventory: one `adjustment` movement (source
`import`) per product whose count differs, computed against the quantity at the moment of
writing (under the write lock), so a sale made meanwhile is not lost.

The writes are bulk statements in the caller's transaction (100,000 rows in seconds, not
minutes); alerts are checked for the products whose level may have changed, and their pushes
grouped (an import opening ten alerts tells each manager once). Used by the CLI, the admin API,
the back office and the demo.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update
from sqlmodel import Session, col
from sqlmodel import select as select_models

from bot.alerts import check_stock_level, open_alerts, pushes_after
from bot.alerts.levels import level_for
from bot.catalog_file import CatalogFile, ProductRow, header_score, parse_table, read_catalog
from bot.clock import utcnow
from bot.db.models import (
    Alert,
    AlertState,
    MovementKind,
    MovementSource,
    Product,
    StockMovement,
    Store,
)
from bot.errors import ImportFailed, ImportProblem
from bot.settings import Settings
from bot.spreadsheets import read_table
from bot.stores import store_or_create
from bot.validation import MAX_QUANTITY, format_count

__all__ = [
    "FieldChange",
    "ImportPlan",
    "ImportResult",
    "PlannedProduct",
    "ProductRow",
    "apply_import",
    "apply_products",
    "import_catalog",
    "parse_products_csv",
    "plan_import",
    "read_catalog",
]

_CHUNK = 500  # ids per IN (...) list
_BATCH = 5000  # rows per bulk INSERT


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class PlannedProduct:
    """One line of the file against the store: a new product (`product_id` None) or the
    changes to an existing one; `quantity` is the count to set (None: quantity untouched)."""

    row: ProductRow
    product_id: int | None
    changes: tuple[FieldChange, ...] = ()
    quantity_before: int | None = None
    quantity: int | None = None


@dataclass
class ImportPlan:
    store_id: int
    store_code: str
    set_stock: bool
    created: list[PlannedProduct] = field(default_factory=list)
    updated: list[PlannedProduct] = field(default_factory=list)  # fields changed
    counted: list[PlannedProduct] = field(default_factory=list)  # quantity set (set_stock)
    unchanged: int = 0
    quantities_kept: int = 0  # file quantities differing from the stock, not applied

    @property
    def changes_anything(self) -> bool:
        return bool(self.created or self.updated or self.counted)


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int
    adjusted: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class _Existing:
    id: int
    sku: str
    name: str
    aliases: tuple[str, ...]
    unit: str
    quantity: int
    threshold: int
    reorder_quantity: int


def _name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _existing(session: Session, store_id: int) -> list[_Existing]:
    query = select(
        col(Product.id),
        col(Product.sku),
        col(Product.name),
        col(Product.aliases),
        col(Product.unit),
        col(Product.quantity),
        col(Product.threshold),
        col(Product.reorder_quantity),
    ).where(col(Product.store_id) == store_id)
    return [
        _Existing(pid or 0, sku, name, tuple(aliases or ()), unit, quantity, threshold, reorder)
        for pid, sku, name, aliases, unit, quantity, threshold, reorder in session.connection()
        .execute(query)
        .all()
    ]


def plan_import(
    session: Session, store: Store, rows: Sequence[ProductRow], *, set_stock: bool = False
) -> ImportPlan:
    """What importing `rows` into `store` changes; nothing is written. ImportFailed when a new
    or counted quantity is above what a person may state (MAX_QUANTITY)."""
    assert store.id is not None
    existing = _existing(session, store.id)
    by_sku = {product.sku.casefold(): product for product in existing}
    by_name: dict[str, _Existing | None] = {}
    for product in existing:
        key = _name_key(product.name)
        by_name[key] = None if key in by_name else product  # None: two products, ambiguous
    plan = ImportPlan(store_id=store.id, store_code=store.code, set_stock=set_stock)
    problems: list[ImportProblem] = []
    for row in rows:
        current = by_sku.get(row.sku.casefold())
        if current is None and row.sku_derived:
            current = by_name.get(_name_key(row.name))
        if current is None:
            quantity = row.quantity or 0
            _check_stated(row, quantity, problems)
            plan.created.append(PlannedProduct(row, None, quantity=quantity))
            continue
        changes = _changes(current, row)
        count = None
        if row.quantity is not None and row.quantity != current.quantity:
            if set_stock:
                _check_stated(row, row.quantity, problems)
                count = row.quantity
            else:
                plan.quantities_kept += 1
        planned = PlannedProduct(
            row, current.id, changes, quantity_before=current.quantity, quantity=count
        )
        if changes:
            plan.updated.append(planned)
        if count is not None:
            plan.counted.append(planned)
        if not changes and count is None:
            plan.unchanged += 1
    if problems:
        raise ImportFailed.of(problems)
    return plan


def _check_stated(row: ProductRow, quantity: int, problems: list[ImportProblem]) -> None:
    if quantity > MAX_QUANTITY:
        reason = (
            f"{quantity} dépasse la limite : un nombre entier de 0 à "
            f"{format_count(MAX_QUANTITY)} est attendu"
        )
        problems.append(ImportProblem(row.line, "quantity", str(quantity), reason))


def _changes(current: _Existing, row: ProductRow) -> tuple[FieldChange, ...]:
    changes: list[FieldChange] = []
    pairs: list[tuple[str, Any, Any]] = [
        ("name", current.name, row.name),
        ("aliases", current.aliases, row.aliases),
        ("unit", current.unit, row.unit),
        ("threshold", current.threshold, row.threshold),
        ("reorder_quantity", current.reorder_quantity, row.reorder_quantity),
    ]
    if row.sku_derived is False and current.sku != row.sku:
        pairs.append(("sku", current.sku, row.sku))  # same code in another case
    for name, old, new in pairs:
        if new is not None and new != old:
            changes.append(FieldChange(name, old, new))
    return tuple(changes)


def apply_import(
    session: Session,
    plan: ImportPlan,
    *,
    settings: Settings,
    source: MovementSource = MovementSource.IMPORT,
    now: datetime | None = None,
) -> ImportResult:
    """Write `plan` in the caller's transaction, with bulk statements."""
    moment = now or utcnow()
    # Take the write lock first (SQLite) and lock the counted rows (PostgreSQL), so that the
    # quantities read below are the ones the adjustments start from.
    session.execute(update(Store).where(col(Store.id) == plan.store_id).values(name=Store.name))
    touched: list[int] = []
    new_ids = _insert_new(session, plan, source=source, now=moment)
    touched.extend(new_ids)
    if plan.updated:
        session.execute(
            update(Product),
            [_updated_values(planned, moment) for planned in plan.updated],
        )
        touched.extend(p.product_id for p in plan.updated if p.product_id is not None)
    adjusted = _count(session, plan.counted, source=source, now=moment)
    touched.extend(p.product_id for p in plan.counted if p.product_id is not None)
    session.expire_all()
    _check_alerts(session, sorted(set(touched)), settings=settings, now=moment)
    return ImportResult(
        created=len(plan.created),
        updated=len(plan.updated),
        adjusted=adjusted,
        unchanged=plan.unchanged,
    )


def bulk_insert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows through the driver's executemany, each value converted by its column's
    type once (SQLAlchemy's per-row parameter handling costs more than the insert itself)."""
    if not rows:
        return
    names = list(rows[0])
    dialect = connection.dialect
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in names]
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    columns = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    sql = f"INSERT INTO {table.name} ({columns}) VALUES ({', '.join([marker] * len(names))})"
    values = [
        tuple(
            value if process is None or value is None else process(value)
            for value, process in zip(row.values(), processors, strict=True)
        )
        for row in rows
    ]
    connection.exec_driver_sql(sql, values)


def _insert_new(
    session: Session, plan: ImportPlan, *, source: MovementSource, now: datetime
) -> list[int]:
    """Insert the new products and their first movements, in batches."""
    if not plan.created:
        return []
    products: Table = Product.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    ids: list[int] = []
    for start in range(0, len(plan.created), _BATCH):
        batch = plan.created[start : start + _BATCH]
        bulk_insert(
            connection,
            products,
            [
                {
                    "store_id": plan.store_id,
                    "sku": p.row.sku,
                    "name": p.row.name,
                    "aliases": list(p.row.aliases or ()),
                    "unit": p.row.unit or "",
                    "quantity": p.quantity or 0,
                    "threshold": p.row.threshold or 0,
                    "reorder_quantity": p.row.reorder_quantity or max(p.row.threshold or 0, 1),
                    "created_at": now,
                    "updated_at": now,
                }
                for p in batch
            ],
        )
        # The ids, read back (RETURNING in parameter order makes SQLite insert row by row).
        found: dict[str, int] = dict(
            connection.execute(
                select(products.c.sku, products.c.id).where(
                    products.c.store_id == plan.store_id,
                    products.c.sku.in_([p.row.sku for p in batch]),
                )
            ).all()
        )
        batch_ids = [found[p.row.sku] for p in batch]
        ids.extend(batch_ids)
        bulk_insert(
            connection,
            StockMovement.__table__,  # type: ignore[attr-defined]
            [
                {
                    "product_id": product_id,
                    "delta": p.quantity,
                    "quantity_after": p.quantity,
                    "kind": MovementKind.IMPORT.value,
                    "source": source.value,
                    "note": "import",
                    "created_at": now,
                }
                for product_id, p in zip(batch_ids, batch, strict=True)
                if p.quantity
            ],
        )
    return ids


def _updated_values(planned: PlannedProduct, now: datetime) -> dict[str, Any]:
    values: dict[str, Any] = {"id": planned.product_id, "updated_at": now}
    for change in planned.changes:
        values[change.field] = list(change.new) if change.field == "aliases" else change.new
    return values


def _count(
    session: Session,
    counted: list[PlannedProduct],
    *,
    source: MovementSource,
    now: datetime,
) -> int:
    """Set the counted quantities: one adjustment per product whose stock differs *now*."""
    if not counted:
        return 0
    wanted = {p.product_id: p.quantity for p in counted if p.product_id is not None}
    current: dict[int, int] = {}
    ids = list(wanted)
    for start in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(col(Product.id), col(Product.quantity))
            .where(col(Product.id).in_(ids[start : start + _CHUNK]))
            .with_for_update()
        )
        current.update({int(pid): int(quantity) for pid, quantity in rows})
    changes = [
        (pid, quantity, current[pid])
        for pid, quantity in wanted.items()
        if quantity is not None and pid in current and current[pid] != quantity
    ]
    if not changes:
        return 0
    session.execute(
        update(Product),
        [{"id": pid, "quantity": quantity, "updated_at": now} for pid, quantity, _ in changes],
    )
    session.execute(
        insert(StockMovement),
        [
            {
                "product_id": pid,
                "delta": quantity - before,
                "quantity_after": quantity,
                "kind": MovementKind.ADJUSTMENT,
                "source": source,
                "note": "inventaire (import)",
                "created_at": now,
            }
            for pid, quantity, before in changes
        ],
    )
    return len(changes)


def _check_alerts(
    session: Session, product_ids: list[int], *, settings: Settings, now: datetime
) -> None:
    """Open, escalate or resolve alerts for the products written, grouped in one push per
    manager. Only a product at or under its threshold, or with an open alert, can change: those
    with an alert go through `check_stock_level`, the others are opened in bulk."""
    if not product_ids:
        return
    with pushes_after(session, settings=settings, now=now):
        for start in range(0, len(product_ids), _CHUNK):
            chunk = product_ids[start : start + _CHUNK]
            alerted = set(
                session.execute(
                    select(col(Alert.product_id)).where(
                        col(Alert.product_id).in_(chunk), col(Alert.state) == AlertState.OPEN
                    )
                ).scalars()
            )
            levels = session.execute(
                select(col(Product.id), col(Product.quantity), col(Product.threshold)).where(
                    col(Product.id).in_(chunk)
                )
            )
            wanted = [
                pid
                for pid, quantity, threshold in levels
                if pid in alerted or level_for(quantity, threshold)
            ]
            if not wanted:
                continue
            products = session.exec(
                select_models(Product).where(col(Product.id).in_(wanted)).order_by(col(Product.id))
            ).all()
            for product in products:
                if product.id in alerted:
                    check_stock_level(session, product, now=now, settings=settings)
            open_alerts(
                session,
                [product for product in products if product.id not in alerted],
                now=now,
                settings=settings,
            )


def import_catalog(
    session: Session,
    store_code: str,
    catalog: CatalogFile | Sequence[ProductRow],
    *,
    settings: Settings,
    set_stock: bool = False,
    dry_run: bool = False,
    create_store: str | None = None,
    source: MovementSource = MovementSource.IMPORT,
    now: datetime | None = None,
) -> tuple[ImportPlan, ImportResult | None]:
    """Plan, then (unless `dry_run`) apply an import into `store_code`, which must exist
    unless `create_store` names it (NotFound suggests the closest codes)."""
    rows = catalog.rows if isinstance(catalog, CatalogFile) else list(catalog)
    if dry_run:
        store = _store_for_dry_run(session, store_code, create_store)
    else:
        store, _created = store_or_create(session, store_code, create_store)
    plan = plan_import(session, store, rows, set_stock=set_stock)
    if dry_run:
        return plan, None
    return plan, apply_import(session, plan, settings=settings, source=source, now=now)


def _store_for_dry_run(session: Session, code: str, create_name: str | None) -> Store:
    existing = session.exec(select_models(Store).where(Store.code == code)).first()
    if existing is not None:
        return existing
    store, _created = store_or_create(session, code, create_name)  # checks code and name
    return store


# --- For seeding and older callers -------------------------------------------------------


def parse_products_csv(text: str) -> list[ProductRow]:
    """The rows of a catalogue CSV given as text (ImportFailed lists what is wrong)."""
    table = read_table(text.encode("utf-8"), score=header_score)
    return parse_table(table).rows


def apply_products(
    session: Session,
    store_code: str,
    rows: Iterable[ProductRow],
    *,
    settings: Settings,
    source: MovementSource = MovementSource.IMPORT,
    only_missing: bool = False,
    now: datetime | None = None,
) -> ImportResult:
    """Create `store_code` if needed and bring its products to `rows`, quantities included
    (`only_missing`: only add the products it lacks). For seeding stores (demo, tests)."""
    store, _created = store_or_create(session, store_code, store_code)
    rows = list(rows)
    if only_missing:
        known = set(session.exec(select_models(Product.sku).where(Product.store_id == store.id)))
        rows = [row for row in rows if row.sku not in known]
    plan = plan_import(session, store, rows, set_stock=True)
    return apply_import(session, plan, settings=settings, source=source, now=now)
