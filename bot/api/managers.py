"""`GET /api/managers`, `POST /api/managers`, `DELETE /api/managers/{phone}` (deactivate)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction
from bot.api.errors import api_endpoint, invalid
from bot.api.inputs import optional_text, read_object, text_field
from bot.api.responses import JSONResponse
from bot.api.views import manager_view
from bot.db.models import Manager, max_length
from bot.errors import NotFound
from bot.managers import LANGUAGES, add_manager, find_manager, manager_stores
from bot.phones import normalize_phone


@api_endpoint
async def list_managers(request: Request) -> Response:
    def work(session: Session) -> list[dict[str, Any]]:
        managers = session.exec(select(Manager).order_by(col(Manager.phone)))
        return [manager_view(m, manager_stores(session, m.id)) for m in managers]  # type: ignore[arg-type]

    return JSONResponse(await in_transaction(request, work))


@api_endpoint
async def create_manager(request: Request) -> Response:
    data = await read_object(request)
    phone = text_field(data, "phone", limit=40)
    store = text_field(data, "store", limit=32)
    name = optional_text(data, "name", limit=max_length(Manager, "name"))
    language = optional_text(data, "language", limit=2)
    if language is not None and language.lower() not in LANGUAGES:
        raise invalid("language", "fr ou en est attendu")
    region = request.app.state.ctx.settings.default_region

    def work(session: Session) -> tuple[bool, dict[str, Any]]:
        existed = find_manager(session, normalize_phone(phone, region)) is not None
        manager = add_manager(session, phone, store, name=name, language=language, region=region)
        assert manager.id is not None
        return existed, manager_view(manager, manager_stores(session, manager.id))

    existed, view = await in_transaction(request, work)
    return JSONResponse(view, 200 if existed else 201)


@api_endpoint
async def deactivate_manager(request: Request) -> Response:
    raw: str = request.path_params["phone"]
    phone = normalize_phone(raw, request.app.state.ctx.settings.default_region)

    def work(session: Session) -> dict[str, Any]:
        manager = find_manager(session, phone)
        if manager is None:
            raise NotFound(f"gérant inconnu : {raw}")
        manager.active = False
        session.add(manager)
        assert manager.id is not None
        return manager_view(manager, manager_stores(session, manager.id))

    return JSONResponse(await in_transaction(request, work))
