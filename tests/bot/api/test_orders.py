from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.db.engine import transaction
from bot.db.models import OrderStatus, Product, RestockOrder
from bot.stock import get_product, get_store
from tests.bot.api.conftest import MANAGER


def _order(engine: Engine, sku: str, status: OrderStatus, quantity: int = 30) -> int:
    with transaction(engine) as session:
        product: Product = get_product(session, get_store(session, "dk1"), sku)
        order = RestockOrder(
            product_id=product.id,  # type: ignore[arg-type]
            quantity=quantity,
            status=status,
            created_at=datetime(2026, 11, 25, 9, tzinfo=UTC),
        )
        session.add(order)
        session.flush()
        assert order.id is not None
        return order.id


def test_list_orders_filters_by_store_and_status(client: TestClient, engine: Engine) -> None:
    confirmed = _order(engine, "RIZ", OrderStatus.CONFIRMED)
    _order(engine, "SUCRE", OrderStatus.CANCELLED)
    everything = client.get("/api/orders", params={"store": "dk1"}).json()
    assert [o["status"] for o in everything] == ["confirmed", "cancelled"]
    only = client.get("/api/orders", params={"status": "confirmed"}).json()
    assert [(o["id"], o["sku"], o["quantity"], o["unit"]) for o in only] == [
        (confirmed, "RIZ", 30, "sac")
    ]
    bad = client.get("/api/orders", params={"status": "lost"})
    assert (bad.status_code, bad.json()["field"]) == (422, "status")
    assert client.get("/api/orders", params={"store": "nope"}).status_code == 404


@pytest.mark.parametrize("order_id", ["999", "99999999999999999999999", str(2**31)])
def test_an_unknown_order_is_404(client: TestClient, order_id: str) -> None:
    response = client.post(f"/api/orders/{order_id}/received")
    assert (response.status_code, response.json()["error"]) == (404, "not_found")


def test_received_adds_the_quantity_once(client: TestClient, engine: Engine) -> None:
    client.post(
        "/api/movements", json={"store": "dk1", "sku": "RIZ", "kind": "sale", "quantity": 15}
    )
    order_id = _order(engine, "RIZ", OrderStatus.CONFIRMED)
    received = client.post(f"/api/orders/{order_id}/received")
    assert received.status_code == 200
    assert (received.json()["status"], received.json()["stock"]) == ("received", 35)
    assert received.json()["received_at"] is not None
    again = client.post(f"/api/orders/{order_id}/received")
    assert (again.status_code, again.json()["status"]) == (409, "received")
    assert again.json()["reason"] == f"la commande {order_id} est déjà reçue"
    [rice] = [p for p in client.get("/api/products").json() if p["sku"] == "RIZ"]
    assert rice["quantity"] == 35
    alerts = client.get("/api/alerts", params={"store": "dk1"}).json()
    assert [a["state"] for a in alerts] == ["resolved"]  # the receipt resolved it


@pytest.mark.parametrize("status", [OrderStatus.PROPOSED, OrderStatus.CANCELLED])
def test_received_needs_a_confirmed_order(
    client: TestClient, engine: Engine, status: OrderStatus
) -> None:
    order_id = _order(engine, "SUCRE", status)
    response = client.post(f"/api/orders/{order_id}/received")
    assert (response.status_code, response.json()["status"]) == (409, status.value)
    assert status.value not in response.json()["reason"]  # said in French


def test_received_unknown_order_is_404(client: TestClient) -> None:
    assert client.post("/api/orders/999/received").status_code == 404
    assert client.post("/api/orders/abc/received").status_code == 404


def test_alerts_filter_and_errors(client: TestClient) -> None:
    client.post(
        "/api/movements", json={"store": "dk1", "sku": "SUCRE", "kind": "sale", "quantity": 50}
    )
    [out] = client.get("/api/alerts", params={"store": "dk1", "state": "open"}).json()
    assert (out["sku"], out["level"]) == ("SUCRE", "out")
    assert client.get("/api/alerts", params={"state": "resolved"}).json() == []
    bad = client.get("/api/alerts", params={"state": "closed"})
    assert (bad.status_code, bad.json()["field"]) == (422, "state")
    assert client.get("/api/alerts", params={"store": "nope"}).status_code == 404


def test_managers_add_list_deactivate(client: TestClient) -> None:
    created = client.post(
        "/api/managers",
        json={"phone": "78 111 22 33", "store": "dk1", "name": "Bob", "language": "en"},
    )
    assert created.status_code == 201
    assert created.json() == {
        **created.json(),
        "phone": "+221781112233",
        "stores": ["dk1"],
        "active": True,
        "language": "en",
        "language_chosen": True,  # the owner's: kept whatever Bob writes
    }
    again = client.post("/api/managers", json={"phone": "+221781112233", "store": "dk1"})
    assert again.status_code == 200
    listed = client.get("/api/managers").json()
    assert [m["phone"] for m in listed] == [MANAGER, "+221781112233"]
    gone = client.delete("/api/managers/%2B221781112233")
    assert (gone.status_code, gone.json()["active"]) == (200, False)
    assert [m["active"] for m in client.get("/api/managers").json()] == [True, False]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"phone": "12", "store": "dk1"}, 422, "phone"),
        ({"store": "dk1"}, 422, "phone"),
        ({"phone": "+221781112233"}, 422, "store"),
        ({"phone": "+221781112233", "store": "dk1", "language": "de"}, 422, "language"),
        ({"phone": "+221781112233", "store": "dk1\u0000"}, 422, "store"),
        ({"phone": "+221781112233", "store": "dk1", "name": "Bob\u0000"}, 422, "name"),
        ({"phone": "+221781112233", "store": "nope"}, 404, None),
    ],
)
def test_manager_errors(
    client: TestClient, body: dict[str, object], status: int, field: str | None
) -> None:
    response = client.post("/api/managers", json=body)
    assert response.status_code == status
    assert response.json().get("field") == field


def test_a_language_in_capitals_is_understood(client: TestClient) -> None:
    body = {"phone": "+221781112233", "store": "dk1", "language": "EN"}
    created = client.post("/api/managers", json=body)
    assert (created.status_code, created.json()["language"]) == (201, "en")


@pytest.mark.parametrize(
    "path",
    [
        "/api/products?store=%00",
        "/api/orders?store=dk%001",
        "/api/alerts?store=dk1%07",
        "/api/products?store=" + "x" * 33,
    ],
)
def test_a_store_query_with_control_characters_or_too_long_is_422(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert (response.status_code, response.json()["field"]) == (422, "store")


def test_deactivate_unknown_or_invalid_phone(client: TestClient) -> None:
    assert client.delete("/api/managers/%2B221700000000").status_code == 404
    invalid = client.delete("/api/managers/123")
    assert (invalid.status_code, invalid.json()["field"]) == (422, "phone")


def test_status_counts_open_alerts_and_backlog(client: TestClient) -> None:
    client.post(
        "/api/movements", json={"store": "dk1", "sku": "SUCRE", "kind": "sale", "quantity": 50}
    )
    client.post(
        "/api/movements", json={"store": "dk1", "sku": "RIZ", "kind": "sale", "quantity": 12}
    )
    status = client.get("/api/status").json()
    assert status["open_alerts"] == {"low": 1, "out": 1}
    assert status["inbound_backlog"] == 0
    assert (status["provider"], status["paused"]) == ("sandbox", False)
    assert status["counts"]["queued"] == 2  # one push per alert to the one manager
