"""The dashboard: today's sales and receipts, low and out products, open alerts and orders,
the outbox's health, the latest messages. Its body reloads itself every few seconds (htmx)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bot.admin.thread import Bubble, latest
from bot.admin.web import Admin, admin_page, is_htmx, render
from bot.alerts.digest import local_midnight
from bot.clock import utcnow
from bot.db.models import (
    Alert,
    AlertState,
    MovementKind,
    OrderStatus,
    OutboundMessage,
    OutboundStatus,
    Product,
    RestockOrder,
    StockMovement,
    Store,
)
from bot.outbound.service import AlertService, OutboxStatus
from bot.stock import stock_level_sql

WATCH_LIMIT = 10


@dataclass
class Today:
    sold_units: int = 0
    sales: int = 0
    received_units: int = 0
    receipts: int = 0


@dataclass
class Facts:
    today: Today
    levels: dict[str, int]
    watch: list[tuple[Product, Store, str]]
    open_alerts: int
    open_orders: int
    failed_today: int
    messages: list[tuple[str, Bubble]] = field(default_factory=list)


def facts(session: Session, now: datetime) -> Facts:
    midnight = local_midnight(now)
    today = Today()
    rows = session.exec(
        select(StockMovement.kind, func.count(), func.coalesce(func.sum(StockMovement.delta), 0))
        .where(col(StockMovement.created_at) >= midnight)
        .where(col(StockMovement.kind).in_([MovementKind.SALE, MovementKind.RECEIPT]))
        .group_by(col(StockMovement.kind))
    ).all()
    for kind, count, total in rows:
        if kind == MovementKind.SALE:
            today.sales, today.sold_units = int(count), -int(total)
        else:
            today.receipts, today.received_units = int(count), int(total)
    level = stock_level_sql()
    levels = {"low": 0, "out": 0, "ok": 0}
    for name, count in session.exec(select(level, func.count()).group_by(level)).all():
        levels[str(name)] = int(count)
    watch = [
        (product, store, str(name))
        for product, store, name in session.exec(
            select(Product, Store, level)
            .join(Store, col(Store.id) == col(Product.store_id))
            .where(col(Product.quantity) <= col(Product.threshold))
            .order_by(col(Product.quantity), col(Product.name))
            .limit(WATCH_LIMIT)
        ).all()
    ]
    open_alerts = session.exec(
        select(func.count()).where(col(Alert.state) == AlertState.OPEN)
    ).one()
    open_orders = session.exec(
        select(func.count()).where(col(RestockOrder.status) == OrderStatus.CONFIRMED)
    ).one()
    failed_today = session.exec(
        select(func.count()).where(
            col(OutboundMessage.status) == OutboundStatus.FAILED,
            col(OutboundMessage.updated_at) >= midnight,
        )
    ).one()
    return Facts(
        today,
        levels,
        watch,
        int(open_alerts),
        int(open_orders),
        int(failed_today),
        latest(session),
    )


def age_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 120:
        return f"{int(seconds)} s"
    if seconds < 7200:
        return f"{int(seconds // 60)} min"
    return f"{int(seconds // 3600)} h"


@admin_page
async def dashboard(request: Request, admin: Admin) -> Response:
    ctx = admin.ctx
    outbox: OutboxStatus = await run_in_threadpool(
        AlertService(ctx.settings, ctx.engine).get_status
    )
    found = await admin.db(lambda session: facts(session, utcnow()))
    template = "dashboard_live.html" if is_htmx(request) else "dashboard.html"
    return render(
        request,
        template,
        language=admin.language,
        admin=admin,
        active="dashboard",
        facts=found,
        outbox=outbox,
        oldest=age_text(outbox.oldest_queued_seconds),
    )
