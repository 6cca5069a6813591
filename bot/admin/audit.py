"""Who changed what from the back office: one `AdminAction` row per change, written in the
change's own transaction (a change that fails leaves no trace, one that commits always does)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.db.models import AdminAction


def record_action(
    session: Session,
    admin: str,
    action: str,
    target: str = "",
    *,
    now: datetime,
    **detail: object,
) -> None:
    """Write who changed what from the back office (`AdminAction`), in the change's transaction."""
    session.add(
        AdminAction(admin=admin, action=action, target=target[:200], detail=detail, created_at=now)
    )
