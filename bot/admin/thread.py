"""A number's conversation as a phone shows it: what they wrote and what the bot answered,
with buttons, lists, templates and delivery ticks (failures with their reason).

Read from the same rows the bot works with (`inbound_message`, `outbound_message`); pages go
from the newest messages back, each page in the order a phone shows them (oldest at the top).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import literal, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.db.models import InboundMessage, OutboundMessage
from bot.outbound.outbox import REPLACED_KEY

PAGE_SIZE = 30
_HIDDEN_KINDS = ("read",)
_IN: Any = InboundMessage.__table__  # type: ignore[attr-defined]
_OUT: Any = OutboundMessage.__table__  # type: ignore[attr-defined]  # read receipts and typing indicators show nothing on a phone


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    title: str
    description: str = ""


@dataclass(slots=True)
class Bubble:
    """One message on the phone's screen."""

    incoming: bool
    at: datetime
    text: str = ""
    header: str = ""
    footer: str = ""
    buttons: list[Choice] = field(default_factory=list)
    list_button: str = ""
    rows: list[Choice] = field(default_factory=list)
    template: str = ""
    status: str = ""  # outgoing: queued, sending, sent, delivered, read, failed
    error: str = ""
    row_id: int = 0
    key: tuple[float, int, int] = (0.0, 0, 0)


def inbound_bubble(row: InboundMessage) -> Bubble:
    message: dict[str, Any] = (row.payload or {}).get("message") or {}
    kind = message.get("type", row.type)
    text = ""
    if kind == "text":
        text = str(message.get("body", ""))
    elif kind in ("button", "list_reply"):
        text = f"[{message.get('title') or message.get('id', '')}]"
    elif kind == "media":
        caption = str(message.get("caption", "") or "")
        text = f"📎 {message.get('media', 'media')}" + (f"\n{caption}" if caption else "")
    elif kind == "location":
        text = f"📍 {message.get('latitude')}, {message.get('longitude')}"
    elif kind == "reaction":
        text = str(message.get("emoji", "")) or "(réaction retirée)"
    else:
        text = f"({kind})"
    assert row.id is not None
    return Bubble(
        incoming=True,
        at=row.sent_at,
        text=text,
        row_id=row.id,
        key=(row.sent_at.timestamp(), 0, row.id),
    )


def outbound_bubble(row: OutboundMessage) -> Bubble:
    payload: dict[str, Any] = row.payload or {}
    assert row.id is not None
    bubble = Bubble(
        incoming=False,
        at=row.created_at,
        status=row.status,
        error=" ".join(filter(None, [row.last_error_code or "", row.last_error_text or ""])),
        row_id=row.id,
        key=(row.created_at.timestamp(), 1, row.id),
    )
    kind = row.kind
    if kind == "text":
        bubble.text = str(payload.get("body", ""))
    elif kind == "buttons":
        bubble.text = str(payload.get("body", ""))
        bubble.header = str(payload.get("header", ""))
        bubble.footer = str(payload.get("footer", ""))
        bubble.buttons = [Choice(b["id"], b["title"]) for b in payload.get("buttons", [])]
    elif kind == "list":
        bubble.text = str(payload.get("body", ""))
        bubble.header = str(payload.get("header", ""))
        bubble.footer = str(payload.get("footer", ""))
        bubble.list_button = str(payload.get("button", ""))
        bubble.rows = [
            Choice(r["id"], r["title"], r.get("description", "")) for r in payload.get("rows", [])
        ]
    elif kind == "template":
        bubble.template = str(payload.get("name", ""))
        bubble.text = " · ".join(str(p) for p in payload.get("body_params", []))
        replaced = payload.get(REPLACED_KEY)
        if isinstance(replaced, dict):  # a free-form message swapped for its template
            bubble.footer = str((replaced.get("payload") or {}).get("body", ""))[:200]
        bubble.buttons = [
            Choice(p, p.rsplit(":", 1)[-1]) for p in payload.get("button_payloads", [])
        ]
    elif kind == "reaction":
        bubble.text = str(payload.get("emoji", ""))
    else:
        bubble.text = f"({kind})"
    return bubble


def thread(session: Session, phone: str, *, page: int = 1) -> tuple[list[Bubble], bool]:
    """Page `page` (1: the newest) of `phone`'s conversation, oldest first on the page, and
    whether older messages exist. The page is chosen over the keys of both tables alone (time,
    side, id), then only its rows are read."""
    page = max(1, page)
    incoming = sa_select(
        _IN.c.sent_at.label("at"), literal(0).label("side"), _IN.c.id.label("id")
    ).where(_IN.c.sender == phone)
    outgoing = sa_select(
        _OUT.c.created_at.label("at"), literal(1).label("side"), _OUT.c.id.label("id")
    ).where(_OUT.c.recipient == phone, _OUT.c.kind.not_in(_HIDDEN_KINDS))
    keys = union_all(incoming, outgoing).subquery()
    chosen = session.execute(
        sa_select(keys.c.side, keys.c.id)
        .order_by(keys.c.at.desc(), keys.c.side.desc(), keys.c.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    ).all()
    older = len(chosen) > PAGE_SIZE
    chosen = chosen[:PAGE_SIZE]
    in_ids = [row_id for side, row_id in chosen if side == 0]
    out_ids = [row_id for side, row_id in chosen if side == 1]
    bubbles = (
        [
            inbound_bubble(row)
            for row in session.exec(
                select(InboundMessage).where(col(InboundMessage.id).in_(in_ids))
            )
        ]
        if in_ids
        else []
    )
    if out_ids:
        bubbles += [
            outbound_bubble(row)
            for row in session.exec(
                select(OutboundMessage).where(col(OutboundMessage.id).in_(out_ids))
            )
        ]
    bubbles.sort(key=lambda bubble: bubble.key)
    return bubbles, older


def latest(session: Session, *, limit: int = 8) -> list[tuple[str, Bubble]]:
    """The latest messages of every conversation, newest first, with their number."""
    inbound = session.exec(
        select(InboundMessage).order_by(col(InboundMessage.id).desc()).limit(limit)
    ).all()
    outbound = session.exec(
        select(OutboundMessage)
        .where(col(OutboundMessage.kind).not_in(_HIDDEN_KINDS))
        .order_by(col(OutboundMessage.id).desc())
        .limit(limit)
    ).all()
    pairs = [(row.sender, inbound_bubble(row)) for row in inbound]
    pairs += [(row.recipient, outbound_bubble(row)) for row in outbound]
    pairs.sort(key=lambda pair: pair[1].key, reverse=True)
    return pairs[:limit]
