"""Stock reads and writes: the one place a quantity changes.

Every change is a `StockMovement` written in the caller's transaction together with the new
quantity, so the quantity always equals the sum of movements, and every change goes past the
low-stock check (`bot.alerts.check_stock_level`) whatever its source (WhatsApp, API, CLI, import).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Executable, Integer, bindparam, case, func, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from bot.alerts import check_stock_level
from bot.clock import utcnow
from bot.db.models import (
    INT_MAX,
    MovementKind,
    MovementSource,
    OrderStatus,
    Product,
    RestockOrder,
    StockMovement,
    Store,
)
from bot.errors import InsufficientStock, NotFound, ValidationError
from bot.settings import Settings
from bot.stores import find_store
from bot.validation import NumberKind, check_number
from intents.numbers import MAX_QUANTITY
from state.effects import undone_note

__all__ = [
    "MAX_QUANTITY",
    "MAX_STOCK",
    "get_product",
    "get_store",
    "record_movement",
    "reversible",
    "reverse_movement",
    "set_count",
    "set_levels",
    "stock_level_sql",
    "store_products",
]

# MAX_QUANTITY bounds what one request or message says (a movement, a threshold, an order);
# MAX_STOCK what a product may hold (the column is a 32-bit integer).
MAX_STOCK = INT_MAX


def get_store(session: Session, code: str) -> Store:
    """The store with this code; NotFound suggests the closest codes (`bot.stores`)."""
    return find_store(session, code)


def get_product(session: Session, store: Store, sku: str) -> Product:
    product = session.exec(
        select(Product).where(Product.store_id == store.id, Product.sku == sku)
    ).first()
    if product is None:
        raise NotFound(f"produit inconnu dans {store.code} : {sku}")
    return product


def stock_level_sql() -> ColumnElement[str]:
    """`state.stock_level` as SQL over `Product` ('out', 'low' or 'ok'), for filters and counts
    (a test keeps the two the same)."""
    return case(
        (col(Product.quantity) <= 0, "out"),
        (col(Product.quantity) <= col(Product.threshold), "low"),
        else_="ok",
    )


def store_products(session: Session, store_id: int) -> list[Product]:
    return list(
        session.exec(
            select(Product).where(Product.store_id == store_id).order_by(col(Product.name))
        )
    )


def record_movement(
    session: Session,
    product: Product,
    delta: int,
    kind: MovementKind,
    source: MovementSource | str,
    *,
    settings: Settings,
    manager_id: int | None = None,
    note: str = "",
    idempotency_key: str | None = None,
    now: datetime | None = None,
    reverses_id: int | None = None,
    adds_to_id: int | None = None,
    order_id: int | None = None,
    expected: int | None = None,
) -> StockMovement:
    """Apply `delta` to `product` atomically, record the movement and check the product's alert
    (with the alert settings of `settings`). `expected`, when given, is the quantity the change
    was computed from: the update only happens if the product still holds it (see `set_count`).

    The update is one conditional `UPDATE … RETURNING`, so two concurrent sales can never both
    take the last units. Raises InsufficientStock (nothing written) when the quantity would go
    below zero, ValidationError when it would go above MAX_STOCK.
    """
    moment = now or utcnow()
    assert product.id is not None and abs(delta) <= MAX_STOCK
    # The bound is compared with the current quantity (each side a 32-bit value), so that the
    # database never computes past it.
    if expected is not None:
        statement, bound = _MOVE_IF_UNCHANGED, expected
    elif delta > 0:
        statement, bound = _MOVE_UP, MAX_STOCK - delta
    else:
        statement, bound = _MOVE_DOWN, -delta
    session.flush()  # what the ORM's own UPDATE would flush first
    row = (
        session.connection()
        .execute(statement, {"b_id": product.id, "bound": bound, "delta": delta, "now": moment})
        .first()
    )
    if row is None:
        session.refresh(product)
        if expected is not None:
            raise _Moved()
        if delta > 0:
            raise ValidationError(f"{product.sku} : le stock dépasserait {MAX_STOCK}")
        raise InsufficientStock(product.sku, product.quantity, -delta)
    # The row as the update left it, as a refresh would read it (one SELECT less a movement).
    for key, value in row._mapping.items():
        set_committed_value(product, key, value)
    new_quantity = product.quantity
    movement = StockMovement(
        product_id=product.id,
        delta=delta,
        quantity_after=new_quantity,
        kind=kind,
        source=source,
        manager_id=manager_id,
        note=note,
        idempotency_key=idempotency_key,
        created_at=moment,
        reverses_id=reverses_id,
        adds_to_id=adds_to_id,
        order_id=order_id,
    )
    session.add(movement)
    session.flush()
    check_stock_level(session, product, now=moment, settings=settings)
    return movement


def _move(fits: ColumnElement[bool]) -> Executable:
    """`record_movement`'s conditional update, built once: the product's row as it leaves it."""
    return (
        update(_PRODUCT)
        .where(_PRODUCT.c.id == bindparam("b_id"), fits)
        .values(
            quantity=_PRODUCT.c.quantity + bindparam("delta", type_=Integer),
            updated_at=bindparam("now"),
        )
        .returning(*_PRODUCT.c)
    )


_PRODUCT = Product.__table__  # type: ignore[attr-defined]
_BOUND = bindparam("bound", type_=Integer)
_MOVE_UP = _move(_PRODUCT.c.quantity <= _BOUND)
_MOVE_DOWN = _move(_PRODUCT.c.quantity >= _BOUND)
_MOVE_IF_UNCHANGED = _move(_PRODUCT.c.quantity == _BOUND)


class _Moved(Exception):
    """The quantity changed between the read and the conditional update: compute again."""


def set_count(
    session: Session,
    product: Product,
    counted: int,
    source: MovementSource | str,
    *,
    settings: Settings,
    manager_id: int | None = None,
    note: str = "",
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> StockMovement | None:
    """Make `counted` the product's quantity (a stock count): one `adjustment` movement of the
    difference, None when the count equals the stock.

    The difference is computed from the quantity the update finds, compare-and-set, so a sale
    recorded between the read and the write is never lost: the count wins over it, as counted.
    """
    if not 0 <= counted <= MAX_STOCK:
        raise ValidationError(f"{product.sku} : quantité comptée hors limites ({counted})")
    while True:
        session.refresh(product)
        delta = counted - product.quantity
        if delta == 0:
            return None
        try:
            return record_movement(
                session,
                product,
                delta,
                MovementKind.ADJUSTMENT,
                source,
                settings=settings,
                manager_id=manager_id,
                note=note,
                idempotency_key=idempotency_key,
                now=now,
                expected=product.quantity,
            )
        except _Moved:
            continue


def reversible(session: Session, movement: StockMovement) -> int:
    """How many units of `movement` are still to take back (its size less its reversals)."""
    assert movement.id is not None
    taken = session.exec(
        select(func.coalesce(func.sum(StockMovement.delta), 0)).where(
            StockMovement.reverses_id == movement.id
        )
    ).one()
    return abs(movement.delta) - abs(int(taken))


def reverse_movement(
    session: Session,
    movement: StockMovement,
    quantity: int,
    source: MovementSource,
    *,
    settings: Settings,
    manager_id: int | None = None,
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> StockMovement:
    """Take back `quantity` units of `movement` (an undo, or a correction to a smaller amount):
    a compensating movement of the same kind and opposite sign that names it, and in its note
    the reason the movement was noted for (`state.effects.undone_note`: a loss undone is no
    count). The ledger is never edited, and the reversals of a movement never take back more
    than it moved.

    Raises ValidationError when `quantity` exceeds what is left to take back, InsufficientStock
    when taking a receipt back would go below zero (the units were sold since).
    """
    assert movement.id is not None
    # Locks the movement (PostgreSQL) so that two reversals of it never both pass the check.
    session.exec(
        select(StockMovement.id).where(StockMovement.id == movement.id).with_for_update()
    ).one()
    left = reversible(session, movement)
    if not 0 < quantity <= left:
        raise ValidationError(f"mouvement {movement.id} : {left} à reprendre au plus")
    product = session.get(Product, movement.product_id)
    assert product is not None
    sign = -1 if movement.delta > 0 else 1
    if movement.order_id is not None and movement.delta > 0:
        # Taking back an order's receipt: the order waits for those units again.
        received = col(RestockOrder.received_quantity)
        session.exec(
            update(RestockOrder)
            .where(col(RestockOrder.id) == movement.order_id)
            .values(
                received_quantity=case((received > quantity, received - quantity), else_=0),
                status=OrderStatus.CONFIRMED,
                received_at=None,
            )
        )
    return record_movement(
        session,
        product,
        sign * quantity,
        MovementKind(movement.kind),
        source,
        settings=settings,
        manager_id=manager_id,
        note=undone_note(movement.note, quantity, movement.id),
        idempotency_key=idempotency_key,
        now=now,
        reverses_id=movement.id,
        order_id=movement.order_id,
    )


def set_levels(
    session: Session,
    product: Product,
    *,
    threshold: int,
    reorder_quantity: int,
    settings: Settings,
    now: datetime | None = None,
) -> Product:
    """Set a product's alert threshold and reorder quantity, then check its alert (a threshold
    raised above the stock opens one, lowered below it resolves it), in the caller's
    transaction. The quantity is left alone (only movements change it). Raises InvalidInput
    for a threshold or reorder quantity out of their bounds (`bot.validation`)."""
    check_number("threshold", threshold, NumberKind.THRESHOLD)
    check_number("reorder_quantity", reorder_quantity, NumberKind.REORDER)
    moment = now or utcnow()
    assert product.id is not None
    session.exec(
        update(Product)
        .where(col(Product.id) == product.id)
        .values(threshold=threshold, reorder_quantity=reorder_quantity, updated_at=moment)
    )
    session.refresh(product)
    check_stock_level(session, product, now=moment, settings=settings)
    return product
