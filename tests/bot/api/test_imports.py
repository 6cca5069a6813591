"""Catalogue imports through the API: the summary, dry runs, progress and background runs."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

CSV = "Réf;Nom;Quantité;Seuil\n" + "".join(f"P{i:03d};Produit {i};{i};5\n" for i in range(40))


def test_a_dry_run_writes_nothing_and_says_what_would_change(client: TestClient) -> None:
    dry = client.post(
        "/api/products/import", params={"store": "dk1", "dry_run": "true"}, content=CSV
    )
    assert dry.status_code == 200
    body = dry.json()
    assert (body["dry_run"], body["created"], body["mode"]) == (True, 40, "catalogue")
    assert body["new_products"][0] == {"sku": "P000", "name": "Produit 0", "quantity": 0}
    assert "point-virgule" in body["format"]
    assert len(client.get("/api/products", params={"store": "dk1"}).json()) == 2


def test_an_import_reports_its_progress_and_can_run_in_the_background(
    client: TestClient,
) -> None:
    started = client.post(
        "/api/products/import", params={"store": "dk1", "wait": "false"}, content=CSV
    )
    assert started.status_code == 202
    job = started.json()["import_id"]
    assert started.headers["location"] == f"/api/imports/{job}"
    deadline = time.monotonic() + 10
    status = client.get(f"/api/imports/{job}").json()
    while status["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.05)
        status = client.get(f"/api/imports/{job}").json()
    assert {k: status[k] for k in ("status", "total_rows", "staged_rows", "created")} == {
        "status": "done",
        "total_rows": 40,
        "staged_rows": 40,
        "created": 40,
    }
    assert len(client.get("/api/products", params={"store": "dk1"}).json()) == 42
    assert client.get("/api/imports/999").status_code == 404


def test_a_new_store_only_when_asked_and_every_error_listed(client: TestClient) -> None:
    unknown = client.post("/api/products/import", params={"store": "dk2"}, content=CSV)
    assert unknown.status_code == 404
    assert "vouliez-vous dire dk1" in unknown.json()["reason"]
    created = client.post(
        "/api/products/import", params={"store": "dk2", "create_store": "Dakar 2"}, content=CSV
    )
    assert (created.status_code, created.json()["created"]) == (200, 40)
    bad = "Nom;Quantité\n" + "".join(f"P{i};-{i + 1}\n" for i in range(25))
    refused = client.post("/api/products/import", params={"store": "dk2"}, content=bad)
    assert refused.status_code == 422
    body = refused.json()
    assert (body["line"], body["field"], body["error_count"], len(body["errors"])) == (
        2,
        "Quantité",
        25,
        20,
    )
    assert body["errors"][0]["value"] == "-1" and "négatif" in body["errors"][0]["reason"]
