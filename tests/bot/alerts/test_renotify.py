"""Open alerts are reminded after the re-notification period, even with no movement: only what
still needs ordering, one message per manager, in the daytime, unless the digest reminds."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, select

from bot.alerts import loop, renotify
from bot.alerts.renotify import renotify_all, renotify_due, run_renotify
from bot.app import AppContext
from bot.db.models import (
    Alert,
    Manager,
    MovementKind,
    MovementSource,
    OrderStatus,
    OutboundMessage,
    Product,
    RestockOrder,
)
from bot.demo import DEMO_MANAGER_PHONE, create_demo
from bot.managers import add_manager, find_manager
from bot.orders import place_order
from bot.outbound.messages import Buttons, Text, from_payload
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from bot.stock import record_movement
from tests.bot.alerts.conftest import Shop
from tests.conftest import make_settings

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
DAY = timedelta(hours=24)


def _pushes(session: Session) -> list[OutboundMessage]:
    query = select(OutboundMessage).where(col(OutboundMessage.alert_id).is_not(None))
    return list(session.exec(query.order_by(col(OutboundMessage.id))))


def _sell_out(session: Session, shop: Shop, settings: Settings) -> None:
    record_movement(
        session, shop.rice, -20, MovementKind.SALE, MovementSource.API, settings=settings, now=T0
    )
    session.commit()


def test_an_out_of_stock_alert_is_pushed_again_once_per_period(
    session: Session, shop: Shop, settings: Settings
) -> None:
    _sell_out(session, shop, settings)  # 0: out, pushed to Awa and Bob; nothing sells any more
    assert renotify_due(session, settings, now=T0 + DAY - timedelta(minutes=1)) == 0
    assert len(_pushes(session)) == 2
    assert renotify_due(session, settings, now=T0 + DAY) == 1
    session.commit()
    pushes = _pushes(session)
    assert len(pushes) == 4
    assert {p.recipient for p in pushes[2:]} == {shop.awa.phone, shop.bob.phone}
    [alert] = session.exec(select(Alert)).all()
    assert alert.last_notified_at == T0 + DAY
    assert renotify_due(session, settings, now=T0 + DAY + timedelta(hours=1)) == 0  # not again
    assert renotify_due(session, settings, now=T0 + 2 * DAY) == 1


def test_a_resolved_alert_is_not_reminded(session: Session, shop: Shop, settings: Settings) -> None:
    _sell_out(session, shop, settings)
    record_movement(
        session, shop.rice, 50, MovementKind.RECEIPT, MovementSource.API, settings=settings, now=T0
    )
    session.commit()
    assert renotify_due(session, settings, now=T0 + 2 * DAY) == 0
    assert len(_pushes(session)) == 2


def test_the_period_is_the_setting(session: Session, shop: Shop, database_url: str) -> None:
    hourly = make_settings(database_url, alert_renotify_hours=1)
    _sell_out(session, shop, hourly)
    assert renotify_due(session, hourly, now=T0 + timedelta(hours=1)) == 1


def test_the_sweep_goes_through_every_batch(
    engine: Engine,
    session: Session,
    shop: Shop,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(renotify, "BATCH", 1)
    _sell_out(session, shop, settings)
    record_movement(
        session, shop.sugar, -50, MovementKind.SALE, MovementSource.API, settings=settings, now=T0
    )
    session.commit()
    assert renotify_all(engine, settings, now=T0 + DAY) == 2
    assert renotify_all(engine, settings, now=T0 + DAY) == 0


def test_the_background_loop_sweeps_and_wakes_the_outbox(
    engine: Engine,
    session: Session,
    shop: Shop,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _sell_out(session, shop, settings)
    monkeypatch.setattr(loop, "utcnow", lambda: T0 + DAY)

    async def one_pass() -> AppContext:
        ctx = AppContext(settings=settings, engine=engine)
        task = asyncio.create_task(run_renotify(ctx))
        await asyncio.wait_for(ctx.wake_outbox.wait(), 10)
        task.cancel()
        return ctx

    asyncio.run(one_pass())
    session.expire_all()
    assert len(_pushes(session)) == 4


def _order(session: Session, shop: Shop, *, at: datetime, status: str = "confirmed") -> None:
    order = RestockOrder(
        product_id=shop.rice.id, quantity=30, status=status, manager_id=shop.awa.id, created_at=at
    )
    session.add(order)
    session.commit()


def test_an_alert_being_ordered_is_not_reminded(
    session: Session, shop: Shop, settings: Settings
) -> None:
    _order(session, shop, at=T0 - timedelta(hours=1))  # before the alert: does not deal with it
    _sell_out(session, shop, settings)
    _order(session, shop, at=T0 + timedelta(minutes=5), status=OrderStatus.CANCELLED)
    assert renotify_due(session, settings, now=T0 + DAY) == 1
    _order(session, shop, at=T0 + DAY + timedelta(minutes=5))  # Awa tapped [Commander]
    # Never "Commander 30 sacs ? [Commander]" for what is on its way (the tap would refuse).
    assert renotify_due(session, settings, now=T0 + 2 * DAY) == 0
    assert len(_pushes(session)) == 4


def _texts_since(session: Session, last_id: int) -> dict[str, list[str]]:
    rows = session.exec(
        select(OutboundMessage)
        .where(col(OutboundMessage.id) > last_id)
        .order_by(col(OutboundMessage.id))
    )
    sent: dict[str, list[str]] = {}
    for row in rows:
        message = from_payload(row.kind, row.payload)
        assert isinstance(message, Text | Buttons)
        sent.setdefault(row.recipient, []).append(message.body)
    return sent


def _last_id(session: Session) -> int:
    return session.exec(select(func.max(col(OutboundMessage.id)))).one() or 0


def test_one_reminder_per_manager_for_all_their_alerts(
    session: Session, shop: Shop, settings: Settings
) -> None:
    _sell_out(session, shop, settings)
    record_movement(
        session, shop.sugar, -48, MovementKind.SALE, MovementSource.API, settings=settings, now=T0
    )
    apply_products(
        session,
        "dk2",
        parse_products_csv("sku,name,aliases,unit,quantity,threshold\nGAZ,Gaz,,bouteille,1,3\n"),
        settings=settings,
        now=T0,
    )
    cheikh = add_manager(session, "+221775550000", "dk2", name="Cheikh")
    session.commit()
    before = _last_id(session)
    assert renotify_due(session, settings, now=T0 + DAY) == 3
    session.commit()
    sent = _texts_since(session, before)
    assert sent[shop.awa.phone] == [
        "📋 Stock à surveiller (26/11)\n\n"
        "Rupture (1)\n• Riz brisé 50kg : 0 sac (seuil 10)\n"
        "Stock bas (1)\n• Sucre 1kg : 2 paquets (seuil 5)\n\n"
        "Répondez OUI pour les commander, ou PLUS TARD."
    ]
    assert len(sent[shop.bob.phone]) == 1
    # Cheikh has one alert due: its own push, with its buttons.
    assert sent[cheikh.phone] == [
        "⚠️ Stock bas : Gaz (dk2)\nIl reste 1 bouteille (seuil 3).\nCommander 3 bouteilles ?"
    ]
    assert set(sent) == {shop.awa.phone, shop.bob.phone, cheikh.phone}


@pytest.mark.parametrize(
    ("hour", "digest_time"),
    [(7, "off"), (20, "off"), (23, "off"), (9, "08:00")],
)
def test_no_reminder_at_night_nor_when_the_daily_digest_reminds(
    session: Session, shop: Shop, database_url: str, hour: int, digest_time: str
) -> None:
    settings = make_settings(database_url, digest_time=digest_time)
    _sell_out(session, shop, settings)
    later = (T0 + 2 * DAY).replace(hour=hour)  # Dakar is UTC+0; due since T0 + DAY
    assert renotify_due(session, settings, now=later) == 0
    assert len(_pushes(session)) == 2


def test_an_alert_nobody_could_be_told_of_is_told_once_a_manager_joins(
    session: Session, settings: Settings
) -> None:
    """The demo imports its products before it adds its manager: its alerts wait for him."""
    create_demo(session, settings=settings)
    session.commit()
    alerts = session.exec(select(Alert)).all()
    assert len(alerts) == 5
    assert all(a.last_notified_at is None for a in alerts)  # not "notified" to nobody
    awa = find_manager(session, DEMO_MANAGER_PHONE)
    assert awa is not None
    before = _last_id(session)
    assert renotify_due(session, settings, now=T0) == 5
    session.commit()
    [listing] = _texts_since(session, before)[awa.phone]
    assert listing.count("\n• ") == 5
    assert renotify_due(session, settings, now=T0 + timedelta(hours=1)) == 0


def _pause_sweeps(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Make the next sweep wait, holding its products' locks, until `release` is set."""
    locked, release = threading.Event(), threading.Event()
    real = renotify.queue_pushes

    def paused(*args: Any, **kwargs: Any) -> int:
        monkeypatch.setattr(renotify, "queue_pushes", real)  # only the first sweep waits
        locked.set()
        assert release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(renotify, "queue_pushes", paused)
    return locked, release


@pytest.mark.postgres_only
def test_two_sweeps_at_once_remind_once(
    engine: Engine,
    session: Session,
    shop: Shop,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _sell_out(session, shop, settings)
    locked, release = _pause_sweeps(monkeypatch)
    first: list[int] = []
    sweep = threading.Thread(
        target=lambda: first.append(renotify_all(engine, settings, now=T0 + DAY))
    )
    sweep.start()
    try:
        assert locked.wait(10)
        # The first sweep holds the product: the second one skips it at once.
        assert renotify_all(engine, settings, now=T0 + DAY) == 0
    finally:
        release.set()
        sweep.join()
    assert first == [1]
    session.expire_all()
    assert len(_pushes(session)) == 4


@pytest.mark.postgres_only
def test_a_tap_ordering_while_a_sweep_holds_the_product_does_not_wait(
    engine: Engine,
    session: Session,
    shop: Shop,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ordering from an alert locks the alert then inserts an order (a key-share lock on the
    product); the sweep locks the product then updates the alert. A sweep lock that blocked
    key-share locks would deadlock the two."""
    _sell_out(session, shop, settings)
    [alert] = session.exec(select(Alert)).all()
    locked, release = _pause_sweeps(monkeypatch)
    sweep = threading.Thread(target=lambda: renotify_all(engine, settings, now=T0 + DAY))
    sweep.start()
    try:
        assert locked.wait(10)
        with Session(engine) as tapping:
            tapping.execute(text("SET LOCAL lock_timeout = '3s'"))
            manager = tapping.get(Manager, shop.awa.id)
            product = tapping.get(Product, alert.product_id)
            assert manager is not None and product is not None
            placed = place_order(
                tapping,
                product,
                product.reorder_quantity,
                source=MovementSource.WHATSAPP,
                now=T0 + DAY,
                manager=manager,
                alert_id=alert.id,
            )
            ordered = (placed.facts.order.id, placed.already)
            tapping.commit()
        assert ordered[0] is not None and not ordered[1]
    finally:
        release.set()
        sweep.join()
