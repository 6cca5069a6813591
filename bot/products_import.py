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

import logging
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    Table,
    and_,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlmodel import Session, col
from sqlmodel import select as select_models

from bot.alerts import check_stock_level, open_alerts, pushes_after
from bot.alerts.levels import level_for
from bot.catalog_file import CatalogFile, ProductRow, header_score, parse_table, read_catalog
from bot.clock import utcnow
from bot.db.bulk import bulk_insert
from bot.db.engine import transaction
from bot.db.models import (
    Alert,
    AlertState,
    CatalogImport,
    ImportRow,
    ImportStatus,
    MovementKind,
    MovementSource,
    Product,
    StockMovement,
    Store,
)
from bot.db.types import UTCDateTime
from bot.errors import ImportFailed, ImportProblem, NotFound
from bot.settings import Settings
from bot.spreadsheets import read_table
from bot.stores import check_store, store_or_create, unknown_store_message
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
    "finish_import",
    "run_import",
    "start_import",
]

logger = logging.getLogger(__name__)

_CHUNK = 2000  # ids per IN (...) list
STAGE_BATCH = 2000  # lines staged per transaction (a few milliseconds of write lock each)


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
    store_id: int | None  # None: a store the import creates
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
    unit_en: str


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
        col(Product.unit_en),
    ).where(col(Product.store_id) == store_id)
    return [
        _Existing(pid or 0, sku, name, tuple(aliases or ()), unit, qty, threshold, reorder, en)
        for pid, sku, name, aliases, unit, qty, threshold, reorder, en in session.connection()
        .execute(query)
        .all()
    ]


def plan_import(
    session: Session, store: Store, rows: Sequence[ProductRow], *, set_stock: bool = False
) -> ImportPlan:
    """What importing `rows` into `store` changes; nothing is written. ImportFailed when a new
    or counted quantity is above what a person may state (MAX_QUANTITY)."""
    existing = _existing(session, store.id) if store.id is not None else []
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
            if current is not None:  # found by its name: it keeps its own code
                row = replace(row, sku=current.sku)
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
        ("unit_en", current.unit_en, row.unit_en),
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
    source: MovementSource | str = MovementSource.IMPORT,
    now: datetime | None = None,
) -> ImportResult:
    """Write `plan` in the caller's transaction: staged, then applied by set-based statements
    (the same path as `run_import`, without the intermediate commits)."""
    moment = now or utcnow()
    job = _new_job(session, plan, moment)
    _stage(session.connection(), job, _planned(plan))
    result = _swap(session, job, plan, source=source, now=moment)
    assert plan.store_id is not None
    candidates = _alert_candidates(session, job, plan.store_id)
    _check_alerts(session, candidates, settings=settings, now=moment)
    _unstage(session, job)
    return result


def run_import(
    engine: Engine,
    store_code: str,
    catalog: CatalogFile | Sequence[ProductRow],
    *,
    settings: Settings,
    set_stock: bool = False,
    create_store: str | None = None,
    source: MovementSource | str = MovementSource.IMPORT,
    batch: int = STAGE_BATCH,
    now: datetime | None = None,
) -> tuple[ImportPlan, ImportResult, int]:
    """Import a catalogue without holding the database for long: plan it, stage its lines in
    transactions of `batch` rows (webhooks and sales get in between), then apply everything in
    one short transaction. All or nothing: a failure leaves no product, movement or store.
    Returns the plan, the result and the import's id (`GET /api/imports/{id}`)."""
    started = start_import(
        engine, store_code, catalog, set_stock=set_stock, create_store=create_store, now=now
    )
    result = finish_import(engine, started, settings=settings, source=source, batch=batch)
    return started.plan, result, started.job


@dataclass(frozen=True, slots=True)
class StartedImport:
    """An import planned and recorded (`job`), not written yet: `finish_import` writes it."""

    plan: ImportPlan
    job: int
    create_store: str | None
    now: datetime


def start_import(
    engine: Engine,
    store_code: str,
    catalog: CatalogFile | Sequence[ProductRow],
    *,
    set_stock: bool = False,
    create_store: str | None = None,
    now: datetime | None = None,
) -> StartedImport:
    """Plan an import and record it (status `staging`); NotFound or ImportFailed as planning
    finds them. What a caller that answers before the import ends (`?wait=false`) does first."""
    rows = catalog.rows if isinstance(catalog, CatalogFile) else list(catalog)
    moment = now or utcnow()
    with transaction(engine) as session:
        store = _store_to_plan(session, store_code, create_store)
        plan = plan_import(session, store, rows, set_stock=set_stock)
        job = _new_job(session, plan, moment)
    return StartedImport(plan, job, create_store, moment)


def finish_import(
    engine: Engine,
    started: StartedImport,
    *,
    settings: Settings,
    source: MovementSource | str = MovementSource.IMPORT,
    batch: int = STAGE_BATCH,
) -> ImportResult:
    """Stage, apply and check the alerts of a started import (it is marked failed, and nothing
    of it kept, when something goes wrong before it is applied)."""
    plan, job, moment = started.plan, started.job, started.now
    planned = _planned(plan)
    try:
        for start in range(0, len(planned), batch):
            chunk = planned[start : start + batch]
            with transaction(engine) as session:
                _stage(session.connection(), job, chunk)
                session.execute(
                    update(CatalogImport)
                    .where(col(CatalogImport.id) == job)
                    .values(staged_rows=start + len(chunk), updated_at=utcnow())
                )
        with transaction(engine) as session:
            if plan.store_id is None:
                created, _ = store_or_create(session, plan.store_code, started.create_store)
                plan.store_id = created.id
            result = _swap(session, job, plan, source=source, now=moment)
    except BaseException as exc:
        _fail(engine, job, exc)
        raise
    # Applied. The alerts and the clean-up each take their own short transaction, so that the
    # write lock is never held for long (a crash in between: the alerts open at the products'
    # next movement).
    with transaction(engine) as session:
        assert plan.store_id is not None
        candidates = _alert_candidates(session, job, plan.store_id)
        _check_alerts(session, candidates, settings=settings, now=moment)
    with transaction(engine) as session:
        _unstage(session, job)
    return result


def _unstage(session: Session, job: int) -> None:
    staged: Table = ImportRow.__table__  # type: ignore[attr-defined]
    session.execute(delete(staged).where(staged.c.import_id == job))


def _new_job(session: Session, plan: ImportPlan, now: datetime) -> int:
    job = CatalogImport(
        store_code=plan.store_code,
        set_stock=plan.set_stock,
        total_rows=len(plan.created) + len({id(p) for p in plan.updated + plan.counted}),
        created_at=now,
        updated_at=now,
    )
    session.add(job)
    session.flush()
    assert job.id is not None
    return job.id


def _planned(plan: ImportPlan) -> list[PlannedProduct]:
    """Each product to write once (a product both changed and counted is one line)."""
    seen: dict[int, PlannedProduct] = {}
    for planned in plan.updated + plan.counted:
        if planned.product_id is not None:
            seen.setdefault(planned.product_id, planned)
    return plan.created + list(seen.values())


def _stage(connection: Connection, job: int, planned: Sequence[PlannedProduct]) -> None:
    rows: list[dict[str, Any]] = []
    for p in planned:
        if p.product_id is None:
            rows.append(
                {
                    "import_id": job,
                    "product_id": None,
                    "sku": p.row.sku,
                    "name": p.row.name,
                    "aliases": list(p.row.aliases or ()),
                    "unit": p.row.unit or "",
                    "unit_en": p.row.unit_en or "",
                    "quantity": p.quantity or 0,
                    "threshold": p.row.threshold or 0,
                    "reorder_quantity": p.row.reorder_quantity or max(p.row.threshold or 0, 1),
                    "is_new": True,
                    "changed": False,
                    "counted": False,
                }
            )
            continue
        new = {change.field: change.new for change in p.changes}
        rows.append(
            {
                "import_id": job,
                "product_id": p.product_id,
                "sku": new.get("sku", p.row.sku),
                "name": new.get("name"),
                "aliases": list(new["aliases"]) if "aliases" in new else None,
                "unit": new.get("unit"),
                "unit_en": new.get("unit_en"),
                "quantity": p.quantity,
                "threshold": new.get("threshold"),
                "reorder_quantity": new.get("reorder_quantity"),
                "is_new": False,
                "changed": bool(p.changes),
                "counted": p.quantity is not None,
            }
        )
    bulk_insert(connection, ImportRow.__table__, rows)  # type: ignore[attr-defined]


def _swap(
    session: Session,
    job: int,
    plan: ImportPlan,
    *,
    source: MovementSource | str,
    now: datetime,
) -> ImportResult:
    """Apply a staged import with set-based statements, in the caller's transaction."""
    assert plan.store_id is not None
    products: Table = Product.__table__  # type: ignore[attr-defined]
    movements: Table = StockMovement.__table__  # type: ignore[attr-defined]
    staged: Table = ImportRow.__table__  # type: ignore[attr-defined]
    moment = literal(now, UTCDateTime())
    store = literal(plan.store_id, Integer())
    of_job = staged.c.import_id == job
    # The first statement writes: SQLite takes its lock here, before anything is read.
    if session.get_bind().dialect.name == "postgresql":
        # Freshly filled: without statistics PostgreSQL joins it row by row.
        session.execute(text("ANALYZE import_row"))
    session.execute(
        update(CatalogImport)
        .where(col(CatalogImport.id) == job)
        .values(status=ImportStatus.APPLYING, updated_at=now)
    )
    session.execute(
        insert(products).from_select(
            [
                "store_id", "sku", "name", "aliases", "unit", "unit_en", "quantity", "threshold",
                "reorder_quantity", "created_at", "updated_at",
            ],
            select(
                store, staged.c.sku, staged.c.name, staged.c.aliases, staged.c.unit,
                staged.c.unit_en, staged.c.quantity, staged.c.threshold,
                staged.c.reorder_quantity, moment, moment,
            ).where(of_job, staged.c.is_new),
        )
    )  # fmt: skip
    new_rows = staged.join(
        products, and_(products.c.store_id == store, products.c.sku == staged.c.sku)
    )
    session.execute(
        insert(movements).from_select(
            ["product_id", "delta", "quantity_after", "kind", "source", "note", "created_at"],
            select(
                products.c.id, staged.c.quantity, staged.c.quantity,
                literal(MovementKind.IMPORT.value), literal(str(source)), literal("import"),
                moment,
            )
            .select_from(new_rows)
            .where(of_job, staged.c.is_new, staged.c.quantity > 0),
        )
    )  # fmt: skip
    session.execute(
        update(products)
        .where(products.c.id == staged.c.product_id, of_job, staged.c.changed)
        .values(
            sku=func.coalesce(staged.c.sku, products.c.sku),
            name=func.coalesce(staged.c.name, products.c.name),
            aliases=func.coalesce(staged.c.aliases, products.c.aliases),
            unit=func.coalesce(staged.c.unit, products.c.unit),
            unit_en=func.coalesce(staged.c.unit_en, products.c.unit_en),
            threshold=func.coalesce(staged.c.threshold, products.c.threshold),
            reorder_quantity=func.coalesce(staged.c.reorder_quantity, products.c.reorder_quantity),
            updated_at=moment,
        )
    )
    adjusted = _count(session, job, source=source, moment=moment)
    result = ImportResult(
        created=len(plan.created),
        updated=len(plan.updated),
        adjusted=adjusted,
        unchanged=plan.unchanged,
    )
    session.execute(
        update(CatalogImport)
        .where(col(CatalogImport.id) == job)
        .values(
            status=ImportStatus.DONE,
            staged_rows=CatalogImport.total_rows,
            created=result.created,
            updated=result.updated,
            adjusted=result.adjusted,
            unchanged=result.unchanged,
            updated_at=now,
            finished_at=utcnow(),
        )
    )
    return result


def _alert_candidates(session: Session, job: int, store_id: int) -> list[int]:
    """The products an applied import wrote whose alert may change: those at or under their
    threshold, or with an open alert (read from the staged lines, before they are dropped)."""
    products: Table = Product.__table__  # type: ignore[attr-defined]
    staged: Table = ImportRow.__table__  # type: ignore[attr-defined]
    of_job = staged.c.import_id == job
    new_rows = staged.join(
        products, and_(products.c.store_id == store_id, products.c.sku == staged.c.sku)
    )
    low_or_alerted = or_(
        products.c.quantity <= products.c.threshold,
        products.c.id.in_(
            select(Alert.product_id).where(col(Alert.state) == AlertState.OPEN)  # type: ignore[call-overload]
        ),
    )
    candidates = [
        *session.execute(  # new products have no alert yet: their staged levels tell
            select(products.c.id)
            .select_from(new_rows)
            .where(of_job, staged.c.is_new, staged.c.quantity <= staged.c.threshold)
        ).scalars(),
        *session.execute(
            select(products.c.id).where(
                products.c.id == staged.c.product_id,
                of_job,
                staged.c.is_new.is_(False),
                or_(staged.c.changed, staged.c.counted),
                low_or_alerted,
            )
        ).scalars(),
    ]
    return sorted(set(candidates))


def _count(session: Session, job: int, *, source: MovementSource | str, moment: Any) -> int:
    """Set the counted quantities: one adjustment per product whose stock differs *now*
    (its row locked first on PostgreSQL; SQLite's write lock is already held)."""
    products: Table = Product.__table__  # type: ignore[attr-defined]
    movements: Table = StockMovement.__table__  # type: ignore[attr-defined]
    staged: Table = ImportRow.__table__  # type: ignore[attr-defined]
    counted = and_(
        staged.c.import_id == job,
        staged.c.counted,
        products.c.id == staged.c.product_id,
        products.c.quantity != staged.c.quantity,
    )
    session.execute(select(products.c.id).where(counted).with_for_update(of=products)).all()
    adjusted = session.execute(
        insert(movements).from_select(
            ["product_id", "delta", "quantity_after", "kind", "source", "note", "created_at"],
            select(
                products.c.id, staged.c.quantity - products.c.quantity, staged.c.quantity,
                literal(MovementKind.ADJUSTMENT.value), literal(str(source)),
                literal("inventaire (import)"), moment,
            ).where(counted),
        ).returning(movements.c.id)
    ).all()  # fmt: skip
    session.execute(
        update(products).where(counted).values(quantity=staged.c.quantity, updated_at=moment)
    )
    return len(adjusted)


def _fail(engine: Engine, job: int, exc: BaseException) -> None:
    """Mark the import failed and drop what it staged (nothing of it was applied)."""
    staged: Table = ImportRow.__table__  # type: ignore[attr-defined]
    try:
        with transaction(engine) as session:
            session.execute(delete(staged).where(staged.c.import_id == job))
            session.execute(
                update(CatalogImport)
                .where(col(CatalogImport.id) == job)
                .values(
                    status=ImportStatus.FAILED,
                    error=(str(exc) or type(exc).__name__)[:1000],
                    updated_at=utcnow(),
                    finished_at=utcnow(),
                )
            )
    except Exception:  # the database may be what failed: the import is reported anyway
        logger.warning("import %s: could not record its failure", job, exc_info=True)


def _check_alerts(
    session: Session, product_ids: list[int], *, settings: Settings, now: datetime
) -> None:
    """Open, escalate or resolve alerts for the products written, grouped in one push per
    manager. Only a product at or under its threshold, or with an open alert, can change: those
    with an alert go through `check_stock_level`, the others are opened in bulk."""
    if not product_ids:
        return
    session.expire_all()  # the statements above changed rows behind the ORM's back
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
    source: MovementSource | str = MovementSource.IMPORT,
    now: datetime | None = None,
) -> tuple[ImportPlan, ImportResult | None]:
    """Plan, then (unless `dry_run`) apply an import into `store_code`, which must exist
    unless `create_store` names it (NotFound suggests the closest codes)."""
    rows = catalog.rows if isinstance(catalog, CatalogFile) else list(catalog)
    if dry_run:
        store = _store_to_plan(session, store_code, create_store)
    else:
        store, _created = store_or_create(session, store_code, create_store)
    plan = plan_import(session, store, rows, set_stock=set_stock)
    if dry_run:
        return plan, None
    return plan, apply_import(session, plan, settings=settings, source=source, now=now)


def _store_to_plan(session: Session, code: str, create_name: str | None) -> Store:
    """The store `code`; when missing and `create_name` is given, an unsaved Store (whoever
    applies the import creates it), else NotFound with the closest codes."""
    existing = session.exec(select_models(Store).where(Store.code == code)).first()
    if existing is not None:
        return existing
    if create_name is None:
        raise NotFound(unknown_store_message(session, code))
    code, name = check_store(code, create_name)
    return Store(code=code, name=name)


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
    source: MovementSource | str = MovementSource.IMPORT,
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
