"""`GET /api/alerts`, `GET /api/orders`, `POST /api/orders/{id}/received`."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction, wake_outbox
from bot.api.errors import api_endpoint, conflict, invalid
from bot.api.inputs import quantity_field, query_choice, query_store, read_optional_object
from bot.api.responses import JSONResponse
from bot.api.views import alert_view, order_view
from bot.clock import utcnow
from bot.db.models import (
    Alert,
    AlertState,
    Manager,
    MovementSource,
    OrderStatus,
    Product,
    RestockOrder,
    Store,
)
from bot.orders import OrderClosed, receive_order
from bot.settings import Settings
from bot.stock import get_store
from bot.validation import NumberKind


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


def _received(
    session: Session, order_id: int, data: dict[str, Any], settings: Settings
) -> dict[str, Any]:
    quantity = quantity_field(data, "quantity", NumberKind.COUNT) if "quantity" in data else None
    close = data.get("close")
    if close is not None and not isinstance(close, bool):
        raise invalid("close", "true ou false est attendu")
    try:
        done = receive_order(
            session,
            order_id,
            source=MovementSource.API,
            settings=settings,
            now=utcnow(),
            quantity=quantity,
            close=close,
        )
    except OrderClosed as closed:
        raise conflict(str(closed), status=closed.order.status) from None
    facts = done.facts
    manager = session.get(Manager, facts.order.manager_id) if facts.order.manager_id else None
    view = order_view(facts.order, facts.product, facts.store, manager)
    return {**view, "stock": facts.product.quantity}


@api_endpoint
async def order_received(request: Request) -> Response:
    order_id: int = request.path_params["order_id"]
    settings = request.app.state.ctx.settings
    data = await read_optional_object(request)
    view = await in_transaction(
        request, lambda session: _received(session, order_id, data, settings)
    )
    wake_outbox(request)
    return JSONResponse(view)
