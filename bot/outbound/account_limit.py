"""The app's or the business account's call rate reached (Meta 4, 80007), shared by every worker.

The shared WhatsApp reference (section 5) says: retry over minutes, and stop sending and alert
the operator if it lasts. Meta reports it in the answer to a send or afterwards, in a failed
delivery status (its error-codes page: errors come synchronously, by webhook, or both); either
way the account is limited, whoever sent. The worker that meets it in an answer cuts the rate and
holds its sends for the wait Meta asks for (`bot/outbound/worker.py`); a failed status queues its
message again for that wait, and an error a webhook reports for the account holds sending too
(`bot/outbound/redelivery.py`). Each keeps the record here, in `system_state`: when the limit
began, when it was last met, and until when sending is held, so that every worker holds until
then (read before each claim) and `stockbot doctor` and the metrics of any process show it.
A send taken clears it only when it started after the hold ended: a send that started before
(in flight in another worker, or one that did not know of the hold yet) says nothing about the
limit now. A record not met for `STALE` is over (its writer may have died).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
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
    until: datetime  # sending held until then

    def lasting(self, now: datetime) -> bool:
        """Met for `LASTING` or more, and not over."""
        return self.last - self.since >= LASTING and not self.over(now)

    def over(self, now: datetime) -> bool:
        return now - self.last > STALE


def note_limit(
    session: Session, *, code: str, reason: str, now: datetime, wait: float
) -> AccountLimit:
    """Record that the limit was met at `now` and sending waits `wait` seconds (its start, and a
    longer hold, kept when already recorded); logs loudly once, when it becomes lasting."""
    state = session.get(SystemState, LIMIT_KEY, with_for_update=True, populate_existing=True)
    known = limit_from(state.value) if state is not None else None
    if known is not None and known.over(now):
        known = None  # an old record: this is a new episode
    since = known.since if known is not None else now
    until = now + timedelta(seconds=wait)
    if known is not None:
        until = max(until, known.until)
    limit = AccountLimit(code, reason[:500], since, now, until)
    value = {"code": code, "reason": limit.reason, "since": since.isoformat()}
    value["last"] = now.isoformat()
    value["until"] = until.isoformat()
    if state is None:
        try:
            with session.begin_nested():  # a webhook's transaction must not fail with this
                session.add(SystemState(key=LIMIT_KEY, value=value, updated_at=now))
        except IntegrityError:  # another process recorded it meanwhile: that record is kept
            return note_limit(session, code=code, reason=reason, now=now, wait=wait)
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


def clear_limit(session: Session, *, sent_from: datetime) -> bool:
    """A send that started at `sent_from` was taken: the limit is over if that send started
    after the hold recorded (a record the other workers no longer hold on). Whether there is no
    record left."""
    state = session.get(SystemState, LIMIT_KEY, with_for_update=True, populate_existing=True)
    if state is None:
        return True
    limit = limit_from(state.value)
    if limit is not None and sent_from <= limit.until and not limit.over(sent_from):
        return False
    session.delete(state)
    session.flush()
    logger.warning("outbox: Meta's rate limit is over, sending goes on")
    return True


def current_limit(session: Session, now: datetime) -> AccountLimit | None:
    """The limit recorded and not over (read only)."""
    state = session.get(SystemState, LIMIT_KEY)
    limit = limit_from(state.value) if state is not None else None
    return None if limit is None or limit.over(now) else limit


def limit_from(value: Any) -> AccountLimit | None:
    """The record's value read (None when it is not one)."""
    value = value if isinstance(value, dict) else {}
    try:
        since = datetime.fromisoformat(str(value["since"]))
        last = datetime.fromisoformat(str(value["last"]))
        until = datetime.fromisoformat(str(value.get("until", value["last"])))
    except (KeyError, ValueError):
        return None
    return AccountLimit(
        str(value.get("code", "")), str(value.get("reason", "")), since, last, until
    )
