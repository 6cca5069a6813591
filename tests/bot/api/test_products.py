from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.db.models import Alert, MovementSource, Product, StockMovement


def test_list_products_of_a_store(client: TestClient) -> None:
    response = client.get("/api/products", params={"store": "dk1"})
    assert response.status_code == 200
    products = response.json()
    assert [p["sku"] for p in products] == ["RIZ", "SUCRE"]
    rice = products[0]
    assert {k: rice[k] for k in ("name", "aliases", "unit", "quantity", "threshold")} == {
        "name": "Riz brisé 50kg",
        "aliases": ["riz", "ceeb"],
        "unit": "sac",
        "quantity": 20,
        "threshold": 10,
    }
    assert (rice["reorder_quantity"], rice["status"], rice["store"]) == (30, "ok", "dk1")


def test_list_unknown_store_is_404(client: TestClient) -> None:
    response = client.get("/api/products", params={"store": "nope"})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_create_then_update_a_product(client: TestClient, engine: Engine) -> None:
    new = {
        "store": "dk1",
        "sku": "LAIT",
        "name": "Lait en poudre",
        "aliases": ["lait"],
        "unit": "boîte",
        "quantity": 3,
        "threshold": 5,
        "reorder_quantity": 12,
    }
    created = client.post("/api/products", json=new)
    assert created.status_code == 201
    assert (created.json()["quantity"], created.json()["status"]) == (3, "low")
    renamed = client.post("/api/products", json={**new, "quantity": 30, "aliases": "lait|milk"})
    assert renamed.status_code == 200
    assert renamed.json()["aliases"] == ["lait", "milk"]
    # Re-posting never moves stock silently: the quantity is set only when asked for.
    assert (renamed.json()["quantity"], renamed.json()["quantity_not_set"]) == (3, 30)
    updated = client.post("/api/products", json={**new, "quantity": 30, "set_stock": True})
    assert updated.status_code == 200
    assert updated.json()["quantity"] == 30
    with Session(engine) as session:
        product = session.exec(select(Product).where(Product.sku == "LAIT")).one()
        movements = session.exec(
            select(StockMovement).where(StockMovement.product_id == product.id)
        ).all()
        assert [(m.delta, m.kind, m.source) for m in movements] == [
            (3, "import", MovementSource.API),
            (27, "adjustment", MovementSource.API),
        ]
        [alert] = session.exec(select(Alert).where(Alert.product_id == product.id)).all()
        assert alert.state == "resolved"  # opened at 3, resolved at 30


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sku": ""}, "sku"),
        ({"sku": None}, "sku"),
        ({"name": "  "}, "name"),
        ({"quantity": -1}, "quantity"),
        ({"quantity": "beaucoup"}, "quantity"),
        ({"quantity": True}, "quantity"),
        ({"quantity": 1.5}, "quantity"),
        ({"threshold": None}, "threshold"),
        ({"reorder_quantity": 0}, "reorder_quantity"),
        ({"aliases": [1, 2]}, "aliases"),
        ({"store": ""}, "store"),
        ({"store": 12}, "store"),
        # Numbers the database cannot hold, or that are not plain digits.
        ({"quantity": 10**30}, "quantity"),
        ({"quantity": 2**31}, "quantity"),
        ({"threshold": 100_001}, "threshold"),
        ({"threshold": 10**30}, "threshold"),
        ({"reorder_quantity": 2**31}, "reorder_quantity"),
        ({"quantity": "1_000"}, "quantity"),
        ({"quantity": "+3"}, "quantity"),
        ({"quantity": "٣"}, "quantity"),
        ({"quantity": 100_001}, "quantity"),  # a new product: more than anyone states at once
        # Texts longer than their column: refused, never cut.
        ({"sku": "X" * 65}, "sku"),
        ({"name": "N" * 121}, "name"),
        ({"unit": "u" * 33}, "unit"),
        ({"aliases": ["a" * 121]}, "aliases"),
        ({"aliases": [f"a{i}" for i in range(51)]}, "aliases"),
        # NUL (PostgreSQL refuses it in text) and the other control characters.
        ({"sku": "NEW\u0000"}, "sku"),
        ({"name": "x\u0000y"}, "name"),
        ({"unit": "sac\u0007"}, "unit"),
        ({"aliases": ["riz\u0000"]}, "aliases"),
        ({"store": "dk\u00001"}, "store"),
    ],
)
def test_invalid_product_is_422_with_field(
    client: TestClient, change: dict[str, object], field: str
) -> None:
    body = {"store": "dk1", "sku": "X", "name": "X", "quantity": 1, "threshold": 1, **change}
    response = client.post("/api/products", json=body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert response.json()["reason"]


def test_the_largest_quantity_is_accepted(client: TestClient) -> None:
    body = {"store": "dk1", "sku": "X", "name": "X", "quantity": 100_000, "threshold": 100_000}
    assert client.post("/api/products", json=body).status_code == 201


def test_a_product_read_back_posts_back_unchanged_above_100000(client: TestClient) -> None:
    receipt = {"store": "dk1", "sku": "RIZ", "kind": "receipt", "quantity": 100_000}
    assert client.post("/api/movements", json=receipt).status_code == 201
    [rice] = [
        p for p in client.get("/api/products", params={"store": "dk1"}).json() if p["sku"] == "RIZ"
    ]
    assert rice["quantity"] == 100_020
    fields = ("sku", "name", "aliases", "unit", "quantity", "threshold", "reorder_quantity")
    again = client.post("/api/products", json={"store": "dk1"} | {k: rice[k] for k in fields})
    assert again.status_code == 200, again.text
    assert again.json()["quantity"] == 100_020


def test_csv_import_with_a_huge_quantity_is_422_and_writes_nothing(client: TestClient) -> None:
    csv = (
        "sku,name,aliases,unit,quantity,threshold\n"
        "RIZ,Riz,riz,sac,5,10\n"
        "SEL,Sel,,kg,99999999999,1\n"
    )
    refused = client.post("/api/products/import", params={"store": "dk1"}, content=csv)
    assert refused.status_code == 422
    assert (refused.json()["line"], refused.json()["field"]) == (3, "quantity")
    rice = client.get("/api/products", params={"store": "dk1"}).json()
    assert {p["sku"]: p["quantity"] for p in rice} == {"RIZ": 20, "SUCRE": 50}


def test_product_for_unknown_store_is_404(client: TestClient) -> None:
    body = {"store": "nope", "sku": "X", "name": "X", "quantity": 1, "threshold": 1}
    assert client.post("/api/products", json=body).status_code == 404


@pytest.mark.parametrize("body", [b"{", b"not json", b"\xff\xfe", b""])
def test_malformed_json_is_400(client: TestClient, body: bytes) -> None:
    response = client.post(
        "/api/products", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "malformed_json"


@pytest.mark.parametrize("body", [b"[1, 2]", b'"text"', b"3", b"null"])
def test_json_that_is_not_an_object_is_422(client: TestClient, body: bytes) -> None:
    response = client.post(
        "/api/products", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "body"


@pytest.mark.parametrize(
    ("query", "csv", "field"),
    [
        ("dk1", "sku,name,aliases,unit,quantity,threshold\nA\u0000,B,,sac,1,1\n", "sku"),
        ("dk1", "sku,name,aliases,unit,quantity,threshold\nA,B,b\u0000,sac,1,1\n", "aliases"),
        ("de\u0000mo", "sku,name,aliases,unit,quantity,threshold\nA,B,,sac,1,1\n", "store"),
    ],
)
def test_csv_import_with_control_characters_is_422(
    client: TestClient, query: str, csv: str, field: str
) -> None:
    response = client.post("/api/products/import", params={"store": query}, content=csv.encode())
    assert (response.status_code, response.json()["field"]) == (422, field)


def test_csv_import_all_or_nothing(client: TestClient) -> None:
    good = "sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,4,10\nHUILE,Huile,,l,9,2\n"
    response = client.post(
        "/api/products/import", params={"store": "dk1", "set_stock": "true"}, content=good
    )
    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("created", "updated", "adjusted", "mode")} == {
        "created": 1,
        "updated": 1,
        "adjusted": 1,
        "mode": "inventory",
    }
    bad = "sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,50,10\nSEL,Sel,,kg,x,1\n"
    refused = client.post(
        "/api/products/import", params={"store": "dk1", "set_stock": "true"}, content=bad
    )
    assert refused.status_code == 422
    assert (refused.json()["line"], refused.json()["field"]) == (3, "quantity")
    assert "« x » n'est pas un nombre" in refused.json()["reason"]
    rice = client.get("/api/products", params={"store": "dk1"}).json()
    assert {p["sku"]: p["quantity"] for p in rice} == {"HUILE": 9, "RIZ": 4, "SUCRE": 50}
    alerts = client.get("/api/alerts", params={"store": "dk1", "state": "open"}).json()
    assert [(a["sku"], a["level"], a["quantity"]) for a in alerts] == [("RIZ", "low", 4)]


def test_csv_import_errors(client: TestClient) -> None:
    missing = client.post("/api/products/import", content="sku,name\n")
    assert (missing.status_code, missing.json()["field"]) == (422, "store")
    header = client.post("/api/products/import", params={"store": "dk1"}, content="sku,name\n")
    assert (header.status_code, header.json()["line"]) == (422, 1)
    binary = client.post("/api/products/import", params={"store": "dk1"}, content=b"\xff\xfe")
    assert binary.status_code == 422
    unknown = client.post(
        "/api/products/import",
        params={"store": "nope"},
        content="sku,name,aliases,unit,quantity,threshold\n",
    )
    assert unknown.status_code == 404


def test_creation_at_zero_and_a_raised_threshold_alert_too(client: TestClient) -> None:
    new = {"store": "dk1", "sku": "GAZ", "name": "Gaz 12kg", "quantity": 0, "threshold": 2}
    client.post("/api/products", json=new)
    raised = {"store": "dk1", "sku": "SUCRE", "name": "Sucre 1kg", "quantity": 50, "threshold": 60}
    client.post("/api/products", json=raised)
    alerts = client.get("/api/alerts", params={"state": "open"}).json()
    assert sorted((a["sku"], a["level"]) for a in alerts) == [("GAZ", "out"), ("SUCRE", "low")]
