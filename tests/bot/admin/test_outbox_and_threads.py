"""The outbox page (retry one, resume sending), conversations as on a phone, the dashboard."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import select
from starlette.testclient import TestClient

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import AdminAction, OutboundMessage, OutboundStatus
from bot.outbound.messages import Button, Buttons
from bot.outbound.outbox import enqueue
from bot.outbound.pause import current_pause, pause_sending
from bot.settings import Settings
from tests.bot.admin.conftest import MANAGER


def _failed_split_text(engine: Engine) -> list[int]:
    with transaction(engine) as session:
        rows = enqueue(session, MANAGER, "mot " * 1500, now=utcnow() - timedelta(days=3))
        for row in rows:
            row.status = OutboundStatus.FAILED.value
            row.attempts = 7
            row.last_error_code = "131026"
            row.last_error_text = "Message undeliverable"
        return [row.id for row in rows if row.id is not None]


def test_failed_messages_show_their_reason_and_retry_requeues_the_text(
    admin_client: TestClient, engine: Engine
) -> None:
    ids = _failed_split_text(engine)
    assert len(ids) == 2
    page = admin_client.get("/admin/outbox")
    assert "131026" in page.text and "Message undeliverable" in page.text
    response = admin_client.post(
        f"/admin/outbox/{ids[0]}/retry",
        data={"csrf": admin_client.csrf},  # type: ignore[attr-defined]
    )
    assert response.status_code == 200 and "remis en file" in response.text
    with transaction(engine) as session:
        rows = session.exec(select(OutboundMessage).where(OutboundMessage.id.in_(ids))).all()  # type: ignore[attr-defined]
        action = session.exec(select(AdminAction).where(AdminAction.action == "outbox_retry")).one()
    assert {(r.status, r.attempts, r.last_error_code) for r in rows} == {("queued", 0, None)}
    assert all(utcnow() - r.created_at < timedelta(minutes=1) for r in rows)
    assert action.detail == {"rows": 2}
    again = admin_client.post(
        f"/admin/outbox/{ids[0]}/retry",
        data={"csrf": admin_client.csrf},  # type: ignore[attr-defined]
    )
    assert "pas en échec" in again.text


def test_resume_lifts_the_pause(
    admin_client: TestClient, engine: Engine, settings: Settings
) -> None:
    with transaction(engine) as session:
        pause_sending(session, settings, reason="token expired", code="190", now=utcnow())
    page = admin_client.get("/admin/outbox")
    assert "ENVOIS EN PAUSE" in page.text and "token expired" in page.text
    assert "ENVOIS EN PAUSE" in admin_client.get("/admin").text
    admin_client.post("/admin/outbox/resume", data={"csrf": admin_client.csrf})  # type: ignore[attr-defined]
    with transaction(engine) as session:
        assert current_pause(session) is None


def test_a_conversation_shows_bubbles_buttons_and_ticks(
    admin_client: TestClient, engine: Engine
) -> None:
    with transaction(engine) as session:
        [asked] = enqueue(
            session,
            MANAGER,
            Buttons("Enregistrer la vente ?", (Button("yes", "Oui"), Button("no", "Non"))),
        )
        [failed] = enqueue(session, MANAGER, "Stock : 3 bidons")
        asked.status = OutboundStatus.READ.value
        failed.status = OutboundStatus.FAILED.value
        failed.last_error_code = "131047"
        failed.last_error_text = "Re-engagement message"
    page = admin_client.get("/admin/conversations/%2B221771234567")
    assert page.status_code == 200
    text = page.text
    assert "Enregistrer la vente ?" in text and ">Oui<" in text and ">Non<" in text
    assert "tick read" in text and "131047 Re-engagement message" in text
    assert text.index("Enregistrer la vente ?") < text.index("Stock : 3 bidons")
    listing = admin_client.get("/admin/conversations")
    assert "Awa" in listing.text


def test_conversation_pages_go_back_in_time(admin_client: TestClient, engine: Engine) -> None:
    with transaction(engine) as session:
        for index in range(45):
            enqueue(
                session,
                MANAGER,
                f"message {index:02d}",
                now=utcnow() - timedelta(minutes=100 - index),
            )
    first = admin_client.get("/admin/conversations/%2B221771234567").text
    assert "message 44" in first and "message 10" not in first and "page=2" in first
    second = admin_client.get("/admin/conversations/%2B221771234567?page=2").text
    assert "message 10" in second and "message 44" not in second


def test_dashboard_counts_today(admin_client: TestClient, engine: Engine) -> None:
    with transaction(engine) as session:
        from bot.db.models import Product

        riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
    admin_client.post(
        f"/admin/products/{riz.id}/movements",
        data={"csrf": admin_client.csrf, "kind": "sale", "quantity": "4"},  # type: ignore[attr-defined]
    )
    live = admin_client.get("/admin", headers={"HX-Request": "true"})
    assert 'id="live"' in live.text and "<html" not in live.text
    assert "4 unités · 1 mouvements" in live.text
    assert "Huile 5L" in live.text  # low
