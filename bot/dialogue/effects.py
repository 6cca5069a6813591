"""The stock operations a conversation step asks for, run in the caller's transaction.

Each effect answers with a result event for the machine. Everything is checked against the
database, not the conversation: a manager only ever touches the stores they are linked to, and
an order is decided once.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from bot.db.models import (
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
from bot.errors import InsufficientStock, ValidationError
from bot.settings import Settings
from bot.stock import MAX_STOCK, record_movement
from state import (
    AlreadyHandled,
    ChangeOrderQuantity,
    DecideOrder,
    Effect,
    MovementRecorded,
    MovementRefused,
    OrderChanged,
    OrderDecided,
    OrderProposed,
    ProposeOrder,
    RecordMovement,
    ResultEvent,
    StockFull,
    StoreSwitched,
    SwitchStore,
)


def run_effect(
    session: Session,
    manager: Manager,
    store: Store | None,
    effect: Effect,
    *,
    settings: Settings,
    now: datetime,
) -> ResultEvent:
    """Apply `effect` for `manager` working in `store`; the event to feed back to the machine."""
    if isinstance(effect, SwitchStore):
        return _switch_store(session, manager, effect.code)
    if isinstance(effect, DecideOrder):
        return _decide_order(session, manager, effect, now)
    if isinstance(effect, ChangeOrderQuantity):
        return _change_order(session, manager, effect)
    product = _product(session, store, effect.sku)
    if product is None:
        return AlreadyHandled()
    if isinstance(effect, RecordMovement):
        return _record(session, manager, product, effect, settings, now)
    return _propose(session, manager, product, effect, now)


def _product(session: Session, store: Store | None, sku: str) -> Product | None:
    if store is None:
        return None
    return session.exec(
        select(Product).where(Product.store_id == store.id, Product.sku == sku)
    ).first()


def _record(
    session: Session,
    manager: Manager,
    product: Product,
    effect: RecordMovement,
    settings: Settings,
    now: datetime,
) -> ResultEvent:
    done = session.exec(
        select(StockMovement).where(StockMovement.idempotency_key == effect.key)
    ).first()
    if done is not None:
        return AlreadyHandled()
    sale = effect.kind == "sale"
    try:
        movement = record_movement(
            session,
            product,
            -effect.quantity if sale else effect.quantity,
            MovementKind.SALE if sale else MovementKind.RECEIPT,
            MovementSource.WHATSAPP,
            settings=settings,
            manager_id=manager.id,
            idempotency_key=effect.key,
            now=now,
        )
    except InsufficientStock as refused:
        return MovementRefused(product.sku, effect.quantity, refused.available)
    except ValidationError:  # the only other refusal: a receipt past what the stock may hold
        return StockFull(product.sku, effect.quantity, MAX_STOCK)
    return MovementRecorded(effect.kind, product.sku, effect.quantity, movement.quantity_after)


def _propose(
    session: Session, manager: Manager, product: Product, effect: ProposeOrder, now: datetime
) -> ResultEvent:
    order = RestockOrder(
        product_id=product.id,  # type: ignore[arg-type]
        quantity=effect.quantity,
        status=OrderStatus.PROPOSED,
        manager_id=manager.id,
        source=MovementSource.WHATSAPP,
        created_at=now,
    )
    session.add(order)
    session.flush()
    assert order.id is not None
    return OrderProposed(order.id, product.sku, order.quantity)


def _locked_order(
    session: Session, manager: Manager, order_id: int
) -> tuple[RestockOrder, Product] | None:
    """The order and its product, locked, if the product is in one of the manager's stores."""
    order = session.exec(
        select(RestockOrder).where(RestockOrder.id == order_id).with_for_update()
    ).first()
    if order is None:
        return None
    product = session.get(Product, order.product_id)
    if product is None or session.get(ManagerStore, (manager.id, product.store_id)) is None:
        return None
    return order, product


def _decide_order(
    session: Session, manager: Manager, effect: DecideOrder, now: datetime
) -> ResultEvent:
    found = _locked_order(session, manager, effect.order_id)
    if found is None:
        return AlreadyHandled()
    order, product = found
    if order.status != OrderStatus.PROPOSED or order.manager_id != manager.id:
        return AlreadyHandled()
    order.status = OrderStatus.CONFIRMED if effect.confirm else OrderStatus.CANCELLED
    order.decided_at = now
    session.add(order)
    session.flush()
    return OrderDecided(effect.order_id, product.sku, order.quantity, effect.confirm)


def _change_order(session: Session, manager: Manager, effect: ChangeOrderQuantity) -> ResultEvent:
    found = _locked_order(session, manager, effect.order_id)
    if found is None:
        return AlreadyHandled()
    order, product = found
    if order.status not in (OrderStatus.PROPOSED, OrderStatus.CONFIRMED):
        return AlreadyHandled()
    order.quantity = effect.quantity
    session.add(order)
    session.flush()
    return OrderChanged(effect.order_id, product.sku, order.quantity)


def _switch_store(session: Session, manager: Manager, code: str) -> ResultEvent:
    store = session.exec(select(Store).where(Store.code == code)).first()
    if store is None or session.get(ManagerStore, (manager.id, store.id)) is None:
        return AlreadyHandled()
    manager.current_store_id = store.id
    session.add(manager)
    session.flush()
    return StoreSwitched(store.code, store.name)
