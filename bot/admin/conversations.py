"""Conversations: the managers (and other numbers that wrote) with their latest activity, and
one number's thread as on a phone, newest page first, refreshed every few seconds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from math import ceil

from sqlalchemy import func
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response

from bot.admin.thread import Bubble, thread
from bot.admin.web import Admin, admin_page, is_htmx, render
from bot.db.models import Contact, InboundMessage, Manager, OutboundMessage

PAGE_SIZE = 50
OTHERS_SHOWN = 20
PHONE_MAX = 64


@dataclass(frozen=True, slots=True)
class Entry:
    phone: str
    name: str
    active: bool
    manager: bool
    last: datetime | None


def _last_seen(session: Session, phones: list[str]) -> dict[str, datetime]:
    seen: dict[str, datetime] = {}
    if not phones:
        return seen
    for phone, moment in session.exec(
        select(InboundMessage.sender, func.max(InboundMessage.sent_at))
        .where(col(InboundMessage.sender).in_(phones))
        .group_by(col(InboundMessage.sender))
    ).all():
        seen[phone] = moment
    for phone, moment in session.exec(
        select(OutboundMessage.recipient, func.max(OutboundMessage.created_at))
        .where(col(OutboundMessage.recipient).in_(phones))
        .group_by(col(OutboundMessage.recipient))
    ).all():
        if phone not in seen or moment > seen[phone]:
            seen[phone] = moment
    return seen


def entries(session: Session, page: int) -> tuple[list[Entry], list[Entry], int, int]:
    """A page of managers, the latest other numbers (contacts that are not managers), the page
    and the number of pages."""
    total = session.exec(select(func.count()).select_from(Manager)).one()
    pages = max(1, ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    managers = session.exec(
        select(Manager)
        .order_by(col(Manager.active).desc(), col(Manager.name), col(Manager.phone))
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    others = session.exec(
        select(Contact)
        .where(~select(Manager.id).where(col(Manager.phone) == col(Contact.phone)).exists())
        .order_by(col(Contact.last_inbound_at).desc())
        .limit(OTHERS_SHOWN)
    ).all()
    seen = _last_seen(session, [m.phone for m in managers] + [c.phone for c in others])
    listed = [Entry(m.phone, m.name, m.active, True, seen.get(m.phone)) for m in managers]
    strangers = [Entry(c.phone, c.profile_name, False, False, seen.get(c.phone)) for c in others]
    return listed, strangers, page, pages


@admin_page
async def conversations(request: Request, admin: Admin) -> Response:
    raw = request.query_params.get("page", "1")
    page = int(raw) if raw.isdecimal() and len(raw) < 7 else 1
    listed, strangers, page, pages = await admin.db(lambda session: entries(session, page))
    return render(
        request,
        "conversations.html",
        language=admin.language,
        admin=admin,
        active="conversations",
        listed=listed,
        strangers=strangers,
        page=page,
        pages=pages,
    )


@dataclass(frozen=True, slots=True)
class Thread:
    phone: str
    name: str
    bubbles: list[Bubble]
    older: bool
    page: int


def load_thread(session: Session, phone: str, page: int) -> Thread:
    manager = session.exec(select(Manager).where(Manager.phone == phone)).first()
    bubbles, older = thread(session, phone, page=page)
    return Thread(phone, manager.name if manager else "", bubbles, older, page)


@admin_page
async def conversation(request: Request, admin: Admin) -> Response:
    phone = str(request.path_params["phone"])[:PHONE_MAX]
    raw = request.query_params.get("page", "1")
    page = int(raw) if raw.isdecimal() and len(raw) < 7 else 1
    found = await admin.db(lambda session: load_thread(session, phone, page))
    template = "thread.html" if is_htmx(request) else "conversation.html"
    return render(
        request,
        template,
        language=admin.language,
        admin=admin,
        active="conversations",
        found=found,
    )
