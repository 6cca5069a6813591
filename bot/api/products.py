"""`GET /api/products`, `POST /api/products`, `POST /api/products/import` (CSV, all or nothing)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction, wake_outbox
from bot.api.errors import ApiError, api_endpoint, invalid
from bot.api.inputs import query_store, read_body, read_object, text_field
from bot.api.responses import JSONResponse
from bot.api.views import product_view
from bot.db.models import MovementSource, Product, Store
from bot.errors import ImportFailed
from bot.products_import import ProductRow, apply_products, parse_product_row, parse_products_csv
from bot.stock import get_product, get_store

PRODUCT_FIELDS = ("sku", "name", "aliases", "unit", "quantity", "threshold", "reorder_quantity")
NUMBER_FIELDS = ("quantity", "threshold", "reorder_quantity")


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


def _csv_value(name: str, value: object) -> str | None:
    if value is None:
        return None
    if name in NUMBER_FIELDS and (isinstance(value, bool) or not isinstance(value, int)):
        raise invalid(name, "un nombre entier est attendu")
    if name == "aliases" and isinstance(value, list):
        if not all(isinstance(alias, str) for alias in value):
            raise invalid(name, "une liste de chaînes est attendue")
        return "|".join(value)
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise invalid(name, "une chaîne ou un nombre entier est attendu")


def product_row(data: dict[str, Any]) -> ProductRow:
    """An API product object checked by the CSV import's own rules (422 names the field)."""
    record = {name: _csv_value(name, data.get(name)) for name in PRODUCT_FIELDS}
    try:
        return parse_product_row(1, record)
    except ImportFailed as exc:
        raise invalid(exc.column or "body", exc.reason) from None


@api_endpoint
async def upsert_product(request: Request) -> Response:
    data = await read_object(request)
    code = text_field(data, "store", limit=32)
    row = product_row(data)
    settings = request.app.state.ctx.settings

    def work(session: Session) -> tuple[bool, dict[str, Any]]:
        store = get_store(session, code)
        result = apply_products(session, code, [row], settings=settings, source=MovementSource.API)
        product = get_product(session, store, row.sku)
        return result.created == 1, product_view(product, store)

    created, view = await in_transaction(request, work)
    wake_outbox(request)
    return JSONResponse(view, 201 if created else 200)


@api_endpoint
async def import_products(request: Request) -> Response:
    code = query_store(request, required=True)
    assert code is not None
    body = await read_body(request)
    try:
        rows = parse_products_csv(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(422, "validation", "le CSV n'est pas en UTF-8", line=1) from None
    settings = request.app.state.ctx.settings

    def work(session: Session) -> dict[str, int]:
        get_store(session, code)  # an unknown store is a 404, not created
        result = apply_products(session, code, rows, settings=settings, source=MovementSource.API)
        return {"created": result.created, "updated": result.updated}

    counts = await in_transaction(request, work)
    wake_outbox(request)
    return JSONResponse(counts)
