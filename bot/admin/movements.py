"""The movements ledger: filter by store, product, kind, manager and days; newest first, a page
at a time (`bot.history.movement_history`, keyset); the same filters download as CSV (formulas
neutralised, `bot.spreadsheets.write_csv`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response

from bot.admin.web import Admin, admin_page, render
from bot.db.models import Manager, MovementKind, Store
from bot.errors import InvalidInput, InvalidPhoneNumber
from bot.history import MovementFilters, all_movements, day_range, movement_history, parse_day
from bot.managers import find_manager
from bot.phones import normalize_phone
from bot.spreadsheets import write_csv

PAGE = 100
HEADER = (
    "date",
    "store",
    "sku",
    "product",
    "kind",
    "delta",
    "quantity_after",
    "unit",
    "source",
    "manager",
    "note",
)


@dataclass(frozen=True, slots=True)
class Query:
    store: str
    sku: str
    kind: str
    since: str
    until: str
    manager: str = ""  # a phone number, as typed


_FIELDS = ("store", "sku", "kind", "since", "until", "manager")


def _query(request: Request) -> Query:
    params = request.query_params
    return Query(*(params.get(name, "").strip()[:64] for name in _FIELDS))


def _filters(session: Session, query: Query) -> MovementFilters:
    store_ids = None
    if query.store:
        store = session.exec(select(Store).where(Store.code == query.store)).first()
        store_ids = [store.id if store is not None and store.id is not None else -1]
    kinds = [MovementKind(query.kind)] if query.kind in {k.value for k in MovementKind} else None
    since_day: date | None = parse_day("since", query.since) if query.since else None
    until_day: date | None = parse_day("until", query.until) if query.until else None
    since, until = day_range(since_day, until_day)
    manager_ids = None
    if query.manager:
        manager = _manager(session, query.manager)
        manager_ids = [manager.id if manager is not None and manager.id is not None else -1]
    return MovementFilters(store_ids, query.sku or None, kinds, since, until, manager_ids)


def _manager(session: Session, typed: str) -> Manager | None:
    try:
        return find_manager(session, normalize_phone(typed))
    except InvalidPhoneNumber:
        return None


@admin_page
async def movements(request: Request, admin: Admin) -> Response:
    query = _query(request)
    raw_before = request.query_params.get("before", "")
    before = int(raw_before) if raw_before.isdecimal() and len(raw_before) < 12 else None

    def work(session: Session) -> tuple[list[Store], list[object]]:
        stores = list(session.exec(select(Store).order_by(col(Store.code))))
        records = movement_history(
            session, _filters(session, query), limit=PAGE + 1, before_id=before
        )
        return stores, list(records)

    error = ""
    try:
        stores, records = await admin.db(work)
    except InvalidInput as exc:
        stores, records, error = await admin.db(lambda s: list(s.exec(select(Store)))), [], str(exc)
    more = len(records) > PAGE
    records = records[:PAGE]
    return render(
        request,
        "movements.html",
        language=admin.language,
        admin=admin,
        active="movements",
        stores=stores,
        records=records,
        more=more,
        query=query,
        kinds=list(MovementKind),
        error=error,
        next_before=records[-1].id if records and more else None,  # type: ignore[attr-defined]
    )


@admin_page
async def movements_csv(request: Request, admin: Admin) -> Response:
    query = _query(request)

    def work(session: Session) -> bytes:
        rows = (
            (
                r.created_at.isoformat(),
                r.store_code,
                r.sku,
                r.product_name,
                r.kind,
                r.delta,
                r.quantity_after,
                r.unit,
                r.source,
                r.manager_phone or "",
                r.note,
            )
            for r in all_movements(session, _filters(session, query))
        )
        return write_csv(HEADER, rows)

    try:
        body = await admin.db(work)
    except InvalidInput as exc:
        return Response(str(exc), status_code=422, media_type="text/plain; charset=utf-8")
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="mouvements.csv"'},
    )
