"""The database itself refuses data that would be wrong."""

from __future__ import annotations

import pytest
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.db.models import (
    Alert,
    InboundMessage,
    Manager,
    MovementKind,
    MovementSource,
    Product,
    StockMovement,
    Store,
)
from bot.errors import InsufficientStock
from bot.stock import record_movement
from tests.conftest import make_settings

SETTINGS = make_settings("sqlite://")  # only the alert settings are read


def _store_with_product(session: Session, quantity: int = 10) -> Product:
    store = Store(code="dakar1", name="Dakar Plateau")
    session.add(store)
    session.flush()
    product = Product(store_id=store.id, sku="RIZ", name="Riz", unit="sac", threshold=2)
    session.add(product)
    session.flush()
    if quantity:
        record_movement(
            session, product, quantity, MovementKind.RECEIPT, MovementSource.CLI, settings=SETTINGS
        )
    session.commit()
    return product


def test_duplicate_sku_in_one_store_is_refused(session: Session) -> None:
    product = _store_with_product(session)
    session.add(Product(store_id=product.store_id, sku="RIZ", name="Autre riz"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_same_sku_in_two_stores_is_fine(session: Session) -> None:
    product = _store_with_product(session)
    other = Store(code="thies", name="Thiès")
    session.add(other)
    session.flush()
    session.add(Product(store_id=other.id, sku=product.sku, name="Riz"))
    session.commit()
    assert session.exec(select(func.count()).select_from(Product)).one() == 2


def test_negative_stock_is_refused_by_the_database(session: Session) -> None:
    product = _store_with_product(session, quantity=3)
    with pytest.raises(IntegrityError):
        session.exec(update(Product).where(col(Product.id) == product.id).values(quantity=-1))  # type: ignore[call-overload]
        session.commit()


def test_a_sale_beyond_the_stock_writes_nothing(session: Session) -> None:
    product = _store_with_product(session, quantity=3)
    with pytest.raises(InsufficientStock) as excinfo:
        record_movement(
            session, product, -4, MovementKind.SALE, MovementSource.WHATSAPP, settings=SETTINGS
        )
    assert excinfo.value.available == 3
    session.rollback()
    session.refresh(product)
    assert product.quantity == 3
    assert session.exec(select(func.count()).select_from(StockMovement)).one() == 1


def test_quantity_is_the_sum_of_movements(session: Session) -> None:
    product = _store_with_product(session, quantity=10)
    for delta, kind in [
        (-3, MovementKind.SALE),
        (5, MovementKind.RECEIPT),
        (-12, MovementKind.SALE),
    ]:
        record_movement(session, product, delta, kind, MovementSource.API, settings=SETTINGS)
    session.commit()
    total = session.exec(
        select(func.sum(StockMovement.delta)).where(StockMovement.product_id == product.id)
    ).one()
    assert product.quantity == total == 0
    last = session.exec(select(StockMovement).order_by(col(StockMovement.id).desc())).first()
    assert last is not None and last.quantity_after == 0


def test_manager_phone_is_unique(session: Session) -> None:
    session.add(Manager(phone="+221771234567"))
    session.commit()
    session.add(Manager(phone="+221771234567"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_inbound_message_is_stored_once_per_provider_id(session: Session) -> None:
    def message() -> InboundMessage:
        return InboundMessage(
            provider="meta",
            provider_message_id="wamid.1",
            sender="+221771234567",
            type="text",
            sent_at=utcnow(),
        )

    session.add(message())
    session.commit()
    session.add(message())
    with pytest.raises(IntegrityError):
        session.commit()


def test_only_one_open_alert_per_product(session: Session) -> None:
    product = _store_with_product(session)
    session.add(Alert(product_id=product.id, level="low"))
    session.commit()
    session.add(Alert(product_id=product.id, level="out", state="resolved"))
    session.commit()
    session.add(Alert(product_id=product.id, level="out"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_unknown_movement_kind_is_refused(session: Session) -> None:
    product = _store_with_product(session)
    session.add(
        StockMovement(product_id=product.id, delta=1, quantity_after=11, kind="gift", source="api")
    )
    with pytest.raises(IntegrityError):
        session.commit()


def test_timestamps_come_back_as_aware_utc(session: Session) -> None:
    product = _store_with_product(session)
    session.expire_all()
    again = session.get(Product, product.id)
    assert again is not None and again.created_at.utcoffset() is not None
    assert again.created_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
