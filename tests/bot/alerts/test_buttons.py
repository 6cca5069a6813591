"""Answers to alert pushes, tapped or typed: one order question, ordered once whoever answers
first, later, stale and foreign taps (issue 12 §2)."""

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


def _placed(session: Session) -> list[tuple[int, str, int | None]]:
    return [(o.quantity, o.status, o.manager_id) for o in _orders(session)]


def test_order_asks_one_question_then_places_one_confirmed_order(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    now = T0 + timedelta(minutes=3)
    [question] = _send(session, settings, shop.awa, now, tap=f"alert:v1:{alert.id}:order")
    assert question == "Commander 30 sacs de Riz brisé 50kg ?"
    assert _orders(session) == []  # nothing before the answer
    [done] = _send(session, settings, shop.awa, now, body="oui")
    [order] = _orders(session)
    assert (order.product_id, order.quantity, order.status, order.manager_id) == (
        shop.rice.id,
        30,
        OrderStatus.CONFIRMED,
        shop.awa.id,
    )
    assert order.decided_at == now
    assert done == f"✅ Commande n°{order.id} confirmée : 30 sacs de Riz brisé 50kg."
    # A second yes or tap orders nothing more.
    _send(session, settings, shop.awa, now, body="oui")
    _send(session, settings, shop.awa, now, tap=f"alert:v1:{alert.id}:order")
    assert len(_orders(session)) == 1


@pytest.mark.parametrize(
    ("typed", "quantity"),
    [("45", 45), ("non 45", 45), ("plutôt 45", 45), ("commande 45 seulement", 45)],
)
def test_a_number_typed_to_the_order_question_orders_that_quantity(
    session: Session, shop: Shop, settings: Settings, typed: str, quantity: int
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    [done] = _send(session, settings, shop.awa, T0 + timedelta(minutes=1), body=typed)
    [order] = _orders(session)
    assert (order.quantity, order.status) == (quantity, OrderStatus.CONFIRMED)
    assert done == f"✅ Commande n°{order.id} confirmée : {quantity} sacs de Riz brisé 50kg."


def test_other_quantity_asks_then_orders(session: Session, shop: Shop, settings: Settings) -> None:
    alert = _open_rice_alert(session, shop, settings)
    _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    [asked] = _send(session, settings, shop.awa, T0, body="autre quantité")
    assert asked == "Riz brisé 50kg : combien de sacs ?"
    _send(session, settings, shop.awa, T0, body="25")
    _send(session, settings, shop.awa, T0, body="oui")
    assert _placed(session) == [(25, OrderStatus.CONFIRMED, shop.awa.id)]


@pytest.mark.parametrize(
    ("manager", "typed"),
    [
        ("awa", "oui"),
        ("awa", "ok"),
        ("awa", "waaw"),
        ("awa", "commande"),
        ("awa", "commande stp"),
        ("awa", "Commander"),
        ("bob", "yes"),
        ("bob", "order"),
    ],
)
def test_a_typed_yes_to_the_push_answers_it(
    session: Session, shop: Shop, settings: Settings, manager: str, typed: str
) -> None:
    _open_rice_alert(session, shop, settings)
    who = getattr(shop, manager)
    [question] = _send(session, settings, who, T0 + timedelta(minutes=2), body=typed)
    assert question in ("Commander 30 sacs de Riz brisé 50kg ?", "Order 30 bags of Riz brisé 50kg?")
    [done] = _send(
        session, settings, who, T0 + timedelta(minutes=2), body="oui" if manager == "awa" else "yes"
    )
    assert _placed(session) == [(30, OrderStatus.CONFIRMED, who.id)]
    assert "30" in done


@pytest.mark.parametrize(
    ("typed", "quantity"), [("oui commande 50", 50), ("commande 20 seulement", 20)]
)
def test_a_quantity_typed_to_the_push_orders_it_at_once(
    session: Session, shop: Shop, settings: Settings, typed: str, quantity: int
) -> None:
    _open_rice_alert(session, shop, settings)
    [done] = _send(session, settings, shop.awa, T0, body=typed)
    assert _placed(session) == [(quantity, OrderStatus.CONFIRMED, shop.awa.id)]
    assert done.startswith("✅ Commande n°")


@pytest.mark.parametrize("typed", ["non 12", "non c'est 12", "no, 12", "deedeet, 12"])
def test_a_no_with_another_quantity_offers_that_quantity_instead(
    session: Session, shop: Shop, settings: Settings, typed: str
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    [question] = _send(session, settings, shop.awa, T0, body=typed)
    assert question == "Commander 12 sacs de Riz brisé 50kg ?"
    assert _orders(session) == []  # asked, not placed: the number was not the one offered
    session.refresh(alert)
    assert alert.answer is None
    _send(session, settings, shop.awa, T0, body="oui")
    assert _placed(session) == [(12, OrderStatus.CONFIRMED, shop.awa.id)]


@pytest.mark.parametrize("typed", ["non", "plus tard", "pas maintenant", "deedeet", "Plus tard"])
def test_a_typed_no_to_the_push_is_later(
    session: Session, shop: Shop, settings: Settings, typed: str
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    [ack] = _send(session, settings, shop.awa, T0, body=typed)
    assert ack == "D'accord. Riz brisé 50kg : 5 sacs en stock. Je vous le rappellerai."
    assert _orders(session) == []
    session.refresh(alert)
    assert (alert.answer, alert.answered_by_id) == ("later", shop.awa.id)


def test_the_push_still_waits_after_a_look_at_the_stock_and_asks_before_ordering(
    session: Session, shop: Shop, settings: Settings
) -> None:
    """`stock sucre` between the push and `oui`: the alert is still open, so `oui` answers it,
    but with a question of its own (the answer may have been meant for something else)."""
    _open_rice_alert(session, shop, settings)
    _send(session, settings, shop.awa, T0, body="stock sucre")
    [reply] = _send(session, settings, shop.awa, T0, body="oui")
    assert reply.startswith("Commander 30 sacs de Riz"), reply
    assert _orders(session) == []


def test_the_first_answer_decides_and_the_others_are_told_who(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    at = T0.replace(hour=10, minute=42)
    _send(session, settings, shop.awa, at, body="oui")
    _send(session, settings, shop.bob, at, tap=f"alert:v1:{alert.id}:order")  # Bob asked too
    _send(session, settings, shop.awa, at, body="oui")  # Awa orders first
    [order] = _orders(session)
    [told] = _send(session, settings, shop.bob, at, body="yes")
    assert told == (
        f"Already ordered by Awa at 10:42: order #{order.id} (30 bags of Riz brisé 50kg)."
    )
    [again] = _send(session, settings, shop.bob, at, tap=f"alert:v1:{alert.id}:order")
    assert again.startswith("Already ordered by Awa at 10:42")
    assert len(_orders(session)) == 1


def test_a_question_replaced_by_the_order_question_is_told_so(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    common = {"provider": "meta", "message_id": "wamid.sale", "sender": shop.awa.phone}
    sale = TextMessage(body="vente sucre 2", timestamp=T0, **common)
    [question] = respond(session, shop.awa, sale, settings=settings, now=T0)
    session.commit()
    assert isinstance(question, Buttons)
    replies = _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    assert replies[0] == "La vente de 2 paquets de Sucre 1kg est annulée (rien n'est enregistré)."
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
    assert replies == ["OK. Riz brisé 50kg: 5 bags in stock. I will remind you."]
    _send(session, settings, shop.bob, T0, tap=f"alert:v1:{alert.id}:order")
    _send(session, settings, shop.bob, T0, body="yes")
    assert len(_orders(session)) == 1


def test_who_said_later_first_is_told_to_the_one_ordering(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)
    _send(session, settings, shop.bob, T0.replace(minute=5), tap=f"alert:v1:{alert.id}:later")
    told, question = _send(session, settings, shop.awa, T0.replace(minute=20), body="oui")
    assert told == "Bob a répondu « plus tard » à 09:05."
    assert question.startswith("Commander 30 sacs de Riz brisé 50kg ?")
    _send(session, settings, shop.awa, T0.replace(minute=20), body="oui")
    assert _placed(session) == [(30, OrderStatus.CONFIRMED, shop.awa.id)]


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
    assert replies == ["Magasin dk1 (dk1) choisi.", "Commander 30 sacs de Riz brisé 50kg ?"]


def test_out_of_stock_after_an_order_says_it_is_on_its_way_without_asking_again(
    session: Session, shop: Shop, settings: Settings
) -> None:
    alert = _open_rice_alert(session, shop, settings)  # 5: low, pushed
    _send(session, settings, shop.awa, T0, tap=f"alert:v1:{alert.id}:order")
    _send(session, settings, shop.awa, T0, body="oui")
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


def test_an_order_placed_before_the_alert_is_told_in_its_push(
    session: Session, shop: Shop, settings: Settings
) -> None:
    """Ordered while the stock was still high, then sold below the threshold: the push asked
    « Commander 30 sacs ? » with no word of the 20 on their way (a second order unawares). It
    still asks (that order does not deal with the alert), and says what is on its way."""
    before = T0 - timedelta(hours=3)
    _send(session, settings, shop.awa, before, body="commander riz 20")
    _send(session, settings, shop.awa, before, body="oui")
    [order] = _orders(session)
    _open_rice_alert(session, shop, settings)
    push = session.exec(
        select(OutboundMessage)
        .where(col(OutboundMessage.alert_id).is_not(None))
        .where(OutboundMessage.recipient == shop.awa.phone)
    ).one()
    pushed = from_payload(push.kind, push.payload)
    assert isinstance(pushed, Buttons), pushed
    assert f"Déjà en cours : commande n°{order.id} (20 sacs).\nCommander 30 sacs ?" in pushed.body
