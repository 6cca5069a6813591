"""Taps on alert pushes: order once, later, stale, foreign, and the order's quantity question."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from sqlmodel import Session, col, select

from bot.conversation import respond
from bot.db.models import (
    Alert,
    Manager,
    MovementKind,
    MovementSource,
    OrderStatus,
    OutboundMessage,
    RestockOrder,
)
from bot.inbound.models import ButtonReply, TextMessage
from bot.managers import add_manager
from bot.outbound.messages import Buttons, OutgoingMessage, Text, from_payload
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from bot.stock import record_movement
from tests.bot.alerts.conftest import Shop

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
_ids = count(1)


def _open_rice_alert(session: Session, shop: Shop, settings: Settings) -> Alert:
    record_movement(
        session,
        shop.rice,
        -15,
        MovementKind.SALE,
        MovementSource.WHATSAPP,
        settings=settings,
        now=T0,
    )
    session.commit()
    return session.exec(select(Alert)).one()


def _send(
    session: Session,
    settings: Settings,
    manager: Manager,
    now: datetime,
    *,
    tap: str = "",
    body: str = "",
) -> list[str]:
    """What `manager` reads after tapping `tap` (or typing `body`); commits like the processor."""
    common = {"provider": "meta", "message_id": f"wamid.b{next(_ids)}", "sender": manager.phone}
    message = (
        ButtonReply(id=tap, title="", timestamp=now, **common)
        if tap
        else TextMessage(body=body, timestamp=now, **common)
    )
    replies = respond(session, manager, message, settings=settings, now=now)
    session.commit()
    return _texts(replies)


def _texts(replies: list[OutgoingMessage]) -> list[str]:
    assert all(isinstance(r, Text | Buttons) for r in replies)
    return [r.body for r in replies if isinstance(r, Text | Buttons)]


def _orders(session: Session) -> list[RestockOrder]:
    return list(session.exec(select(RestockOrder).order_by(RestockOrder.id)))  # type: ignore[arg-type]


def test_order_creates_a_confirmed_restock_order(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    now = T0 + timedelta(minutes=3)
    summary, question = _send(session, settings, shop.awa, now, tap=f"alert:v1:{alert.id}:order")
    [order] = _orders(session)
    assert (order.product_id, order.quantity, order.status, order.manager_id) == (
        shop.rice.id,
        30,
        OrderStatus.CONFIRMED,
        shop.awa.id,
    )
    assert order.decided_at == now
    assert summary == f"✅ Commande n°{order.id} confirmée : 30 sacs de Riz brisé 50kg (dk1)."
    assert question == f"Combien de sacs pour la commande n°{order.id} (Riz brisé 50kg) ?"


def test_the_next_number_changes_the_order_quantity(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    replies = _send(session, settings, shop.awa, T0 + timedelta(minutes=1), body="45")
    [order] = _orders(session)
    assert (order.quantity, order.status) == (45, OrderStatus.CONFIRMED)
    assert replies == [f"✅ Commande n°{order.id} : 45 sacs de Riz brisé 50kg."]


def test_cancel_after_the_tap_says_the_order_stays(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    replies = _send(session, settings, shop.awa, T0 + timedelta(minutes=1), body="ANNULER")
    [order] = _orders(session)
    assert (order.quantity, order.status) == (30, OrderStatus.CONFIRMED)
    assert replies == [f"D'accord, la commande n°{order.id} reste de 30 sacs de Riz brisé 50kg."]


def test_second_tap_by_anyone_orders_nothing_more(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    replies = _send(session, settings, shop.bob, T0, tap=f"alert:v1:{alert.id}:order")
    [order] = _orders(session)
    assert replies == [f"This request has already been handled: order #{order.id} (30 sac)."]


def test_an_order_only_proposed_in_a_conversation_does_not_block_the_alert(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    proposal = _send(session, settings, shop.awa, T0, body="commander riz 12")
    assert proposal[0].startswith("Commander 12 sacs de Riz brisé 50kg ?")
    _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    statuses = [(o.quantity, o.status) for o in _orders(session)]
    # The tap ordered; the proposal it replaced in the conversation was dropped.
    assert statuses == [(12, OrderStatus.CANCELLED), (30, OrderStatus.CONFIRMED)]


def test_a_question_replaced_by_the_tap_is_told_so_when_tapped_later(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    common = {"provider": "meta", "message_id": "wamid.sale", "sender": shop.awa.phone}
    sale = TextMessage(body="vente sucre 2", timestamp=T0, **common)
    [question] = respond(session, shop.awa, sale, settings=settings, now=T0)
    session.commit()
    assert isinstance(question, Buttons)
    _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")  # "Combien ?"
    replies = _send(session, settings, shop.awa, T0, tap=question.buttons[0].id)
    assert replies == [
        "Cette question a été remplacée par une autre, rien n'a été enregistré. "
        "Renvoyez « VENTE Sucre 1kg 2 »."
    ]
    session.refresh(shop.sugar)
    assert shop.sugar.quantity == 50


def test_later_acknowledges_and_keeps_the_order_possible(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    replies = _send(session, settings, shop.bob, T0, tap=f"alert:v1:{alert.id}:later")
    assert _orders(session) == []
    assert replies == ["OK. Riz brisé 50kg: 5 sac in stock. I will remind you."]
    _send(session, settings, shop.bob, T0, tap=f"alert:v1:{alert.id}:order")
    assert len(_orders(session)) == 1


@pytest.mark.parametrize(
    "button",
    [
        "alert:v1:999:order",
        "alert:v2:1:order",
        "alert:v1:1:maybe",
        "alert:v1:x:order",
        "alert:v1:٣:order",
        "alert:v1:99999999999999999999:order",  # beyond any id: no database error
    ],
)
def test_unknown_or_malformed_ids_are_stale(
    session: Session, shop: Shop, settings: Settings, button: str
) -> None:
    _open_rice_alert(session, shop, settings)
    replies = _send(session, settings, shop.awa, T0, tap=button)
    assert replies == ["Cette demande a déjà été traitée."]
    assert _orders(session) == []


def test_resolved_alert_is_stale(session: Session, shop: Shop, settings: Settings) -> None:
    alert = _open_rice_alert(session, shop, settings)
    record_movement(
        session, shop.rice, 50, MovementKind.RECEIPT, MovementSource.API, settings=settings, now=T0
    )
    session.commit()
    replies = _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    assert replies == ["Cette demande a déjà été traitée."]
    assert _orders(session) == []


def test_manager_of_another_store_cannot_act(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    apply_products(
        session,
        "other",
        parse_products_csv("sku,name,aliases,unit,quantity,threshold\n"),
        settings=settings,
    )
    stranger = add_manager(session, "+221775550000", "other")
    session.commit()
    for manager in (stranger, shop.gone):
        replies = _send(session, settings, manager, T0, tap=f"alert:v1:{alert.id}:order")
        assert replies == ["Cette demande a déjà été traitée."]
    assert _orders(session) == []


def test_a_tap_for_another_store_of_the_manager_says_it_switched(
    session: Session, shop: Shop, settings: Settings
) -> None:
    apply_products(
        session,
        "dk2",
        parse_products_csv("sku,name,aliases,unit,quantity,threshold\nGAZ,Gaz,gaz,bouteille,9,5\n"),
        settings=settings,
    )
    add_manager(session, shop.awa.phone, "dk2")
    session.commit()
    alert = _open_rice_alert(session, shop, settings)
    _send(session, settings, shop.awa, T0, body="magasin dk2")  # Awa works in dk2
    replies = _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    assert replies[1] == "Magasin dk1 (dk1) choisi."  # the rice alert is of dk1
    assert replies[2].startswith("Combien de sacs pour la commande")


def test_out_of_stock_after_an_order_says_it_is_on_its_way_without_asking_again(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)  # 5: low, pushed
    _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    [order] = _orders(session)
    record_movement(
        session, shop.rice, -5, MovementKind.SALE, MovementSource.API, settings=settings, now=T0
    )
    session.commit()
    escalation = session.exec(
        select(OutboundMessage)
        .where(OutboundMessage.alert_id == alert.id, OutboundMessage.recipient == shop.awa.phone)
        .order_by(col(OutboundMessage.id).desc())
    ).first()
    assert escalation is not None
    pushed = from_payload(escalation.kind, escalation.payload)
    assert isinstance(pushed, Text)  # no [Commander]: it would only say "déjà traitée"
    assert pushed.body == (
        "🚨 Rupture de stock : Riz brisé 50kg (dk1)\nStock épuisé (seuil 10).\n"
        f"Commande n°{order.id} en cours (30 sacs)."
    )
