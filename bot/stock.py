"""Stock reads and writes: the one place a quantity changes.

Every change is a `StockMovement` written in the caller's transaction together with the new
quantity, so the quantity always equals the sum of movements, and every change goes past the
low-stock check (`bot.alerts.check_stock_level`) whatever its source (WhatsApp, API, CLI, import).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, case, update
from sqlmodel import Session, col, select

from bot.alerts import check_stock_level
from bot.clock import utcnow
from bot.db.models import INT_MAX, MovementKind, MovementSource, Product, StockMovement, Store
from bot.errors import InsufficientStock, NotFound, ValidationError
from bot.settings import Settings
from bot.stores import find_store
from bot.validation import NumberKind, check_number
from intents.numbers import MAX_QUANTITY

__all__ = [
    "MAX_QUANTITY",
    "MAX_STOCK",
    "get_product",
    "get_store",
    "record_movement",
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
) -> StockMovement:
    """Apply `delta` to `product` atomically, record the movement and check the product's alert
    (with the alert settings of `settings`).

    The update is one conditional `UPDATE … RETURNING`, so two concurrent sales can never both
    take the last units. Raises InsufficientStock (nothing written) when the quantity would go
    below zero, ValidationError when it would go above MAX_STOCK.
    """
    moment = now or utcnow()
    assert product.id is not None and abs(delta) <= MAX_STOCK
    # The bound is compared with the current quantity (each side a 32-bit value), so that the
    # database never computes past it.
    fits = (
        col(Product.quantity) <= MAX_STOCK - delta if delta > 0 else col(Product.quantity) >= -delta
    )
    new_quantity = session.exec(
        update(Product)
        .where(col(Product.id) == product.id, fits)
        .values(quantity=col(Product.quantity) + delta, updated_at=moment)
        .returning(col(Product.quantity))
    ).scalar_one_or_none()
    if new_quantity is None:
        session.refresh(product)
        if delta > 0:
            raise ValidationError(f"{product.sku} : le stock dépasserait {MAX_STOCK}")
        raise InsufficientStock(product.sku, product.quantity, -delta)
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
    )
    session.add(movement)
    session.flush()
    session.refresh(product)
    check_stock_level(session, product, now=moment, settings=settings)
    return movement


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
