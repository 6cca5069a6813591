from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.db.models import INT_MAX, Alert, OutboundMessage, Product, StockMovement
from bot.outbound.messages import Template, from_payload
from bot.outbound.outbox import FALLBACK_KEY
from tests.bot.api.conftest import AUTH, MANAGER, seed
from tests.conftest import make_settings


def _movements(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(StockMovement)).one()


def test_sale_receipt_and_signed_adjustment(client: TestClient) -> None:
    sale = client.post(
        "/api/movements",
        json={"store": "dk1", "sku": "RIZ", "kind": "sale", "quantity": 3, "note": "client"},
    )
    assert sale.status_code == 201
    assert (sale.json()["delta"], sale.json()["quantity"], sale.json()["note"]) == (
        -3,
        17,
        "client",
    )
    receipt = client.post(
        "/api/movements", json={"store": "dk1", "sku": "RIZ", "kind": "receipt", "quantity": 5}
    )
    assert receipt.json()["quantity"] == 22
    down = client.post(
        "/api/movements", json={"store": "dk1", "sku": "RIZ", "kind": "adjustment", "quantity": -2}
    )
    up = client.post(
        "/api/movements", json={"store": "dk1", "sku": "RIZ", "kind": "adjustment", "quantity": 1}
    )
    assert (down.json()["delta"], up.json()["quantity"]) == (-2, 21)


def test_sale_beyond_stock_is_409_with_current_quantity(client: TestClient, engine: Engine) -> None:
    before = _movements(engine)
    for kind, quantity in (("sale", 21), ("adjustment", -21)):
        response = client.post(
            "/api/movements",
            json={"store": "dk1", "sku": "RIZ", "kind": kind, "quantity": quantity},
        )
        assert response.status_code == 409
        assert response.json()["error"] == "insufficient_stock"
        assert response.json()["quantity"] == 20
    assert _movements(engine) == before


def test_sale_opens_an_alert_and_queues_the_push(client: TestClient, engine: Engine) -> None:
    client.post(
        "/api/movements", json={"store": "dk1", "sku": "RIZ", "kind": "sale", "quantity": 15}
    )
    [alert] = client.get("/api/alerts", params={"state": "open"}).json()
    assert (alert["sku"], alert["level"], alert["quantity"], alert["threshold"]) == (
        "RIZ",
        "low",
        5,
        10,
    )
    assert alert["sent_whatsapp"] is False
    with Session(engine) as session:
        pushes = session.exec(
            select(OutboundMessage).where(col(OutboundMessage.alert_id) == alert["id"])
        ).all()
        assert [p.recipient for p in pushes] == [MANAGER]
        assert session.get(Alert, alert["id"]) is not None


def test_idempotency_key_records_once_and_replays(client: TestClient, engine: Engine) -> None:
    body = {"store": "dk1", "sku": "SUCRE", "kind": "sale", "quantity": 4}
    headers = {"Idempotency-Key": "order-7781"}
    first = client.post("/api/movements", json=body, headers=headers)
    before = _movements(engine)
    again = client.post("/api/movements", json=body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert (first.headers["Idempotent-Replayed"], again.headers["Idempotent-Replayed"]) == (
        "false",
        "true",
    )
    assert _movements(engine) == before
    other = client.post("/api/movements", json=body, headers={"Idempotency-Key": "order-7782"})
    assert other.json()["quantity"] == 42
    reused = client.post("/api/movements", json={**body, "quantity": 5}, headers=headers)
    assert (reused.status_code, reused.json()["field"]) == (422, "Idempotency-Key")
    noted = client.post("/api/movements", json={**body, "note": "autre"}, headers=headers)
    assert (noted.status_code, noted.json()["field"]) == (422, "Idempotency-Key")
    assert _movements(engine) == before + 1  # order-7782's only


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "vol"}, "kind"),
        ({"kind": "import"}, "kind"),
        ({"kind": None}, "kind"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": -3}, "quantity"),
        ({"quantity": "3"}, "quantity"),
        ({"quantity": None}, "quantity"),
        ({"store": None}, "store"),
        ({"sku": ""}, "sku"),
        ({"note": 5}, "note"),
        ({"note": "x" * 501}, "note"),
        # NUL (PostgreSQL refuses it in text) and the other control characters.
        ({"store": "dk1\u0000"}, "store"),
        ({"sku": "RIZ\u0000"}, "sku"),
        ({"note": "a\u0000b"}, "note"),
        ({"note": "bip\u0007"}, "note"),
        ({"quantity": 10**30}, "quantity"),
        ({"quantity": 2**31}, "quantity"),
        ({"quantity": 100_001}, "quantity"),
        ({"kind": "receipt", "quantity": 10**30}, "quantity"),
        ({"kind": "adjustment", "quantity": -(10**30)}, "quantity"),
        ({"kind": "adjustment", "quantity": 100_001}, "quantity"),
    ],
)
def test_invalid_movement_is_422(
    client: TestClient, engine: Engine, change: dict[str, object], field: str
) -> None:
    body = {"store": "dk1", "sku": "RIZ", "kind": "sale", "quantity": 1, **change}
    response = client.post("/api/movements", json=body)
    assert (response.status_code, response.json()["field"]) == (422, field)


def test_a_stock_the_database_cannot_hold_is_422(client: TestClient, engine: Engine) -> None:
    with Session(engine) as session:  # as if many receipts had been recorded
        rice = session.exec(select(Product).where(Product.sku == "RIZ")).one()
        rice.quantity = INT_MAX - 10
        session.add(rice)
        session.commit()
    before = _movements(engine)
    body = {"store": "dk1", "sku": "RIZ", "kind": "receipt", "quantity": 11}
    response = client.post("/api/movements", json=body)
    assert (response.status_code, response.json()["error"]) == (422, "validation")
    assert _movements(engine) == before
    body["quantity"] = 10
    assert client.post("/api/movements", json=body).json()["quantity"] == INT_MAX


def test_zero_adjustment_and_bad_key_are_422(client: TestClient) -> None:
    body = {"store": "dk1", "sku": "RIZ", "kind": "adjustment", "quantity": 0}
    assert client.post("/api/movements", json=body).json()["field"] == "quantity"
    body["quantity"] = 1
    long_key = client.post("/api/movements", json=body, headers={"Idempotency-Key": "k" * 191})
    assert (long_key.status_code, long_key.json()["field"]) == (422, "Idempotency-Key")


@pytest.mark.parametrize(("store", "sku"), [("nope", "RIZ"), ("dk1", "NOPE")])
def test_unknown_store_or_sku_is_404(client: TestClient, store: str, sku: str) -> None:
    body = {"store": store, "sku": sku, "kind": "sale", "quantity": 1}
    response = client.post("/api/movements", json=body)
    assert (response.status_code, response.json()["error"]) == (404, "not_found")


@pytest.mark.parametrize(
    "body",
    [
        b'{"store": ',
        b"\xff\xfe",
        # Python refuses integers of more than 4,300 digits, and nesting deeper than its stack.
        b'{"store": "dk1", "sku": "RIZ", "kind": "sale", "quantity": ' + b"9" * 5000 + b"}",
        b"[" * 100_000,
    ],
)
def test_malformed_movement_json_is_400(client: TestClient, body: bytes) -> None:
    response = client.post(
        "/api/movements", content=body, headers={"Content-Type": "application/json"}
    )
    assert (response.status_code, response.json()["error"]) == (400, "malformed_json")


def test_a_note_with_new_lines_is_kept(client: TestClient) -> None:
    body = {
        "store": "dk1",
        "sku": "RIZ",
        "kind": "receipt",
        "quantity": 1,
        "note": "bon n°4\n\tsac",
    }
    assert client.post("/api/movements", json=body).json()["note"] == "bon n°4\n\tsac"


def test_alerts_use_the_settings_of_the_app(database_url: str, engine: Engine) -> None:
    settings = make_settings(database_url, alert_template_name="custom_tpl")
    seed(engine, settings)
    app = create_app(settings, engine=engine, run_background=False)
    with TestClient(app, headers=AUTH) as client:
        body = {"store": "dk1", "sku": "RIZ", "kind": "sale", "quantity": 15}
        assert client.post("/api/movements", json=body).status_code == 201
    with Session(engine) as session:
        [push] = session.exec(
            select(OutboundMessage).where(col(OutboundMessage.alert_id).is_not(None))
        )
        fallback = from_payload("template", push.payload[FALLBACK_KEY])
    assert isinstance(fallback, Template) and fallback.name == "custom_tpl"
