"""Alerts and orders in the back office: the rules of `bot.orders` (the chat's and the API's),
receiving in full or in part, idempotent; counts recorded as adjustments."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import col, select
from starlette.testclient import TestClient

from bot.db.engine import transaction
from bot.db.models import (
    AdminAction,
    Alert,
    AlertState,
    OrderStatus,
    Product,
    RestockOrder,
    StockMovement,
)


def _product(engine: Engine, sku: str) -> Product:
    with transaction(engine) as session:
        return session.exec(select(Product).where(Product.sku == sku)).one()


def _order(engine: Engine) -> RestockOrder:
    with transaction(engine) as session:
        return session.exec(select(RestockOrder).order_by(col(RestockOrder.id).desc())).first()  # type: ignore[return-value]


def _post(client: TestClient, path: str, **data: str) -> str:
    response = client.post(path, data={"csrf": client.csrf, **data})  # type: ignore[attr-defined]
    assert response.status_code == 200, response.text
    return response.text


def test_order_an_alert_then_receive_in_part_then_in_full(
    admin_client: TestClient, engine: Engine
) -> None:
    huile = _product(engine, "HUILE")  # 3 bidons, threshold 4: an open alert
    with transaction(engine) as session:
        alert = session.exec(
            select(Alert).where(Alert.product_id == huile.id, Alert.state == AlertState.OPEN)
        ).one()
    page = admin_client.get("/admin/orders")
    assert "Huile 5L" in page.text and "Commander 12 bidons" in page.text
    text = _post(admin_client, f"/admin/alerts/{alert.id}/order")
    assert "passée" in text and "Une commande est en route" in text
    order = _order(engine)
    assert (order.quantity, order.status, order.source) == (12, OrderStatus.CONFIRMED, "admin")
    again = _post(admin_client, f"/admin/alerts/{alert.id}/order")
    assert "Déjà commandé" in again
    text = _post(admin_client, f"/admin/orders/{order.id}/received", quantity="5")
    assert "5 reçus, 7 encore attendus" in text
    assert _product(engine, "HUILE").quantity == 8
    text = _post(admin_client, f"/admin/orders/{order.id}/received")
    assert "reçue : 7" in text
    assert _product(engine, "HUILE").quantity == 15
    assert _order(engine).status == OrderStatus.RECEIVED
    text = _post(admin_client, f"/admin/orders/{order.id}/received")  # a second time
    assert "déjà reçue" in text
    assert _product(engine, "HUILE").quantity == 15  # counted once
    with transaction(engine) as session:
        receipts = session.exec(
            select(StockMovement.delta, StockMovement.source).where(
                StockMovement.product_id == huile.id, StockMovement.kind == "receipt"
            )
        ).all()
        actions = session.exec(select(AdminAction.action)).all()
    assert sorted(receipts) == [(5, "admin:admin"), (7, "admin:admin")]
    assert actions.count("order_receive") == 2 and "order_place" in actions


def test_cancel_and_close_a_partial_order(admin_client: TestClient, engine: Engine) -> None:
    huile = _product(engine, "HUILE")
    with transaction(engine) as session:
        alert = session.exec(select(Alert).where(Alert.product_id == huile.id)).one()
    _post(admin_client, f"/admin/alerts/{alert.id}/order")
    order = _order(engine)
    text = _post(admin_client, f"/admin/orders/{order.id}/received", quantity="2", close="on")
    assert "reçue : 2" in text and _order(engine).status == OrderStatus.RECEIVED
    text = _post(admin_client, f"/admin/orders/{order.id}/cancel")
    assert "déjà reçue" in text  # closed already: nothing changes
    assert _product(engine, "HUILE").quantity == 5


def test_bad_partial_quantities_change_nothing(admin_client: TestClient, engine: Engine) -> None:
    huile = _product(engine, "HUILE")
    with transaction(engine) as session:
        alert = session.exec(select(Alert).where(Alert.product_id == huile.id)).one()
    _post(admin_client, f"/admin/alerts/{alert.id}/order")
    order = _order(engine)
    for bad in ("-2", "abc", "0"):
        _post(admin_client, f"/admin/orders/{order.id}/received", quantity=bad)
    assert _product(engine, "HUILE").quantity == 3 and _order(engine).status == "confirmed"
    _post(admin_client, f"/admin/orders/{order.id}/cancel")
    assert _order(engine).status == OrderStatus.CANCELLED


def test_a_count_records_the_difference(admin_client: TestClient, engine: Engine) -> None:
    riz = _product(engine, "RIZ")
    response = admin_client.post(
        f"/admin/products/{riz.id}/movements",
        data={"csrf": admin_client.csrf, "kind": "count", "quantity": "15", "note": "inventaire"},  # type: ignore[attr-defined]
        headers={"HX-Request": "true"},
    )
    assert "-5 → 15" in response.text
    same = admin_client.post(
        f"/admin/products/{riz.id}/movements",
        data={"csrf": admin_client.csrf, "kind": "count", "quantity": "15"},  # type: ignore[attr-defined]
        headers={"HX-Request": "true"},
    )
    assert "rien à corriger" in same.text
    with transaction(engine) as session:
        moves = session.exec(
            select(StockMovement.kind, StockMovement.delta, StockMovement.source).where(
                StockMovement.product_id == riz.id, StockMovement.kind == "adjustment"
            )
        ).all()
    assert moves == [("adjustment", -5, "admin:admin")]


def test_the_english_back_office_names_the_unit_the_catalogue_gives_in_english(
    admin_client: TestClient, engine: Engine
) -> None:
    """A product's English unit (`unit_en`, from the catalogue) was ignored by the pages' amounts:
    « Order 12 bidons » (the `amount` filter read the French unit only) beside « 3 bidon »."""
    with transaction(engine) as session:
        huile = session.exec(select(Product).where(Product.sku == "HUILE")).one()
        huile.unit_en = "drum"
        session.add(huile)
    admin_client.cookies.set("stockbot_lang", "en")
    page = admin_client.get("/admin/orders").text
    assert "Order 12 drums" in page and "bidon" not in page
    assert ">drum</span>" in page
    stock = admin_client.get("/admin/stock").text
    assert ">drum</span>" in stock
    admin_client.cookies.set("stockbot_lang", "fr")
    assert "Commander 12 bidons" in admin_client.get("/admin/orders").text
