"""The stock page, inline threshold edits and movements: the stock services' rules, recorded
with who made the change."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.db.engine import transaction
from bot.db.models import AdminAction, Alert, AlertState, Product, StockMovement
from bot.settings import Settings
from bot.stock import stock_level_sql
from state import stock_level


def _product(engine: Engine, sku: str) -> Product:
    with transaction(engine) as session:
        return session.exec(select(Product).where(Product.sku == sku)).one()


def _post(client: TestClient, path: str, data: dict[str, str]) -> str:
    response = client.post(
        path,
        data={"csrf": client.csrf, **data},
        headers={"HX-Request": "true"},  # type: ignore[attr-defined]
    )
    assert response.status_code in (200, 422), response.text
    return response.text


def test_stock_lists_search_and_filter(admin_client: TestClient) -> None:
    page = admin_client.get("/admin/stock?store=dk1")
    assert all(name in page.text for name in ("Riz brisé 50kg", "Sucre 1kg", "Huile 5L"))
    found = admin_client.get("/admin/stock?store=dk1&q=ceeb", headers={"HX-Request": "true"})
    assert "Riz brisé" in found.text and "Sucre" not in found.text
    assert 'id="stock-results"' in found.text and "<html" not in found.text  # a fragment
    watch = admin_client.get("/admin/stock?store=dk1&level=watch")
    assert "Huile 5L" in watch.text and "Sucre 1kg" not in watch.text
    nothing = admin_client.get("/admin/stock?store=dk1&q=100%25")
    assert "Aucun produit" in nothing.text


def test_threshold_edit_opens_the_alert_and_is_recorded(
    admin_client: TestClient, engine: Engine
) -> None:
    riz = _product(engine, "RIZ")
    html = _post(
        admin_client,
        f"/admin/products/{riz.id}/levels",
        {"threshold": "25", "reorder_quantity": "40"},
    )
    assert "Enregistré" in html and "Seuil 25" in html
    after = _product(engine, "RIZ")
    assert (after.threshold, after.reorder_quantity, after.quantity) == (25, 40, 20)
    with transaction(engine) as session:
        alert = session.exec(select(Alert).where(Alert.product_id == riz.id)).one()
        action = session.exec(select(AdminAction).where(AdminAction.action == "set_levels")).one()
    assert alert.state == AlertState.OPEN
    assert action.admin == "admin" and action.detail["after"] == [25, 40]


@pytest.mark.parametrize(
    ("threshold", "reorder"), [("-1", "5"), ("abc", "5"), ("5", "0"), ("100001", "5"), ("", "")]
)
def test_bad_levels_change_nothing(
    admin_client: TestClient, engine: Engine, threshold: str, reorder: str
) -> None:
    riz = _product(engine, "RIZ")
    html = _post(
        admin_client,
        f"/admin/products/{riz.id}/levels",
        {"threshold": threshold, "reorder_quantity": reorder},
    )
    assert 'role="alert"' in html
    after = _product(engine, "RIZ")
    assert (after.threshold, after.reorder_quantity) == (10, 30)


def test_a_sale_and_a_receipt_carry_the_admin_source(
    admin_client: TestClient, engine: Engine
) -> None:
    sucre = _product(engine, "SUCRE")
    path = f"/admin/products/{sucre.id}/movements"
    assert "→ 43" in _post(admin_client, path, {"kind": "sale", "quantity": "7", "note": "client"})
    assert "→ 55" in _post(admin_client, path, {"kind": "receipt", "quantity": "12"})
    with transaction(engine) as session:
        moves = session.exec(
            select(StockMovement)
            .where(StockMovement.product_id == sucre.id)
            .order_by(StockMovement.id)  # type: ignore[arg-type]
        ).all()
    assert [(m.delta, m.source, m.note) for m in moves[-2:]] == [
        (-7, "admin:admin", "client"),
        (12, "admin:admin", ""),
    ]
    assert _product(engine, "SUCRE").quantity == 55


def test_a_sale_beyond_the_stock_is_refused(admin_client: TestClient, engine: Engine) -> None:
    huile = _product(engine, "HUILE")
    html = _post(
        admin_client, f"/admin/products/{huile.id}/movements", {"kind": "sale", "quantity": "4"}
    )
    assert "3 en stock" in html
    assert _product(engine, "HUILE").quantity == 3


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "sale", "quantity": "0"},
        {"kind": "import", "quantity": "3"},
        {"kind": "sale", "quantity": "2", "note": "bad\x00note"},
        {"kind": "sale", "quantity": "2", "note": "x" * 501},
    ],
)
def test_bad_movements_record_nothing(
    admin_client: TestClient, engine: Engine, data: dict[str, str]
) -> None:
    riz = _product(engine, "RIZ")
    html = _post(admin_client, f"/admin/products/{riz.id}/movements", data)
    assert 'role="alert"' in html
    assert _product(engine, "RIZ").quantity == 20


def test_product_page_shows_the_chart_and_who(admin_client: TestClient, engine: Engine) -> None:
    riz = _product(engine, "RIZ")
    _post(admin_client, f"/admin/products/{riz.id}/movements", {"kind": "receipt", "quantity": "5"})
    page = admin_client.get(f"/admin/products/{riz.id}?days=90")
    assert page.status_code == 200
    assert "<svg" in page.text and 'class="receipt"' in page.text
    assert "admin:admin" in page.text and "90 jours" in page.text
    assert admin_client.get("/admin/products/999999").status_code == 404


def test_stock_level_sql_is_the_rule_of_state(session: Session, engine: Engine) -> None:
    from bot.db.models import Store

    store = Store(code="x", name="x")
    session.add(store)
    session.flush()
    pairs = [(q, t) for q in (0, 1, 4, 5, 6) for t in (0, 1, 5)]
    for index, (quantity, threshold) in enumerate(pairs):
        session.add(
            Product(
                store_id=store.id,  # type: ignore[arg-type]
                sku=f"P{index}",
                name=f"p{index}",
                quantity=quantity,
                threshold=threshold,
            )
        )
    session.flush()
    rows = session.exec(select(Product.quantity, Product.threshold, stock_level_sql())).all()
    assert len(rows) == len(pairs)
    for quantity, threshold, level in rows:
        assert level == stock_level(quantity, threshold)


def test_each_product_says_how_long_it_lasts_as_the_chat_does(
    admin_client: TestClient, engine: Engine, settings: Settings
) -> None:
    from datetime import timedelta

    from bot.clock import utcnow
    from bot.db.models import MovementKind, MovementSource
    from bot.stock import record_movement

    with transaction(engine) as session:
        sugar = session.exec(select(Product).where(Product.sku == "SUCRE")).one()
        for days_ago in range(1, 8):  # 2 a day for a week: 14 over the last 14 days, 1 a day
            record_movement(
                session,
                sugar,
                -2,
                MovementKind.SALE,
                MovementSource.API,
                settings=settings,
                now=utcnow() - timedelta(days=days_ago),
            )
        left = sugar.quantity
    page = admin_client.get("/admin/stock?store=dk1")
    assert f"≈ {left} j au rythme actuel" in page.text
    assert page.text.count("au rythme actuel") == 1  # no pace claimed without history
