"""Sending paused: after an invalid token or an account problem (StopSending), kept in the database.

The pause survives restarts and is seen by every worker. It records a fingerprint (hash) of the
credentials in use when it started. Reading it (`current_pause`, `stockbot status`) changes
nothing; only a sending worker whose own credentials differ lifts it
(`lift_if_credentials_changed`: a new token was deployed), and `stockbot outbox --resume` lifts
it by hand (a policy block cleared with Meta, a payment fixed). The pause is logged loudly once,
when it starts.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.db.models import SystemState
from bot.settings import Settings

logger = logging.getLogger(__name__)

PAUSE_KEY = "outbox_pause"


@dataclass(frozen=True, slots=True)
class Pause:
    reason: str
    code: str
    since: str  # ISO 8601, UTC
    fingerprint: str

    def credentials_changed(self, settings: Settings) -> bool:
        """Whether `settings` hold other credentials than those that met the refusal."""
        return self.fingerprint != credentials_fingerprint(settings)


def credentials_fingerprint(settings: Settings) -> str:
    """A short hash of the sending credentials (never the secret itself)."""
    material = "\x00".join(
        [
            settings.whatsapp_provider,
            settings.secret("whatsapp_api_token"),
            settings.whatsapp_phone_number_id,
            settings.twilio_account_sid,
            settings.secret("twilio_auth_token"),
        ]
    )
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def current_pause(session: Session) -> Pause | None:
    """The pause in force, if any (read only)."""
    state = session.get(SystemState, PAUSE_KEY)
    if state is None or not state.value:
        return None
    return _pause_from(state.value)


def lift_if_credentials_changed(session: Session, settings: Settings) -> Pause | None:
    """For a sending worker: the pause in force, lifted first when `settings` (the worker's own)
    hold other credentials than those that caused it."""
    pause = current_pause(session)
    if pause is None or not pause.credentials_changed(settings):
        return pause
    state = session.get(SystemState, PAUSE_KEY, with_for_update=True)
    if state is not None:
        session.delete(state)
        session.flush()
    logger.warning("outbox: credentials changed since the pause (%s), sending resumes", pause.code)
    return None


def pause_sending(
    session: Session, settings: Settings, *, reason: str, code: str, now: datetime
) -> Pause:
    """Pause every worker; logs loudly once (when the pause starts)."""
    pause = Pause(reason[:500], code, now.isoformat(), credentials_fingerprint(settings))
    state = session.get(SystemState, PAUSE_KEY)
    if state is not None and state.value:
        return _pause_from(state.value)
    value: dict[str, Any] = {
        "reason": pause.reason,
        "code": pause.code,
        "since": pause.since,
        "fingerprint": pause.fingerprint,
    }
    if state is None:
        session.add(SystemState(key=PAUSE_KEY, value=value, updated_at=now))
    else:
        state.value = value
        state.updated_at = now
    session.flush()
    logger.critical(
        "OUTBOX PAUSED: nothing will be sent until the credentials change or "
        "`stockbot outbox --resume` (code %s: %s)",
        code,
        pause.reason,
    )
    return pause


def resume_sending(session: Session) -> bool:
    """Lift the pause by hand; False when there was none."""
    state = session.get(SystemState, PAUSE_KEY)
    if state is None:
        return False
    session.delete(state)
    session.flush()
    logger.warning("outbox: pause lifted by hand, sending resumes")
    return True


def _pause_from(value: dict[str, Any]) -> Pause:
    return Pause(
        str(value.get("reason", "")),
        str(value.get("code", "")),
        str(value.get("since", "")),
        str(value.get("fingerprint", "")),
    )
