"""Reminders without a movement: the open alerts whose managers were last told more than
`settings.alert_renotify_hours` ago are told again, even if nothing is sold any more (a product
out of stock sells nothing, so a movement would never come to remind them).

Only what still needs doing, and not as a storm: an alert being dealt with (an order placed since
it opened, `bot.alerts.orders`) is not reminded; each manager gets one message for all their
alerts due (the alert's own push when there is only one); reminders go only in the daytime
(REMIND_FROM to REMIND_UNTIL, Africa/Dakar), and not at all when the daily digest is on (it
reminds every morning). An alert nobody could be told of (no active manager then) is told here
too, once its store has one.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Engine, or_
from sqlmodel import Session, col, select

from bot.alerts.loop import every_minute
from bot.alerts.orders import being_ordered
from bot.alerts.push import queue_pushes
from bot.clock import local_time
from bot.db.engine import transaction
from bot.db.models import Alert, AlertState, Manager, ManagerStore, Product
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

BATCH = 100  # alerts per transaction: each one may queue a push per manager of its store
REMIND_FROM = time(8)
REMIND_UNTIL = time(20)


def reminders_now(settings: Settings, now: datetime) -> bool:
    """Whether reminders go at `now`: daytime in Dakar, and no daily digest doing it."""
    return settings.digest_time == "off" and REMIND_FROM <= local_time(now).time() < REMIND_UNTIL


def _due(cutoff: datetime) -> tuple[ColumnElement[bool], ...]:
    """The conditions of an alert to remind: open, told before `cutoff` (or never), not being
    dealt with, of a store with an active manager."""
    has_manager = (
        select(ManagerStore.manager_id)
        .join(Manager, col(Manager.id) == col(ManagerStore.manager_id))
        .join(Product, col(Product.store_id) == col(ManagerStore.store_id))
        .where(col(Product.id) == col(Alert.product_id), col(Manager.active).is_(True))
        .exists()
    )
    return (
        col(Alert.state) == AlertState.OPEN,
        or_(col(Alert.last_notified_at).is_(None), col(Alert.last_notified_at) <= cutoff),
        ~being_ordered(),
        has_manager,
    )


def renotify_due(session: Session, settings: Settings, *, now: datetime) -> int:
    """Remind the managers of up to BATCH alerts due; returns how many alerts were reminded.

    Their products are locked as a movement locks them, and the alerts read again under the
    lock, so two processes sweeping at once (or a sale at the same moment) remind only once.
    A product already locked (a movement, another sweep) is skipped until the next sweep, and
    the lock (FOR NO KEY UPDATE) lets a tap's new restock order (a key-share lock on its
    product) through, so the two never wait for each other.
    """
    if not reminders_now(settings, now):
        return 0
    due = _due(now - timedelta(hours=settings.alert_renotify_hours))
    product_ids = session.exec(
        select(Alert.product_id)
        .where(*due)
        .order_by(col(Alert.last_notified_at).asc().nulls_first(), col(Alert.id))
        .limit(BATCH)
    ).all()
    if not product_ids:
        return 0
    products = session.exec(
        select(Product)
        .where(col(Product.id).in_(product_ids))
        .order_by(col(Product.id))
        .with_for_update(key_share=True, skip_locked=True)
        .execution_options(populate_existing=True)
    ).all()
    by_id = {product.id: product for product in products}
    alerts = session.exec(
        select(Alert)
        .where(col(Alert.product_id).in_(by_id), *due)
        .order_by(col(Alert.id))
        .execution_options(populate_existing=True)
    ).all()
    return queue_pushes(
        session, [(alert, by_id[alert.product_id]) for alert in alerts], settings=settings, now=now
    )


def renotify_all(engine: Engine, settings: Settings, *, now: datetime) -> int:
    """Sweep until no alert is due (one transaction per batch); returns the alerts reminded."""
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
