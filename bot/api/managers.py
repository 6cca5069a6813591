"""`/api/managers` and `/api/stores`: the same services and rules as `stockbot managers` and
`stockbot stores` (an existing number is changed by POST only with `"update": true`; 409 says
what differs)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction
from bot.api.errors import api_endpoint, conflict, invalid
from bot.api.inputs import optional_text, query_store, read_object, text_field
from bot.api.responses import JSONResponse
from bot.api.views import manager_view
from bot.db.models import Manager, Store, max_length
from bot.managers import (
    FOLLOWED,
    ManagerExists,
    add_manager,
    find_manager,
    list_managers,
    manager_stores,
    remove_manager,
    set_manager,
)
from bot.phones import normalize_phone
from bot.stores import StoreExists, add_store, list_stores, rename_store


def _view(session: Session, manager: Manager) -> dict[str, Any]:
    assert manager.id is not None
    return manager_view(manager, manager_stores(session, manager.id))


def _store_codes(data: dict[str, Any], *, required: bool) -> list[str] | None:
    """`stores` (a list of codes) or `store` (one code)."""
    if data.get("stores") is not None:
        stores = data["stores"]
        if not isinstance(stores, list) or not all(isinstance(code, str) for code in stores):
            raise invalid("stores", "une liste de codes de magasin est attendue")
        limit = max_length(Store, "code")
        return [text_field({"stores": code}, "stores", limit=limit) for code in stores]
    if data.get("store") is not None or required:
        return [text_field(data, "store", limit=max_length(Store, "code"))]
    return None


def _bool(data: dict[str, Any], name: str) -> bool | None:
    value = data.get(name)
    if value is None or isinstance(value, bool):
        return value
    raise invalid(name, "true ou false est attendu")


@api_endpoint
async def list_managers_endpoint(request: Request) -> Response:
    code = query_store(request)

    def work(session: Session) -> list[dict[str, Any]]:
        return [manager_view(m, stores) for m, stores in list_managers(session, code)]

    return JSONResponse(await in_transaction(request, work))


@api_endpoint
async def create_manager(request: Request) -> Response:
    data = await read_object(request)
    phone = text_field(data, "phone", limit=40)
    codes = _store_codes(data, required=True) or []
    name = optional_text(data, "name", limit=max_length(Manager, "name"))
    language = optional_text(data, "language", limit=len(FOLLOWED))
    update = _bool(data, "update") or False
    region = request.app.state.ctx.settings.default_region

    def work(session: Session) -> tuple[bool, dict[str, Any]]:
        existed = find_manager(session, normalize_phone(phone, region)) is not None
        try:
            manager = add_manager(
                session, phone, codes, name=name, language=language, region=region, update=update
            )
        except ManagerExists as exc:
            raise conflict(
                f'{exc} ; envoyez "update": true pour appliquer', differences=exc.differences
            ) from None
        return existed, _view(session, manager)

    existed, view = await in_transaction(request, work)
    return JSONResponse(view, 200 if existed else 201)


@api_endpoint
async def update_manager(request: Request) -> Response:
    raw: str = request.path_params["phone"]
    data = await read_object(request)
    name = optional_text(data, "name", limit=max_length(Manager, "name"))
    language = optional_text(data, "language", limit=len(FOLLOWED))
    codes = _store_codes(data, required=False)
    active = _bool(data, "active")
    region = request.app.state.ctx.settings.default_region

    def work(session: Session) -> dict[str, Any]:
        manager = set_manager(
            session,
            raw,
            name=name,
            language=language,
            store_codes=codes,
            active=active,
            region=region,
        )
        return _view(session, manager)

    return JSONResponse(await in_transaction(request, work))


@api_endpoint
async def deactivate_manager(request: Request) -> Response:
    """Deactivate a manager, or with `?store=CODE` take them off that store only."""
    raw: str = request.path_params["phone"]
    code = query_store(request)
    region = request.app.state.ctx.settings.default_region

    def work(session: Session) -> dict[str, Any]:
        return _view(session, remove_manager(session, raw, store_code=code, region=region))

    return JSONResponse(await in_transaction(request, work))


def _store_view(code: str, name: str, products: int = 0, managers: int = 0) -> dict[str, Any]:
    return {"code": code, "name": name, "products": products, "managers": managers}


@api_endpoint
async def list_stores_endpoint(request: Request) -> Response:
    def work(session: Session) -> list[dict[str, Any]]:
        return [_store_view(s.code, s.name, s.products, s.managers) for s in list_stores(session)]

    return JSONResponse(await in_transaction(request, work))


@api_endpoint
async def create_store(request: Request) -> Response:
    data = await read_object(request)
    code = text_field(data, "code", limit=max_length(Store, "code"))
    name = text_field(data, "name", limit=max_length(Store, "name"))

    def work(session: Session) -> dict[str, Any]:
        try:
            store = add_store(session, code, name)
        except StoreExists as exc:
            raise conflict(str(exc)) from None
        return _store_view(store.code, store.name)

    return JSONResponse(await in_transaction(request, work), 201)


@api_endpoint
async def rename_store_endpoint(request: Request) -> Response:
    code: str = request.path_params["code"]
    data = await read_object(request)
    name = text_field(data, "name", limit=max_length(Store, "name"))

    def work(session: Session) -> dict[str, Any]:
        store = rename_store(session, code, name)
        [info] = [s for s in list_stores(session) if s.code == store.code]
        return _store_view(info.code, info.name, info.products, info.managers)

    return JSONResponse(await in_transaction(request, work))
