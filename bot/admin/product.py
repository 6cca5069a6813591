"""A product's page: its quantity over 30 or 90 days (threshold line, receipts marked) and its
movements, newest first, with who made each (a manager, `admin:<name>`, the API…)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy import func
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response

from bot.admin.chart import Point, quantity_chart
from bot.admin.i18n import translate
from bot.admin.web import Admin, admin_page, render
from bot.clock import DEFAULT_TIMEZONE, utcnow
from bot.db.models import Manager, MovementKind, Product, StockMovement, Store
from bot.stock import stock_level_sql

PERIODS = (30, 90)
PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class Line:
    movement: StockMovement
    manager: Manager | None


@dataclass(frozen=True, slots=True)
class ProductPage:
    product: Product
    store: Store
    level: str
    chart: Markup
    lines: list[Line]
    page: int
    pages: int


def product_page(
    session: Session, product_id: int, *, days: int, page: int, language: str, now: datetime
) -> ProductPage | None:
    row = session.exec(
        select(Product, Store, stock_level_sql())
        .join(Store, col(Store.id) == col(Product.store_id))
        .where(col(Product.id) == product_id)
    ).first()
    if row is None:
        return None
    product, store, level = row
    start = now - timedelta(days=days)
    window = session.exec(
        select(
            StockMovement.created_at,
            StockMovement.quantity_after,
            StockMovement.delta,
            StockMovement.kind,
        )
        .where(col(StockMovement.product_id) == product_id, col(StockMovement.created_at) >= start)
        .order_by(col(StockMovement.created_at), col(StockMovement.id))
    ).all()
    before = session.exec(
        select(StockMovement.quantity_after)
        .where(col(StockMovement.product_id) == product_id, col(StockMovement.created_at) < start)
        .order_by(col(StockMovement.created_at).desc(), col(StockMovement.id).desc())
        .limit(1)
    ).first()
    if before is None:
        before = window[0][1] - window[0][2] if window else product.quantity
    zone = ZoneInfo(store.timezone or DEFAULT_TIMEZONE)
    points = [
        Point(at, quantity, kind == MovementKind.RECEIPT, delta)
        for at, quantity, delta, kind in window
    ]
    chart = quantity_chart(
        points,
        start=start,
        end=now,
        zone=zone,
        start_quantity=before,
        threshold=product.threshold,
        title=translate(language, "chart_title", days=days),
    )
    total = session.exec(
        select(func.count()).where(col(StockMovement.product_id) == product_id)
    ).one()
    pages = max(1, ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = session.exec(
        select(StockMovement, Manager)
        .outerjoin(Manager, col(Manager.id) == col(StockMovement.manager_id))
        .where(col(StockMovement.product_id) == product_id)
        .order_by(col(StockMovement.created_at).desc(), col(StockMovement.id).desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return ProductPage(
        product,
        store,
        str(level),
        Markup(chart),  # noqa: S704 (built from numbers and escaped labels)
        [Line(m, manager) for m, manager in rows],
        page,
        pages,
    )


@admin_page
async def product(request: Request, admin: Admin) -> Response:
    product_id: int = request.path_params["product_id"]
    raw_days = request.query_params.get("days", "30")
    days = int(raw_days) if raw_days in {str(d) for d in PERIODS} else PERIODS[0]
    raw_page = request.query_params.get("page", "1")
    page = int(raw_page) if raw_page.isdecimal() and len(raw_page) < 7 else 1
    found = await admin.db(
        lambda session: product_page(
            session, product_id, days=days, page=page, language=admin.language, now=utcnow()
        )
    )
    if found is None:
        return render(
            request,
            "message.html",
            language=admin.language,
            admin=admin,
            status=404,
            title=admin.t("not_found"),
            text=f"#{product_id}",
        )
    return render(
        request,
        "product.html",
        language=admin.language,
        admin=admin,
        active="stock",
        found=found,
        days=days,
        periods=PERIODS,
    )
