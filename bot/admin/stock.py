"""The stock page (a store's products: search as you type, filter by level, paginated), the
inline edit of threshold and reorder quantity, how many days each product lasts at the current
pace (as the chat says it), and the movement form (sale, receipt, count).

Changes go through the stock services (`bot.stock.set_levels`, `bot.stock.record_movement`),
recorded with the source `admin:<name>` and in the back office's log of changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from sqlalchemy import String, cast, func, or_
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response

from bot.admin.audit import record_action
from bot.admin.forms import short_text, whole_number
from bot.admin.web import Admin, admin_page, is_htmx, render
from bot.clock import utcnow
from bot.db.models import MovementKind, Product, StockMovement, Store, admin_source, max_length
from bot.errors import InsufficientStock, NotFound, ValidationError
from bot.reports import paces
from bot.stock import record_movement, set_count, set_levels, stock_level_sql
from bot.validation import NumberKind
from state.summaries import cover_days

PAGE_SIZE = 50
LEVELS = ("watch", "low", "out", "ok")
# What the movement form records: a sale, a receipt, or a count (the quantity counted on the
# shelf; `bot.stock.set_count` records the difference as an adjustment).
MOVEMENT_KINDS = ("sale", "receipt", "count")


@dataclass(frozen=True, slots=True)
class Item:
    product: Product
    level: str
    cover: int | None = None  # days the stock lasts at the current pace, when known


@dataclass(frozen=True, slots=True)
class StockPage:
    stores: list[Store]
    store: Store | None
    items: list[Item]
    total: int
    page: int
    pages: int


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def stock_page(session: Session, code: str | None, search: str, level: str, page: int) -> StockPage:
    stores = list(session.exec(select(Store).order_by(col(Store.code))))
    store = next((s for s in stores if s.code == code), stores[0] if stores else None)
    if store is None:
        return StockPage(stores, None, [], 0, 1, 1)
    level_sql = stock_level_sql()
    conditions = [col(Product.store_id) == store.id]
    if search:
        pattern = _like(search)
        conditions.append(
            or_(
                func.lower(col(Product.name)).like(pattern, escape="\\"),
                func.lower(col(Product.sku)).like(pattern, escape="\\"),
                func.lower(cast(col(Product.aliases), String)).like(pattern, escape="\\"),
            )
        )
    if level == "watch":
        conditions.append(col(Product.quantity) <= col(Product.threshold))
    elif level in LEVELS:
        conditions.append(level_sql == level)
    total = session.exec(select(func.count()).select_from(Product).where(*conditions)).one()
    pages = max(1, ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    order = (
        [col(Product.quantity), col(Product.name)]
        if level in LEVELS
        else [col(Product.name), col(Product.id)]
    )
    rows = session.exec(
        select(Product, level_sql)
        .where(*conditions)
        .order_by(*order)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    covers = _covers(session, [p for p, _ in rows])
    items = [Item(p, str(lv), covers.get(p.id or 0)) for p, lv in rows]
    return StockPage(stores, store, items, total, page, pages)


def _covers(session: Session, products: list[Product]) -> dict[int, int | None]:
    """Days each product lasts at the pace of its recent sales (the chat's own rule)."""
    found = paces(session, [p.id for p in products if p.id is not None], utcnow())
    return {
        p.id: cover_days(p.quantity, found[p.id].per_day)
        for p in products
        if p.id is not None and p.id in found
    }


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return int(raw) if raw.isdecimal() and len(raw) < 7 else 1


@admin_page
async def stock(request: Request, admin: Admin) -> Response:
    code = request.query_params.get("store") or None
    search = request.query_params.get("q", "").strip()[:100]
    level = request.query_params.get("level", "")
    page = _page_number(request)
    found = await admin.db(lambda session: stock_page(session, code, search, level, page))
    template = "stock_results.html" if is_htmx(request) else "stock.html"
    return render(
        request,
        template,
        language=admin.language,
        admin=admin,
        active="stock",
        found=found,
        search=search,
        level=level,
        kinds=MOVEMENT_KINDS,
        flash="",
        error="",
    )


def _item(session: Session, product: Product) -> Item:
    level = session.exec(select(stock_level_sql()).where(col(Product.id) == product.id)).one()
    return Item(product, str(level), _covers(session, [product]).get(product.id or 0))


def _product(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound(f"produit inconnu : {product_id}")
    return product


async def _answer_item(
    request: Request, admin: Admin, item: Item | None, *, flash: str = "", error: str = ""
) -> Response:
    if item is None:
        return render(
            request,
            "message.html",
            language=admin.language,
            admin=admin,
            status=404,
            title=admin.t("not_found"),
            text=error,
        )
    return render(
        request,
        "stock_item.html",
        language=admin.language,
        admin=admin,
        item=item,
        kinds=MOVEMENT_KINDS,
        flash=flash,
        error=error,
        status=200 if not error else 422,
    )


@admin_page
async def edit_levels(request: Request, admin: Admin) -> Response:
    product_id: int = request.path_params["product_id"]
    form = await request.form()
    settings = admin.ctx.settings

    def work(session: Session) -> Item:
        product = _product(session, product_id)
        threshold = whole_number(form, "threshold", admin.t("threshold"), NumberKind.THRESHOLD)
        reorder = whole_number(form, "reorder_quantity", admin.t("reorder"), NumberKind.REORDER)
        before = (product.threshold, product.reorder_quantity)
        now = utcnow()
        set_levels(
            session,
            product,
            threshold=threshold,
            reorder_quantity=reorder,
            settings=settings,
            now=now,
        )
        record_action(
            session,
            admin.name,
            "set_levels",
            product.sku,
            now=now,
            product_id=product_id,
            before=list(before),
            after=[threshold, reorder],
        )
        return _item(session, product)

    try:
        item = await admin.db(work)
    except NotFound as exc:
        return await _answer_item(request, admin, None, error=str(exc))
    except ValidationError as exc:
        current = await admin.db(lambda session: _item(session, _product(session, product_id)))
        return await _answer_item(request, admin, current, error=str(exc))
    admin.ctx.wake_outbox.set()
    return await _answer_item(request, admin, item, flash=admin.t("saved"))


@admin_page
async def add_movement(request: Request, admin: Admin) -> Response:
    product_id: int = request.path_params["product_id"]
    form = await request.form()
    settings = admin.ctx.settings
    kind_raw = str(form.get("kind", ""))

    def work(session: Session) -> tuple[Item, StockMovement | None]:
        product = _product(session, product_id)
        if kind_raw not in MOVEMENT_KINDS:
            raise ValidationError(f"{admin.t('kind')} : {kind_raw[:20]!r} ?")
        note = short_text(form, "note", admin.t("note"), limit=max_length(StockMovement, "note"))
        now = utcnow()
        source = admin_source(admin.name)
        if kind_raw == "count":
            counted = whole_number(form, "quantity", admin.t("quantity"), NumberKind.COUNT)
            movement = set_count(
                session, product, counted, source, settings=settings, note=note, now=now
            )
        else:
            kind = MovementKind(kind_raw)
            quantity = whole_number(form, "quantity", admin.t("quantity"), NumberKind.MOVEMENT)
            delta = -quantity if kind == MovementKind.SALE else quantity
            movement = record_movement(
                session, product, delta, kind, source, settings=settings, note=note, now=now
            )
        record_action(
            session,
            admin.name,
            f"movement_{kind_raw}",
            product.sku,
            now=now,
            product_id=product_id,
            movement_id=movement.id if movement else None,
            delta=movement.delta if movement else 0,
        )
        return _item(session, product), movement

    try:
        item, movement = await admin.db(work)
    except NotFound as exc:
        return await _answer_item(request, admin, None, error=str(exc))
    except (ValidationError, InsufficientStock) as exc:
        current = await admin.db(lambda session: _item(session, _product(session, product_id)))
        return await _answer_item(request, admin, current, error=str(exc))
    admin.ctx.wake_outbox.set()
    if movement is None:
        flash = admin.t("count_same", quantity=item.product.quantity)
    else:
        flash = f"{admin.t('saved')} {movement.delta:+d} → {movement.quantity_after}"
    return await _answer_item(request, admin, item, flash=flash)
