"""`GET /api/alerts`, `GET /api/orders`, `POST /api/orders/{id}/received`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction, wake_outbox
from bot.api.errors import api_endpoint, conflict
from bot.api.inputs import query_choice, query_store
from bot.api.responses import JSONResponse
from bot.api.views import alert_view, order_view
from bot.clock import utcnow
from bot.db.models import (
    INT_MAX,
    Alert,
    AlertState,
    Manager,
    MovementKind,
    MovementSource,
    OrderStatus,
    Product,
    RestockOrder,
    Store,
)
from bot.errors import NotFound
from bot.settings import Settings
from bot.stock import get_store, record_movement


def _store_filter(session: Session, code: str | None) -> int | None:
    return get_store(session, code).id if code else None


@api_endpoint
async def list_alerts(request: Request) -> Response:
    state = query_choice(request, "state", AlertState)
    code = query_store(request)

    def work(session: Session) -> list[dict[str, Any]]:
        store_id = _store_filter(session, code)
        query = (
            select(Alert, Product, Store)
            .join(Product, col(Product.id) == col(Alert.product_id))
            .join(Store, col(Store.id) == col(Product.store_id))
            .order_by(col(Alert.id))
        )
        if store_id is not None:
            query = query.where(Product.store_id == store_id)
        if state is not None:
            query = query.where(Alert.state == state)
        return [alert_view(*row) for row in session.exec(query)]

    return JSONResponse(await in_transaction(request, work))


def _orders_query(store_id: int | None, status: OrderStatus | None) -> Any:
    query = (
        select(RestockOrder, Product, Store, Manager)
        .join(Product, col(Product.id) == col(RestockOrder.product_id))
        .join(Store, col(Store.id) == col(Product.store_id))
        .outerjoin(Manager, col(Manager.id) == col(RestockOrder.manager_id))
        .order_by(col(RestockOrder.id))
    )
    if store_id is not None:
        query = query.where(Product.store_id == store_id)
    if status is not None:
        query = query.where(RestockOrder.status == status)
    return query


@api_endpoint
async def list_orders(request: Request) -> Response:
    status = query_choice(request, "status", OrderStatus)
    code = query_store(request)

    def work(session: Session) -> list[dict[str, Any]]:
        query = _orders_query(_store_filter(session, code), status)
        return [order_view(*row) for row in session.exec(query)]

    return JSONResponse(await in_transaction(request, work))


def receive_order(session: Session, order_id: int, settings: Settings) -> dict[str, Any]:
    """Mark a confirmed order received and add its quantity as a receipt, exactly once."""
    order = session.get(RestockOrder, order_id) if order_id <= INT_MAX else None
    if order is None:
        raise NotFound(f"commande inconnue : {order_id}")
    now = utcnow()
    # Conditional update: of two concurrent calls only one moves the order to `received`.
    changed = session.exec(
        update(RestockOrder)
        .where(col(RestockOrder.id) == order_id, col(RestockOrder.status) == OrderStatus.CONFIRMED)
        .values(status=OrderStatus.RECEIVED, received_at=now)
    ).rowcount
    if changed != 1:
        session.refresh(order)
        raise conflict(
            f"la commande {order_id} est {order.status}, pas confirmed", status=order.status
        )
    product = session.get(Product, order.product_id)
    assert product is not None
    movement = record_movement(
        session,
        product,
        order.quantity,
        MovementKind.RECEIPT,
        MovementSource.API,
        settings=settings,
        note=f"commande {order_id}",
        now=now,
    )
    session.refresh(order)
    store = session.get(Store, product.store_id)
    assert store is not None
    manager = session.get(Manager, order.manager_id) if order.manager_id else None
    return {**order_view(order, product, store, manager), "stock": movement.quantity_after}


@api_endpoint
async def order_received(request: Request) -> Response:
    order_id: int = request.path_params["order_id"]
    settings = request.app.state.ctx.settings
    view = await in_transaction(request, lambda session: receive_order(session, order_id, settings))
    wake_outbox(request)
    return JSONResponse(view)
