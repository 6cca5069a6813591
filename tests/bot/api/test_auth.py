from __future__ import annotations

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings
from tests.bot.api.conftest import AUTH
from tests.conftest import TEST_ADMIN_TOKEN, make_settings

ENDPOINTS = [
    ("GET", "/api/products"),
    ("POST", "/api/products"),
    ("POST", "/api/movements"),
    ("GET", "/api/alerts"),
    ("GET", "/api/orders"),
    ("POST", "/api/orders/1/received"),
    ("GET", "/api/managers"),
    ("DELETE", "/api/managers/+221771234567"),
    ("GET", "/api/status"),
    ("GET", "/api/openapi.json"),
]


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong-token", "Basic dGVzdC1hZG1pbi10b2tlbg==", TEST_ADMIN_TOKEN, "Bearer "],
)
@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_missing_or_wrong_token_is_401(
    client: TestClient, method: str, path: str, header: str | None
) -> None:
    headers = {"Authorization": header} if header is not None else {}
    client.headers.pop("Authorization")
    response = client.request(method, path, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_without_admin_token_the_api_is_404(
    database_url: str, engine: Engine, method: str, path: str
) -> None:
    settings = make_settings(database_url, admin_token=None)
    app = create_app(settings, engine=engine, run_background=False)
    with TestClient(app) as client:
        for headers in ({}, AUTH, {"Authorization": "Bearer "}):
            assert client.request(method, path, headers=headers).status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "status", "error"),
    [
        ("GET", "/api/nothing", 404, "not_found"),
        ("GET", "/api/orders/abc/received", 404, "not_found"),
        ("PUT", "/api/products", 405, "method_not_allowed"),
        ("PUT", "/api/movements", 405, "method_not_allowed"),
    ],
)
def test_unknown_paths_and_methods_answer_json(
    client: TestClient, method: str, path: str, status: int, error: str
) -> None:
    response = client.request(method, path)
    assert (response.status_code, response.json()["error"]) == (status, error)
    assert response.headers["content-type"] == "application/json"


def test_right_token_passes(client: TestClient, settings: Settings) -> None:
    assert client.get("/api/products").status_code == 200
