"""Low-stock alerts: opened by any stock movement, pushed to the store's managers."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from bot.alerts.levels import AlertAction, OpenAlert, decide
from bot.alerts.push import queue_alert_push
from bot.db.models import Alert, AlertLevel, AlertState, Product
from bot.settings import Settings, get_settings


def open_alert(session: Session, product_id: int) -> Alert | None:
    """The product's open alert, if any (there is at most one)."""
    return session.exec(
        select(Alert).where(Alert.product_id == product_id, Alert.state == AlertState.OPEN)
    ).first()


def check_stock_level(
    session: Session, product: Product, *, now: datetime, settings: Settings | None = None
) -> None:
    """Open, escalate, re-notify or resolve the product's alert after its quantity changed.

    Called by `bot.stock.record_movement` in the movement's transaction (whose conditional
    UPDATE holds the product's row, so two movements of one product never decide at once).
    Pushes are queued in the same transaction. `settings` defaults to the process settings.
    """
    assert product.id is not None
    settings = settings or get_settings()
    alert = open_alert(session, product.id)
    decision = decide(
        OpenAlert(AlertLevel(alert.level), alert.last_notified_at) if alert else None,
        quantity=product.quantity,
        threshold=product.threshold,
        now=now,
        renotify_after=timedelta(hours=settings.alert_renotify_hours),
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
    alert.quantity = product.quantity
    if decision.notifies:
        alert.last_notified_at = now
    session.add(alert)
    session.flush()
    if decision.notifies:
        queue_alert_push(session, alert, product, settings=settings, now=now)
