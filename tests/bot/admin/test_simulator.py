"""The simulator: the real inbound path, replies captured (never sent), off with a real
provider unless SIMULATOR_ENABLED=true."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.db.engine import transaction
from bot.db.models import InboundMessage, OutboundMessage, OutboundStatus, Product, StockMovement
from tests.bot.admin.conftest import MANAGER, seed, sign_in
from tests.conftest import make_settings

_TAP = re.compile(r'name="tap" value="([^"]+)".*?name="title" value="([^"]+)"', re.S)


def _say(client: TestClient, phone: str, **data: str) -> str:
    response = client.post(
        "/admin/simulator/send",
        data={"csrf": client.csrf, "phone": phone, **data},  # type: ignore[attr-defined]
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200, response.text
    return response.text


def _rows(engine: Engine, phone: str) -> list[OutboundMessage]:
    with transaction(engine) as session:
        return list(
            session.exec(
                select(OutboundMessage)
                .where(OutboundMessage.recipient == phone)
                .order_by(col(OutboundMessage.id))
            )
        )


def test_a_sale_confirmed_with_a_button_tap(admin_client: TestClient, engine: Engine) -> None:
    html = _say(admin_client, MANAGER, text="jaay naa 3 ceeb")
    assert "jaay naa 3 ceeb" in html
    taps = {title: tap for tap, title in _TAP.findall(html)}
    assert "Oui" in taps, html
    html = _say(admin_client, MANAGER, tap=taps["Oui"], title="Oui", tap_kind="button")
    assert "[Oui]" in html and "Vente enregistrée" in html
    with transaction(engine) as session:
        riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
        sale = session.exec(
            select(StockMovement).where(StockMovement.product_id == riz.id, StockMovement.delta < 0)
        ).one()
        stored = session.exec(select(InboundMessage.provider)).all()
    assert riz.quantity == 17 and sale.source == "whatsapp" and sale.manager_id is not None
    assert set(stored) == {"simulator"}
    rows = _rows(engine, MANAGER)
    assert rows and all((r.status, r.provider) == (OutboundStatus.SENT, "simulator") for r in rows)


def test_an_unknown_number_gets_the_refusal(admin_client: TestClient, engine: Engine) -> None:
    html = _say(admin_client, "+221 76 000 00 01", text="stock riz")
    assert "stock riz" in html
    rows = _rows(engine, "+221760000001")
    assert len(rows) == 1 and rows[0].provider == "simulator"


def test_the_page_lists_managers_and_a_bad_number_is_told(admin_client: TestClient) -> None:
    page = admin_client.get("/admin/simulator")
    assert MANAGER in page.text
    bad = admin_client.get("/admin/simulator?phone=12")
    assert bad.status_code == 200 and 'role="alert"' in bad.text


@pytest.fixture
def meta_client(
    database_url: str, engine: Engine, request: pytest.FixtureRequest
) -> Iterator[TestClient]:
    settings = make_settings(
        database_url,
        whatsapp_provider="meta",
        whatsapp_api_token="EAA-test",
        simulator_enabled=request.param,
    )
    seed(engine, settings)
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        client.csrf = sign_in(client)  # type: ignore[attr-defined]
        yield client


@pytest.mark.parametrize("meta_client", [False], indirect=True)
def test_off_with_a_real_provider_by_default(meta_client: TestClient, engine: Engine) -> None:
    assert meta_client.get("/admin/simulator").status_code == 403
    response = meta_client.post(
        "/admin/simulator/send",
        data={"csrf": meta_client.csrf, "phone": MANAGER, "text": "stock riz"},  # type: ignore[attr-defined]
    )
    assert response.status_code == 403
    assert "SIMULATOR_ENABLED" in response.text
    with transaction(engine) as session:
        assert session.exec(select(InboundMessage)).first() is None


@pytest.mark.parametrize("meta_client", [True], indirect=True)
def test_enabled_with_a_real_provider_nothing_is_sent(
    meta_client: TestClient, engine: Engine
) -> None:
    _say(meta_client, MANAGER, text="vendu 15 riz")
    taps = {
        title: tap
        for tap, title in _TAP.findall(
            meta_client.get(
                f"/admin/simulator?phone={MANAGER}", headers={"HX-Request": "true"}
            ).text
        )
    }
    _say(meta_client, MANAGER, tap=taps["Oui"], title="Oui")  # stock 5 <= 10: an alert push
    with transaction(engine) as session:
        rows = session.exec(select(OutboundMessage)).all()
    assert len(rows) >= 3
    assert all(r.provider == "simulator" and r.status == OutboundStatus.SENT for r in rows)
