"""Alerts follow every stock movement, whatever its source, without storms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from bot.conversation import respond
from bot.db.models import (
    Alert,
    AlertLevel,
    AlertState,
    MovementKind,
    MovementSource,
    OutboundMessage,
    StockMovement,
)
from bot.inbound.models import ButtonReply, TextMessage
from bot.outbound.messages import Buttons, Template, from_payload
from bot.outbound.outbox import FALLBACK_KEY
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from bot.stock import record_movement
from tests.bot.alerts.conftest import Shop

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _sale(session: Session, shop: Shop, quantity: int, at: datetime, *, sku: str = "RIZ") -> None:
    product = shop.rice if sku == "RIZ" else shop.sugar
    record_movement(session, product, -quantity, MovementKind.SALE, MovementSource.WHATSAPP, now=at)
    session.commit()


def _pushes(session: Session) -> list[OutboundMessage]:
    return list(
        session.exec(
            select(OutboundMessage)
            .where(col(OutboundMessage.alert_id).is_not(None))
            .order_by(col(OutboundMessage.id))
        )
    )


def _alerts(session: Session) -> list[Alert]:
    return list(session.exec(select(Alert).order_by(col(Alert.id))))


def test_crossing_the_threshold_opens_one_alert_and_pushes_to_active_managers(
    session: Session, shop: Shop
) -> None:
    _sale(session, shop, 5, T0)  # 20 -> 15: above threshold 10
    assert _alerts(session) == []
    _sale(session, shop, 8, T0)  # 15 -> 7
    [alert] = _alerts(session)
    assert (alert.level, alert.state, alert.quantity) == (AlertLevel.LOW, AlertState.OPEN, 7)
    assert alert.last_notified_at == T0
    pushes = _pushes(session)
    assert sorted(p.recipient for p in pushes) == sorted([shop.awa.phone, shop.bob.phone])
    assert all(p.alert_id == alert.id for p in pushes)
    by_phone = {p.recipient: from_payload(p.kind, p.payload) for p in pushes}
    french = by_phone[shop.awa.phone]
    assert isinstance(french, Buttons)
    assert "Riz brisé 50kg" in french.body and "7 sac" in french.body and "seuil 10" in french.body
    assert [(b.id, b.title) for b in french.buttons] == [
        (f"alert:v1:{alert.id}:order", "Commander"),
        (f"alert:v1:{alert.id}:later", "Plus tard"),
    ]
    fallback = from_payload("template", pushes[0].payload[FALLBACK_KEY])
    assert isinstance(fallback, Template)
    assert (fallback.name, fallback.language) == ("alerte_rupture_stock", "fr")
    assert fallback.body_params == ("1", "Riz brisé 50kg : 7 sac (seuil 10, stock bas)")
    assert fallback.button_payloads == tuple(b.id for b in french.buttons)
    english = by_phone[shop.bob.phone]
    assert isinstance(english, Buttons)
    assert "Low stock" in english.body
    assert [b.title for b in english.buttons] == ["Order", "Later"]


def test_no_repeat_while_open_then_low_to_out_escalates(session: Session, shop: Shop) -> None:
    _sale(session, shop, 12, T0)  # 8: low
    _sale(session, shop, 3, T0 + timedelta(minutes=5))  # 5: still low, quiet
    _sale(session, shop, 1, T0 + timedelta(minutes=6))  # 4: quiet
    assert len(_pushes(session)) == 2
    _sale(session, shop, 4, T0 + timedelta(minutes=7))  # 0: out
    [alert] = _alerts(session)
    assert (alert.level, alert.quantity) == (AlertLevel.OUT, 0)
    pushes = _pushes(session)
    assert len(pushes) == 4
    stronger = from_payload(pushes[-1].kind, pushes[-1].payload)
    assert isinstance(stronger, Buttons)
    assert stronger.body.startswith("🚨") or "Out of stock" in stronger.body


def test_resolution_then_a_later_drop_alerts_again(session: Session, shop: Shop) -> None:
    _sale(session, shop, 15, T0)  # 5: low
    record_movement(session, shop.rice, 20, MovementKind.RECEIPT, MovementSource.CLI, now=T0)
    session.commit()  # 25: resolved
    [first] = _alerts(session)
    assert (first.state, first.resolved_at) == (AlertState.RESOLVED, T0)
    _sale(session, shop, 20, T0 + timedelta(hours=1))  # 5: a new alert
    alerts = _alerts(session)
    assert [a.state for a in alerts] == [AlertState.RESOLVED, AlertState.OPEN]
    assert {p.alert_id for p in _pushes(session)} == {alerts[0].id, alerts[1].id}


def test_renotifies_only_after_the_period(session: Session, shop: Shop) -> None:
    _sale(session, shop, 11, T0)  # 9
    _sale(session, shop, 1, T0 + timedelta(hours=23))  # 8: still quiet
    assert len(_pushes(session)) == 2
    _sale(session, shop, 1, T0 + timedelta(hours=24))  # 7: reminder
    assert len(_pushes(session)) == 4
    [alert] = _alerts(session)
    assert alert.last_notified_at == T0 + timedelta(hours=24)


def test_out_back_to_low_updates_level_without_push(session: Session, shop: Shop) -> None:
    _sale(session, shop, 20, T0)  # 0: out
    record_movement(session, shop.rice, 3, MovementKind.RECEIPT, MovementSource.API, now=T0)
    session.commit()
    [alert] = _alerts(session)
    assert (alert.level, alert.state, alert.quantity) == (AlertLevel.LOW, AlertState.OPEN, 3)
    assert len(_pushes(session)) == 2


def test_csv_import_opens_alerts_too(session: Session, shop: Shop) -> None:
    rows = parse_products_csv(
        "sku,name,aliases,unit,quantity,threshold\nRIZ,Riz brisé 50kg,riz,sac,2,10\n"
        "SUCRE,Sucre 1kg,sucre,paquet,0,5\n"
    )
    apply_products(session, "dk1", rows, now=T0)
    session.commit()
    levels = {a.product_id: a.level for a in _alerts(session)}
    assert levels == {shop.rice.id: AlertLevel.LOW, shop.sugar.id: AlertLevel.OUT}
    assert len(_pushes(session)) == 4


def test_inactive_managers_and_other_stores_get_nothing(session: Session, shop: Shop) -> None:
    apply_products(
        session,
        "other",
        parse_products_csv("sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,1,10\n"),
    )
    session.commit()
    recipients = {p.recipient for p in _pushes(session)}
    assert recipients == set()  # no manager in store "other"
    _sale(session, shop, 19, T0)
    assert shop.gone.phone not in {p.recipient for p in _pushes(session)}


def test_a_whatsapp_sale_through_the_conversation_opens_an_alert(
    session: Session, shop: Shop, settings: Settings
) -> None:
    common = {"provider": "meta", "sender": shop.awa.phone, "timestamp": T0}
    sale = TextMessage(message_id="wamid.sale", body="vente riz 15", **common)
    asked = respond(session, shop.awa, sale, settings=settings, now=T0)
    session.commit()
    [question] = [m for m in asked if isinstance(m, Buttons)]
    yes = next(b.id for b in question.buttons if b.id.endswith(":yes"))
    tap = ButtonReply(message_id="wamid.yes", id=yes, **common)
    respond(session, shop.awa, tap, settings=settings, now=T0)
    session.commit()
    [movement] = session.exec(
        select(StockMovement).where(StockMovement.source == MovementSource.WHATSAPP)
    ).all()
    assert movement.delta == -15
    [alert] = _alerts(session)
    assert (alert.level, alert.quantity) == (AlertLevel.LOW, 5)
    assert {p.recipient for p in _pushes(session)} == {shop.awa.phone, shop.bob.phone}
