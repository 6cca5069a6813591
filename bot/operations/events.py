"""Operator events: what Meta says about the account rather than about one message.

A template approved, rejected, paused or disabled (`message_template_status_update`), its quality
(`message_template_quality_update`), the phone number's quality and messaging limit
(`phone_number_quality_update`), the account restricted, banned or disabled (`account_update`),
its capabilities (`business_capability_update`)… Each is stored once (`OperatorEvent`, unique by a
digest of the change, so a re-delivery adds nothing) inside the webhook's transaction; template
events also update the template's row (`bot.operations.templates`), which the outbox reads before
sending a template. What the operator should act on is logged as a WARNING, and `account_health`
sums the current state up for `stockbot status` and `/healthz`.

Meta posts the events of every number of the WhatsApp Business Account to the app. An event
about one number names it by its display form only (`display_phone_number`), so ours is learnt
from the changes addressed to our `phone_number_id` (`remember_display_number`, kept in
`SystemState`) and an event naming another number is kept raw, never applied
(`other_numbers`), as messages and statuses of other numbers are. Until a first message has
shown ours, every event is taken as ours.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from bot.db.models import OperatorEvent, SystemState, WhatsAppTemplate
from bot.inbound.batch import ReceivedOperatorEvent
from bot.operations.templates import (
    STATUS_OF_EVENT,
    language_code,
    save_template,
    sendable,
    status_words,
)

logger = logging.getLogger(__name__)

E = OperatorEvent.__table__  # type: ignore[attr-defined]
TEMPLATES = WhatsAppTemplate.__table__  # type: ignore[attr-defined]

TEMPLATE_STATUS = "message_template_status_update"
TEMPLATE_QUALITY = "message_template_quality_update"
PHONE_QUALITY = "phone_number_quality_update"
ACCOUNT = "account_update"
CAPABILITY = "business_capability_update"

# Phone-number events that lower what the number may do.
_PHONE_WARNINGS = frozenset({"DOWNGRADE", "FLAGGED"})
# Account events that stop or limit sending.
_ACCOUNT_WARNINGS = frozenset(
    {"ACCOUNT_RESTRICTION", "ACCOUNT_VIOLATION", "DISABLED_UPDATE", "ACCOUNT_DELETED"}
)


DISPLAY_NUMBER_KEY = "whatsapp_display_number"  # SystemState: our number as WhatsApp shows it
_NUMBER_FIELDS = ("display_phone_number", "phone_number")  # how an event names its number
# Our display number as last written, per engine: written once per process, not per delivery.
_WRITTEN: WeakKeyDictionary[object, str] = WeakKeyDictionary()


def remember_display_number(session: Session, number: str, *, now: datetime) -> None:
    """Keep `number` as our display number (a write only when it changes)."""
    bind = session.get_bind()
    if not number or _WRITTEN.get(bind) == number:
        return
    state = session.get(SystemState, DISPLAY_NUMBER_KEY)
    if state is None:
        session.add(SystemState(key=DISPLAY_NUMBER_KEY, value={"number": number}, updated_at=now))
    elif state.value.get("number") != number:
        state.value, state.updated_at = {"number": number}, now
        session.add(state)
    _WRITTEN[bind] = number


def other_numbers(
    session: Session, events: Sequence[ReceivedOperatorEvent]
) -> list[tuple[ReceivedOperatorEvent, str]]:
    """The events about a number of the account that is not ours, each with the number it names;
    none while ours is not known yet."""
    named = [(event, number) for event in events if (number := _number_of(event.value))]
    if not named:
        return []
    state = session.get(SystemState, DISPLAY_NUMBER_KEY)
    known = _str(state.value.get("number")) if state is not None else ""
    ours = _digits(known or _WRITTEN.get(session.get_bind(), ""))
    if not ours:
        return []
    others = [(event, number) for event, number in named if _digits(number) != ours]
    for event, number in others:
        logger.info("%s for %s, another number of the account: not applied", event.field, number)
    return others


def _number_of(value: Mapping[str, Any]) -> str:
    return next((_str(value.get(key)) for key in _NUMBER_FIELDS if _str(value.get(key))), "")


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def digest_of(event: ReceivedOperatorEvent) -> str:
    """The same for every delivery of one change (re-deliveries repeat it byte for byte, or
    re-serialised: the digest is over the decoded value)."""
    canonical = json.dumps(
        [
            event.field,
            event.account_id,
            event.occurred_at.isoformat() if event.occurred_at else "",
            event.value,
        ],
        sort_keys=True,
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def describe(field: str, value: Mapping[str, Any], account_id: str = "") -> tuple[str, str]:
    """(event, subject) of a change: `("PAUSED", "alerte_rupture_stock:fr")`,
    `("FLAGGED", "221785550100")`, `("ACCOUNT_RESTRICTION", "<WABA id>")`…"""
    if field in (TEMPLATE_STATUS, TEMPLATE_QUALITY):
        subject = f"{_str(value.get('message_template_name'))}:" + language_code(
            _str(value.get("message_template_language"))
        )
        event = value.get("event") if field == TEMPLATE_STATUS else value.get("new_quality_score")
        return _str(event).upper(), subject
    if field == PHONE_QUALITY:
        return _str(value.get("event")).upper(), _str(value.get("display_phone_number"))
    if field == CAPABILITY:
        limit = value.get("max_daily_conversations_per_business")
        if limit is None:
            limit = value.get("max_daily_conversation_per_phone")
        return _str(limit).upper(), account_id
    return _str(value.get("event")).upper(), account_id


def record_operator_events(
    session: Session, events: Sequence[ReceivedOperatorEvent], *, now: datetime
) -> list[OperatorEvent]:
    """Store each new event once and act on it; returns the new ones (re-deliveries skipped)."""
    if not events:
        return []
    rows: dict[str, dict[str, Any]] = {}
    for event in events:
        name, subject = describe(event.field, event.value, event.account_id)
        rows.setdefault(
            digest_of(event),
            {
                "provider": "meta",
                "field": event.field[:64],
                "event": name[:64],
                "subject": subject[:255],
                "detail": dict(event.value),
                "account_id": event.account_id[:64],
                "digest": digest_of(event),
                "occurred_at": event.occurred_at or now,
                "received_at": now,
            },
        )
    connection = session.connection()
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = insert(E).on_conflict_do_nothing(index_elements=["digest"]).returning(E.c.id)
    new_ids = [row_id for (row_id,) in connection.execute(statement, list(rows.values()))]
    if not new_ids:
        return []
    fresh = list(session.scalars(select(OperatorEvent).where(E.c.id.in_(new_ids)).order_by(E.c.id)))
    for row in fresh:
        _act(session, row, now)
    return fresh


def _act(session: Session, row: OperatorEvent, now: datetime) -> None:
    detail = row.detail
    if row.field == TEMPLATE_STATUS:
        _template_status(session, row, now)
    elif row.field == TEMPLATE_QUALITY:
        name, _, language = row.subject.rpartition(":")
        save_template(session, name, language, now=now, quality=row.event, **_meta_id(detail))
        if row.event in ("RED", "YELLOW"):
            logger.warning(
                "template %s quality is now %s (was %s): Meta may pause it if it keeps getting "
                "negative feedback",
                row.subject,
                row.event,
                _str(detail.get("previous_quality_score")) or "?",
            )
    elif row.field == PHONE_QUALITY and row.event in _PHONE_WARNINGS:
        logger.warning(
            "phone number %s: %s (messaging limit %s)",
            row.subject,
            row.event,
            _limit(detail) or "?",
        )
    elif row.field == ACCOUNT and row.event in _ACCOUNT_WARNINGS:
        logger.warning(
            "WhatsApp account %s: %s %s", row.subject, row.event, _account_detail(detail)
        )
    else:
        logger.info("operator event %s: %s %s", row.field, row.event, row.subject)


def _template_status(session: Session, row: OperatorEvent, now: datetime) -> None:
    detail = row.detail
    name, _, language = row.subject.rpartition(":")
    status = STATUS_OF_EVENT.get(row.event)
    reason = _template_reason(detail)
    category = _str(detail.get("message_template_category")) or None
    template, before = save_template(
        session,
        name,
        language,
        now=now,
        status=status,
        reason=reason if status is not None else None,
        category=category,
        **_meta_id(detail),
    )
    if status is None:
        logger.info("template %s: %s", row.subject, row.event)
    elif not sendable(template.status):
        logger.warning(
            "template %s is now %s%s: Meta refuses it, so messages that need it (alerts and "
            "digests outside the 24-hour window) cannot be sent; inside the window alerts go as "
            "free text. Fix it in WhatsApp Manager or with `stockbot templates push`.",
            row.subject,
            status_words(template.status),
            f" ({reason})" if reason else "",
        )
    elif before and not sendable(before):
        logger.warning("template %s is approved again: alerts use it again", row.subject)
    else:
        logger.info("template %s: %s", row.subject, template.status)


def _template_reason(detail: Mapping[str, Any]) -> str:
    """Meta's reason, readable: `INVALID_FORMAT: Variable parameters …`, `FIRST_PAUSE: …`."""
    parts = []
    reason = _str(detail.get("reason"))
    if reason and reason.upper() != "NONE":
        parts.append(reason)
    for key in ("rejection_info", "other_info"):
        info = detail.get(key)
        if isinstance(info, Mapping):
            parts.extend(
                _str(info.get(k))
                for k in ("title", "reason", "description", "recommendation")
                if _str(info.get(k))
            )
    return ": ".join(dict.fromkeys(parts))[:1000]


def _meta_id(detail: Mapping[str, Any]) -> dict[str, str]:
    meta_id = _str(detail.get("message_template_id"))
    return {"meta_id": meta_id} if meta_id else {}


def _limit(detail: Mapping[str, Any]) -> str:
    for key in ("max_daily_conversations_per_business", "current_limit"):
        if detail.get(key) not in (None, ""):
            return _str(detail.get(key))
    return ""


def _account_detail(detail: Mapping[str, Any]) -> str:
    """The restriction, violation or ban an `account_update` carries, in one line."""
    parts = []
    for key in ("ban_info", "violation_info", "restriction_info", "restrictions"):
        info = detail.get(key)
        items = info if isinstance(info, list) else [info]
        for item in items:
            if isinstance(item, Mapping):
                parts.append(", ".join(f"{k}={_words(v)}" for k, v in item.items() if _words(v)))
    return "; ".join(p for p in parts if p)[:500]


def _words(value: Any) -> str:
    """A scalar, or a list of scalars joined (`waba_ban_state: ["DISABLE"]`)."""
    if isinstance(value, list):
        return "/".join(_str(v) for v in value if _str(v))
    return _str(value)


def _str(value: Any) -> str:
    if value is None or isinstance(value, Mapping | list):
        return ""
    return str(value).strip()


# ---------------------------------------------------------------- reading the state


def account_health(connection: Connection) -> dict[str, Any]:
    """The account's current state as the events tell it, for `stockbot status`, `/healthz` and
    the back office: templates that cannot be sent or whose quality dropped, the phone number's
    latest quality event, the account's latest event and its messaging limit. Cheap: a few
    indexed reads of small tables."""
    templates = [
        {
            "name": row.name,
            "language": row.language,
            "status": row.status,
            "quality": row.quality,
            "reason": row.reason,
        }
        for row in connection.execute(
            select(
                TEMPLATES.c.name,
                TEMPLATES.c.language,
                TEMPLATES.c.status,
                TEMPLATES.c.quality,
                TEMPLATES.c.reason,
            ).order_by(TEMPLATES.c.name, TEMPLATES.c.language)
        )
        if (row.status and not sendable(row.status)) or row.quality in ("RED", "YELLOW")
    ]
    latest = {
        row.field: row
        for row in connection.execute(
            select(E.c.field, E.c.event, E.c.subject, E.c.detail, E.c.occurred_at).where(
                E.c.id.in_(
                    select(func.max(E.c.id))
                    .where(E.c.field.in_((PHONE_QUALITY, ACCOUNT, CAPABILITY)))
                    .group_by(E.c.field)
                )
            )
        )
    }
    health: dict[str, Any] = {"templates_not_sendable": templates}
    if PHONE_QUALITY in latest:
        phone = latest[PHONE_QUALITY]
        health["phone_number"] = {
            "number": phone.subject,
            "event": phone.event,
            "messaging_limit": _limit(phone.detail),
            "at": phone.occurred_at.isoformat(),
        }
    if ACCOUNT in latest:
        account = latest[ACCOUNT]
        health["account"] = {
            "event": account.event,
            "detail": _account_detail(account.detail),
            "at": account.occurred_at.isoformat(),
        }
    if CAPABILITY in latest:
        health["messaging_limit"] = latest[CAPABILITY].event
    return health
