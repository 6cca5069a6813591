"""A manager's tap on an alert push: [Commander] creates a restock order, [Plus tard] waits.

A tap on an alert that is resolved, unknown, of a store the manager does not see, or already
ordered is answered harmlessly and changes nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.alerts.ids import AlertChoice, parse_button_id
from bot.alerts.texts import text
from bot.conversation import ask_order_quantity
from bot.db.models import (
    Alert,
    AlertState,
    Manager,
    ManagerStore,
    OrderStatus,
    Product,
    RestockOrder,
    Store,
)
from bot.outbound.messages import OutgoingMessage, Text
from bot.settings import Settings


def handle_alert_button(
    session: Session, manager: Manager, button_id: str, *, settings: Settings, now: datetime
) -> list[OutgoingMessage]:
    """The replies to `manager`'s tap on `button_id` (`alert:v1:<alert id>:order|later`)."""
    language = manager.language
    stale: list[OutgoingMessage] = [Text(text(language, "stale"))]
    tapped = parse_button_id(button_id)
    if tapped is None:
        return stale
    # Locks the alert (PostgreSQL) so that two managers tapping at once order only once.
    alert = session.exec(select(Alert).where(Alert.id == tapped.alert_id).with_for_update()).first()
    if alert is None or alert.state != AlertState.OPEN:
        return stale
    product = session.get(Product, alert.product_id)
    if product is None or not _sees_store(session, manager, product.store_id):
        return stale
    store = session.get(Store, product.store_id)
    assert store is not None
    facts = {"product": product.name, "unit": product.unit, "store": store.name, "sku": product.sku}
    if tapped.choice == AlertChoice.LATER:
        return [Text(text(language, "later_ack", quantity=product.quantity, **facts))]
    pending = _order_since(session, product.id, alert.created_at)
    if pending is not None:
        return [
            Text(text(language, "already", order=pending.id, quantity=pending.quantity, **facts))
        ]
    order = RestockOrder(
        product_id=product.id,  # type: ignore[arg-type]
        quantity=product.reorder_quantity,
        status=OrderStatus.CONFIRMED,
        manager_id=manager.id,
        source="whatsapp",
        created_at=now,
        decided_at=now,
    )
    session.add(order)
    session.flush()
    assert order.id is not None
    summary = Text(text(language, "ordered", order=order.id, quantity=order.quantity, **facts))
    # "Combien ?": the conversation reads the manager's next number as the order's quantity.
    return [summary, *ask_order_quantity(session, manager, order.id, settings=settings, now=now)]


def _sees_store(session: Session, manager: Manager, store_id: int) -> bool:
    return manager.active and session.get(ManagerStore, (manager.id, store_id)) is not None


def _order_since(session: Session, product_id: int | None, since: datetime) -> RestockOrder | None:
    """An order of the product placed since the alert opened and not cancelled."""
    return session.exec(
        select(RestockOrder)
        .where(
            RestockOrder.product_id == product_id,
            col(RestockOrder.created_at) >= since,
            col(RestockOrder.status).in_([OrderStatus.PROPOSED, OrderStatus.CONFIRMED]),
        )
        .order_by(col(RestockOrder.id))
        .limit(1)
    ).first()
