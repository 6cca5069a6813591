"""Processing stored inbound messages, after the webhook was acknowledged.

Claim rule: for each sender, only the oldest unprocessed message by (sent_at, id), and only while
no message of that sender is leased (`locked_until` in the future) — so one message at a time per
sender, in timestamp order. A claim is a lease (`settings.inbound_lease_seconds`): the rows of a
process that died are taken back when it expires, and a restarted app picks up whatever is
pending. On PostgreSQL the claim query uses `FOR UPDATE SKIP LOCKED`, so several processes claim
different rows without waiting on each other.

Exactly once: a message is processed in ONE transaction that first marks it processed with a
conditional UPDATE (`processed_at IS NULL`), then calls the conversation layer and queues the
replies; the database lets only one transaction do that for a row, whatever the leases say. A
failure rolls it all back and is recorded with a retry delay; after `MAX_ATTEMPTS` the message is
marked processed with its error and the manager gets a short apology.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine, and_, exists, or_, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from bot.alerts import pushes_after
from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import Contact, InboundMessage
from bot.inbound.identity import NUMBER_CHANGED, change_number, identify, reply_recipient
from bot.inbound.models import SystemMessage, message_from_dict
from bot.inbound.notices import REFUSAL, apology
from bot.inbound.treatment import deliver_replies, replies_to
from bot.inbound.turns import OUTCOMES, TURN_KEY, Turn
from bot.managers import find_manager
from bot.operations import metrics
from bot.outbound.outbox import SIMULATOR_PROVIDER, captured, enqueue
from bot.outbound.policy import window_open
from bot.phones import mask_phone
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import AppContext

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
POLL_SECONDS = 1.0
CLAIM_BATCH = 50
MAX_RETRY_DELAY = timedelta(minutes=5)
REFUSAL_INTERVAL = timedelta(hours=24)


async def run_processor(ctx: AppContext) -> None:
    """Background loop: process pending messages when woken by a webhook, or every second."""
    while True:
        ctx.wake_processor.clear()
        try:
            handled = await asyncio.to_thread(process_pending, ctx.engine, ctx.settings)
        except Exception:
            logger.exception("inbound processing pass failed")
            handled = 0
        if handled:
            ctx.wake_outbox.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ctx.wake_processor.wait(), POLL_SECONDS)


def process_pending(
    engine: Engine, settings: Settings, *, now: datetime | None = None, limit: int = 500
) -> int:
    """Claim and process pending messages until none is claimable or `limit` were handled.

    `now` fixes the clock (tests); by default each pass reads it. Returns how many were handled
    (processed, or failed and scheduled for a retry).
    """
    handled = 0
    while handled < limit:
        moment = now or utcnow()
        claimed = claim(
            engine,
            now=moment,
            lease_seconds=settings.inbound_lease_seconds,
            limit=min(CLAIM_BATCH, limit - handled),
        )
        if not claimed:
            break
        for row_id in claimed:
            process_message(engine, settings, row_id, now=now or utcnow())
        handled += len(claimed)
    return handled


def claim(engine: Engine, *, now: datetime, lease_seconds: float, limit: int) -> list[int]:
    """Lease up to `limit` messages, at most one per sender (see the module docstring)."""
    older = aliased(InboundMessage)
    leased = aliased(InboundMessage)
    me = InboundMessage
    same_sender = col(older.sender) == col(me.sender)
    earlier = or_(
        col(older.sent_at) < col(me.sent_at),
        and_(col(older.sent_at) == col(me.sent_at), col(older.id) < col(me.id)),
    )
    candidates = (
        select(col(me.id))
        .where(col(me.processed_at).is_(None))
        .where(~exists().where(same_sender, col(older.processed_at).is_(None), earlier))
        .where(
            ~exists().where(
                col(leased.sender) == col(me.sender),
                col(leased.processed_at).is_(None),
                col(leased.locked_until) > now,
            )
        )
        .order_by(col(InboundMessage.sent_at), col(InboundMessage.id))
        .limit(limit)
    )
    with transaction(engine) as session:
        if session.get_bind().dialect.name == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True, of=InboundMessage)
        ids: list[int] = [i for i in session.scalars(candidates) if i is not None]
        if not ids:
            return []
        # Compare-and-set: a row another process leased meanwhile is not taken.
        result = session.execute(
            update(InboundMessage)
            .where(
                col(InboundMessage.id).in_(ids),
                col(InboundMessage.processed_at).is_(None),
                or_(
                    col(InboundMessage.locked_until).is_(None),
                    col(InboundMessage.locked_until) <= now,
                ),
            )
            .values(
                locked_until=now + timedelta(seconds=lease_seconds),
                attempts=col(InboundMessage.attempts) + 1,
            )
            .returning(col(InboundMessage.id))
        )
        taken = set(result.scalars())
    return [i for i in ids if i in taken]


def process_message(engine: Engine, settings: Settings, row_id: int, *, now: datetime) -> None:
    """Process one claimed message in one transaction; on failure record it for a retry."""
    started = time.monotonic()
    try:
        with transaction(engine) as session:
            done = _process(session, settings, row_id, now)
    except Exception as exc:
        logger.exception("inbound message %d failed", row_id)
        try:
            with transaction(engine) as session:
                _record_failure(session, row_id, exc, now)
        except Exception:
            logger.exception("could not record the failure of inbound message %d", row_id)
        return
    if done is not None:  # committed: count it
        metrics.PROCESSING.observe(time.monotonic() - started)
        count_processed(done)


@dataclass(frozen=True, slots=True)
class Processed:
    """What processing one message did: its type, a result (answered, no_reply, held,
    refused, failed) and what the conversation made of it."""

    type: str
    result: str
    turn: Turn | None = None


def count_processed(done: Processed) -> None:
    metrics.INBOUND.labels(done.type, done.result).inc()
    turn = done.turn
    if turn is not None:
        metrics.INTENTS.labels(turn.intent).inc()
        if turn.outcome in OUTCOMES:
            metrics.CONVERSATIONS.labels(turn.outcome).inc()


def _process(session: Session, settings: Settings, row_id: int, now: datetime) -> Processed | None:
    taken = session.execute(
        update(InboundMessage)
        .where(col(InboundMessage.id) == row_id, col(InboundMessage.processed_at).is_(None))
        .values(processed_at=now, locked_until=None)
    )
    if not taken.rowcount:  # type: ignore[attr-defined]
        return None  # already processed (by another process, or a re-delivered duplicate)
    row = session.get(InboundMessage, row_id)
    assert row is not None
    # What a simulated message queues (the back office's simulator) is captured, never sent.
    simulated: AbstractContextManager[None] = (
        captured(session) if row.provider == SIMULATOR_PROVIDER else nullcontext()
    )
    with simulated:
        return _answer(session, settings, row, now)


def _answer(session: Session, settings: Settings, row: InboundMessage, now: datetime) -> Processed:
    if row.attempts > MAX_ATTEMPTS:  # earlier attempts died with their process
        _give_up(session, row, "too many attempts", now)
        return Processed(row.type, "failed")
    message = message_from_dict(row.payload["message"])
    manager = identify(session, message)
    if isinstance(message, SystemMessage):  # never answered as such
        if message.kind == NUMBER_CHANGED and manager is not None and manager.active:
            change_number(session, manager, message, now=now)
        return Processed(row.type, "no_reply")
    if manager is None or not manager.active:
        _refuse(session, row, now)
        return Processed(row.type, "refused")
    # The replies first: the sale's confirmation reads before the alert the sale caused.
    with pushes_after(session, settings=settings, now=now):
        answer = replies_to(session, manager, message, settings=settings, now=now)
        if answer.turn is not None:  # kept for the owner's insight (`stockbot usage`)
            row.payload = row.payload | {TURN_KEY: answer.turn.as_dict()}
            session.add(row)
        deliver_replies(session, row, reply_recipient(manager, message), answer.replies, now=now)
    result = "held" if row.replies_held else "answered" if answer.replies else "no_reply"
    return Processed(row.type, result, answer.turn)


def _refuse(session: Session, row: InboundMessage, now: datetime) -> None:
    """At most one polite refusal a day to a sender who is not an active manager."""
    if not row.sender.startswith("+"):
        return  # no phone number to answer (a username-only user)
    contact = session.scalars(select(Contact).where(col(Contact.phone) == row.sender)).first()
    if contact is None:
        contact = Contact(phone=row.sender, created_at=now)
        session.add(contact)
    if not window_open(contact.last_inbound_at, now):
        return  # a late re-delivery: the refusal could only fail
    last = contact.last_refused_at
    if last is not None and now - last < REFUSAL_INTERVAL:
        return
    contact.last_refused_at = now
    enqueue(session, row.sender, REFUSAL, inbound_message_id=row.id, now=now)
    logger.info("refused unregistered sender %s", mask_phone(row.sender))


def _record_failure(session: Session, row_id: int, exc: Exception, now: datetime) -> None:
    row = session.get(InboundMessage, row_id, with_for_update=True)
    if row is None or row.processed_at is not None:
        return
    error = f"{type(exc).__name__}: {str(exc)[:500]}"
    if row.attempts >= MAX_ATTEMPTS:
        _give_up(session, row, error, now)
        return
    row.error = error
    row.locked_until = now + min(timedelta(seconds=2**row.attempts), MAX_RETRY_DELAY)
    session.add(row)


def _give_up(session: Session, row: InboundMessage, error: str, now: datetime) -> None:
    """Mark a message processed with its error; apologise to the manager who sent it."""
    row.processed_at = now
    row.locked_until = None
    row.error = error
    session.add(row)
    logger.error("inbound message %d abandoned after %d attempts: %s", row.id, row.attempts, error)
    manager = find_manager(session, row.sender)
    if manager is not None and manager.active:
        enqueue(
            session, manager.phone, apology(manager.language), inbound_message_id=row.id, now=now
        )
