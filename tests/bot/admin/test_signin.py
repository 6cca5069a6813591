"""Signing in with the token or a named user, cookie flags, failures slowed and limited."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import select
from starlette.testclient import TestClient

from bot.admin.auth import COOKIE
from bot.admin.users import add_admin
from bot.app import create_app
from bot.db.engine import transaction
from bot.db.models import AdminAction, AdminSession
from bot.settings import Settings
from bot.throttle import FREE_FAILURES
from tests.bot.admin.conftest import csrf_of, seed, sign_in
from tests.conftest import TEST_ADMIN_TOKEN


def _try(client: TestClient, name: str, password: str) -> int:
    form = client.get("/admin/login")
    response = client.post(
        "/admin/login",
        data={"csrf": csrf_of(form.text), "name": name, "password": password},
        follow_redirects=False,
    )
    return response.status_code


def test_the_token_signs_in_as_admin_and_goes_where_asked(app_client: TestClient) -> None:
    form = app_client.get("/admin/login?next=/admin/stock")
    response = app_client.post(
        "/admin/login",
        data={"csrf": csrf_of(form.text), "password": TEST_ADMIN_TOKEN, "next": "/admin/stock"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/stock"
    cookie = response.headers["set-cookie"]
    assert f"{COOKIE}=" in cookie
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie  # plain http here
    assert "Connecté : admin" in app_client.get("/admin").text


def test_next_never_leads_to_another_site(app_client: TestClient) -> None:
    for target in ("https://evil.example/", "//evil.example", "/other", "/admin\\@evil"):
        form = app_client.get("/admin/login")
        response = app_client.post(
            "/admin/login",
            data={"csrf": csrf_of(form.text), "password": TEST_ADMIN_TOKEN, "next": target},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/admin"


def test_the_cookie_is_secure_over_https(settings: Settings, engine: Engine) -> None:
    seed(engine, settings)
    app = create_app(settings, engine=engine, run_background=False)
    with TestClient(app, base_url="https://shop.example") as client:
        form = client.get("/admin/login")
        response = client.post(
            "/admin/login",
            data={"csrf": csrf_of(form.text), "password": TEST_ADMIN_TOKEN},
            follow_redirects=False,
        )
        assert "Secure" in response.headers["set-cookie"]


def test_a_named_user_signs_in_and_is_recorded(app_client: TestClient, engine: Engine) -> None:
    with transaction(engine) as session:
        add_admin(session, "Moussa", "mot de passe de moussa")
    sign_in(app_client, name="moussa", password="mot de passe de moussa")
    assert "Connecté : moussa" in app_client.get("/admin").text
    with transaction(engine) as session:
        actions = session.exec(select(AdminAction.admin, AdminAction.action)).all()
        stored = session.exec(select(AdminSession)).all()
    assert ("moussa", "sign_in") in actions
    assert len(stored) == 1 and len(stored[0].id) == 64  # a digest, not the cookie's token
    assert stored[0].id not in (app_client.cookies.get(COOKIE) or "")


def test_wrong_credentials_are_refused(app_client: TestClient, engine: Engine) -> None:
    with transaction(engine) as session:
        add_admin(session, "awa", "le bon mot de passe")
    assert _try(app_client, "", "not-the-token") == 401
    assert _try(app_client, "awa", "le mauvais mot de passe") == 401
    assert _try(app_client, "nobody", "le bon mot de passe") == 401
    assert _try(app_client, "awa", TEST_ADMIN_TOKEN) == 401  # the token is not a password
    assert app_client.get("/admin", follow_redirects=False).status_code == 303


def test_sign_in_form_needs_its_csrf_cookie(app_client: TestClient) -> None:
    app_client.get("/admin/login")
    response = app_client.post(
        "/admin/login",
        data={"csrf": "forged", "password": TEST_ADMIN_TOKEN},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_failed_sign_ins_are_rate_limited_per_address(app_client: TestClient) -> None:
    for _ in range(FREE_FAILURES):
        assert _try(app_client, "", "wrong") == 401
    assert _try(app_client, "", "wrong") == 401  # this one starts a lockout
    form = app_client.get("/admin/login")
    locked = app_client.post(
        "/admin/login",
        data={"csrf": csrf_of(form.text), "password": TEST_ADMIN_TOKEN},
        follow_redirects=False,
    )
    assert locked.status_code == 429  # even the right token waits
    assert int(locked.headers["Retry-After"]) >= 1
    assert "réessayez dans" in locked.text
    # the same limiter guards the admin API
    api = app_client.get("/api/products", headers={"Authorization": f"Bearer {TEST_ADMIN_TOKEN}"})
    assert api.status_code == 429 and int(api.headers["Retry-After"]) >= 1


def test_language_switch(admin_client: TestClient) -> None:
    response = admin_client.get("/admin/language?set=en&next=/admin/stock", follow_redirects=False)
    assert response.headers["location"] == "/admin/stock"
    page = admin_client.get("/admin/stock")
    assert '<html lang="en">' in page.text and "Search" in page.text
    admin_client.get("/admin/language?set=fr&next=/admin")
    assert '<html lang="fr">' in admin_client.get("/admin").text
