"""A number's conversation as a phone shows it: what they wrote and what the bot answered,
with buttons, lists, templates and delivery ticks (failures with their reason).

Read from the same rows the bot works with (`inbound_message`, `outbound_message`); pages go
from the newest messages back, each page in the order a phone shows them (oldest at the top).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot.db.models import InboundMessage, OutboundMessage
from bot.outbound.outbox import REPLACED_KEY

PAGE_SIZE = 30
_HIDDEN_KINDS = ("read",)  # read receipts and typing indicators show nothing on a phone


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
    whether older messages exist."""
    page = max(1, page)
    wanted = page * PAGE_SIZE + 1
    inbound = session.exec(
        select(InboundMessage)
        .where(InboundMessage.sender == phone)
        .order_by(col(InboundMessage.sent_at).desc(), col(InboundMessage.id).desc())
        .limit(wanted)
    ).all()
    outbound = session.exec(
        select(OutboundMessage)
        .where(OutboundMessage.recipient == phone, col(OutboundMessage.kind).not_in(_HIDDEN_KINDS))
        .order_by(col(OutboundMessage.id).desc())
        .limit(wanted)
    ).all()
    bubbles = [inbound_bubble(row) for row in inbound] + [outbound_bubble(r) for r in outbound]
    bubbles.sort(key=lambda bubble: bubble.key, reverse=True)
    start = (page - 1) * PAGE_SIZE
    shown = bubbles[start : start + PAGE_SIZE]
    shown.reverse()
    return shown, len(bubbles) > start + PAGE_SIZE


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
