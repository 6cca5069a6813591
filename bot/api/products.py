"""`GET /api/products`, `POST /api/products`, `POST /api/products/import` (CSV, all or nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.alerts import check_stock_level
from bot.api.context import in_transaction, wake_outbox
from bot.api.errors import ApiError, api_endpoint, invalid
from bot.api.inputs import read_body, read_object, text_field
from bot.api.views import product_view
from bot.clock import utcnow
from bot.db.models import MovementSource, Product, Store
from bot.errors import ImportFailed
from bot.products_import import ProductRow, apply_products, parse_product_row, parse_products_csv
from bot.stock import get_product, get_store

PRODUCT_FIELDS = ("sku", "name", "aliases", "unit", "quantity", "threshold", "reorder_quantity")
# parse_product_row's reasons start with the field they are about.
_REASON_FIELDS = (
    ("sku", "sku"),
    ("nom", "name"),
    ("reorder_quantity", "reorder_quantity"),
    ("quantity", "quantity"),
    ("threshold", "threshold"),
)


def _stores(session: Session, code: str | None) -> list[Store]:
    if code:
        return [get_store(session, code)]
    return list(session.exec(select(Store).order_by(col(Store.code))))


@api_endpoint
async def list_products(request: Request) -> Response:
    code = request.query_params.get("store")

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
    if name == "aliases" and isinstance(value, list):
        if not all(isinstance(alias, str) for alias in value):
            raise invalid(name, "expected a list of strings")
        return "|".join(value)
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise invalid(name, "expected a string or a whole number")


def product_row(data: dict[str, Any]) -> ProductRow:
    """An API product object checked by the CSV import's own rules (422 names the field)."""
    record = {name: _csv_value(name, data.get(name)) for name in PRODUCT_FIELDS}
    try:
        return parse_product_row(1, record)
    except ImportFailed as exc:
        field = next((f for word, f in _REASON_FIELDS if exc.reason.startswith(word)), "body")
        raise invalid(field, exc.reason) from None


def check_levels(session: Session, products: Sequence[Product]) -> None:
    """Alert on products created at or below their threshold, or whose threshold changed:
    neither is a movement, so `record_movement` did not look (no effect when nothing changed)."""
    now = utcnow()
    for product in products:
        check_stock_level(session, product, now=now)


@api_endpoint
async def upsert_product(request: Request) -> Response:
    data = await read_object(request)
    code = text_field(data, "store", limit=32)
    row = product_row(data)

    def work(session: Session) -> tuple[bool, dict[str, Any]]:
        store = get_store(session, code)
        result = apply_products(session, code, [row], source=MovementSource.API)
        product = get_product(session, store, row.sku)
        check_levels(session, [product])
        return result.created == 1, product_view(product, store)

    created, view = await in_transaction(request, work)
    wake_outbox(request)
    return JSONResponse(view, 201 if created else 200)


@api_endpoint
async def import_products(request: Request) -> Response:
    code = request.query_params.get("store", "").strip()
    if not code:
        raise invalid("store", "required")
    body = await read_body(request)
    try:
        rows = parse_products_csv(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(422, "validation", "the CSV body is not UTF-8", line=1) from None

    def work(session: Session) -> dict[str, int]:
        store = get_store(session, code)
        result = apply_products(session, code, rows, source=MovementSource.API)
        skus = [row.sku for row in rows]
        check_levels(
            session,
            session.exec(
                select(Product).where(Product.store_id == store.id, col(Product.sku).in_(skus))
            ).all(),
        )
        return {"created": result.created, "updated": result.updated}

    counts = await in_transaction(request, work)
    wake_outbox(request)
    return JSONResponse(counts)
