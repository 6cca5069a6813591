"""Managers and stores: add a manager (to one or several stores), change their name, language
(« selon ses messages »: `bot.managers.FOLLOWED`, a choice undone), stores, deactivate them;
create a store, rename it (its code is fixed). Through `bot.managers` and `bot.stores`, as the
CLI and the API."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from sqlmodel import Session
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.admin.audit import record_action
from bot.admin.web import Admin, admin_page, render
from bot.clock import utcnow
from bot.db.models import Manager, Store
from bot.errors import StockbotError
from bot.managers import (
    FOLLOWED,
    LANGUAGES,
    ManagerExists,
    add_manager,
    list_managers,
    remove_manager,
    set_manager,
)
from bot.stores import StoreInfo, add_store, list_stores, rename_store


@admin_page
async def people(request: Request, admin: Admin) -> Response:
    def work(session: Session) -> tuple[list[StoreInfo], list[tuple[Manager, list[Store]]]]:
        return list_stores(session), list_managers(session)

    stores, managers = await admin.db(work)
    return render(
        request,
        "people.html",
        language=admin.language,
        admin=admin,
        active="managers",
        stores=stores,
        managers=managers,
        languages=LANGUAGES,
        followed=FOLLOWED,
        flash=request.query_params.get("flash", "")[:300],
    )


def _back(flash: str) -> Response:
    return RedirectResponse(f"/admin/managers?flash={quote(flash)}", status_code=303)


def _text(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _texts(form: FormData, name: str) -> list[str]:
    return [value for value in form.getlist(name) if isinstance(value, str) and value]


async def _change(admin: Admin, work: Callable[[Session], str]) -> Response:
    try:
        message = await admin.db(work)
    except ManagerExists as exc:  # the number is a manager already: what would differ
        return _back(str(exc))
    except StockbotError as exc:
        return _back(str(exc))
    return _back(message)


@admin_page
async def new_store(request: Request, admin: Admin) -> Response:
    form = await request.form()

    def work(session: Session) -> str:
        store = add_store(session, _text(form, "code"), _text(form, "name"))
        record_action(session, admin.name, "store_add", store.code, now=utcnow(), name=store.name)
        return admin.t("store_added", code=store.code)

    return await _change(admin, work)


@admin_page
async def store_name(request: Request, admin: Admin) -> Response:
    code = str(request.path_params["code"])
    form = await request.form()

    def work(session: Session) -> str:
        store = rename_store(session, code, _text(form, "name"))
        record_action(session, admin.name, "store_rename", code, now=utcnow(), name=store.name)
        return admin.t("saved")

    return await _change(admin, work)


@admin_page
async def new_manager(request: Request, admin: Admin) -> Response:
    form = await request.form()
    region = admin.ctx.settings.default_region

    def work(session: Session) -> str:
        manager = add_manager(
            session,
            _text(form, "phone"),
            form.getlist("stores") or [_text(form, "store")],  # type: ignore[arg-type]
            name=_text(form, "name") or None,
            language=_text(form, "language") or None,
            region=region,
            update=False,
        )
        record_action(session, admin.name, "manager_add", manager.phone, now=utcnow())
        return admin.t("manager_added", phone=manager.phone)

    return await _change(admin, work)


@admin_page
async def edit_manager(request: Request, admin: Admin) -> Response:
    phone = str(request.path_params["phone"])
    form = await request.form()
    region = admin.ctx.settings.default_region

    def work(session: Session) -> str:
        stores = _texts(form, "stores")
        manager = set_manager(
            session,
            phone,
            name=_text(form, "name"),
            language=_text(form, "language") or None,
            store_codes=stores or None,
            active=form.get("active") == "on",
            region=region,
        )
        record_action(
            session,
            admin.name,
            "manager_set",
            manager.phone,
            now=utcnow(),
            stores=stores,
            active=manager.active,
        )
        return admin.t("saved")

    return await _change(admin, work)


@admin_page
async def deactivate(request: Request, admin: Admin) -> Response:
    phone = str(request.path_params["phone"])
    region = admin.ctx.settings.default_region

    def work(session: Session) -> str:
        manager = remove_manager(session, phone, region=region)
        record_action(session, admin.name, "manager_deactivate", manager.phone, now=utcnow())
        return admin.t("manager_deactivated", phone=manager.phone)

    return await _change(admin, work)
