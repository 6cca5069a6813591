"""The movement ledger, read back: who changed which stock, when, from where, with what note.

`movement_history` pages newest first by id (a keyset cursor, fast on 100,000 rows); the
CLI, `GET /api/movements` and the back office share its filters. `parse_day` reads the dates
people type (`2026-12-02`, `02/12/2026`, `02/12`, `aujourd'hui`, `hier`) as Dakar days.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, select
from sqlmodel import Session, col

from bot.clock import DEFAULT_TIMEZONE, local_time, utcnow
from bot.db.models import Manager, MovementKind, Product, StockMovement, Store
from bot.errors import InvalidInput
from bot.reports import day_start

__all__ = [
    "MAX_PAGE",
    "MovementFilters",
    "MovementRecord",
    "all_movements",
    "day_range",
    "movement_history",
    "parse_day",
]

MAX_PAGE = 500


@dataclass(frozen=True, slots=True)
class MovementFilters:
    """Which movements: stores (ids), one product sku, kinds, a UTC range [since, until), and
    who recorded them (manager ids)."""

    store_ids: Sequence[int] | None = None
    sku: str | None = None
    kinds: Sequence[MovementKind] | None = None
    since: datetime | None = None
    until: datetime | None = None
    manager_ids: Sequence[int] | None = None


@dataclass(frozen=True, slots=True)
class MovementRecord:
    id: int
    created_at: datetime
    store_code: str
    sku: str
    product_name: str
    unit: str
    kind: str
    delta: int
    quantity_after: int
    source: str
    manager_phone: str | None
    manager_name: str | None
    note: str


def _query(filters: MovementFilters) -> Select[tuple[object, ...]]:
    query = (
        select(
            col(StockMovement.id),
            col(StockMovement.created_at),
            col(Store.code),
            col(Product.sku),
            col(Product.name),
            col(Product.unit),
            col(StockMovement.kind),
            col(StockMovement.delta),
            col(StockMovement.quantity_after),
            col(StockMovement.source),
            col(Manager.phone),
            col(Manager.name),
            col(StockMovement.note),
        )
        .join(Product, col(Product.id) == col(StockMovement.product_id))
        .join(Store, col(Store.id) == col(Product.store_id))
        .outerjoin(Manager, col(Manager.id) == col(StockMovement.manager_id))
    )
    if filters.store_ids is not None:
        # `+ 0`: no index on the store, so that SQLite walks the movements newest first and
        # stops at the page's end, instead of gathering and sorting every movement of the
        # store (a page of a 100,000-movement store: under 1 ms instead of 500).
        query = query.where((col(Product.store_id) + 0).in_(list(filters.store_ids)))
    if filters.sku is not None:
        query = query.where(col(Product.sku) == filters.sku)
    if filters.kinds:
        query = query.where(col(StockMovement.kind).in_([kind.value for kind in filters.kinds]))
    if filters.manager_ids is not None:
        query = query.where(col(StockMovement.manager_id).in_(list(filters.manager_ids)))
    if filters.since is not None:
        query = query.where(col(StockMovement.created_at) >= filters.since)
    if filters.until is not None:
        query = query.where(col(StockMovement.created_at) < filters.until)
    return query  # type: ignore[return-value]


def _records(session: Session, query: Select[tuple[object, ...]]) -> list[MovementRecord]:
    return [MovementRecord(*row) for row in session.connection().execute(query)]  # type: ignore[arg-type,call-arg]


def movement_history(
    session: Session,
    filters: MovementFilters,
    *,
    limit: int = 100,
    before_id: int | None = None,
) -> list[MovementRecord]:
    """One page of movements, newest first; the next page starts before the last id."""
    query = _query(filters).order_by(col(StockMovement.id).desc()).limit(min(limit, MAX_PAGE))
    if before_id is not None:
        query = query.where(col(StockMovement.id) < before_id)
    return _records(session, query)


def all_movements(
    session: Session, filters: MovementFilters, *, batch: int = 2000
) -> Iterator[MovementRecord]:
    """Every matching movement, oldest first, read in batches (for exports)."""
    after = 0
    while True:
        query = (
            _query(filters)
            .where(col(StockMovement.id) > after)
            .order_by(col(StockMovement.id))
            .limit(batch)
        )
        records = _records(session, query)
        yield from records
        if len(records) < batch:
            return
        after = records[-1].id


_WORDS = {"aujourd'hui": 0, "aujourdhui": 0, "today": 0, "hier": 1, "yesterday": 1}


def parse_day(
    field: str, text: str, *, now: datetime | None = None, timezone: str = DEFAULT_TIMEZONE
) -> date:
    """A day as people type it: `2026-12-02`, `02/12/2026`, `2/12/26`, `02/12` (this year),
    `aujourd'hui`, `hier`. InvalidInput (naming `field`) otherwise."""
    value = text.strip().lower()
    today = local_time(now or utcnow(), timezone).date()
    if value in _WORDS:
        return today - timedelta(days=_WORDS[value])
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            return date.fromisoformat("-".join(part.zfill(2) for part in value.split("-")))
        if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?", value):
            day, month, year = match.groups()
            full_year = today.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
            return date(full_year, int(month), int(day))
    except ValueError:
        pass
    raise InvalidInput(field, f"« {text[:20]} » n'est pas une date (ex. 2026-12-02 ou 02/12/2026)")


def day_range(
    since: date | None, until: date | None, timezone: str = DEFAULT_TIMEZONE
) -> tuple[datetime | None, datetime | None]:
    """UTC bounds from the first day `since` to the last day `until`, both included."""
    start = day_start(since, timezone) if since is not None else None
    stop = day_start(until + timedelta(days=1), timezone) if until is not None else None
    return start, stop
