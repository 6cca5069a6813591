"""Sales summaries: calendar periods in Dakar days, totals per product from the ledger."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session

from bot.db.models import MovementKind, MovementSource, Product, StockMovement, Store
from bot.reports import Period, period_dates, summarize, utc_bounds
from bot.settings import Settings
from bot.stock import record_movement, reverse_movement


@pytest.mark.parametrize(
    ("period", "today", "expected"),
    [
        (Period.DAY, date(2026, 12, 2), (date(2026, 12, 2), date(2026, 12, 3))),
        (Period.YESTERDAY, date(2026, 3, 1), (date(2026, 2, 28), date(2026, 3, 1))),
        # 2 December 2026 is a Wednesday: the week began on Monday 30 November.
        (Period.WEEK, date(2026, 12, 2), (date(2026, 11, 30), date(2026, 12, 7))),
        (Period.WEEK, date(2026, 11, 30), (date(2026, 11, 30), date(2026, 12, 7))),
        (Period.LAST_WEEK, date(2026, 12, 2), (date(2026, 11, 23), date(2026, 11, 30))),
        (Period.LAST_MONTH, date(2026, 3, 31), (date(2026, 2, 1), date(2026, 3, 1))),
        (Period.LAST_MONTH, date(2027, 1, 1), (date(2026, 12, 1), date(2027, 1, 1))),
        (Period.WEEK, date(2026, 12, 6), (date(2026, 11, 30), date(2026, 12, 7))),
        (Period.MONTH, date(2026, 12, 31), (date(2026, 12, 1), date(2027, 1, 1))),
        (Period.MONTH, date(2028, 2, 29), (date(2028, 2, 1), date(2028, 3, 1))),
    ],
)
def test_period_dates(period: Period, today: date, expected: tuple[date, date]) -> None:
    assert period_dates(period, today) == expected


def test_utc_bounds_follow_the_local_zone() -> None:
    # Dakar is UTC all year; a zone one hour ahead starts its day at 23:00 UTC the day before.
    assert utc_bounds(date(2026, 12, 2), date(2026, 12, 3)) == (
        datetime(2026, 12, 2, tzinfo=UTC),
        datetime(2026, 12, 3, tzinfo=UTC),
    )
    start, _ = utc_bounds(date(2026, 12, 2), date(2026, 12, 3), "Africa/Lagos")
    assert start == datetime(2026, 12, 1, 23, tzinfo=UTC)


def _product(session: Session, store: Store, sku: str, quantity: int = 100) -> Product:
    product = Product(store_id=store.id, sku=sku, name=sku.title(), unit="sac", quantity=quantity)  # type: ignore[arg-type]
    session.add(product)
    session.flush()
    return product


def test_summary_totals_per_product_biggest_first(session: Session, settings: Settings) -> None:
    now = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)
    dk1, dk2 = Store(code="dk1", name="Dakar 1"), Store(code="dk2", name="Dakar 2")
    session.add_all([dk1, dk2])
    session.flush()
    riz, sucre = _product(session, dk1, "RIZ"), _product(session, dk1, "SUCRE")
    other = _product(session, dk2, "RIZ")

    def sale(product: Product, quantity: int, moment: datetime) -> None:
        record_movement(
            session,
            product,
            -quantity,
            MovementKind.SALE,
            MovementSource.WHATSAPP,
            settings=settings,
            now=moment,
        )

    sale(riz, 2, now - timedelta(hours=1))
    sale(riz, 3, now - timedelta(hours=2))
    sale(sucre, 7, now - timedelta(hours=3))
    sale(sucre, 1, now - timedelta(days=1))  # yesterday
    sale(other, 50, now)  # another store
    record_movement(
        session, riz, 40, MovementKind.RECEIPT, MovementSource.API, settings=settings, now=now
    )
    assert dk1.id is not None and dk2.id is not None

    today = summarize(session, [dk1.id], Period.DAY, now=now)
    assert [(t.sku, t.quantity, t.count) for t in today.totals] == [("SUCRE", 7, 1), ("RIZ", 5, 2)]
    assert (today.quantity, today.count) == (12, 3)
    assert (today.first, today.last_day) == (date(2026, 12, 2), date(2026, 12, 2))

    yesterday = summarize(session, [dk1.id], Period.YESTERDAY, now=now)
    assert [(t.sku, t.quantity) for t in yesterday.totals] == [("SUCRE", 1)]

    week = summarize(session, [dk1.id, dk2.id], Period.WEEK, now=now)
    assert [(t.store_code, t.sku, t.quantity) for t in week.totals] == [
        ("dk2", "RIZ", 50),
        ("dk1", "SUCRE", 8),
        ("dk1", "RIZ", 5),
    ]

    assert riz.id is not None
    only_riz = summarize(session, [dk1.id], Period.MONTH, now=now, product_ids=[riz.id])
    assert [(t.sku, t.quantity, t.count) for t in only_riz.totals] == [("RIZ", 5, 2)]

    receipts = summarize(session, [dk1.id], Period.DAY, now=now, kind=MovementKind.RECEIPT)
    assert [(t.sku, t.quantity, t.count) for t in receipts.totals] == [("RIZ", 40, 1)]

    assert summarize(session, [], Period.DAY, now=now).totals == ()


def test_a_sale_corrected_upward_counts_once_in_each_period_it_shows_in(
    session: Session, settings: Settings
) -> None:
    """A correction to a larger amount adds to the sale it corrects: one sale, not two. When
    that sale was made the day before (23:55, corrected at 00:05), today's summary shows the
    added amount as one sale; it used to show it with « 0 ventes »."""
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # Dakar is on UTC
    store = Store(code="dk", name="Dakar")
    session.add(store)
    session.flush()
    savon, riz = _product(session, store, "SAVON"), _product(session, store, "RIZ")

    def sale(product: Product, quantity: int, moment: datetime, adds_to: int | None = None) -> int:
        movement = record_movement(
            session,
            product,
            -quantity,
            MovementKind.SALE,
            MovementSource.WHATSAPP,
            settings=settings,
            now=moment,
            adds_to_id=adds_to,
        )
        assert movement.id is not None
        return movement.id

    late = sale(savon, 2, datetime(2026, 12, 1, 23, 55, tzinfo=UTC))
    sale(savon, 2, datetime(2026, 12, 2, 0, 5, tzinfo=UTC), adds_to=late)
    morning = sale(riz, 3, datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    sale(riz, 1, datetime(2026, 12, 2, 9, 1, tzinfo=UTC), adds_to=morning)
    assert store.id is not None

    today = summarize(session, [store.id], Period.DAY, now=now)
    assert [(t.sku, t.quantity, t.count) for t in today.totals] == [
        ("RIZ", 4, 1),
        ("SAVON", 2, 1),
    ]
    yesterday = summarize(session, [store.id], Period.YESTERDAY, now=now)
    assert [(t.sku, t.quantity, t.count) for t in yesterday.totals] == [("SAVON", 2, 1)]
    week = summarize(session, [store.id], Period.WEEK, now=now)
    assert [(t.sku, t.quantity, t.count) for t in week.totals] == [("RIZ", 4, 1), ("SAVON", 4, 1)]


def test_a_sale_taken_back_whole_is_no_sale(session: Session, settings: Settings) -> None:
    """Two sales of 1 charger, the second undone: « 1 pièce (2 ventes) » became « (1 vente) »;
    a sale taken back in part is still one."""
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    store = Store(code="dk", name="Dakar")
    session.add(store)
    session.flush()
    charger, cable = _product(session, store, "CHARGER"), _product(session, store, "CABLE")

    def sale(product: Product, quantity: int) -> StockMovement:
        return record_movement(
            session,
            product,
            -quantity,
            MovementKind.SALE,
            MovementSource.WHATSAPP,
            settings=settings,
            now=now - timedelta(hours=2),
        )

    sale(charger, 1)
    undone = sale(charger, 1)
    reverse_movement(session, undone, 1, MovementSource.WHATSAPP, settings=settings, now=now)
    in_part = sale(cable, 3)
    reverse_movement(session, in_part, 1, MovementSource.WHATSAPP, settings=settings, now=now)
    assert store.id is not None

    today = summarize(session, [store.id], Period.DAY, now=now)
    assert [(t.sku, t.quantity, t.count) for t in today.totals] == [
        ("CABLE", 2, 1),
        ("CHARGER", 1, 1),
    ]
    assert today.count == 2


def test_a_sale_taken_back_in_a_later_period_stays_a_sale_of_its_own(
    session: Session, settings: Settings
) -> None:
    """Yesterday's report is as yesterday stood: the undo made today is today's."""
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    store = Store(code="dk", name="Dakar")
    session.add(store)
    session.flush()
    riz = _product(session, store, "RIZ")
    sold = record_movement(
        session,
        riz,
        -3,
        MovementKind.SALE,
        MovementSource.WHATSAPP,
        settings=settings,
        now=now - timedelta(days=1),
    )
    reverse_movement(session, sold, 3, MovementSource.WHATSAPP, settings=settings, now=now)
    assert store.id is not None
    yesterday = summarize(session, [store.id], Period.YESTERDAY, now=now)
    assert [(t.sku, t.quantity, t.count) for t in yesterday.totals] == [("RIZ", 3, 1)]
