"""Re-notification without a movement: an open alert whose managers were last told more than
`settings.alert_renotify_hours` ago is pushed again, even if nothing is sold any more (a product
out of stock sells nothing, so a movement would never come to remind them).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine, or_
from sqlmodel import Session, col, select

from bot.alerts import check_stock_level
from bot.alerts.loop import every_minute
from bot.db.engine import transaction
from bot.db.models import Alert, AlertState, Product
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

BATCH = 100  # alerts per transaction: each one may queue a push per manager of its store


def renotify_due(session: Session, settings: Settings, *, now: datetime) -> int:
    """Push again up to BATCH open alerts not notified for the whole period; returns how many.

    Each product is locked as a movement locks it, and its alert decided again under the lock,
    so two processes sweeping at once (or a sale at the same moment) remind only once.
    """
    cutoff = now - timedelta(hours=settings.alert_renotify_hours)
    due = session.exec(
        select(Alert.product_id)
        .where(
            Alert.state == AlertState.OPEN,
            or_(col(Alert.last_notified_at).is_(None), col(Alert.last_notified_at) <= cutoff),
        )
        .order_by(col(Alert.last_notified_at), col(Alert.id))
        .limit(BATCH)
    ).all()
    pushed = 0
    for product_id in due:
        product = session.exec(
            select(Product)
            .where(Product.id == product_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        pushed += check_stock_level(session, product, now=now, settings=settings)
    return pushed


def renotify_all(engine: Engine, settings: Settings, *, now: datetime) -> int:
    """Sweep until no alert is due (one transaction per batch); returns the alerts pushed."""
    total = 0
    while True:
        with transaction(engine) as session:
            pushed = renotify_due(session, settings, now=now)
        total += pushed
        if pushed < BATCH:
            return total


async def run_renotify(ctx: AppContext) -> None:
    """Background loop of `stockbot serve`: looks once a minute for alerts to remind."""
    await every_minute(ctx, "renotify", renotify_all)
