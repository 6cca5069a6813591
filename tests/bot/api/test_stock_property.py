"""Property: whatever sequence of API and WhatsApp operations, the stock equals the sum of its
movements, matches a simple model, and has an open alert exactly when at or below threshold."""

from __future__ import annotations

from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from bot.db.engine import transaction
from bot.db.models import Alert, AlertState, MovementKind, MovementSource, Product, StockMovement
from bot.errors import InsufficientStock
from bot.stock import get_product, get_store, record_movement

THRESHOLD = 5
_skus = count(1)

api_op = st.tuples(
    st.just("api"),
    st.sampled_from(["sale", "receipt", "adjustment"]),
    st.integers(-12, 12),
    st.one_of(st.none(), st.sampled_from(["k1", "k2"])),  # Idempotency-Key, reused on purpose
)
whatsapp_op = st.tuples(
    st.just("whatsapp"), st.sampled_from(["sale", "receipt"]), st.integers(1, 12), st.none()
)
operations = st.lists(st.one_of(api_op, whatsapp_op), max_size=12)


def _whatsapp(engine: Engine, sku: str, kind: str, quantity: int) -> bool:
    delta = -quantity if kind == "sale" else quantity
    try:
        with transaction(engine) as session:
            product = get_product(session, get_store(session, "dk1"), sku)
            record_movement(session, product, delta, MovementKind(kind), MovementSource.WHATSAPP)
    except InsufficientStock:
        return False
    return True


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=st.integers(0, 15), ops=operations)
def test_stock_is_the_sum_of_movements(
    client: TestClient, engine: Engine, start: int, ops: list[tuple[str, str, int, str | None]]
) -> None:
    sku = f"P{next(_skus)}"
    body = {"store": "dk1", "sku": sku, "name": sku, "quantity": start, "threshold": THRESHOLD}
    assert client.post("/api/products", json=body).status_code == 201
    expected = start
    keys: dict[str, int] = {}  # Idempotency-Key -> the delta it recorded
    for source, kind, quantity, key in ops:
        if source == "whatsapp":
            if _whatsapp(engine, sku, kind, quantity):
                expected += -quantity if kind == "sale" else quantity
            continue
        key = f"{sku}-{key}" if key else None
        headers = {"Idempotency-Key": key} if key else {}
        move = {"store": "dk1", "sku": sku, "kind": kind, "quantity": quantity}
        response = client.post("/api/movements", json=move, headers=headers)
        delta = quantity if kind == "adjustment" else (-quantity if kind == "sale" else quantity)
        if quantity == 0 or (quantity < 0 and kind != "adjustment"):
            assert response.status_code == 422
        elif key in keys:
            # Same key: replayed when the same movement, refused when another one.
            assert response.status_code == (201 if keys[key] == delta else 422)
        elif expected + delta < 0:
            assert response.status_code == 409
            assert response.json()["quantity"] == expected
        else:
            assert response.status_code == 201
            expected += delta
            if key:
                keys[key] = delta
            assert response.json()["quantity"] == expected
    with Session(engine) as session:
        product = session.exec(select(Product).where(Product.sku == sku)).one()
        total = session.exec(
            select(func.sum(StockMovement.delta)).where(StockMovement.product_id == product.id)
        ).one()
        open_alerts = session.exec(
            select(func.count())
            .select_from(Alert)
            .where(Alert.product_id == product.id, Alert.state == AlertState.OPEN)
        ).one()
    assert product.quantity == (total or 0) == expected
    assert open_alerts == (1 if product.quantity <= THRESHOLD else 0)
