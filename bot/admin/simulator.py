"""The simulator: chat with the bot as a manager (or a new test number) from the browser.

Each message goes the real inbound way: stored as an `InboundMessage` (provider `simulator`),
then processed by the inbound processor (`process_pending`), which answers through the
conversation layer and the outbox. The outbox captures what a simulated message queues
(`bot.outbound.outbox.captured`): recorded as sent by the `simulator`, never sent to WhatsApp.
Available with the sandbox provider; with a real one only when SIMULATOR_ENABLED=true.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.admin.audit import record_action
from bot.admin.conversations import load_thread
from bot.admin.forms import short_text
from bot.admin.web import Admin, admin_page, is_htmx, render
from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import Manager
from bot.errors import ValidationError
from bot.inbound.batch import ReceivedMessage
from bot.inbound.models import ButtonReply, InboundMessageEvent, ListReply, TextMessage
from bot.inbound.processor import process_pending
from bot.inbound.store import store_inbound
from bot.outbound.messages import TEXT_MAX
from bot.outbound.outbox import SIMULATOR_PROVIDER
from bot.phones import normalize_phone

SENDER_NAME = "simulateur"


def simulated_message(
    phone: str, *, text: str = "", tap: str = "", title: str = "", tap_kind: str = "button"
) -> InboundMessageEvent:
    common = {
        "provider": SIMULATOR_PROVIDER,
        "message_id": f"{SIMULATOR_PROVIDER}-{uuid.uuid4().hex}",
        "sender": phone,
        "sender_name": SENDER_NAME,
        "timestamp": utcnow(),
    }
    if tap:
        if tap_kind == "list":
            return ListReply(id=tap, title=title, **common)  # type: ignore[arg-type]
        return ButtonReply(id=tap, title=title, **common)  # type: ignore[arg-type]
    return TextMessage(body=text, **common)  # type: ignore[arg-type]


def managers(session: Session) -> list[Manager]:
    return list(
        session.exec(
            select(Manager).where(col(Manager.active).is_(True)).order_by(col(Manager.name))
        )
    )


def _off(request: Request, admin: Admin) -> Response:
    return render(
        request,
        "message.html",
        language=admin.language,
        admin=admin,
        status=403,
        title=admin.t("simulator"),
        text=admin.t("sim_off"),
    )


def _phone(raw: str, region: str) -> str:
    return normalize_phone(raw, region) if raw.strip() else ""


@admin_page
async def simulator(request: Request, admin: Admin) -> Response:
    settings = admin.ctx.settings
    if not settings.simulator_available:
        return _off(request, admin)
    error = ""
    try:
        phone = _phone(request.query_params.get("phone", "")[:40], settings.default_region)
    except ValidationError as exc:
        phone, error = "", str(exc)

    def work(session: Session) -> tuple[list[Manager], object]:
        found = load_thread(session, phone, 1) if phone else None
        return managers(session), found

    people, found = await admin.db(work)
    if is_htmx(request) and found is not None:
        return render(request, "sim_thread.html", language=admin.language, admin=admin, found=found)
    known = any(m.phone == phone for m in people)
    return render(
        request,
        "simulator.html",
        language=admin.language,
        admin=admin,
        active="simulator",
        people=people,
        phone=phone,
        known=known,
        found=found,
        error=error,
    )


@admin_page
async def send(request: Request, admin: Admin) -> Response:
    ctx = admin.ctx
    settings = ctx.settings
    if not settings.simulator_available:
        return _off(request, admin)
    form = await request.form()
    try:
        phone = normalize_phone(str(form.get("phone", ""))[:40], settings.default_region)
        tap = short_text(form, "tap", "tap", limit=256)
        title = short_text(form, "title", "title", limit=100)
        text = (
            ""
            if tap
            else short_text(form, "text", admin.t("sim_type"), limit=TEXT_MAX, required=True)
        )
    except ValidationError as exc:
        return render(
            request,
            "message.html",
            language=admin.language,
            admin=admin,
            status=422,
            title=admin.t("simulator"),
            text=str(exc),
        )
    message = simulated_message(
        phone, text=text, tap=tap, title=title, tap_kind=str(form.get("tap_kind", "button"))
    )

    def store() -> None:
        now = utcnow()
        with transaction(ctx.engine) as session:
            store_inbound(session, [ReceivedMessage(message, raw={})], now=now)
            record_action(session, admin.name, "simulator", phone, now=now)

    await run_in_threadpool(store)
    await run_in_threadpool(process_pending, ctx.engine, settings)
    ctx.wake_outbox.set()
    if not is_htmx(request):
        return RedirectResponse(f"/admin/simulator?phone={phone}", status_code=303)
    found = await admin.db(lambda session: load_thread(session, phone, 1))
    return render(request, "sim_thread.html", language=admin.language, admin=admin, found=found)
