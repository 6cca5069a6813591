"""Who may see what: every back-office route, without a session, with a forged or expired one,
with the back office off, and every change without its CSRF token."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, update
from starlette.testclient import TestClient

from bot.admin.auth import COOKIE, cookie_key, sign
from bot.admin.users import add_admin
from bot.app import create_app
from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import AdminSession
from tests.bot.admin.conftest import seed, sign_in
from tests.conftest import make_settings

PAGES = [
    "/admin",
    "/admin/stock",
    "/admin/orders",
    "/admin/movements",
    "/admin/movements.csv",
    "/admin/managers",
    "/admin/products/1",
    "/admin/conversations",
    "/admin/conversations/%2B221771234567",
    "/admin/outbox",
    "/admin/import",
    "/admin/simulator",
]
CHANGES = [
    "/admin/logout",
    "/admin/products/1/levels",
    "/admin/products/1/movements",
    "/admin/outbox/1/retry",
    "/admin/alerts/1/order",
    "/admin/orders/1/received",
    "/admin/orders/1/cancel",
    "/admin/managers",
    "/admin/managers/%2B221771234567",
    "/admin/managers/%2B221771234567/deactivate",
    "/admin/stores",
    "/admin/stores/dk1",
    "/admin/outbox/resume",
    "/admin/simulator/send",
    "/admin/import",
]


def test_root_redirects_to_the_back_office(app_client: TestClient) -> None:
    response = app_client.get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/admin"


@pytest.mark.parametrize("path", PAGES)
def test_pages_without_a_session_go_to_sign_in(app_client: TestClient, path: str) -> None:
    response = app_client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/admin/login?next=%2Fadmin")


@pytest.mark.parametrize("path", CHANGES)
def test_changes_without_a_session_go_to_sign_in(app_client: TestClient, path: str) -> None:
    response = app_client.post(path, data={"csrf": "x"}, follow_redirects=False)
    assert response.status_code == 303
    htmx = app_client.post(path, headers={"HX-Request": "true"}, follow_redirects=False)
    assert htmx.status_code == 401
    assert htmx.headers["HX-Redirect"].startswith("/admin/login")


@pytest.mark.parametrize(
    "cookie", ["garbage", "abc.def", "a.b.c", sign(b"another key" * 3, "some-token")]
)
def test_forged_cookies_are_refused(app_client: TestClient, cookie: str) -> None:
    app_client.cookies.set(COOKIE, cookie)
    for path in PAGES:
        assert app_client.get(path, follow_redirects=False).status_code == 303


def test_a_well_signed_cookie_of_no_session_is_refused(
    app_client: TestClient, engine: Engine
) -> None:
    app_client.cookies.set(COOKIE, sign(cookie_key(engine), "made-up-token"))
    assert app_client.get("/admin", follow_redirects=False).status_code == 303


def test_an_expired_session_is_refused(admin_client: TestClient, engine: Engine) -> None:
    assert admin_client.get("/admin", follow_redirects=False).status_code == 200
    with transaction(engine) as session:
        session.exec(update(AdminSession).values(expires_at=utcnow() - timedelta(seconds=1)))  # type: ignore[call-overload]
    assert admin_client.get("/admin", follow_redirects=False).status_code == 303


def test_sign_out_ends_the_session_on_the_server(admin_client: TestClient) -> None:
    cookie = admin_client.cookies.get(COOKIE)
    assert cookie
    response = admin_client.post(
        "/admin/logout",
        data={"csrf": admin_client.csrf},
        follow_redirects=False,  # type: ignore[attr-defined]
    )
    assert response.status_code == 303
    admin_client.cookies.set(COOKIE, cookie)  # a copy of the old cookie no longer works
    assert admin_client.get("/admin", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("path", CHANGES)
def test_changes_without_the_csrf_token_are_refused(admin_client: TestClient, path: str) -> None:
    assert admin_client.post(path, data={}).status_code == 403
    assert admin_client.post(path, data={"csrf": "wrong"}).status_code == 403
    wrong_header = admin_client.post(path, headers={"X-CSRF-Token": "wrong", "HX-Request": "true"})
    assert wrong_header.status_code == 403
    # and the session survives a refused change
    assert admin_client.get("/admin", follow_redirects=False).status_code == 200


def test_the_csrf_header_of_htmx_is_accepted(admin_client: TestClient) -> None:
    response = admin_client.post(
        "/admin/outbox/resume",
        headers={"X-CSRF-Token": admin_client.csrf, "HX-Request": "true"},  # type: ignore[attr-defined]
        follow_redirects=False,
    )
    assert response.status_code == 303


@pytest.mark.parametrize("path", [*PAGES, "/admin/login"])
def test_without_token_nor_user_the_back_office_is_off(
    database_url: str, engine: Engine, path: str
) -> None:
    settings = make_settings(database_url, admin_token=None)
    seed(engine, settings)
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 404
        assert "ADMIN_TOKEN" in response.text and "stockbot admin add" in response.text
        assert client.post("/admin/login", data={"password": ""}).status_code == 404


def test_a_named_user_turns_it_on_without_a_token(database_url: str, engine: Engine) -> None:
    settings = make_settings(database_url, admin_token=None)
    seed(engine, settings)
    with transaction(engine) as session:
        add_admin(session, "fatou", "un mot de passe solide")
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        assert client.get("/admin", follow_redirects=False).status_code == 303
        sign_in(client, name="fatou", password="un mot de passe solide")
        page = client.get("/admin")
        assert page.status_code == 200 and "fatou" in page.text
        # with no ADMIN_TOKEN set, an empty token never signs in
        form = client.get("/admin/login")
        assert "csrf" in form.text


def test_static_files_need_no_session(app_client: TestClient) -> None:
    response = app_client.get("/admin/static/htmx.min.js")
    assert response.status_code == 200
    assert "htmx" in response.text[:2000]


@pytest.mark.parametrize("row_id", [str(2**31), str(2**63), "9" * 40])
@pytest.mark.parametrize("path", [p for p in PAGES + CHANGES if "/1" in p])
def test_an_id_past_the_columns_range_is_no_page(
    admin_client: TestClient, path: str, row_id: str
) -> None:
    """`/admin/products/9223372036854775808` was a 500 (SQLite cannot bind it; PostgreSQL
    refuses past 2**31 - 1): an id no row can have is no page, 404."""
    target = path.replace("/1", f"/{row_id}", 1)
    data = {"csrf": admin_client.csrf}  # type: ignore[attr-defined]
    response = admin_client.get(target) if path in PAGES else admin_client.post(target, data=data)
    assert response.status_code == 404, (target, response.status_code)


def test_an_id_in_range_of_no_row_is_the_not_found_page(admin_client: TestClient) -> None:
    response = admin_client.get(f"/admin/products/{2**31 - 1}")
    assert response.status_code == 404 and f"#{2**31 - 1}" in response.text


def test_at_most_matches_the_numbers_up_to_its_limit() -> None:
    import re

    from bot.admin import at_most

    for limit in (0, 7, 10, 255, 1000, 2**31 - 1):
        pattern = re.compile(f"^{at_most(limit)}$")
        for value in {*range(min(limit + 50, 3000)), limit, limit + 1, limit * 10 + 9}:
            assert bool(pattern.match(str(value))) == (value <= limit), (limit, value)
