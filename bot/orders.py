"""Restock orders, one implementation behind every path: chat, alert pushes, admin API, CLI and
back office.

An order is `confirmed` when placed (on its way), then `received` (closed: everything arrived, or
the manager closed it after a partial delivery) or `cancelled`; `proposed` only remains on orders
asked in chat by earlier versions. Each change is a conditional UPDATE from the state it starts
in, so two paths acting at once (a receipt typed in chat and the API's `received`) change an order
once, and a receipt names its order (`StockMovement.order_id`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, update
from sqlmodel import Session, col, select

from bot.alerts.orders import order_since
from bot.db.models import (
    INT_MAX,
    Alert,
    AlertState,
    Manager,
    ManagerStore,
    MovementKind,
    MovementSource,
    OrderStatus,
    Product,
    RestockOrder,
    StockMovement,
    Store,
)
from bot.errors import NotFound, StockbotError, ValidationError
from bot.settings import Settings
from bot.stock import record_movement

OPEN = (OrderStatus.PROPOSED, OrderStatus.CONFIRMED)
_CLOSED: dict[str, str] = {
    OrderStatus.PROPOSED: "proposée, pas encore confirmée",
    OrderStatus.RECEIVED: "déjà reçue",
    OrderStatus.CANCELLED: "annulée",
}


class OrderClosed(StockbotError):
    """The order is no longer open (received or cancelled): nothing was changed."""

    def __init__(self, order: RestockOrder) -> None:
        said = _CLOSED.get(order.status, order.status)
        super().__init__(f"la commande {order.id} est {said}")
        self.order = order


@dataclass(frozen=True, slots=True)
class OrderFacts:
    order: RestockOrder
    product: Product
    store: Store

    @property
    def left(self) -> int:
        """Units still awaited."""
        return max(self.order.quantity - self.order.received_quantity, 0)


@dataclass(frozen=True, slots=True)
class Placed:
    facts: OrderFacts
    # True when somebody else had ordered it already since the alert: nothing new was placed.
    already: bool = False
    by: Manager | None = None


@dataclass(frozen=True, slots=True)
class Received:
    facts: OrderFacts
    quantity: int  # arrived with this delivery
    movement: StockMovement | None
    closed: bool


def order_facts(session: Session, order_id: int, manager: Manager | None = None) -> OrderFacts:
    """The order, its product and store; NotFound when there is none or `manager` may not see it
    (its store is not one of theirs)."""
    order = session.get(RestockOrder, order_id) if 0 < order_id <= INT_MAX else None
    product = session.get(Product, order.product_id) if order is not None else None
    if order is None or product is None:
        raise NotFound(f"commande inconnue : {order_id}")
    if manager is not None and session.get(ManagerStore, (manager.id, product.store_id)) is None:
        raise NotFound(f"commande inconnue : {order_id}")
    store = session.get(Store, product.store_id)
    assert store is not None
    return OrderFacts(order, product, store)


def place_order(
    session: Session,
    product: Product,
    quantity: int,
    *,
    source: MovementSource | str,
    now: datetime,
    manager: Manager | None = None,
    alert_id: int | None = None,
) -> Placed:
    """Place a confirmed order of `quantity` units of `product`.

    With `alert_id`, it answers that alert's push (when the alert is `product`'s; another
    product's line of the same order does not): the first order since the alert opened
    decides for every manager told (the alert row is locked, so two managers answering at once
    order once), and a later one is `already` with who ordered.
    """
    if not 0 < quantity <= INT_MAX:
        raise ValidationError(f"quantité de commande hors limites : {quantity}")
    alert = _locked_alert(session, alert_id) if alert_id is not None else None
    if alert is not None and alert.product_id != product.id:
        alert = None  # another line of the order answering it (`oui et ajoute 10 sucre`)
    if alert is not None:
        placed = order_since(session, alert)
        if placed is not None:
            by = session.get(Manager, placed.manager_id) if placed.manager_id else None
            store = session.get(Store, product.store_id)
            assert store is not None
            return Placed(OrderFacts(placed, product, store), already=True, by=by)
    order = RestockOrder(
        product_id=product.id,  # type: ignore[arg-type]
        quantity=quantity,
        status=OrderStatus.CONFIRMED,
        manager_id=manager.id if manager is not None else None,
        source=source,
        created_at=now,
        decided_at=now,
    )
    session.add(order)
    if alert is not None:
        alert.answer, alert.answered_at = "order", now
        alert.answered_by_id = manager.id if manager is not None else None
        session.add(alert)
    session.flush()
    store = session.get(Store, product.store_id)
    assert store is not None
    return Placed(OrderFacts(order, product, store))


def _locked_alert(session: Session, alert_id: int) -> Alert | None:
    return session.exec(select(Alert).where(Alert.id == alert_id).with_for_update()).first()


def open_alert_facts(
    session: Session, alert_id: int, manager: Manager
) -> tuple[Alert, Product] | None:
    """The alert, locked, and its product, if it is still open and of one of `manager`'s
    stores."""
    alert = _locked_alert(session, alert_id) if 0 < alert_id <= INT_MAX else None
    if alert is None or alert.state != AlertState.OPEN or not manager.active:
        return None
    product = session.get(Product, alert.product_id)
    if product is None or session.get(ManagerStore, (manager.id, product.store_id)) is None:
        return None
    return alert, product


def postpone_alert(session: Session, alert: Alert, manager: Manager, now: datetime) -> None:
    """Record "plus tard" as the answer to the alert's latest push (the reminder asks again)."""
    if alert.answer is None or not _answered_since_push(alert):
        alert.answer, alert.answered_at, alert.answered_by_id = "later", now, manager.id
        session.add(alert)
        session.flush()


def postponed_by(alert: Alert) -> int | None:
    """The manager who answered "plus tard" to the alert's latest push, if one did."""
    if alert.answer != "later" or not _answered_since_push(alert):
        return None
    return alert.answered_by_id


def _answered_since_push(alert: Alert) -> bool:
    return alert.answered_at is not None and alert.answered_at >= _pushed(alert)


def _pushed(alert: Alert) -> datetime:
    return alert.last_notified_at or alert.created_at


def change_quantity(session: Session, order_id: int, quantity: int, manager: Manager) -> OrderFacts:
    """Set the quantity of an open order (never below what already arrived)."""
    facts = order_facts(session, order_id, manager)
    changed = session.exec(
        update(RestockOrder)
        .where(
            col(RestockOrder.id) == order_id,
            col(RestockOrder.status).in_(OPEN),
            col(RestockOrder.received_quantity) <= quantity,
        )
        .values(quantity=quantity)
    ).rowcount
    session.refresh(facts.order)
    if changed != 1:
        if facts.order.status in OPEN:
            raise ValidationError(f"déjà {facts.order.received_quantity} reçus")
        raise OrderClosed(facts.order)
    return facts


def cancel_order(
    session: Session, order_id: int, manager: Manager | None, now: datetime
) -> OrderFacts:
    """Cancel an open order; one that partly arrived is closed instead (what arrived stays)."""
    facts = order_facts(session, order_id, manager)
    partly = col(RestockOrder.received_quantity) > 0
    changed = session.exec(
        update(RestockOrder)
        .where(col(RestockOrder.id) == order_id, col(RestockOrder.status).in_(OPEN))
        .values(
            status=case((partly, OrderStatus.RECEIVED), else_=OrderStatus.CANCELLED),
            decided_at=now,
        )
    ).rowcount
    session.refresh(facts.order)
    if changed != 1:
        raise OrderClosed(facts.order)
    return facts


def receive_order(
    session: Session,
    order_id: int,
    *,
    source: MovementSource | str,
    settings: Settings,
    now: datetime,
    quantity: int | None = None,
    close: bool | None = None,
    manager: Manager | None = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> Received:
    """Record the delivery of an open order: one receipt movement of `quantity` units (what is
    still awaited when None) naming the order, and the order closed when everything arrived or
    `close` is true (`close` false keeps it open for the rest). `quantity` 0 with `close` closes
    it without a receipt.

    Raises NotFound, OrderClosed when the order is not confirmed (received or cancelled already:
    a second `received` counts nothing), ValidationError for a quantity below zero.
    """
    facts = order_facts(session, order_id, manager)
    order = facts.order
    if order.status != OrderStatus.CONFIRMED:  # a proposed order was never decided
        raise OrderClosed(order)
    seen = order.received_quantity
    arrived = facts.left if quantity is None else quantity
    if arrived < 0 or arrived > INT_MAX - seen or (arrived == 0 and not close):
        raise ValidationError(f"quantité reçue invalide : {arrived}")
    total = seen + arrived
    closing = bool(close) or (close is None and total >= order.quantity)
    # Compare-and-set on what had arrived: of two concurrent receipts only one applies.
    changed = session.exec(
        update(RestockOrder)
        .where(
            col(RestockOrder.id) == order_id,
            col(RestockOrder.status) == OrderStatus.CONFIRMED,
            col(RestockOrder.received_quantity) == seen,
        )
        .values(
            received_quantity=total,
            status=OrderStatus.RECEIVED if closing else OrderStatus.CONFIRMED,
            received_at=now if closing else None,
        )
    ).rowcount
    if changed != 1:
        session.refresh(order)
        raise OrderClosed(order)
    movement = None
    if arrived:
        movement = record_movement(
            session,
            facts.product,
            arrived,
            MovementKind.RECEIPT,
            source,
            settings=settings,
            manager_id=manager.id if manager is not None else None,
            note=note or f"commande {order_id}",
            idempotency_key=idempotency_key,
            now=now,
            order_id=order_id,
        )
    session.refresh(order)
    return Received(facts, arrived, movement, closing)


def open_orders(session: Session, store_ids: list[int], sku: str | None = None) -> list[OrderFacts]:
    """The open orders of these stores (of one product when `sku`), oldest first."""
    query = (
        select(RestockOrder, Product, Store)
        .join(Product, col(Product.id) == col(RestockOrder.product_id))
        .join(Store, col(Store.id) == col(Product.store_id))
        .where(col(Store.id).in_(store_ids), col(RestockOrder.status) == OrderStatus.CONFIRMED)
        .order_by(col(RestockOrder.id))
    )
    if sku is not None:
        query = query.where(Product.sku == sku)
    return [OrderFacts(*row) for row in session.exec(query)]
