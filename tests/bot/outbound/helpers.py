"""Small helpers shared by the outbox tests."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import Contact, OutboundMessage
from bot.outbound.messages import OutgoingMessage, Template
from bot.outbound.outbox import enqueue
from bot.outbound.worker import OutboxWorker, WorkerReport
from bot.settings import Settings

MANAGER = "+221771234567"
OTHER = "+221761112233"
ALERT_TEMPLATE = Template("alerte_rupture_stock", "fr", ("1", "Riz (3)"))


def open_window(engine: Engine, phones: Iterable[str], *, at: datetime | None = None) -> None:
    """Record an inbound message from each phone (what ingress does), opening its 24-h window."""
    moment = at or utcnow()
    with transaction(engine) as session:
        for phone in phones:
            session.add(Contact(phone=phone, wa_id=phone.lstrip("+"), last_inbound_at=moment))


def queue(
    engine: Engine,
    recipient: str,
    *messages: OutgoingMessage | str,
    fallback: Template | None = None,
) -> list[int]:
    ids: list[int] = []
    with transaction(engine) as session:
        for message in messages:
            rows = enqueue(session, recipient, message, fallback=fallback)
            ids.extend(row.id for row in rows if row.id is not None)
    return ids


def run_worker(
    settings: Settings, engine: Engine, *, max_wait: float = 30.0, worker_id: str | None = None
) -> WorkerReport:
    worker = OutboxWorker(settings, engine, worker_id=worker_id)
    return asyncio.run(worker.run(until_idle=True, max_wait=max_wait))


def rows(engine: Engine) -> list[OutboundMessage]:
    with Session(engine) as session:
        return list(session.exec(select(OutboundMessage).order_by(col(OutboundMessage.id))))


def hours_ago(hours: float) -> datetime:
    return utcnow() - timedelta(hours=hours)
