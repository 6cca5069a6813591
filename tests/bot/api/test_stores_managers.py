"""Stores and managers through the admin API: the same rules as the CLI (parity)."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.bot.api.conftest import MANAGER


def test_stores_list_add_rename(client: TestClient) -> None:
    assert client.get("/api/stores").json() == [
        {"code": "dk1", "name": "dk1", "products": 2, "managers": 1}
    ]
    created = client.post("/api/stores", json={"code": "thies", "name": "Boutique Thiès"})
    assert (created.status_code, created.json()["name"]) == (201, "Boutique Thiès")
    taken = client.post("/api/stores", json={"code": "thies", "name": "Autre"})
    assert (taken.status_code, taken.json()["error"]) == (409, "conflict")
    spaced = client.post("/api/stores", json={"code": "th ies", "name": "X"})
    assert (spaced.status_code, spaced.json()["field"]) == (422, "code")
    renamed = client.patch("/api/stores/thies", json={"name": "Thiès centre"})
    assert renamed.json() == {"code": "thies", "name": "Thiès centre", "products": 0, "managers": 0}
    counted = client.patch("/api/stores/dk1", json={"name": "Dakar 1"})
    assert counted.json() == {"code": "dk1", "name": "Dakar 1", "products": 2, "managers": 1}
    typo = client.patch("/api/stores/thiess", json={"name": "X"})
    assert typo.status_code == 404
    assert "vouliez-vous dire thies" in typo.json()["reason"]


def test_adding_a_known_number_refuses_unless_update(client: TestClient) -> None:
    client.post("/api/stores", json={"code": "dk2", "name": "Dakar 2"})
    refused = client.post("/api/managers", json={"phone": MANAGER, "store": "dk2", "name": "Bob"})
    assert refused.status_code == 409
    assert refused.json()["differences"] == [
        "nom « Awa » → « Bob »",
        "magasin(s) en plus : dk2",
    ]
    assert client.get("/api/managers").json()[0]["stores"] == ["dk1"]  # nothing written
    same = client.post("/api/managers", json={"phone": MANAGER, "store": "dk1"})
    assert (same.status_code, same.json()["name"]) == (200, "Awa")  # nothing differs
    updated = client.post(
        "/api/managers", json={"phone": MANAGER, "stores": ["dk1", "dk2"], "update": True}
    )
    assert (updated.status_code, updated.json()["stores"]) == (200, ["dk1", "dk2"])
    assert updated.json()["name"] == "Awa"  # not given: kept


def test_manager_set_remove_and_list_per_store(client: TestClient) -> None:
    client.post("/api/stores", json={"code": "dk2", "name": "Dakar 2"})
    bob = {"phone": "78 111 22 33", "stores": ["dk1", "dk2"], "name": "Bob"}
    added = client.post("/api/managers", json=bob)
    assert (added.status_code, added.json()["language_chosen"]) == (201, False)  # followed
    assert [m["phone"] for m in client.get("/api/managers", params={"store": "dk2"}).json()] == [
        "+221781112233"
    ]
    off_dk2 = client.delete("/api/managers/+221781112233", params={"store": "dk2"})
    assert (off_dk2.json()["stores"], off_dk2.json()["active"]) == (["dk1"], True)
    changed = client.patch(
        "/api/managers/781112233", json={"language": "EN", "stores": ["dk2"], "name": "Bob D."}
    )
    assert {k: changed.json()[k] for k in ("name", "language", "language_chosen", "stores")} == {
        "name": "Bob D.",
        "language": "en",
        "language_chosen": True,
        "stores": ["dk2"],
    }
    gone = client.delete("/api/managers/+221781112233")
    assert gone.json()["active"] is False
    back = client.patch("/api/managers/+221781112233", json={"active": True})
    assert back.json()["active"] is True
    unknown = client.patch("/api/managers/+221700000000", json={"name": "X"})
    assert unknown.status_code == 404
    bad = client.patch("/api/managers/+221781112233", json={"language": "de"})
    assert (bad.status_code, bad.json()["field"]) == (422, "language")


def test_language_auto_undoes_a_choice(client: TestClient) -> None:
    chosen = client.patch(f"/api/managers/{MANAGER}", json={"language": "en"})
    assert (chosen.json()["language"], chosen.json()["language_chosen"]) == ("en", True)
    undone = client.patch(f"/api/managers/{MANAGER}", json={"language": "auto"})
    assert undone.status_code == 200, undone.text
    assert (undone.json()["language"], undone.json()["language_chosen"]) == ("en", False)
    kept = client.patch(f"/api/managers/{MANAGER}", json={"language": None})  # null: unchanged
    assert kept.json()["language_chosen"] is False
    added = client.post(
        "/api/managers", json={"phone": "78 111 22 44", "store": "dk1", "language": "auto"}
    )
    assert (added.status_code, added.json()["language_chosen"]) == (201, False)
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert "auto" in schema["ManagerChange"]["properties"]["language"]["enum"]
    assert "auto" in schema["ManagerIn"]["properties"]["language"]["enum"]
