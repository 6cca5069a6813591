"""An open alert is pushed again after the re-notification period even with no movement."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.alerts import loop, renotify
from bot.alerts.renotify import renotify_all, renotify_due, run_renotify
from bot.app import AppContext
from bot.db.models import Alert, MovementKind, MovementSource, OutboundMessage
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


@pytest.mark.postgres_only
def test_two_sweeps_at_once_remind_once(
    engine: Engine, session: Session, shop: Shop, settings: Settings
) -> None:
    _sell_out(session, shop, settings)
    barrier = threading.Barrier(2)
    pushed: list[int] = []

    def sweep() -> None:
        barrier.wait()
        pushed.append(renotify_all(engine, settings, now=T0 + DAY))

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(pushed) == [0, 1]
    session.expire_all()
    assert len(_pushes(session)) == 4
