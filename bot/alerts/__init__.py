"""Low-stock alerts: opened by any stock movement, pushed to the store's managers."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlmodel import Session, col, select

from bot.alerts.levels import AlertAction, OpenAlert, decide
from bot.alerts.orders import order_since
from bot.alerts.push import queue_pushes
from bot.db.models import Alert, AlertLevel, AlertState, Product
from bot.reports import paces
from bot.settings import Settings

# session.info key: while set, pushes wait for the end of `pushes_after` (alert id -> product).
_DEFERRED = "stockbot.deferred_alert_pushes"
_OPENED = "stockbot.alerts_opened_in_bulk"


def open_alert(session: Session, product_id: int) -> Alert | None:
    """The product's open alert, if any (there is at most one)."""
    return session.exec(
        select(Alert).where(Alert.product_id == product_id, Alert.state == AlertState.OPEN)
    ).first()


def check_stock_level(
    session: Session, product: Product, *, now: datetime, settings: Settings
) -> None:
    """Open, escalate or resolve the product's alert after its quantity or threshold changed,
    and queue what the managers are to be told, in the same transaction.

    Called by `bot.stock.record_movement` in the movement's transaction (whose conditional
    UPDATE holds the product's row, so two movements of one product never decide at once).
    """
    assert product.id is not None
    alert = open_alert(session, product.id)
    # After the re-notification period a movement reminds, unless an order is on its way.
    remind_before = None
    if alert is not None and order_since(session, alert) is None:
        remind_before = now - timedelta(hours=settings.alert_renotify_hours)
    decision = decide(
        OpenAlert(AlertLevel(alert.level), alert.last_notified_at, alert.quantity)
        if alert
        else None,
        quantity=product.quantity,
        threshold=_threshold(session, product, now, settings),
        remind_before=remind_before,
    )
    if decision.action == AlertAction.NOTHING:
        return
    if decision.action == AlertAction.RESOLVE:
        assert alert is not None
        alert.state = AlertState.RESOLVED
        alert.resolved_at = now
        session.add(alert)
        return
    assert decision.level is not None
    if alert is None:
        alert = Alert(product_id=product.id, level=decision.level, created_at=now)
    alert.level = decision.level
    session.add(alert)
    session.flush()
    if not decision.notifies:
        return
    assert alert.id is not None
    deferred: dict[int, Product] | None = session.info.get(_DEFERRED)
    if deferred is not None:
        deferred[alert.id] = product
    else:
        queue_pushes(session, [(alert, product)], settings=settings, now=now)


def _threshold(session: Session, product: Product, now: datetime, settings: Settings) -> int:
    """The product's threshold, raised to what lasts `alert_cover_days` days at the current
    pace when that setting is on (an alert before the threshold when it sells fast)."""
    if not settings.alert_cover_days or product.id is None:
        return product.threshold
    pace = paces(session, [product.id], now).get(product.id)
    if pace is None or pace.per_day is None:
        return product.threshold
    return max(product.threshold, math.ceil(pace.per_day * settings.alert_cover_days) - 1)


def open_alerts(
    session: Session, products: Sequence[Product], *, now: datetime, settings: Settings
) -> None:
    """`check_stock_level` for many products known to have no open alert (a bulk import's new
    or changed products): the same decision, the alerts inserted in one statement, their
    pushes queued together (at the end of `pushes_after` when inside one)."""
    opening = [
        (product, decision)
        for product in products
        if (
            decision := decide(None, quantity=product.quantity, threshold=product.threshold)
        ).notifies
    ]
    if not opening:
        return
    table = Alert.__table__  # type: ignore[attr-defined]
    ids = (
        session.connection()
        .execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True),
            [
                {
                    "product_id": product.id,
                    "level": decision.level,
                    "state": AlertState.OPEN,
                    "quantity": 0,
                    "created_at": now,
                    "sent_whatsapp": False,
                }
                for product, decision in opening
            ],
        )
        .scalars()
        .all()
    )
    alerts = {
        alert.id: alert for alert in session.exec(select(Alert).where(col(Alert.id).in_(ids)))
    }
    deferred: dict[int, Product] | None = session.info.get(_DEFERRED)
    pairs = [
        (alerts[alert_id], product) for alert_id, (product, _) in zip(ids, opening, strict=True)
    ]
    if deferred is not None:
        deferred.update({alert.id: product for alert, product in pairs if alert.id is not None})
        # Held until the pushes are queued, so that `pushes_after` finds them in the session
        # instead of loading each again (the identity map keeps objects only while referenced).
        session.info.setdefault(_OPENED, []).extend(alert for alert, _ in pairs)
    else:
        queue_pushes(session, pairs, settings=settings, now=now)


@contextmanager
def pushes_after(session: Session, *, settings: Settings, now: datetime) -> Iterator[None]:
    """Queue the alert pushes of the stock changes made in the block once it ends, together:
    after what the block itself queues (a sale's confirmation reaches the manager before the
    alert the sale caused), and grouped (an import that opens ten alerts sends each manager one
    message, not ten). Nothing is queued if the block raises (its transaction is rolled back).
    Inside another such block, the outer one queues them."""
    if _DEFERRED in session.info:
        yield
        return
    deferred: dict[int, Product] = {}
    session.info[_DEFERRED] = deferred
    try:
        yield
    finally:
        del session.info[_DEFERRED]
        opened = session.info.pop(_OPENED, [])  # referenced until the pushes are queued
    alerts = []
    for alert_id, product in deferred.items():  # one push per alert: the latest state
        alert = session.get(Alert, alert_id)
        if alert is not None and alert.state == AlertState.OPEN:
            alerts.append((alert, product))
    queue_pushes(session, alerts, settings=settings, now=now)
    del opened
