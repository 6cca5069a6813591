"""Named back-office users (`stockbot admin add NAME`): argon2 password hashes, never the
password itself. The admin token signs in as the user `admin` (a name no user may take)."""

from __future__ import annotations

import re
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from bot.db.models import ADMIN_NAME_MAX, AdminSession, AdminUser
from bot.errors import ValidationError

TOKEN_USER = "admin"  # who signed in with ADMIN_TOKEN
PASSWORD_MIN = 12
_NAME = re.compile(rf"[a-z0-9][a-z0-9._-]{{0,{ADMIN_NAME_MAX - 1}}}")
_HASHER = PasswordHasher()
# Verified when the name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anybody")


def check_name(name: str) -> str:
    name = name.strip().lower()
    if not _NAME.fullmatch(name):
        raise ValidationError(
            f"nom d'utilisateur invalide : lettres minuscules, chiffres, . _ - "
            f"({ADMIN_NAME_MAX} au plus, commençant par une lettre ou un chiffre)"
        )
    if name == TOKEN_USER:
        raise ValidationError(f"« {TOKEN_USER} » est réservé à la connexion par ADMIN_TOKEN")
    return name


def add_admin(session: Session, name: str, password: str) -> AdminUser:
    """Create a user, or set a new password for an existing one (and reactivate it)."""
    name = check_name(name)
    if len(password) < PASSWORD_MIN:
        raise ValidationError(f"mot de passe trop court ({PASSWORD_MIN} caractères au moins)")
    user = find_admin(session, name)
    if user is None:
        user = AdminUser(name=name, password_hash=_HASHER.hash(password))
    else:
        user.password_hash = _HASHER.hash(password)
        user.active = True
    session.add(user)
    session.flush()
    return user


def find_admin(session: Session, name: str) -> AdminUser | None:
    return session.exec(select(AdminUser).where(AdminUser.name == name)).first()


def list_admins(session: Session) -> list[AdminUser]:
    return list(session.exec(select(AdminUser).order_by(col(AdminUser.name))))


def has_admin_users(session: Session) -> bool:
    return (
        session.exec(select(AdminUser.id).where(col(AdminUser.active).is_(True))).first()
        is not None
    )


def deactivate_admin(session: Session, name: str) -> bool:
    """Stop a user signing in, and end their open sessions; False when there is no such user."""
    user = find_admin(session, name.strip().lower())
    if user is None:
        return False
    user.active = False
    session.add(user)
    for open_session in session.exec(select(AdminSession).where(AdminSession.admin == user.name)):
        session.delete(open_session)
    session.flush()
    return True


def verify_admin(session: Session, name: str, password: str, *, now: datetime) -> AdminUser | None:
    """The active user with this name and password, or None (in about the same time)."""
    user = find_admin(session, name.strip().lower())
    hashed = user.password_hash if user is not None and user.active else _DUMMY_HASH
    try:
        _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    user.last_signed_in_at = now
    session.add(user)
    return user
