"""Sending paused: after an invalid token or an account problem (StopSending), kept in the database.

The pause survives restarts and is seen by every worker. It records a fingerprint (hash) of the
credentials in use when it started. Reading it (`current_pause`, `stockbot status`) changes
nothing; only a sending worker whose own credentials differ lifts it
(`lift_if_credentials_changed`: a new token was deployed), and `stockbot outbox --resume` lifts
it by hand (a policy block cleared with Meta, a payment fixed). The pause is logged loudly once,
when it starts.

Credentials a worker lifted a pause from are remembered as refused (in the same row), so that a
worker still running with them (one not yet redeployed) stays stopped instead of sending, meeting
the same refusal and pausing everyone again, over and over: `lift_if_credentials_changed` gives it
a `superseded` pause, and `pause_sending` with them records nothing. Only `--resume` forgets them.
"""

from __future__ import annotations

import dataclasses
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
REFUSED_KEY = "refused"  # in the pause row: fingerprint -> the pause those credentials met
REFUSED_KEPT = 20


@dataclass(frozen=True, slots=True)
class Pause:
    reason: str
    code: str
    since: str  # ISO 8601, UTC
    fingerprint: str
    # These credentials met this refusal and others replaced them since (the pause was lifted):
    # a worker with them stays stopped.
    superseded: bool = False

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
    return None if state is None else _active(state.value)


def pause_for(session: Session, settings: Settings) -> Pause | None:
    """Read only: the pause in force, or the refusal `settings`' credentials met before they were
    replaced (`superseded`): what a worker with these settings would find."""
    state = session.get(SystemState, PAUSE_KEY)
    if state is None:
        return None
    return _superseded(state.value, credentials_fingerprint(settings)) or _active(state.value)


def lift_if_credentials_changed(session: Session, settings: Settings) -> Pause | None:
    """For a sending worker: the pause in force, lifted first when `settings` (the worker's own)
    hold other credentials than those that caused it; a `superseded` pause when `settings` hold
    credentials refused before and replaced since."""
    own = credentials_fingerprint(settings)
    state = session.get(SystemState, PAUSE_KEY)
    if state is None:
        return None
    refused = _superseded(state.value, own)
    pause = _active(state.value)
    if refused is not None or pause is None or pause.fingerprint == own:
        return refused or pause
    state = session.get(SystemState, PAUSE_KEY, with_for_update=True, populate_existing=True)
    if state is None:
        return None
    pause = _active(state.value)
    if pause is None or pause.fingerprint == own:  # lifted, or paused by ourselves, meanwhile
        return pause
    state.value = {REFUSED_KEY: _refused_with(state.value, pause)}
    session.flush()
    logger.warning("outbox: credentials changed since the pause (%s), sending resumes", pause.code)
    return None


def pause_sending(
    session: Session, settings: Settings, *, reason: str, code: str, now: datetime
) -> Pause:
    """Pause every worker; logs loudly once (when the pause starts)."""
    pause = Pause(reason[:500], code, now.isoformat(), credentials_fingerprint(settings))
    state = session.get(SystemState, PAUSE_KEY, with_for_update=True, populate_existing=True)
    if state is not None:
        refused = _superseded(state.value, pause.fingerprint)
        if refused is not None:  # stale credentials, refused again: the others go on
            return refused
        active = _active(state.value)
        if active is not None:
            return active
    value: dict[str, Any] = {
        "reason": pause.reason,
        "code": pause.code,
        "since": pause.since,
        "fingerprint": pause.fingerprint,
    }
    if state is None:
        session.add(SystemState(key=PAUSE_KEY, value=value, updated_at=now))
    else:
        state.value = value | {REFUSED_KEY: dict(state.value.get(REFUSED_KEY) or {})}
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
    """Lift the pause by hand, and forget the refused credentials; False when there was none."""
    state = session.get(SystemState, PAUSE_KEY)
    if state is None:
        return False
    session.delete(state)
    session.flush()
    logger.warning("outbox: pause lifted by hand, sending resumes")
    return True


def _active(value: dict[str, Any] | None) -> Pause | None:
    return _pause_from(value) if value and value.get("since") else None


def _superseded(value: dict[str, Any] | None, fingerprint: str) -> Pause | None:
    refused = (value or {}).get(REFUSED_KEY) or {}
    met = refused.get(fingerprint)
    if not isinstance(met, dict):
        return None
    return dataclasses.replace(_pause_from(met), fingerprint=fingerprint, superseded=True)


def _refused_with(value: dict[str, Any], pause: Pause) -> dict[str, Any]:
    refused = dict(value.get(REFUSED_KEY) or {})
    refused[pause.fingerprint] = {"reason": pause.reason, "code": pause.code, "since": pause.since}
    return dict(list(refused.items())[-REFUSED_KEPT:])


def _pause_from(value: dict[str, Any]) -> Pause:
    return Pause(
        str(value.get("reason", "")),
        str(value.get("code", "")),
        str(value.get("since", "")),
        str(value.get("fingerprint", "")),
    )
