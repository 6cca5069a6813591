"""Alerts and orders: open alerts (order them), open orders (receive in full or in part, cancel),
and the latest closed ones. Every action goes through `bot.orders`, the one implementation chat,
alert buttons, the API and the CLI use: receiving is idempotent there (a second "received"
counts nothing), and a receipt is a movement carrying `admin:<name>`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.admin.audit import record_action
from bot.admin.forms import whole_number
from bot.admin.web import Admin, admin_page, render
from bot.alerts.orders import order_since
from bot.clock import utcnow
from bot.db.models import (
    Alert,
    AlertState,
    Manager,
    OrderStatus,
    Product,
    RestockOrder,
    Store,
    admin_source,
)
from bot.errors import NotFound, StockbotError
from bot.orders import cancel_order, place_order, receive_order
from bot.validation import NumberKind

SHOWN = 100
# `RestockOrder.source` holds 16 characters: an order placed here says `admin`; who placed it
# is in the back office's log (`AdminAction`), and its receipts carry `admin:<name>`.
ORDER_SOURCE = "admin"


@dataclass(frozen=True, slots=True)
class OrderLine:
    order: RestockOrder
    product: Product
    store: Store
    manager: Manager | None

    @property
    def left(self) -> int:
        return max(self.order.quantity - self.order.received_quantity, 0)


@dataclass(frozen=True, slots=True)
class AlertLine:
    alert: Alert
    product: Product
    store: Store
    ordered: bool


def _orders(session: Session, statuses: list[str], newest_first: bool) -> list[OrderLine]:
    order = col(RestockOrder.id).desc() if newest_first else col(RestockOrder.id)
    rows = session.exec(
        select(RestockOrder, Product, Store, Manager)
        .join(Product, col(Product.id) == col(RestockOrder.product_id))
        .join(Store, col(Store.id) == col(Product.store_id))
        .outerjoin(Manager, col(Manager.id) == col(RestockOrder.manager_id))
        .where(col(RestockOrder.status).in_(statuses))
        .order_by(order)
        .limit(SHOWN)
    ).all()
    return [OrderLine(*row) for row in rows]


def _alerts(session: Session) -> list[AlertLine]:
    rows = session.exec(
        select(Alert, Product, Store)
        .join(Product, col(Product.id) == col(Alert.product_id))
        .join(Store, col(Store.id) == col(Product.store_id))
        .where(col(Alert.state) == AlertState.OPEN)
        .order_by(col(Product.quantity), col(Alert.id))
        .limit(SHOWN)
    ).all()
    return [AlertLine(a, p, s, order_since(session, a) is not None) for a, p, s in rows]


@admin_page
async def orders_page(request: Request, admin: Admin) -> Response:
    def work(session: Session) -> tuple[list[AlertLine], list[OrderLine], list[OrderLine]]:
        open_ = _orders(session, [OrderStatus.CONFIRMED, OrderStatus.PROPOSED], False)
        closed = _orders(session, [OrderStatus.RECEIVED, OrderStatus.CANCELLED], True)
        return _alerts(session), open_, closed

    alerts, open_orders, closed = await admin.db(work)
    return render(
        request,
        "orders.html",
        language=admin.language,
        admin=admin,
        active="orders",
        alerts=alerts,
        open_orders=open_orders,
        closed=closed,
        flash=request.query_params.get("flash", "")[:300],
    )


def _back(flash: str) -> Response:
    return RedirectResponse(f"/admin/orders?flash={quote(flash)}", status_code=303)


@admin_page
async def order_alert(request: Request, admin: Admin) -> Response:
    alert_id: int = request.path_params["alert_id"]

    def work(session: Session) -> str:
        alert = session.get(Alert, alert_id)
        product = session.get(Product, alert.product_id) if alert is not None else None
        if alert is None or product is None or alert.state != AlertState.OPEN:
            raise NotFound(f"alerte inconnue ou close : {alert_id}")
        now = utcnow()
        placed = place_order(
            session,
            product,
            product.reorder_quantity,
            source=ORDER_SOURCE,
            now=now,
            alert_id=alert_id,
        )
        order = placed.facts.order
        if placed.already:
            return admin.t("order_already", id=order.id)
        record_action(
            session,
            admin.name,
            "order_place",
            str(order.id),
            now=now,
            alert_id=alert_id,
            quantity=order.quantity,
        )
        return admin.t("order_placed", id=order.id, quantity=order.quantity)

    try:
        return _back(await admin.db(work))
    except StockbotError as exc:
        return _back(str(exc))


@admin_page
async def receive(request: Request, admin: Admin) -> Response:
    order_id: int = request.path_params["order_id"]
    form = await request.form()
    settings = admin.ctx.settings
    partial = str(form.get("quantity", "")).strip() != ""
    close = form.get("close") == "on"

    def work(session: Session) -> str:
        quantity = (
            whole_number(form, "quantity", admin.t("quantity"), NumberKind.COUNT)
            if partial
            else None
        )
        now = utcnow()
        received = receive_order(
            session,
            order_id,
            source=admin_source(admin.name),
            settings=settings,
            now=now,
            quantity=quantity,
            close=True if close else None,
        )
        record_action(
            session,
            admin.name,
            "order_receive",
            str(order_id),
            now=now,
            quantity=received.quantity,
            closed=received.closed,
        )
        key = "order_done" if received.closed else "order_partly"
        return admin.t(key, id=order_id, quantity=received.quantity, left=received.facts.left)

    try:
        message = await admin.db(work)
    except StockbotError as exc:
        return _back(str(exc))
    admin.ctx.wake_outbox.set()
    return _back(message)


@admin_page
async def cancel(request: Request, admin: Admin) -> Response:
    order_id: int = request.path_params["order_id"]

    def work(session: Session) -> str:
        now = utcnow()
        facts = cancel_order(session, order_id, None, now)
        record_action(
            session, admin.name, "order_cancel", str(order_id), now=now, status=facts.order.status
        )
        status = admin.t(f"order_status_{facts.order.status}")
        return admin.t("order_cancelled", id=order_id, status=status)

    try:
        return _back(await admin.db(work))
    except StockbotError as exc:
        return _back(str(exc))
