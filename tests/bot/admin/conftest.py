"""Back-office fixtures: an app on the test database with a small catalogue, a signed-in client."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.admin import signin
from bot.app import create_app
from bot.db.engine import transaction
from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.conftest import TEST_ADMIN_TOKEN

CATALOG = """sku,name,aliases,unit,quantity,threshold,reorder_quantity
RIZ,Riz brisé 50kg,riz|ceeb,sac,20,10,30
SUCRE,Sucre 1kg,sucre,paquet,50,5,40
HUILE,Huile 5L,huile|diw,bidon,3,4,12
"""
MANAGER = "+221771234567"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def seed(engine: Engine, settings: Settings) -> None:
    with transaction(engine) as session:
        apply_products(session, "dk1", parse_products_csv(CATALOG), settings=settings)
        add_manager(session, MANAGER, "dk1", name="Awa")


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found is not None, "no CSRF field in the page"
    return found.group(1)


def sign_in(client: TestClient, *, name: str = "", password: str = TEST_ADMIN_TOKEN) -> str:
    """Sign in through the form as a browser would; returns the session's CSRF token."""
    form = client.get("/admin/login")
    response = client.post(
        "/admin/login",
        data={"csrf": csrf_of(form.text), "name": name, "password": password, "next": "/admin"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/admin").text)


@pytest.fixture(autouse=True)
def _no_sign_in_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signin, "FAILED_DELAY", 0.0)


@pytest.fixture
def app_client(settings: Settings, engine: Engine) -> Iterator[TestClient]:
    """A client of the app, not signed in."""
    seed(engine, settings)
    app = create_app(settings, engine=engine, run_background=False)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def admin_client(app_client: TestClient) -> TestClient:
    """Signed in with the admin token; `admin_client.csrf` holds the session's CSRF token."""
    app_client.csrf = sign_in(app_client)  # type: ignore[attr-defined]
    return app_client
