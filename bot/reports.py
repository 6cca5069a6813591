"""Sales and receipts summaries: totals per product from the movements of some stores over a
period of local days (Africa/Dakar by default), biggest first, with the number of movements.

`period_dates` and `utc_bounds` are pure (the calendar arithmetic); `summarize` reads the
ledger and returns plain dataclasses that each edge renders its own way: `stockbot report
sales`, the chat's "ventes du jour", the back office's dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlmodel import Session, col

from bot.clock import DEFAULT_TIMEZONE, local_time, utcnow
from bot.db.models import MovementKind, Product, StockMovement, Store

__all__ = [
    "Period",
    "ProductTotal",
    "Summary",
    "day_start",
    "period_dates",
    "summarize",
    "totals_between",
    "utc_bounds",
]


class Period(StrEnum):
    """Calendar periods managers ask about; `week` starts on Monday, `month` on the 1st."""

    DAY = "day"
    YESTERDAY = "yesterday"
    WEEK = "week"
    MONTH = "month"


def period_dates(period: Period, today: date) -> tuple[date, date]:
    """The local days of `period` seen from `today`: first day included, last day excluded."""
    if period == Period.DAY:
        return today, today + timedelta(days=1)
    if period == Period.YESTERDAY:
        return today - timedelta(days=1), today
    if period == Period.WEEK:
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=7)
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following


def day_start(day: date, timezone: str = DEFAULT_TIMEZONE) -> datetime:
    """The UTC instant of local midnight at the start of `day`."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def utc_bounds(
    first: date, end: date, timezone: str = DEFAULT_TIMEZONE
) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight on `first` and on `end` (the half-open range)."""
    return day_start(first, timezone), day_start(end, timezone)


@dataclass(frozen=True, slots=True)
class ProductTotal:
    """One product's total over a period: `quantity` counted positively (units sold for sales,
    units received for receipts) and `count`, the number of movements."""

    product_id: int
    store_code: str
    sku: str
    name: str
    unit: str
    quantity: int
    count: int


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals per product, biggest quantity first; `first`/`end` are the local days (end
    excluded), `start`/`stop` the same range in UTC."""

    kind: MovementKind
    first: date
    end: date
    start: datetime
    stop: datetime
    totals: tuple[ProductTotal, ...]

    @property
    def quantity(self) -> int:
        return sum(total.quantity for total in self.totals)

    @property
    def count(self) -> int:
        return sum(total.count for total in self.totals)

    @property
    def last_day(self) -> date:
        """The last local day of the period (included)."""
        return self.end - timedelta(days=1)


def totals_between(
    session: Session,
    store_ids: list[int],
    start: datetime,
    stop: datetime,
    *,
    kind: MovementKind = MovementKind.SALE,
    product_ids: list[int] | None = None,
) -> tuple[ProductTotal, ...]:
    """Per-product totals of `kind` movements created in [start, stop) in those stores."""
    if not store_ids or (product_ids is not None and not product_ids):
        return ()
    query = (
        select(
            col(Product.id),
            col(Store.code),
            col(Product.sku),
            col(Product.name),
            col(Product.unit),
            func.sum(StockMovement.delta),
            func.count(),
        )
        .join(Product, col(Product.id) == col(StockMovement.product_id))
        .join(Store, col(Store.id) == col(Product.store_id))
        .where(
            col(Product.store_id).in_(store_ids),
            col(StockMovement.kind) == kind,
            col(StockMovement.created_at) >= start,
            col(StockMovement.created_at) < stop,
        )
        .group_by(col(Product.id), col(Store.code), col(Product.sku), col(Product.name))
        .group_by(col(Product.unit))
    )
    if product_ids is not None:
        query = query.where(col(Product.id).in_(product_ids))
    totals = [
        ProductTotal(
            product_id=int(product_id or 0),
            store_code=code,
            sku=sku,
            name=name,
            unit=unit,
            quantity=abs(int(delta or 0)),
            count=int(count),
        )
        for product_id, code, sku, name, unit, delta, count in session.connection().execute(query)
    ]
    totals.sort(key=lambda t: (-t.quantity, -t.count, t.name.casefold(), t.store_code))
    return tuple(totals)


def summarize(
    session: Session,
    store_ids: list[int],
    period: Period,
    *,
    kind: MovementKind = MovementKind.SALE,
    product_ids: list[int] | None = None,
    now: datetime | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> Summary:
    """The `kind` totals (sales by default, or receipts) of `period` in local days of
    `timezone`, for those stores and optionally only those products."""
    today = local_time(now or utcnow(), timezone).date()
    first, end = period_dates(period, today)
    start, stop = utc_bounds(first, end, timezone)
    totals = totals_between(session, store_ids, start, stop, kind=kind, product_ids=product_ids)
    return Summary(kind=kind, first=first, end=end, start=start, stop=stop, totals=totals)
