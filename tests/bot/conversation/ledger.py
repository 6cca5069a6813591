"""What the database says after a conversation: products, movements, orders."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.db.models import Product, RestockOrder, StockMovement


def quantity(session: Session, sku: str) -> int:
    product = session.exec(select(Product).where(Product.sku == sku)).one()
    session.refresh(product)
    return product.quantity


def movements(session: Session, sku: str | None = None) -> list[tuple[str, str, int]]:
    """(sku, kind, delta) of every movement, oldest first (of one product when `sku`)."""
    query = (
        select(Product.sku, StockMovement.kind, StockMovement.delta)
        .join(Product, col(Product.id) == col(StockMovement.product_id))
        .order_by(col(StockMovement.id))
    )
    if sku is not None:
        query = query.where(Product.sku == sku)
    return [(s, k, d) for s, k, d in session.exec(query)]


def last_move(session: Session, sku: str) -> tuple[str, int, str]:
    """(kind, delta, note) of the product's latest movement."""
    kind, delta, note = session.exec(
        select(StockMovement.kind, StockMovement.delta, StockMovement.note)
        .join(Product, col(Product.id) == col(StockMovement.product_id))
        .where(Product.sku == sku)
        .order_by(col(StockMovement.id).desc())
    ).first() or ("", 0, "")
    return kind, delta, note


def orders(session: Session) -> list[RestockOrder]:
    rows = session.exec(select(RestockOrder).order_by(col(RestockOrder.id))).all()
    for row in rows:
        session.refresh(row)
    return list(rows)


def balanced(session: Session) -> bool:
    """Every product's quantity equals the sum of its movements (the import counts as one)."""
    sums = dict(
        session.exec(
            select(StockMovement.product_id, func.sum(StockMovement.delta)).group_by(
                col(StockMovement.product_id)
            )
        ).all()
    )
    products = session.exec(select(Product)).all()
    for product in products:
        session.refresh(product)
    return all(product.quantity == sums.get(product.id, 0) for product in products)
