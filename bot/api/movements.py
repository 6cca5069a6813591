"""`POST /api/movements`: a sale, receipt or adjustment recorded like any other stock change.

`quantity` is a positive count for `sale` (taken out) and `receipt` (put in); for `adjustment`
it is the signed correction (`-3` removes three, `5` adds five; never zero); at most
MAX_QUANTITY either way. A movement that would take the stock below zero answers 409 with the
current quantity. With an
`Idempotency-Key` header a retried POST records once and answers the first result again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import Response

from bot.api.context import in_transaction, wake_outbox
from bot.api.errors import api_endpoint, invalid
from bot.api.inputs import choice, quantity_field, read_object, text_field
from bot.api.responses import JSONResponse
from bot.api.views import movement_view
from bot.db.models import MovementKind, MovementSource, Product, StockMovement, Store
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
