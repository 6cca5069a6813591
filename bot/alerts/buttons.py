"""A manager's tap on an alert push: [Commander] creates a restock order, [Plus tard] waits.

A tap on an alert that is resolved, unknown, of a store the manager does not see, or already
ordered (`bot.alerts.orders`) is answered harmlessly and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from bot.alerts.ids import AlertChoice, parse_button_id
from bot.alerts.orders import order_since
from bot.db.models import (
    Alert,
    AlertState,
    Manager,
    ManagerStore,
    MovementSource,
    OrderStatus,
    Product,
    RestockOrder,
    Store,
)
from bot.outbound.messages import OutgoingMessage, Text
from state.messages import amount, text


@dataclass(frozen=True, slots=True)
class TapAnswer:
    """The replies to a tap, and the order it created (its quantity is asked next)."""

    replies: list[OutgoingMessage] = field(default_factory=list)
    order_id: int | None = None


def handle_alert_button(
    session: Session, manager: Manager, button_id: str, *, now: datetime
) -> TapAnswer:
    """What `manager`'s tap on `button_id` (`alert:v1:<alert id>:order|later`) does."""
    language = manager.language
    stale = TapAnswer([Text(text(language, "already_handled"))])
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
    assert store is not None and product.id is not None
    facts = {"product": product.name, "store": store.name}
    if tapped.choice == AlertChoice.LATER:
        left = amount(language, product.quantity, product.unit)
        return TapAnswer([Text(text(language, "alert_later_ack", quantity=left, **facts))])
    placed = order_since(session, alert)
    if placed is not None:
        ordered = amount(language, placed.quantity, product.unit)
        return TapAnswer([Text(text(language, "alert_already", order=placed.id, quantity=ordered))])
    order = RestockOrder(
        product_id=product.id,
        quantity=product.reorder_quantity,
        status=OrderStatus.CONFIRMED,
        manager_id=manager.id,
        source=MovementSource.WHATSAPP,
        created_at=now,
        decided_at=now,
    )
    session.add(order)
    session.flush()
    assert order.id is not None
    ordered = amount(language, order.quantity, product.unit)
    summary = text(language, "alert_ordered", order=order.id, quantity=ordered, **facts)
    return TapAnswer([Text(summary)], order_id=order.id)


def _sees_store(session: Session, manager: Manager, store_id: int) -> bool:
    return manager.active and session.get(ManagerStore, (manager.id, store_id)) is not None
