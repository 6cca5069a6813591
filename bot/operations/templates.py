"""Message templates as Meta reports them, and whether the outbox may send one.

The `whatsapp_template` table is filled by `stockbot templates` (from the Graph API) and kept
current by the template webhooks (`bot.operations.events`). A template whose status is known and
does not allow sending (rejected, paused, disabled, pending…) is never sent: Meta would refuse it
(132001, 132015, 132016). A template stockbot knows nothing about is sent as before (a deployment
that never listed its templates keeps working; `stockbot doctor` says the status is unknown).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select
from sqlmodel import Session

from bot.db.models import WhatsAppTemplate

T = WhatsAppTemplate.__table__  # type: ignore[attr-defined]

APPROVED = "APPROVED"
# Statuses under which Meta still delivers the template: flagged and locked templates are
# approved ones with a warning or that cannot be edited.
SENDABLE = frozenset({APPROVED, "FLAGGED", "LOCKED"})
# What each `message_template_status_update` event makes the template's status; events not
# listed (LIMIT_EXCEEDED concerns the account) leave it as it was.
STATUS_OF_EVENT = {
    "APPROVED": APPROVED,
    "REINSTATED": APPROVED,
    "UNARCHIVED": APPROVED,
    "UNPAUSED": APPROVED,
    "FLAGGED": "FLAGGED",
    "LOCKED": "LOCKED",
    "REJECTED": "REJECTED",
    "PENDING": "PENDING",
    "PAUSED": "PAUSED",
    "DISABLED": "DISABLED",
    "IN_APPEAL": "IN_APPEAL",
    "ARCHIVED": "ARCHIVED",
    "DELETED": "DELETED",
    "PENDING_DELETION": "DELETED",
}

_STATUS_FR = {
    "REJECTED": "refusé",
    "PENDING": "en cours de validation",
    "PAUSED": "en pause",
    "DISABLED": "désactivé",
    "IN_APPEAL": "en appel",
    "ARCHIVED": "archivé",
    "DELETED": "supprimé",
}


def language_code(language: str) -> str:
    """A template language as stockbot writes it: `en-US` (webhooks) and `en_US` (API) alike."""
    return language.strip().replace("-", "_")


def sendable(status: str) -> bool:
    return status.upper() in SENDABLE


def status_words(status: str) -> str:
    """A template status for the operator, in French: `en pause`, `refusé`…"""
    return _STATUS_FR.get(status.upper(), status.lower() or "inconnu")


def template_problem(connection: Connection, name: str, language: str) -> str | None:
    """Why template `name` in `language` cannot be sent now, or None (approved, or unknown)."""
    row = connection.execute(
        select(T.c.status, T.c.reason).where(
            T.c.name == name, T.c.language == language_code(language)
        )
    ).first()
    if row is None or not row.status or sendable(row.status):
        return None
    reason = f" ({row.reason})" if row.reason else ""
    return f"le modèle {name} ({language}) est {status_words(row.status)}{reason}"


def save_template(
    session: Session,
    name: str,
    language: str,
    *,
    now: datetime,
    status: str | None = None,
    category: str | None = None,
    quality: str | None = None,
    reason: str | None = None,
    meta_id: str | None = None,
) -> tuple[WhatsAppTemplate, str]:
    """Create or update a template's row with what is given; returns it and its former status."""
    code = language_code(language)
    row = session.scalars(
        select(WhatsAppTemplate).where(
            WhatsAppTemplate.name == name,  # type: ignore[arg-type]
            WhatsAppTemplate.language == code,  # type: ignore[arg-type]
        )
    ).first()
    if row is None:
        row = WhatsAppTemplate(name=name[:512], language=code[:16], updated_at=now)
    before = row.status
    if status is not None:
        row.status = status.upper()[:32]
    if category is not None:
        row.category = category.upper()[:32]
    if quality is not None:
        row.quality = quality.upper()[:16]
    if reason is not None:
        row.reason = reason
    if meta_id is not None:
        row.meta_id = meta_id[:64]
    row.updated_at = now
    session.add(row)
    return row, before


def list_templates(session: Session) -> list[WhatsAppTemplate]:
    return list(session.scalars(select(WhatsAppTemplate).order_by(T.c.name, T.c.language)))


def template_language(connection: Connection, name: str, configured: str, wanted: str) -> str:
    """The language to send template `name` in to a manager who speaks `wanted` (`en`): theirs
    when Meta has approved the template in it (`en`, `en_US`…), else the configured one (a
    Wolof speaker, or a template that exists in one language only)."""
    configured_code = language_code(configured)
    if configured_code.split("_")[0] == wanted:
        return configured
    rows = connection.execute(
        select(T.c.language, T.c.status).where(T.c.name == name).order_by(T.c.language)
    )
    for language, status in rows:
        if str(language).split("_")[0] == wanted and status and sendable(str(status)):
            return str(language)
    return configured


def approved_somewhere(connection: Connection, name: str) -> bool:
    """Whether Meta lets template `name` be sent in some language (as last listed)."""
    rows = connection.execute(select(T.c.status).where(T.c.name == name))
    return any(status and sendable(str(status)) for (status,) in rows)
