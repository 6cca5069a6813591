"""The daily digest: each manager gets one message listing the low and out products of their
stores and the day's sales, at most once per local day (`Manager.last_digest_at`), at
`settings.digest_time`.

The outbox splits a long digest into ordered parts; outside the 24-hour window the alert
template goes instead, with the count and a one-line list.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import Engine, or_, update
from sqlmodel import Session, col, select

from bot.alerts.listing import StoreWatch, digest_body, digest_template
from bot.alerts.loop import every_minute
from bot.clock import DEFAULT_TIMEZONE, local_time
from bot.db.engine import transaction
from bot.db.models import Manager, ManagerStore, Product, Store
from bot.operations.template_catalog import DIGEST
from bot.operations.templates import approved_somewhere, template_language
from bot.outbound.outbox import enqueue, text_limit_for
from bot.reports import Period, summarize
from bot.settings import Settings
from state import SummaryRow
from state.summaries import summary_text

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)


def local_midnight(now: datetime, timezone: str = DEFAULT_TIMEZONE) -> datetime:
    """The start of `now`'s local day, as an aware datetime (compares with UTC values)."""
    return local_time(now, timezone).replace(hour=0, minute=0, second=0, microsecond=0)


def digest_due(now: datetime, digest_time: str, timezone: str = DEFAULT_TIMEZONE) -> bool:
    """Whether today's digest time has come (local time); always False when `off`."""
    if digest_time == "off":
        return False
    hour, minute = (int(part) for part in digest_time.split(":"))
    return local_time(now, timezone).time() >= time(hour, minute)


def _watches_by_store(session: Session) -> dict[int, StoreWatch]:
    rows = session.exec(
        select(Product, Store)
        .join(Store, col(Store.id) == col(Product.store_id))
        .where(col(Product.quantity) <= col(Product.threshold))
        .order_by(col(Product.quantity), col(Product.name))
    )
    grouped: dict[int, list[Product]] = defaultdict(list)
    stores: dict[int, Store] = {}
    for product, store in rows:
        grouped[product.store_id].append(product)
        stores[product.store_id] = store
    return {sid: StoreWatch(stores[sid], tuple(items)) for sid, items in grouped.items()}


def _claim_managers(session: Session, now: datetime, *, force: bool) -> list[Manager]:
    """Mark the managers whose digest goes now; one statement, so two processes never both send.

    Without `force`, only managers without a digest today (local day) are taken.
    """
    statement = update(Manager).where(col(Manager.active).is_(True))
    if not force:
        statement = statement.where(
            or_(
                col(Manager.last_digest_at).is_(None),
                col(Manager.last_digest_at) < local_midnight(now),
            )
        )
    ids = session.exec(statement.values(last_digest_at=now).returning(col(Manager.id))).scalars()
    claimed = list(ids)
    if not claimed:
        return []
    return list(session.exec(select(Manager).where(col(Manager.id).in_(claimed))))


def send_digests(
    session: Session, settings: Settings, *, now: datetime, force: bool = False
) -> int:
    """Queue today's digest for every active manager not yet served today (every active
    manager with `force`); returns the number of digests queued (nothing low means none)."""
    managers = _claim_managers(session, now, force=force)
    if not managers:
        return 0
    watches = _watches_by_store(session)
    links: dict[int, list[int]] = defaultdict(list)
    for link in session.exec(select(ManagerStore).order_by(col(ManagerStore.store_id))):
        links[link.manager_id].append(link.store_id)
    # The daily summary's own template once Meta approved it (`stockbot templates push`), else
    # the alert template every deployment has.
    template = settings.alert_template_name
    if approved_somewhere(session.connection(), DIGEST.name):
        template = DIGEST.name
    queued = 0
    for manager in managers:
        assert manager.id is not None
        mine = [watches[sid] for sid in links[manager.id] if sid in watches]
        parts = [digest_body(manager.language, mine, now), _sales(session, manager, links, now)]
        body = "\n\n".join(part for part in parts if part)
        if not body:
            continue
        template_in = template_language(
            session.connection(), template, settings.alert_template_language, manager.language
        )
        enqueue(
            session,
            manager.phone,
            body,
            fallback=digest_template(settings, mine, template_in, template) if mine else None,
            now=now,
            text_limit=text_limit_for(settings),
        )
        queued += 1
    return queued


def _sales(
    session: Session, manager: Manager, links: dict[int, list[int]], now: datetime
) -> str | None:
    """The day's sales in the manager's stores, as in chat (`ventes du jour`); None without."""
    assert manager.id is not None
    found = summarize(session, links[manager.id], Period.DAY, now=now)
    if not found.totals:
        return None
    rows = [SummaryRow(t.sku, t.name, t.unit, t.quantity, t.count) for t in found.totals]
    return summary_text(manager.language, "sale", "day", rows)


def send_due_digests(engine: Engine, settings: Settings, *, now: datetime) -> int:
    """The background check: queue the digests when today's digest time has come."""
    if not digest_due(now, settings.digest_time):
        return 0
    with transaction(engine) as session:
        return send_digests(session, settings, now=now)


async def run_digest(ctx: AppContext) -> None:
    """Background loop of `stockbot serve`: checks once a minute whether the digest is due."""
    if ctx.settings.digest_time == "off":
        return
    await every_minute(ctx, "digest", send_due_digests)
