"""`GET /api/products`, `POST /api/products`, `POST /api/products/import` (CSV, all or nothing)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction, wake_outbox
from bot.api.errors import api_endpoint, invalid
from bot.api.inputs import optional_text, query_store, read_body, read_object, text_field
from bot.api.responses import JSONResponse
from bot.api.views import import_view, product_view
from bot.catalog_file import MAX_ALIASES
from bot.db.models import INT_MAX, CatalogImport, MovementSource, Product, Store, max_length
from bot.errors import InvalidInput, NotFound
from bot.products_import import (
    ImportResult,
    ProductRow,
    apply_import,
    finish_import,
    import_catalog,
    plan_import,
    read_catalog,
    start_import,
)
from bot.stock import get_product, get_store
from bot.validation import NumberKind, check_number


def _stores(session: Session, code: str | None) -> list[Store]:
    if code:
        return [get_store(session, code)]
    return list(session.exec(select(Store).order_by(col(Store.code))))


@api_endpoint
async def list_products(request: Request) -> Response:
    code = query_store(request)

    def work(session: Session) -> list[dict[str, Any]]:
        views: list[dict[str, Any]] = []
        for store in _stores(session, code):
            products = session.exec(
                select(Product).where(Product.store_id == store.id).order_by(col(Product.sku))
            )
            views.extend(product_view(product, store) for product in products)
        return views

    return JSONResponse(await in_transaction(request, work))


def _aliases(value: object) -> list[str]:
    if isinstance(value, str):
        return value.split("|")
    if isinstance(value, list) and all(isinstance(alias, str) for alias in value):
        return value
    raise invalid("aliases", "une liste de chaînes est attendue")


def _number(data: dict[str, Any], name: str, kind: NumberKind) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(name, "un nombre entier est attendu")
    try:
        return check_number(name, value, kind)
    except InvalidInput as exc:
        raise invalid(name, exc.reason) from None


def product_row(data: dict[str, Any]) -> ProductRow:
    """An API product object checked by the rules of a catalogue line (422 names the field)."""
    sku = text_field(data, "sku", limit=max_length(Product, "sku"))
    name = text_field(data, "name", limit=max_length(Product, "name"))
    aliases: list[str] = []
    if data.get("aliases") is not None:
        for alias in _aliases(data["aliases"]):
            checked = text_field({"aliases": alias}, "aliases", required=False, limit=120)
            if checked and checked not in aliases:
                aliases.append(checked)
        if len(aliases) > MAX_ALIASES:
            raise invalid("aliases", f"plus de {MAX_ALIASES} alias")
    if data.get("quantity") is None:
        raise invalid("quantity", "obligatoire")
    if data.get("threshold") is None:
        raise invalid("threshold", "obligatoire")
    return ProductRow(
        sku=sku,
        name=name,
        aliases=tuple(aliases) if data.get("aliases") is not None else None,
        unit=optional_text(data, "unit", limit=max_length(Product, "unit")),
        quantity=_number(data, "quantity", NumberKind.STOCK),
        threshold=_number(data, "threshold", NumberKind.THRESHOLD),
        reorder_quantity=_number(data, "reorder_quantity", NumberKind.REORDER),
    )


_RUNNING: set[asyncio.Task[ImportResult]] = set()


def _finished(task: asyncio.Task[ImportResult]) -> None:
    _RUNNING.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.warning("background import failed: %s", task.exception())


def _flag(request: Request, name: str, *, default: bool = False) -> bool:
    raw = request.query_params.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("0", "false", "no", "non"):
        return False
    if raw in ("1", "true", "yes", "oui"):
        return True
    raise invalid(name, "true ou false est attendu")


@api_endpoint
async def upsert_product(request: Request) -> Response:
    """Create a product, or update an existing one's fields. Its quantity is set only for a new
    product, unless `set_stock` (body or query) asks for an inventory count: one adjustment."""
    data = await read_object(request)
    code = text_field(data, "store", limit=max_length(Store, "code"))
    row = product_row(data)
    set_stock = data.get("set_stock") is True or _flag(request, "set_stock")
    settings = request.app.state.ctx.settings

    def work(session: Session) -> tuple[bool, dict[str, Any]]:
        store = get_store(session, code)
        plan = plan_import(session, store, [row], set_stock=set_stock)
        apply_import(session, plan, settings=settings, source=MovementSource.API)
        product = get_product(session, store, row.sku)
        view = product_view(product, store)
        if plan.quantities_kept:
            view["quantity_not_set"] = row.quantity  # differs, but no set_stock: kept
        return bool(plan.created), view

    created, view = await in_transaction(request, work)
    wake_outbox(request)
    return JSONResponse(view, 201 if created else 200)


logger = logging.getLogger(__name__)

IMPORT_MAX_BYTES = 32 * 1024 * 1024  # a 100,000-line catalogue is about 6 MB


@api_endpoint
async def import_products(request: Request) -> Response:
    """A CSV or .xlsx catalogue as the body; `?dry_run=true` says what would change."""
    code = query_store(request, required=True)
    assert code is not None
    set_stock, dry_run = _flag(request, "set_stock"), _flag(request, "dry_run")
    create_store = request.query_params.get("create_store")
    if create_store is not None:
        create_store = text_field({"create_store": create_store}, "create_store", limit=120)
    sheet = request.query_params.get("sheet") or None
    if create_store is None:  # an unknown store is a 404 before the file is even read
        await in_transaction(request, lambda session: get_store(session, code))
    body = await read_body(request, IMPORT_MAX_BYTES)
    catalog = await run_in_threadpool(read_catalog, body, "", sheet=sheet)
    settings = request.app.state.ctx.settings
    if dry_run:

        def plan_only(session: Session) -> dict[str, Any]:
            plan, _ = import_catalog(
                session,
                code,
                catalog,
                settings=settings,
                set_stock=set_stock,
                dry_run=True,
                create_store=create_store,
            )
            return import_view(plan, None, catalog)

        return JSONResponse(await in_transaction(request, plan_only))
    engine = request.app.state.ctx.engine
    started = await run_in_threadpool(
        start_import, engine, code, catalog, set_stock=set_stock, create_store=create_store
    )
    finishing = run_in_threadpool(finish_import, engine, started, settings=settings)
    if not _flag(request, "wait", default=True):
        # Answer now; GET /api/imports/{id} follows it. The task is kept until it ends.
        task = asyncio.create_task(finishing)
        _RUNNING.add(task)
        task.add_done_callback(_finished)
        view = {"import_id": started.job, **import_view(started.plan, None, catalog)}
        view["dry_run"] = False
        return JSONResponse(view, 202, headers={"Location": f"/api/imports/{started.job}"})
    result = await finishing
    wake_outbox(request)
    view = {"import_id": started.job, **import_view(started.plan, result, catalog)}
    return JSONResponse(view)


@api_endpoint
async def import_status(request: Request) -> Response:
    """An import's progress: lines staged of the total, then its result (or its error)."""
    import_id: int = request.path_params["import_id"]

    def work(session: Session) -> dict[str, Any]:
        job = session.get(CatalogImport, import_id) if import_id <= INT_MAX else None
        if job is None:
            raise NotFound(f"import inconnu : {import_id}")
        return {
            "id": job.id,
            "store": job.store_code,
            "status": job.status,
            "mode": "inventory" if job.set_stock else "catalogue",
            "total_rows": job.total_rows,
            "staged_rows": job.staged_rows,
            "created": job.created,
            "updated": job.updated,
            "adjusted": job.adjusted,
            "unchanged": job.unchanged,
            "error": job.error or None,
            "created_at": job.created_at.isoformat(),
            "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        }

    return JSONResponse(await in_transaction(request, work))
