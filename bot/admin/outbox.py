"""The outbox page: failed and queued messages with their reasons and error codes, [Renvoyer]
on a failed one (`bot.outbound.retry`), and [Reprendre les envois] when sending is paused
(`bot.outbound.pause.resume_sending`, as `stockbot outbox --resume`)."""

from __future__ import annotations

from math import ceil
from urllib.parse import quote

from sqlalchemy import func
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.admin.audit import record_action
from bot.admin.web import Admin, admin_page, render
from bot.clock import utcnow
from bot.db.models import OutboundMessage, OutboundStatus
from bot.errors import NotFound, ValidationError
from bot.outbound.pause import resume_sending
from bot.outbound.retry import retry_failed
from bot.outbound.service import AlertService

PAGE_SIZE = 50
VIEWS = {
    "failed": [OutboundStatus.FAILED],
    "queued": [OutboundStatus.QUEUED, OutboundStatus.SENDING],
}


def outbox_rows(session: Session, view: str, page: int) -> tuple[list[OutboundMessage], int, int]:
    statuses = [s.value for s in VIEWS[view]]
    total = session.exec(
        select(func.count()).where(col(OutboundMessage.status).in_(statuses))
    ).one()
    pages = max(1, ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    order = col(OutboundMessage.id).desc() if view == "failed" else col(OutboundMessage.id)
    rows = session.exec(
        select(OutboundMessage)
        .where(col(OutboundMessage.status).in_(statuses))
        .order_by(order)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return list(rows), page, pages


def summary(row: OutboundMessage) -> str:
    payload = row.payload or {}
    text = payload.get("body") or payload.get("name") or row.kind
    return str(text)[:120]


@admin_page
async def outbox(request: Request, admin: Admin) -> Response:
    view = request.query_params.get("view", "failed")
    view = view if view in VIEWS else "failed"
    raw = request.query_params.get("page", "1")
    page = int(raw) if raw.isdecimal() and len(raw) < 7 else 1
    ctx = admin.ctx
    status = await run_in_threadpool(AlertService(ctx.settings, ctx.engine).get_status)
    rows, page, pages = await admin.db(lambda session: outbox_rows(session, view, page))
    return render(
        request,
        "outbox.html",
        language=admin.language,
        admin=admin,
        active="outbox",
        view=view,
        rows=rows,
        page=page,
        pages=pages,
        sending=status,
        summary=summary,
        flash=request.query_params.get("flash", "")[:200],
    )


@admin_page
async def retry(request: Request, admin: Admin) -> Response:
    row_id: int = request.path_params["message_id"]

    def work(session: Session) -> int:
        now = utcnow()
        queued = retry_failed(session, row_id, now=now)
        record_action(session, admin.name, "outbox_retry", str(row_id), now=now, rows=queued)
        return queued

    try:
        await admin.db(work)
    except (NotFound, ValidationError) as exc:
        return _back(admin, str(exc))
    admin.ctx.wake_outbox.set()
    return _back(admin, admin.t("retried", id=row_id))


@admin_page
async def resume(request: Request, admin: Admin) -> Response:
    def work(session: Session) -> bool:
        lifted = resume_sending(session)
        if lifted:
            record_action(session, admin.name, "outbox_resume", now=utcnow())
        return lifted

    lifted = await admin.db(work)
    admin.ctx.wake_outbox.set()
    return _back(admin, admin.t("resumed" if lifted else "not_paused"))


def _back(admin: Admin, flash: str) -> Response:
    return RedirectResponse(f"/admin/outbox?flash={quote(flash)}", status_code=303)
