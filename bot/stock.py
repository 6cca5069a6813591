"""Stock reads and writes: the one place a quantity changes.

Every change is a `StockMovement` written in the caller's transaction together with the new
quantity, so the quantity always equals the sum of movements, and every change goes past the
low-stock check (`bot.alerts.check_stock_level`) whatever its source (WhatsApp, API, CLI, import).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.db.models import MovementKind, MovementSource, Product, StockMovement, Store
from bot.errors import InsufficientStock, NotFound


def get_store(session: Session, code: str) -> Store:
    store = session.exec(select(Store).where(Store.code == code)).first()
    if store is None:
        raise NotFound(f"magasin inconnu: {code}")
    return store


def get_product(session: Session, store: Store, sku: str) -> Product:
    product = session.exec(
        select(Product).where(Product.store_id == store.id, Product.sku == sku)
    ).first()
    if product is None:
        raise NotFound(f"produit inconnu dans {store.code}: {sku}")
    return product


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
    source: MovementSource,
    *,
    manager_id: int | None = None,
    note: str = "",
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> StockMovement:
    """Apply `delta` to `product` atomically and record the movement.

    The update is one conditional `UPDATE … RETURNING`, so two concurrent sales can never both
    take the last units. Raises InsufficientStock (nothing written) when the quantity would go
    below zero.
    """
    moment = now or utcnow()
    assert product.id is not None
    new_quantity = session.exec(
        update(Product)
        .where(col(Product.id) == product.id, col(Product.quantity) + delta >= 0)
        .values(quantity=col(Product.quantity) + delta, updated_at=moment)
        .returning(col(Product.quantity))
    ).scalar_one_or_none()
    if new_quantity is None:
        session.refresh(product)
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
    _after_movement(session, product, moment)
    return movement


def _after_movement(session: Session, product: Product, now: datetime) -> None:
    from bot.alerts import check_stock_level

    check_stock_level(session, product, now=now)


def last_movement(session: Session, product_id: int) -> StockMovement | None:
    return session.exec(
        select(StockMovement)
        .where(StockMovement.product_id == product_id)
        .order_by(col(StockMovement.id).desc())
        .limit(1)
    ).first()


def stock_level(product: Product) -> str:
    """`out` at zero, `low` at or below the threshold, else `ok`."""
    if product.quantity <= 0:
        return "out"
    if product.quantity <= product.threshold:
        return "low"
    return "ok"
