"""Taps on alert pushes: order once, later, stale, foreign."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.alerts.buttons import handle_alert_button
from bot.conversation import respond
from bot.db.models import Alert, MovementKind, MovementSource, OrderStatus, RestockOrder
from bot.inbound.models import TextMessage
from bot.managers import add_manager
from bot.outbound.messages import OutgoingMessage, Text
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from bot.stock import record_movement
from tests.bot.alerts.conftest import Shop

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _open_rice_alert(session: Session, shop: Shop) -> Alert:
    record_movement(session, shop.rice, -15, MovementKind.SALE, MovementSource.WHATSAPP, now=T0)
    session.commit()
    return session.exec(select(Alert)).one()


def _texts(replies: list[OutgoingMessage]) -> list[str]:
    assert all(isinstance(r, Text) for r in replies)
    return [r.body for r in replies if isinstance(r, Text)]


def _orders(session: Session) -> list[RestockOrder]:
    return list(session.exec(select(RestockOrder)))


def test_order_creates_a_confirmed_restock_order(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop)
    now = T0 + timedelta(minutes=3)
    replies = handle_alert_button(
        session, shop.awa, f"alert:v1:{alert.id}:order", settings=settings, now=now
    )
    session.commit()
    [order] = _orders(session)
    assert (order.product_id, order.quantity, order.status, order.manager_id) == (
        shop.rice.id,
        30,
        OrderStatus.CONFIRMED,
        shop.awa.id,
    )
    assert order.decided_at == now
    summary, question = _texts(replies)
    assert f"n°{order.id}" in summary and "30 sac" in summary and "Riz brisé 50kg" in summary
    assert question.startswith("Combien") and f"n°{order.id}" in question


def test_the_next_number_changes_the_order_quantity(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop)
    handle_alert_button(session, shop.awa, f"alert:v1:{alert.id}:order", settings=settings, now=T0)
    session.commit()
    answer = TextMessage(
        provider="meta",
        message_id="wamid.answer",
        sender=shop.awa.phone,
        timestamp=T0 + timedelta(minutes=1),
        body="45",
    )
    replies = respond(session, shop.awa, answer, settings=settings, now=T0 + timedelta(minutes=1))
    session.commit()
    [order] = _orders(session)
    assert (order.quantity, order.status) == (45, OrderStatus.CONFIRMED)
    assert any("45" in body for body in _texts(replies))


def test_second_tap_by_anyone_orders_nothing_more(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop)
    handle_alert_button(session, shop.awa, f"alert:v1:{alert.id}:order", settings=settings, now=T0)
    session.commit()
    replies = handle_alert_button(
        session, shop.bob, f"alert:v1:{alert.id}:order", settings=settings, now=T0
    )
    session.commit()
    assert len(_orders(session)) == 1
    assert "already been handled" in _texts(replies)[0]


def test_later_acknowledges_and_keeps_the_order_possible(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop)
    replies = handle_alert_button(
        session, shop.bob, f"alert:v1:{alert.id}:later", settings=settings, now=T0
    )
    assert _orders(session) == []
    assert "5 sac in stock" in _texts(replies)[0]
    handle_alert_button(session, shop.bob, f"alert:v1:{alert.id}:order", settings=settings, now=T0)
    assert len(_orders(session)) == 1


@pytest.mark.parametrize(
    "button", ["alert:v1:999:order", "alert:v2:1:order", "alert:v1:1:maybe", "alert:v1:x:order"]
)
def test_unknown_or_malformed_ids_are_stale(
    session: Session, shop: Shop, settings: Settings, button: str
) -> None:
    _open_rice_alert(session, shop)
    replies = handle_alert_button(session, shop.awa, button, settings=settings, now=T0)
    assert _texts(replies) == ["Cette demande a déjà été traitée."]
    assert _orders(session) == []


def test_resolved_alert_is_stale(session: Session, shop: Shop, settings: Settings) -> None:
    alert = _open_rice_alert(session, shop)
    record_movement(session, shop.rice, 50, MovementKind.RECEIPT, MovementSource.API, now=T0)
    session.commit()
    replies = handle_alert_button(
        session, shop.awa, f"alert:v1:{alert.id}:order", settings=settings, now=T0
    )
    assert _texts(replies) == ["Cette demande a déjà été traitée."]
    assert _orders(session) == []


def test_manager_of_another_store_cannot_act(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop)
    apply_products(
        session, "other", parse_products_csv("sku,name,aliases,unit,quantity,threshold\n")
    )
    stranger = add_manager(session, "+221775550000", "other")
    for manager in (stranger, shop.gone):
        replies = handle_alert_button(
            session, manager, f"alert:v1:{alert.id}:order", settings=settings, now=T0
        )
        assert _texts(replies) == ["Cette demande a déjà été traitée."]
    assert _orders(session) == []
