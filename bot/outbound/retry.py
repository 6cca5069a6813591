"""Retrying a failed message by hand (the back office's [Renvoyer]): the same row is queued
again now, with fresh attempts, and the later parts of its split text that failed with it are
queued behind it, so the text goes whole and in order. Its age counts from the retry (the age
limit would otherwise fail it again at once). The 24-hour window and the fallback template
apply as for any queued row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session

from bot.db.models import OutboundMessage, OutboundStatus
from bot.errors import NotFound, ValidationError
from bot.outbound.outbox import SPLIT_KEY, split_group

_T = OutboundMessage.__table__  # type: ignore[attr-defined]


def _requeue(now: datetime) -> dict[str, object]:
    return {
        "status": OutboundStatus.QUEUED.value,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
        "updated_at": now,
        "locked_until": None,
        "locked_by": None,
        "provider_message_id": None,
        "last_error_code": None,
        "last_error_text": None,
    }


def retry_failed(session: Session, row_id: int, *, now: datetime) -> int:
    """Queue failed row `row_id` again (and the failed later parts of its text); returns how
    many rows were queued. NotFound for an unknown row, ValidationError for one not failed."""
    row = session.get(OutboundMessage, row_id)
    if row is None:
        raise NotFound(f"message inconnu : {row_id}")
    changed = session.execute(
        update(_T)
        .where(_T.c.id == row_id, _T.c.status == OutboundStatus.FAILED.value)
        .values(**_requeue(now))
    ).rowcount  # type: ignore[attr-defined]
    if changed != 1:
        session.refresh(row)
        raise ValidationError(f"le message {row_id} est {row.status}, pas en échec")
    queued = 1
    group = split_group(row_id, row.kind, row.payload)
    if group is not None:
        later = session.execute(
            update(_T)
            .where(
                _T.c.recipient == row.recipient,
                _T.c.id > row_id,
                _T.c.status == OutboundStatus.FAILED.value,
                _T.c.payload[SPLIT_KEY].as_integer() == group,
            )
            .values(**_requeue(now))
        ).rowcount  # type: ignore[attr-defined]
        queued += int(later)
    session.refresh(row)
    return queued
