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

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from bot.clock import DEFAULT_TIMEZONE, local_time, utcnow
from bot.db.models import MovementKind, Product, StockMovement, Store

__all__ = [
    "PACE_DAYS",
    "Pace",
    "Period",
    "ProductTotal",
    "Summary",
    "paces",
    "day_start",
    "period_dates",
    "summarize",
    "totals_between",
    "utc_bounds",
]


class Period(StrEnum):
    """Calendar periods managers ask about; `week` starts on Monday, `month` on the 1st; `last_`
    ones are the week or month before this one."""

    DAY = "day"
    YESTERDAY = "yesterday"
    WEEK = "week"
    MONTH = "month"
    LAST_WEEK = "last_week"
    LAST_MONTH = "last_month"


def period_dates(period: Period, today: date) -> tuple[date, date]:
    """The local days of `period` seen from `today`: first day included, last day excluded."""
    if period == Period.DAY:
        return today, today + timedelta(days=1)
    if period == Period.YESTERDAY:
        return today - timedelta(days=1), today
    if period in (Period.WEEK, Period.LAST_WEEK):
        monday = today - timedelta(days=today.weekday())
        if period == Period.LAST_WEEK:
            return monday - timedelta(days=7), monday
        return monday, monday + timedelta(days=7)
    first = today.replace(day=1)
    if period == Period.LAST_MONTH:
        return (first - timedelta(days=1)).replace(day=1), first
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
    corrected = aliased(StockMovement)
    taking_back = aliased(StockMovement)
    # What undos took back of the movement: a sale taken back whole is no sale at all
    taken_back = (
        select(func.coalesce(func.sum(taking_back.delta), 0))
        .where(
            col(taking_back.reverses_id) == col(StockMovement.id),
            col(taking_back.created_at) < stop,  # as the period's own figures stood
        )
        .scalar_subquery()
    )
    query = (
        select(
            col(Product.id),
            col(Store.code),
            col(Product.sku),
            col(Product.name),
            col(Product.unit),
            func.sum(StockMovement.delta),
            # A compensating movement (an undo) nets the total but is not one more sale, nor is
            # a sale it took back whole, nor a correction to a larger amount (it adds to the
            # sale it corrects), unless that sale was made before the period (then it is this
            # period's only trace of it).
            func.sum(
                case(
                    (
                        and_(
                            col(StockMovement.reverses_id).is_(None),
                            col(StockMovement.delta) + taken_back != 0,
                            or_(
                                col(StockMovement.adds_to_id).is_(None),
                                col(corrected.created_at) < start,
                            ),
                        ),
                        1,
                    ),
                    else_=0,
                )
            ),
        )
        .join(Product, col(Product.id) == col(StockMovement.product_id))
        .outerjoin(corrected, col(corrected.id) == col(StockMovement.adds_to_id))
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
    rows = [
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
    totals = [row for row in rows if row.quantity > 0]  # all taken back: nothing moved
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


# The pace of sales is read over the last two weeks, from at least three days with sales.
PACE_DAYS = 14
PACE_MIN_DAYS = 3
USUAL_DAYS = 30  # the largest movement of the last 30 days is a product's usual maximum


@dataclass(frozen=True, slots=True)
class Pace:
    """`per_day`: units sold per day over the last `PACE_DAYS` days, None with sales on fewer
    than `PACE_MIN_DAYS` days; `usual_max`: the largest sale or receipt of the last `USUAL_DAYS`
    days (None without any)."""

    product_id: int
    per_day: float | None
    usual_max: int | None


def paces(session: Session, product_ids: list[int], now: datetime) -> dict[int, Pace]:
    """The pace of each product: one grouped query over its recent movements."""
    if not product_ids:
        return {}
    recent = now - timedelta(days=PACE_DAYS)
    sale = col(StockMovement.kind) == MovementKind.SALE
    in_pace = sale & (col(StockMovement.created_at) >= recent)
    moved = col(StockMovement.kind).in_((MovementKind.SALE, MovementKind.RECEIPT)) & col(
        StockMovement.reverses_id
    ).is_(None)
    query = (
        select(
            col(StockMovement.product_id),
            func.sum(case((in_pace, -col(StockMovement.delta)), else_=0)),
            func.count(func.distinct(case((in_pace, func.date(StockMovement.created_at))))),
            func.max(case((moved, func.abs(StockMovement.delta)))),
        )
        .where(
            col(StockMovement.product_id).in_(product_ids),
            col(StockMovement.created_at) >= now - timedelta(days=USUAL_DAYS),
        )
        .group_by(col(StockMovement.product_id))
    )
    found: dict[int, Pace] = {}
    for product_id, sold, days, largest in session.connection().execute(query):
        per_day = int(sold or 0) / PACE_DAYS if days >= PACE_MIN_DAYS and sold else None
        usual = int(largest) if largest else None
        found[product_id] = Pace(product_id, per_day if per_day and per_day > 0 else None, usual)
    return found
