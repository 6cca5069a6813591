"""Alerts follow every stock movement, whatever its source, without storms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from bot.alerts.renotify import renotify_due
from bot.conversation import respond
from bot.db.models import (
    Alert,
    AlertLevel,
    AlertState,
    MovementKind,
    MovementSource,
    OrderStatus,
    OutboundMessage,
    Product,
    RestockOrder,
    StockMovement,
)
from bot.inbound.models import ButtonReply, TextMessage
from bot.operations.templates import save_template
from bot.outbound.messages import Buttons, Template, Text, from_payload
from bot.outbound.outbox import ALERTS_KEY, FALLBACK_KEY
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from bot.stock import record_movement
from tests.bot.alerts.conftest import Shop
from tests.conftest import make_settings

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


SETTINGS = make_settings("sqlite://")  # only the alert settings are read


def _move(session: Session, shop: Shop, delta: int, at: datetime) -> None:
    kind = MovementKind.SALE if delta < 0 else MovementKind.RECEIPT
    record_movement(session, shop.rice, delta, kind, MovementSource.API, settings=SETTINGS, now=at)
    session.commit()


def _sale(session: Session, shop: Shop, quantity: int, at: datetime) -> None:
    _move(session, shop, -quantity, at)


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


def test_a_movement_leaves_the_product_as_stored_even_when_another_session_changed_it(
    session: Session, shop: Shop
) -> None:
    """The product after a movement is its row as the update left it (no SELECT of its own):
    a threshold another session raised since it was read is what the alert check sees."""
    rice = shop.rice
    assert (rice.quantity, rice.threshold) == (20, 10)
    with Session(session.get_bind()) as admin:
        stored = admin.get(Product, rice.id)
        assert stored is not None
        stored.threshold = 18
        stored.name = "Riz parfumé 50kg"
        admin.add(stored)
        admin.commit()
    record_movement(
        session, rice, -5, MovementKind.SALE, MovementSource.API, settings=SETTINGS, now=T0
    )
    assert (rice.quantity, rice.threshold, rice.name, rice.updated_at) == (
        15,
        18,
        "Riz parfumé 50kg",
        T0,
    )
    assert not session.dirty  # as loaded: nothing left to write back
    session.commit()
    [alert] = _alerts(session)  # 15 <= 18: low, by the threshold the other session set
    assert (alert.level, alert.quantity) == (AlertLevel.LOW, 15)
    with Session(session.get_bind()) as other:
        again = other.get(Product, rice.id)
        assert again is not None
        assert (again.quantity, again.threshold, again.updated_at) == (15, 18, T0)


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
    assert french.body == (
        "⚠️ Stock bas : Riz brisé 50kg (dk1)\nIl reste 7 sacs (seuil 10).\nCommander 30 sacs ?"
    )
    assert [(b.id, b.title) for b in french.buttons] == [
        (f"alert:v1:{alert.id}:order", "Commander"),
        (f"alert:v1:{alert.id}:later", "Plus tard"),
    ]
    fallback = from_payload("template", pushes[0].payload[FALLBACK_KEY])
    assert isinstance(fallback, Template)
    assert (fallback.name, fallback.language) == ("alerte_rupture_stock", "fr")
    assert fallback.body_params == ("1", "Riz brisé 50kg : 7 sacs (seuil 10, stock bas)")
    assert fallback.button_payloads == tuple(b.id for b in french.buttons)
    english = by_phone[shop.bob.phone]
    assert isinstance(english, Buttons)
    assert english.body == (
        "⚠️ Low stock: Riz brisé 50kg (dk1)\n7 bags left (threshold 10).\nOrder 30 bags?"
    )
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
    _move(session, shop, 20, T0)  # 25: resolved
    [first] = _alerts(session)
    assert (first.state, first.resolved_at) == (AlertState.RESOLVED, T0)
    _sale(session, shop, 20, T0 + timedelta(hours=1))  # 5: a new alert
    alerts = _alerts(session)
    assert [a.state for a in alerts] == [AlertState.RESOLVED, AlertState.OPEN]
    assert {p.alert_id for p in _pushes(session)} == {alerts[0].id, alerts[1].id}


def test_a_movement_after_the_period_reminds(session: Session, shop: Shop) -> None:
    """Issue 8: movements do not re-alert while the alert is open, except after the
    re-notification period (default 24 h)."""
    _sale(session, shop, 11, T0)  # 9
    _sale(session, shop, 1, T0 + timedelta(hours=23))  # 8: quiet
    assert len(_pushes(session)) == 2  # two managers, told once
    _sale(session, shop, 1, T0 + timedelta(hours=25))  # 7: told again
    assert len(_pushes(session)) == 4
    [alert] = _alerts(session)
    assert (alert.last_notified_at, alert.quantity) == (T0 + timedelta(hours=25), 7)
    _sale(session, shop, 1, T0 + timedelta(hours=26))  # 6: quiet, the period starts again
    assert len(_pushes(session)) == 4


def test_a_movement_after_the_period_does_not_remind_of_a_product_on_order(
    session: Session, shop: Shop
) -> None:
    _sale(session, shop, 11, T0)  # 9: told
    order = RestockOrder(
        product_id=shop.rice.id,
        quantity=30,
        status=OrderStatus.CONFIRMED,
        manager_id=shop.awa.id,
        created_at=T0 + timedelta(minutes=5),
    )
    session.add(order)
    session.commit()
    _sale(session, shop, 1, T0 + timedelta(hours=25))  # 8: the order is on its way, quiet
    assert len(_pushes(session)) == 2


def test_out_back_to_low_updates_level_without_push(session: Session, shop: Shop) -> None:
    _sale(session, shop, 20, T0)  # 0: out
    _move(session, shop, 3, T0)
    [alert] = _alerts(session)
    # The level follows the stock; `quantity` stays what the managers were told.
    assert (alert.level, alert.state, alert.quantity) == (AlertLevel.LOW, AlertState.OPEN, 0)
    assert len(_pushes(session)) == 2


def test_stock_going_around_zero_escalates_once(session: Session, shop: Shop) -> None:
    _sale(session, shop, 15, T0)  # 5: low, pushed
    _sale(session, shop, 5, T0 + timedelta(minutes=1))  # 0: out, pushed stronger
    for minute in range(2, 8):  # 1, 0, 1, 0, 1, 0: nothing new to tell
        _move(session, shop, 1 if minute % 2 == 0 else -1, T0 + timedelta(minutes=minute))
    assert len(_pushes(session)) == 4  # two managers, two messages each
    [alert] = _alerts(session)
    assert (alert.level, alert.quantity) == (AlertLevel.OUT, 0)


def test_a_drop_to_zero_after_an_out_alert_back_to_low_and_reminded_escalates(
    session: Session, shop: Shop
) -> None:
    _sale(session, shop, 20, T0)  # 0: out
    _move(session, shop, 3, T0 + timedelta(minutes=1))  # 3: low, quiet
    assert renotify_due(session, SETTINGS, now=T0 + timedelta(hours=24)) == 1  # told 3 (low)
    session.commit()
    _sale(session, shop, 3, T0 + timedelta(hours=25))  # 0: they were last told low
    assert len(_pushes(session)) == 6


def test_csv_import_opens_alerts_too(session: Session, shop: Shop) -> None:
    rows = parse_products_csv(
        "sku,name,aliases,unit,quantity,threshold\nRIZ,Riz brisé 50kg,riz,sac,2,10\n"
        "SUCRE,Sucre 1kg,sucre,paquet,0,5\n"
    )
    apply_products(session, "dk1", rows, settings=SETTINGS, now=T0)
    session.commit()
    alerts = _alerts(session)
    levels = {a.product_id: a.level for a in alerts}
    assert levels == {shop.rice.id: AlertLevel.LOW, shop.sugar.id: AlertLevel.OUT}
    assert all(a.last_notified_at == T0 for a in alerts)
    # Not one push per alert and manager: one message per manager listing them, as the digest.
    queued = session.exec(select(OutboundMessage).order_by(col(OutboundMessage.id))).all()
    assert sorted(m.recipient for m in queued) == sorted([shop.awa.phone, shop.bob.phone])
    french = from_payload(
        *next((m.kind, m.payload) for m in queued if m.recipient == shop.awa.phone)
    )
    assert isinstance(french, Text)
    assert french.body == (
        "📋 Stock à surveiller (25/11)\n\n"
        "Rupture (1)\n• Sucre 1kg : 0 paquet (seuil 5)\n"
        "Stock bas (1)\n• Riz brisé 50kg : 2 sacs (seuil 10)\n\n"
        "Répondez OUI pour les commander, ou PLUS TARD."
    )
    # The message lists its alerts, so their sent_whatsapp flag follows its delivery.
    assert all(sorted(m.payload[ALERTS_KEY]) == sorted(a.id for a in alerts) for m in queued)


def test_an_import_that_opens_one_alert_pushes_it_with_its_buttons(
    session: Session, shop: Shop
) -> None:
    rows = parse_products_csv("sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,2,10\n")
    apply_products(session, "dk1", rows, settings=SETTINGS, now=T0)
    session.commit()
    pushes = _pushes(session)
    assert sorted(p.recipient for p in pushes) == sorted([shop.awa.phone, shop.bob.phone])
    assert all(isinstance(from_payload(p.kind, p.payload), Buttons) for p in pushes)


def test_inactive_managers_and_other_stores_get_nothing(session: Session, shop: Shop) -> None:
    apply_products(
        session,
        "other",
        parse_products_csv("sku,name,aliases,unit,quantity,threshold\nRIZ,Riz,riz,sac,1,10\n"),
        settings=SETTINGS,
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


def test_the_settings_given_are_the_ones_the_push_uses(session: Session, shop: Shop) -> None:
    custom = make_settings("sqlite://", alert_template_name="custom_tpl")
    record_movement(
        session, shop.rice, -15, MovementKind.SALE, MovementSource.API, settings=custom, now=T0
    )
    session.commit()
    fallback = from_payload("template", _pushes(session)[0].payload[FALLBACK_KEY])
    assert isinstance(fallback, Template)
    assert fallback.name == "custom_tpl"


def test_an_import_alerts_on_a_new_product_at_zero_and_a_raised_threshold(
    session: Session, shop: Shop
) -> None:
    # Neither is a stock movement: a new product created at 0, a threshold raised above the stock.
    rows = parse_products_csv(
        "sku,name,aliases,unit,quantity,threshold\nLAIT,Lait,lait,boîte,0,5\n"
        "SUCRE,Sucre 1kg,sucre,paquet,50,60\n"
    )
    apply_products(session, "dk1", rows, settings=SETTINGS, now=T0)
    session.commit()
    assert session.exec(select(StockMovement).where(StockMovement.delta == 0)).all() == []
    levels = {a.product_id: a.level for a in _alerts(session)}
    lait = session.exec(select(Product).where(Product.sku == "LAIT")).one()
    assert levels == {lait.id: AlertLevel.OUT, shop.sugar.id: AlertLevel.LOW}
    assert len(session.exec(select(OutboundMessage)).all()) == 2  # one message per manager


def _fallback_languages(session: Session) -> dict[str, str]:
    languages = {}
    for row in _pushes(session):
        fallback = from_payload("template", row.payload[FALLBACK_KEY])
        assert isinstance(fallback, Template)
        languages[row.recipient] = fallback.language
    return languages


def test_the_template_fallback_is_in_the_managers_language_once_meta_approved_it(
    session: Session, shop: Shop, settings: Settings
) -> None:
    # Only the configured (French) template is known: everybody's fallback is French.
    _sale(session, shop, 15, T0)
    assert _fallback_languages(session) == {shop.awa.phone: "fr", shop.bob.phone: "fr"}
    # Approved in English (as `stockbot templates` lists it): Bob's fallback is English.
    save_template(session, settings.alert_template_name, "en_US", now=T0, status="APPROVED")
    save_template(session, settings.alert_template_name, "en", now=T0, status="PAUSED")
    session.commit()
    _move(session, shop, 20, T0 + timedelta(minutes=1))
    for row in _pushes(session):
        session.delete(row)
    session.commit()
    _sale(session, shop, 15, T0 + timedelta(minutes=2))
    assert _fallback_languages(session) == {shop.awa.phone: "fr", shop.bob.phone: "en_US"}
