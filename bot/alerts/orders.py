"""Whether an alert is being dealt with: a confirmed restock order of its product placed since it
opened (and not yet received). Such an alert is not reminded, its push asks to order nothing, and
a tap on its [Commander] orders nothing more. An order merely proposed in a conversation and not
answered does not count."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.db.models import Alert, OrderStatus, RestockOrder


def _orders(product_id: Any, opened: Any) -> SelectOfScalar[RestockOrder]:
    return select(RestockOrder).where(
        col(RestockOrder.product_id) == product_id,
        col(RestockOrder.created_at) >= opened,
        col(RestockOrder.status) == OrderStatus.CONFIRMED,
    )


def order_since(session: Session, alert: Alert) -> RestockOrder | None:
    """The first order dealing with `alert`, if any."""
    query = _orders(alert.product_id, alert.created_at).order_by(col(RestockOrder.id)).limit(1)
    return session.exec(query).first()


def on_its_way(session: Session, product_id: int) -> RestockOrder | None:
    """The product's latest confirmed order not yet received, placed whenever: one placed before
    the alert opened does not deal with it, but its push says so (no second order unawares)."""
    query = (
        select(RestockOrder)
        .where(
            col(RestockOrder.product_id) == product_id,
            col(RestockOrder.status) == OrderStatus.CONFIRMED,
        )
        .order_by(col(RestockOrder.id).desc())
        .limit(1)
    )
    return session.exec(query).first()


def being_ordered() -> ColumnElement[bool]:
    """`order_since` as a condition on the `Alert` rows of a query."""
    return _orders(col(Alert.product_id), col(Alert.created_at)).exists()
