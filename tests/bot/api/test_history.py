"""`GET /api/movements`: the ledger, paginated, with the CLI's filters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, update
from sqlmodel import col, select
from starlette.testclient import TestClient

from bot.db.engine import transaction
from bot.db.models import MovementSource, StockMovement
from bot.settings import Settings
from bot.stock import reverse_movement
from state import NOTES


def _move(client: TestClient, sku: str, kind: str, quantity: int, note: str = "") -> None:
    body = {"store": "dk1", "sku": sku, "kind": kind, "quantity": quantity, "note": note}
    assert client.post("/api/movements", json=body).status_code == 201


def test_history_filters_and_pages(client: TestClient, engine: Engine) -> None:
    _move(client, "RIZ", "sale", 2, "client fidèle")
    _move(client, "RIZ", "receipt", 10)
    _move(client, "SUCRE", "sale", 1)
    _move(client, "RIZ", "adjustment", -1, "sac percé")
    everything = client.get("/api/movements").json()
    assert [(m["sku"], m["kind"], m["delta"]) for m in everything["items"]] == [
        ("RIZ", "adjustment", -1),
        ("SUCRE", "sale", -1),
        ("RIZ", "receipt", 10),
        ("RIZ", "sale", -2),
        ("SUCRE", "import", 50),
        ("RIZ", "import", 20),
    ]
    assert everything["next"] is None
    first = everything["items"][0]
    assert (first["source"], first["note"], first["quantity"]) == ("api", "sac percé", 27)

    page = client.get("/api/movements", params={"store": "dk1", "limit": 2}).json()
    assert [m["delta"] for m in page["items"]] == [-1, -1]
    following = client.get(page["next"]).json()
    assert [m["delta"] for m in following["items"]] == [10, -2]

    rice_sales = client.get(
        "/api/movements", params={"store": "dk1", "product": "RIZ", "kind": "sale,adjustment"}
    ).json()
    assert [m["delta"] for m in rice_sales["items"]] == [-1, -2]

    # Move the first two rows to last week: a day filter (Dakar days) leaves them out.
    with transaction(engine) as session:
        old = datetime.now(UTC) - timedelta(days=8)
        session.exec(update(StockMovement).where(col(StockMovement.id) <= 2).values(created_at=old))  # type: ignore[call-overload]
    today = datetime.now(UTC).date().isoformat()
    recent = client.get("/api/movements", params={"since": today, "until": today}).json()
    assert len(recent["items"]) == 4
    older = client.get("/api/movements", params={"until": "hier"}).json()
    assert [m["kind"] for m in older["items"]] == ["import", "import"]


def test_history_refuses_bad_filters(client: TestClient) -> None:
    for params, field in [
        ({"kind": "vol"}, "kind"),
        ({"since": "31/02/2026"}, "since"),
        ({"until": "2026-12-02T10:00"}, "until"),
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "limit"),
        ({"before": "-3"}, "before"),
        ({"limit": "\u00b2"}, "limit"),  # a digit to str.isdigit, not to int
        ({"before": "\u2460"}, "before"),
    ]:
        response = client.get("/api/movements", params=params)
        assert (response.status_code, response.json()["field"]) == (422, field), params
    assert client.get("/api/movements", params={"store": "nope"}).status_code == 404
    unknown = client.get("/api/movements", params={"store": "dk1", "product": "NOPE"})
    assert unknown.status_code == 404


def test_a_loss_taken_back_is_noted_as_the_loss_it_takes_back(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    """The ledger the API and the back office read: the reversal of a loss names it (it read
    « annule 1 du mouvement 3 », like the reversal of a count)."""
    _move(client, "RIZ", "adjustment", -1, NOTES["loss"])
    _move(client, "RIZ", "adjustment", -2)
    with transaction(engine) as session:
        loss, count = session.exec(
            select(StockMovement)
            .where(col(StockMovement.delta) < 0)
            .order_by(col(StockMovement.id))
        ).all()
        for movement in (loss, count):
            reverse_movement(
                session, movement, abs(movement.delta), MovementSource.WHATSAPP, settings=settings
            )
        ids = loss.id, count.id
    notes = [m["note"] for m in client.get("/api/movements").json()["items"][:2]]
    assert notes == [f"annule 2 du mouvement {ids[1]}", f"annule 1 du mouvement {ids[0]} (perte)"]
