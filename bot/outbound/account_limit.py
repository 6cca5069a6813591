"""The app's or the business account's call rate reached (Meta 4, 80007), kept for the operator.

The shared WhatsApp reference (section 5) says: retry over minutes, and stop sending and alert
the operator if it lasts. The worker does the first part (the adaptive rate cut, no attempt
counted, every send of that worker held for the wait Meta asks for: `bot/outbound/worker.py`);
this module keeps the second part's record in `system_state`, so that `stockbot doctor` and the
metrics of any process show it: when it began and when it was last met. A send taken again
clears it. A record not met for `STALE` is over (the worker that wrote it may have died).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.db.models import SystemState

logger = logging.getLogger(__name__)

LIMIT_KEY = "outbox_account_limit"
# Met again and again for this long: it lasts, the operator must act (less volume, Meta support).
LASTING = timedelta(minutes=5)
STALE = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class AccountLimit:
    code: str
    reason: str
    since: datetime
    last: datetime

    def lasting(self, now: datetime) -> bool:
        """Met for `LASTING` or more, and not over."""
        return self.last - self.since >= LASTING and not self.over(now)

    def over(self, now: datetime) -> bool:
        return now - self.last > STALE


def note_limit(session: Session, *, code: str, reason: str, now: datetime) -> AccountLimit:
    """Record that the limit was met at `now` (its start kept when already recorded); logs
    loudly once, when it becomes lasting."""
    state = session.get(SystemState, LIMIT_KEY, with_for_update=True, populate_existing=True)
    known = _limit_from(state.value) if state is not None else None
    if known is not None and known.over(now):
        known = None  # an old record: this is a new episode
    since = known.since if known is not None else now
    limit = AccountLimit(code, reason[:500], since, now)
    value = {"code": code, "reason": limit.reason, "since": since.isoformat()}
    value["last"] = now.isoformat()
    if state is None:
        session.add(SystemState(key=LIMIT_KEY, value=value, updated_at=now))
    else:
        state.value, state.updated_at = value, now
    session.flush()
    if limit.lasting(now) and (known is None or not known.lasting(now)):
        logger.critical(
            "OUTBOX RATE LIMITED since %s (Meta code %s: %s): sending is held and resumes by "
            "itself; lower the volume or ask Meta to raise the limit",
            since.isoformat(),
            code,
            limit.reason,
        )
    return limit


def clear_limit(session: Session) -> bool:
    """A send was taken: the limit is over. Whether there was a record."""
    state = session.get(SystemState, LIMIT_KEY)
    if state is None:
        return False
    session.delete(state)
    session.flush()
    logger.warning("outbox: Meta's rate limit is over, sending goes on")
    return True


def current_limit(session: Session, now: datetime) -> AccountLimit | None:
    """The limit recorded and not over (read only)."""
    state = session.get(SystemState, LIMIT_KEY)
    limit = _limit_from(state.value) if state is not None else None
    return None if limit is None or limit.over(now) else limit


def _limit_from(value: dict[str, object] | None) -> AccountLimit | None:
    try:
        since = datetime.fromisoformat(str((value or {})["since"]))
        last = datetime.fromisoformat(str((value or {})["last"]))
    except (KeyError, ValueError):
        return None
    return AccountLimit(
        str((value or {}).get("code", "")), str((value or {}).get("reason", "")), since, last
    )
