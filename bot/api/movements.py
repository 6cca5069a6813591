"""`POST /api/movements`: a sale, receipt or adjustment recorded like any other stock change.

`quantity` is a positive count for `sale` (taken out) and `receipt` (put in); for `adjustment`
it is the signed correction (`-3` removes three, `5` adds five; never zero); at most
MAX_QUANTITY either way. A movement that would take the stock below zero answers 409 with the
current quantity. With an
`Idempotency-Key` header a retried POST records once and answers the first result again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction, wake_outbox
from bot.api.errors import api_endpoint, invalid
from bot.api.inputs import choice, quantity_field, query_store, read_object, text_field
from bot.api.responses import JSONResponse
from bot.api.views import history_view, movement_view
from bot.db.models import INT_MAX, MovementKind, MovementSource, Product, StockMovement, Store
from bot.errors import InvalidInput
from bot.history import MAX_PAGE, MovementFilters, day_range, movement_history, parse_day
from bot.settings import Settings
from bot.stock import get_product, get_store, record_movement
from bot.validation import NumberKind

KEY_FIELD = "Idempotency-Key"
KEY_MAX = 190  # the column holds 200 characters, with our "api:" prefix


class ApiMovementKind(StrEnum):
    SALE = "sale"
    RECEIPT = "receipt"
    ADJUSTMENT = "adjustment"


@dataclass(frozen=True, slots=True)
class MovementRequest:
    store: str
    sku: str
    kind: MovementKind
    delta: int
    note: str
    key: str | None  # stored form of the Idempotency-Key ("api:" + header value)


def parse_movement(data: dict[str, Any], key: str | None) -> MovementRequest:
    """Check a movement request; 422 with the field at the first problem."""
    store = text_field(data, "store", limit=32)
    sku = text_field(data, "sku", limit=64)
    kind = choice(text_field(data, "kind", limit=16), "kind", ApiMovementKind)
    if kind == ApiMovementKind.ADJUSTMENT:
        delta = quantity_field(data, "quantity", NumberKind.CORRECTION)
    else:
        quantity = quantity_field(data, "quantity", NumberKind.MOVEMENT)
        delta = -quantity if kind == ApiMovementKind.SALE else quantity
    if key is not None:
        key = key.strip()
        if not key or len(key) > KEY_MAX:
            raise invalid(KEY_FIELD, f"de 1 à {KEY_MAX} caractères")
    return MovementRequest(
        store=store,
        sku=sku,
        kind=MovementKind(kind.value),
        delta=delta,
        note=text_field(data, "note", required=False, multiline=True),
        key=f"api:{key}" if key else None,
    )


def _record(session: Session, request: MovementRequest, settings: Settings) -> dict[str, Any]:
    store = get_store(session, request.store)
    product = get_product(session, store, request.sku)
    movement = record_movement(
        session,
        product,
        request.delta,
        request.kind,
        MovementSource.API,
        settings=settings,
        note=request.note,
        idempotency_key=request.key,
    )
    return movement_view(movement, product, store)


def _replay(session: Session, request: MovementRequest) -> dict[str, Any] | None:
    """The first answer for this Idempotency-Key, or None when the key is new."""
    movement = session.exec(
        select(StockMovement).where(StockMovement.idempotency_key == request.key)
    ).first()
    if movement is None:
        return None
    product = session.get(Product, movement.product_id)
    assert product is not None
    store = session.get(Store, product.store_id)
    assert store is not None
    same = (store.code, product.sku, movement.kind, movement.delta, movement.note) == (
        request.store,
        request.sku,
        request.kind,
        request.delta,
        request.note,
    )
    if not same:
        raise invalid(KEY_FIELD, "déjà utilisée pour un autre mouvement")
    return movement_view(movement, product, store)


@api_endpoint
async def create_movement(request: Request) -> Response:
    movement = parse_movement(await read_object(request), request.headers.get(KEY_FIELD))
    if movement.key is not None:
        replayed = await in_transaction(request, lambda session: _replay(session, movement))
        if replayed is not None:
            return _answer(replayed, replayed=True)
    settings = request.app.state.ctx.settings
    try:
        view = await in_transaction(request, lambda session: _record(session, movement, settings))
    except IntegrityError:
        # The same key committed by a concurrent request between our look-up and our insert.
        if movement.key is None:
            raise
        replayed = await in_transaction(request, lambda session: _replay(session, movement))
        if replayed is None:
            raise
        return _answer(replayed, replayed=True)
    wake_outbox(request)
    return _answer(view, replayed=False)


def _answer(view: dict[str, Any], *, replayed: bool) -> Response:
    return JSONResponse(view, 201, headers={"Idempotent-Replayed": "true" if replayed else "false"})


def _query_int(request: Request, name: str, *, default: int | None, maximum: int) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdecimal() or not 1 <= int(raw[:12]) <= maximum:
        raise invalid(name, f"un nombre entier de 1 à {maximum} est attendu")
    return int(raw)


def _query_time(request: Request, name: str, *, end: bool) -> datetime | None:
    """A day (`2026-12-02`, Dakar; `until` includes it) or an ISO instant with its zone."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if "T" in raw:
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise invalid(name, "date ou instant ISO 8601 attendu") from None
        if moment.tzinfo is None:
            raise invalid(name, "un instant doit porter son fuseau (Z ou +00:00)")
        return moment
    try:
        day = parse_day(name, raw)
    except InvalidInput as exc:
        raise invalid(name, exc.reason) from None
    start, stop = day_range(None if end else day, day if end else None)
    return stop if end else start


@api_endpoint
async def list_movements(request: Request) -> Response:
    """The ledger, newest first, `limit` per page (100, at most 500); `next` is the URL of the
    following page. Filters: store, product (sku), kind (several: a,b), since, until."""
    code = query_store(request)
    sku = request.query_params.get("product", "").strip() or None
    kinds = [
        choice(part.strip(), "kind", MovementKind)
        for part in request.query_params.get("kind", "").split(",")
        if part.strip()
    ]
    since = _query_time(request, "since", end=False)
    until = _query_time(request, "until", end=True)
    limit = _query_int(request, "limit", default=100, maximum=MAX_PAGE) or 100
    before = _query_int(request, "before", default=None, maximum=INT_MAX)

    def work(session: Session) -> list[dict[str, Any]]:
        store_ids = None
        if code is not None:
            store = get_store(session, code)
            store_ids = [store.id or 0]
            if sku is not None:
                get_product(session, store, sku)
        filters = MovementFilters(
            store_ids=store_ids, sku=sku, kinds=kinds or None, since=since, until=until
        )
        records = movement_history(session, filters, limit=limit, before_id=before)
        return [history_view(record) for record in records]

    items = await in_transaction(request, work)
    following = None
    if len(items) == limit:
        following = str(request.url.include_query_params(before=items[-1]["id"]))
    return JSONResponse({"items": items, "next": following})
