"""The daily purge inside `stockbot serve`: `stockbot purge` run once a day by the service itself.

Every web process runs the background loops, so the day's purge is claimed first: one
compare-and-set UPDATE of a `system_state` row (the way digests are claimed per manager), which
only one process can win for a given day, on SQLite and PostgreSQL alike. The purge is due from
`PURGE_AT` local time (a quiet hour); a process that starts later in the day purges at its first
check if nobody has yet. A purge that fails is tried again at the next check (the claim is given
back). What was removed is logged with its counts.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.clock import DEFAULT_TIMEZONE, local_time, utcnow
from bot.db.engine import transaction
from bot.db.models import SystemState
from bot.operations.retention import PurgeReport, purge_old_events
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

PURGE_KEY = "daily_purge"
PURGE_AT = time(3, 0)  # local time (Africa/Dakar): the shops are closed
CHECK_EVERY_SECONDS = 600.0
_NEVER = datetime(2000, 1, 1, tzinfo=UTC)

S = SystemState.__table__  # type: ignore[attr-defined]


def due_since(now: datetime, timezone: str = DEFAULT_TIMEZONE) -> datetime:
    """The latest `PURGE_AT` (local) at or before `now`: a purge started before it is stale."""
    local = local_time(now, timezone)
    start = local.replace(hour=PURGE_AT.hour, minute=PURGE_AT.minute, second=0, microsecond=0)
    if start > local:
        start -= timedelta(days=1)
    return start.astimezone(UTC)


def claim_purge(engine: Engine, *, now: datetime) -> datetime | None:
    """Take today's purge for this process: None when it is not due or another process took it;
    else when the previous purge started (to give back with `release_purge` on failure)."""
    since = due_since(now)
    with transaction(engine) as session:
        connection = session.connection()
        insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        connection.execute(
            insert(S)
            .values(key=PURGE_KEY, value={}, updated_at=_NEVER)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        previous = connection.execute(
            S.select().with_only_columns(S.c.updated_at).where(S.c.key == PURGE_KEY)
        ).scalar_one()
        taken = connection.execute(
            update(S)
            .where(S.c.key == PURGE_KEY, S.c.updated_at < since)
            .values(updated_at=now, value={"started_at": now.isoformat()})
        ).rowcount
    return previous if taken == 1 else None


def release_purge(engine: Engine, *, started: datetime, previous: datetime) -> None:
    """Give a failed purge back, so that the next check (of any process) tries again."""
    with transaction(engine) as session:
        session.connection().execute(
            update(S)
            .where(S.c.key == PURGE_KEY, S.c.updated_at == started)
            .values(updated_at=previous)
        )


def purge_if_due(engine: Engine, settings: Settings, *, now: datetime) -> PurgeReport | None:
    """Run today's purge when it is due and no other process has run it; None otherwise."""
    previous = claim_purge(engine, now=now)
    if previous is None:
        return None
    try:
        report = purge_old_events(engine, days=settings.raw_events_retention_days, now=now)
    except Exception:
        release_purge(engine, started=now, previous=previous)
        raise
    save_report(engine, report, now=now)
    return report


def save_report(engine: Engine, report: PurgeReport, *, now: datetime) -> None:
    """Keep the last purge's counts beside its claim (for an operator reading the database)."""
    with transaction(engine) as session:
        session.connection().execute(
            update(S)
            .where(S.c.key == PURGE_KEY, S.c.updated_at == now)
            .values(value={"started_at": now.isoformat(), **report.as_dict()})
        )


async def run_purge(ctx: AppContext) -> None:
    """Background loop of `stockbot serve`: checks every 10 minutes whether the purge is due."""
    days = ctx.settings.raw_events_retention_days
    while True:
        try:
            report = await asyncio.to_thread(
                lambda: purge_if_due(ctx.engine, ctx.settings, now=utcnow())
            )
        except Exception:
            logger.exception("daily purge: failed, trying again in %d s", CHECK_EVERY_SECONDS)
        else:
            if report is not None:
                logger.info(
                    "daily purge (kept %d days, before %s): removed %d raw webhook bodies, "
                    "%d delivery statuses, %d processed inbound messages",
                    days,
                    report.before.isoformat(timespec="seconds"),
                    report.raw_bodies,
                    report.statuses,
                    report.inbound_messages,
                )
        await asyncio.sleep(CHECK_EVERY_SECONDS)
