"""Back-office sessions: a signed, HttpOnly, SameSite=Lax cookie naming a server-side session.

The cookie holds a random token and its HMAC (a key kept in the database, shared by every
process, made on first use); the `admin_session` table holds the token's SHA-256, who signed in,
the CSRF token and the expiry. A forged cookie fails the HMAC before any look-up; an expired or
signed-out one is found nowhere. Every change (a POST, an htmx request) must carry the session's
CSRF token, in the form field `csrf` or the `X-CSRF-Token` header.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete

from bot.db.engine import transaction
from bot.db.models import AdminSession, SystemState

COOKIE = "stockbot_admin"
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
_KEY_STATE = "admin_cookie_key"


@dataclass(frozen=True, slots=True)
class SignedIn:
    admin: str
    csrf: str
    token: str


def cookie_key(engine: Engine) -> bytes:
    """The HMAC key of the cookies, made once and kept in `system_state`."""
    with transaction(engine) as session:
        state = session.get(SystemState, _KEY_STATE)
        if state is not None:
            return bytes.fromhex(state.value["key"])
    try:
        with transaction(engine) as session:
            session.add(SystemState(key=_KEY_STATE, value={"key": secrets.token_hex(32)}))
    except IntegrityError:  # another process made it first
        pass
    with transaction(engine) as session:
        state = session.get(SystemState, _KEY_STATE)
        assert state is not None
        return bytes.fromhex(state.value["key"])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _mac(key: bytes, token: str) -> str:
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


def sign(key: bytes, token: str) -> str:
    return f"{token}.{_mac(key, token)}"


def unsign(key: bytes, value: str | None) -> str | None:
    """The token of a cookie value whose signature is right, else None."""
    if not value or value.count(".") != 1:
        return None
    token, mac = value.split(".")
    if not token or not hmac.compare_digest(mac, _mac(key, token)):
        return None
    return token


def open_session(session: Session, admin: str, *, hours: float, now: datetime) -> SignedIn:
    """Start a session for `admin` (and forget the expired ones)."""
    session.exec(delete(AdminSession).where(col(AdminSession.expires_at) <= now))
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    session.add(
        AdminSession(
            id=_digest(token),
            admin=admin,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    return SignedIn(admin, csrf, token)


def find_session(session: Session, token: str, *, now: datetime) -> SignedIn | None:
    row = session.get(AdminSession, _digest(token))
    if row is None or row.expires_at <= now:
        return None
    return SignedIn(row.admin, row.csrf_token, token)


def close_session(session: Session, token: str) -> None:
    row = session.get(AdminSession, _digest(token))
    if row is not None:
        session.delete(row)


def csrf_matches(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())
