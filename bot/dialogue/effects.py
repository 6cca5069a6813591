"""The effects a conversation step asks for, run in the caller's transaction.

Each effect answers with a result event for the machine. Everything is checked against the
database, not the conversation: a manager only ever touches the stores they are linked to, an
order is decided once, a multi-line movement is recorded whole or not at all (a savepoint).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from bot.clock import DEFAULT_TIMEZONE, format_local
from bot.db.cache import transaction_cache
from bot.db.models import (
    Manager,
    ManagerStore,
    MovementKind,
    MovementSource,
    Product,
    StockMovement,
    Store,
)
from bot.db.recent import RecentCache
from bot.dialogue import orders
from bot.dialogue.context import EffectContext
from bot.dialogue.view import other_store_named, stores_having
from bot.errors import InsufficientStock, ValidationError
from bot.history import MovementFilters, movement_history
from bot.managers import follow_written, set_language
from bot.reports import Period, paces, summarize
from bot.settings import Settings
from bot.stock import MAX_STOCK, record_movement, reverse_movement, reversible, set_count
from state import (
    NOTES,
    AlreadyHandled,
    CountPlanned,
    CountRecorded,
    Effect,
    FindHistory,
    FindLastMovement,
    FindPace,
    FindStoreNamed,
    FindStores,
    HistoryFound,
    HistoryRow,
    LanguageSet,
    LastMovement,
    MovementRecorded,
    MovementRefused,
    MovementReversed,
    MovementView,
    Pace,
    PaceFound,
    PlanCount,
    RecordMovement,
    ResultEvent,
    ReversalRefused,
    ReverseMovement,
    SetCount,
    SetLanguage,
    StockFull,
    StoreNamed,
    StoresFound,
    StoreSwitched,
    Summarize,
    SummaryFound,
    SummaryRow,
    SwitchStore,
    reason_noted,
    reason_undone,
)

UNDO_WINDOW = timedelta(hours=24)


class _Refused(Exception):
    def __init__(self, event: ResultEvent) -> None:
        self.event = event


def run_effect(
    session: Session,
    manager: Manager,
    store: Store | None,
    effect: Effect,
    *,
    settings: Settings,
    now: datetime,
) -> ResultEvent:
    """Apply `effect` for `manager` working in `store`; the event to feed back to the machine."""
    context = EffectContext(session, manager, store, settings, now)
    handler = _HANDLERS.get(type(effect)) or orders.HANDLERS.get(type(effect))
    assert handler is not None, effect
    result: ResultEvent = handler(context, effect)
    return result


def _line_key(key: str, index: int) -> str:
    """The idempotency key of line `index` of what one message records: the message's own key
    for the first line, `key/1`, `key/2`… for the next (the whole recording is found by them)."""
    return key if index == 0 else f"{key}/{index}"


def _recording_of(key: str | None) -> str:
    """The key of the message that recorded a line (`_line_key` read back)."""
    if not key:
        return ""
    head, _, index = key.rpartition("/")
    return head if head and index.isdigit() else key


def _record(ctx: EffectContext, effect: RecordMovement) -> ResultEvent:
    session = ctx.session
    if ctx.done(effect.key):
        return AlreadyHandled()
    adds_to = _own_movement(ctx, effect.adds_to)
    # Goods a customer brought back with a sale come in first (an exchange of the same product
    # sells the one brought back); every line has its own key, whatever its kind.
    lines = [(sku, quantity, False, NOTES["return"]) for sku, quantity in effect.returned]
    lines += [(sku, quantity, effect.kind == "sale", effect.note) for sku, quantity in effect.lines]
    recorded: list[tuple[str, int, int]] = []
    try:
        with session.begin_nested():
            for index, (sku, quantity, sale, note) in enumerate(lines):
                product = ctx.product(sku)
                if product is None:
                    raise _Refused(AlreadyHandled())
                try:
                    movement = record_movement(
                        session,
                        product,
                        -quantity if sale else quantity,
                        MovementKind.SALE if sale else MovementKind.RECEIPT,
                        MovementSource.WHATSAPP,
                        settings=ctx.settings,
                        manager_id=ctx.manager.id,
                        idempotency_key=_line_key(effect.key, index),
                        now=ctx.now,
                        # the first line of the movement's own kind (not one brought back)
                        adds_to_id=adds_to if index == len(effect.returned) else None,
                        note=note,
                    )
                except InsufficientStock as refused:
                    raise _Refused(MovementRefused(sku, quantity, refused.available)) from None
                except ValidationError:  # a receipt past what the stock may hold
                    raise _Refused(StockFull(sku, quantity, MAX_STOCK)) from None
                recorded.append((sku, quantity, movement.quantity_after))
    except _Refused as refused:
        return refused.event
    back = len(effect.returned)
    return MovementRecorded(effect.kind, tuple(recorded[back:]), tuple(recorded[:back]))


def _own_movement(ctx: EffectContext, movement_id: int | None) -> int | None:
    """`movement_id` when it is one of this manager's movements, else None."""
    if movement_id is None:
        return None
    movement = ctx.session.get(StockMovement, movement_id)
    return movement_id if movement is not None and movement.manager_id == ctx.manager.id else None


def _count(ctx: EffectContext, effect: SetCount) -> ResultEvent:
    session = ctx.session
    counted: list[tuple[str, int, int]] = []
    try:
        with session.begin_nested():
            for index, (sku, quantity) in enumerate(effect.lines):
                product = ctx.product(sku)
                if product is None:
                    raise _Refused(AlreadyHandled())
                key = _line_key(effect.key, index)
                if ctx.done(key):
                    raise _Refused(AlreadyHandled())
                before = product.quantity
                movement = set_count(
                    session,
                    product,
                    quantity,
                    MovementSource.WHATSAPP,
                    settings=ctx.settings,
                    manager_id=ctx.manager.id,
                    note=effect.note,
                    idempotency_key=key,
                    now=ctx.now,
                )
                if movement is not None:
                    before = movement.quantity_after - movement.delta
                counted.append((sku, before, quantity))
    except _Refused as refused:
        return refused.event
    return CountRecorded(tuple(counted))


# How many of the latest movements a manager naming a product chooses from.
RECENT_SHOWN = 10


def _last_movement(ctx: EffectContext, effect: FindLastMovement) -> ResultEvent:
    """The manager's latest movement (of the kind asked) of the last 24 hours, in their stores,
    that is not itself a reversal and still has units to take back; with a key, those of that
    recording only (`key`, `key/1`…: the lines of one sale)."""
    session = ctx.session
    stores = select(ManagerStore.store_id).where(ManagerStore.manager_id == ctx.manager.id)
    keyed = col(StockMovement.idempotency_key)
    query = (
        select(StockMovement, Product)
        .join(Product, col(Product.id) == col(StockMovement.product_id))
        .where(
            col(StockMovement.manager_id) == ctx.manager.id,
            col(StockMovement.reverses_id).is_(None),
            col(StockMovement.created_at) >= ctx.now - UNDO_WINDOW,
            col(Product.store_id).in_(stores),
            col(StockMovement.kind).in_(
                [effect.kind] if effect.kind else ["sale", "receipt", "adjustment"]
            ),
        )
        .order_by(col(StockMovement.id).desc())
        .limit(20)
    )
    if effect.why:  # `annule la perte`: a loss, however many counts came after it
        query = query.where(col(StockMovement.note) == NOTES[effect.why])
    if effect.key is not None:  # every line one message recorded (see `_line_key`)
        key = effect.key
        query = query.where(or_(keyed == key, keyed.startswith(f"{key}/", autoescape=True)))
    recent: list[MovementView] = []
    for movement, product in session.exec(query):
        if len(recent) == RECENT_SHOWN:
            break
        left = reversible(session, movement)
        if left <= 0:
            continue
        store = session.get(Store, product.store_id)
        assert movement.id is not None and store is not None
        view = MovementView(
            movement_id=movement.id,
            kind=movement.kind,
            sku=product.sku,
            quantity=abs(movement.delta),
            left=left,
            when=format_local(movement.created_at, store.timezone),
            order_id=movement.order_id,
            recording=_recording_of(movement.idempotency_key),
            why=reason_noted(movement.note),
        )
        if not recent:
            ctx.make_current(store)
        recent.append(view)
    first = recent[0] if recent else None
    return LastMovement(first, effect.why or effect.kind, tuple(recent))


def _reverse(ctx: EffectContext, effect: ReverseMovement) -> ResultEvent:
    """One compensating movement per movement taken back, all in one transaction or none."""
    session = ctx.session
    found: list[tuple[StockMovement, Product, int]] = []
    for movement_id, quantity in ((effect.movement_id, effect.quantity), *effect.more):
        movement = session.get(StockMovement, movement_id)
        if movement is None or movement.manager_id != ctx.manager.id:
            return AlreadyHandled()
        product = session.get(Product, movement.product_id)
        assert product is not None
        found.append((movement, product, quantity))
    if ctx.done(effect.key):
        return AlreadyHandled()
    done: list[tuple[str, int, int]] = []
    try:
        with session.begin_nested():
            for index, (movement, product, quantity) in enumerate(found):
                try:
                    taken = reverse_movement(
                        session,
                        movement,
                        quantity,
                        MovementSource.WHATSAPP,
                        settings=ctx.settings,
                        manager_id=ctx.manager.id,
                        idempotency_key=_line_key(effect.key, index),
                        now=ctx.now,
                    )
                except InsufficientStock as refused:
                    event = ReversalRefused(product.sku, quantity, refused.available)
                    raise _Refused(event) from None
                except ValidationError:
                    raise _Refused(ReversalRefused(product.sku, quantity, 0)) from None
                done.append((product.sku, quantity, taken.quantity_after))
    except _Refused as refused:
        return refused.event
    (sku, quantity, after), *more = done
    return MovementReversed(found[0][0].kind, sku, quantity, after, tuple(more))


def _plan(ctx: EffectContext, _effect: PlanCount) -> ResultEvent:
    """The store's products for a guided count: out and low first, then the most moved in the
    last 30 days, then by name."""
    if ctx.store is None:
        return CountPlanned(())
    session = ctx.session
    moves = dict(
        session.exec(
            select(StockMovement.product_id, func.count())
            .join(Product, col(Product.id) == col(StockMovement.product_id))
            .where(
                Product.store_id == ctx.store.id,
                col(StockMovement.created_at) >= ctx.now - timedelta(days=30),
            )
            .group_by(col(StockMovement.product_id))
        ).all()
    )
    products = session.exec(select(Product).where(Product.store_id == ctx.store.id)).all()

    def rank(product: Product) -> tuple[int, int, str]:
        level = 0 if product.quantity <= 0 else (1 if product.quantity <= product.threshold else 2)
        return (level, -moves.get(product.id or 0, 0), product.name.casefold())

    return CountPlanned(tuple(p.sku for p in sorted(products, key=rank)))


def _summarize(ctx: EffectContext, effect: Summarize) -> ResultEvent:
    """Totals over the manager's stores (Africa/Dakar days, or the current store's zone)."""
    session = ctx.session
    stores = list(
        session.exec(select(ManagerStore.store_id).where(ManagerStore.manager_id == ctx.manager.id))
    )
    product_ids = None
    asked = effect.family or ((effect.sku,) if effect.sku is not None else ())
    if asked:
        products = [ctx.product(sku) for sku in asked]
        product_ids = [p.id for p in products if p is not None and p.id is not None]
    timezone = ctx.store.timezone if ctx.store is not None else DEFAULT_TIMEZONE

    def rows_of(kind: MovementKind) -> tuple[SummaryRow, ...]:
        found = summarize(
            session,
            stores,
            Period(effect.period),
            kind=kind,
            product_ids=product_ids,
            now=ctx.now,
            timezone=timezone,
        )
        units = {
            p.id: p.unit_en
            for p in session.exec(
                select(Product).where(col(Product.id).in_([t.product_id for t in found.totals]))
            )
        }
        return tuple(
            SummaryRow(t.sku, t.name, t.unit, t.quantity, t.count, units.get(t.product_id, ""))
            for t in found.totals
        )

    if effect.movement == "all":  # `rapport du jour`: the sales, then the arrivals
        sales, received = rows_of(MovementKind.SALE), rows_of(MovementKind.RECEIPT)
        return SummaryFound(
            "all", effect.period, sales, effect.sku, received=received, family=effect.family
        )
    kind = MovementKind.RECEIPT if effect.movement == "receipt" else MovementKind.SALE
    return SummaryFound(
        effect.movement, effect.period, rows_of(kind), effect.sku, effect.top, family=effect.family
    )


HISTORY_SHOWN = 8  # movements a history question shows, newest first


def _history(ctx: EffectContext, effect: FindHistory) -> ResultEvent:
    """The product's latest movements in its store, in the store's time zone; who recorded
    each by name only (a phone number is never shown)."""
    product = ctx.product(effect.sku)
    if product is None or product.id is None:
        return AlreadyHandled()
    store = ctx.session.get(Store, product.store_id)
    timezone = store.timezone if store is not None else DEFAULT_TIMEZONE
    records = movement_history(
        ctx.session,
        MovementFilters(store_ids=[product.store_id], sku=product.sku),
        limit=HISTORY_SHOWN,
    )
    rows = tuple(
        HistoryRow(
            format_local(r.created_at, timezone),
            r.kind,
            r.delta,
            r.quantity_after,
            r.manager_name or "",
            reason_noted(r.note) or reason_undone(r.note),
            bool(reason_undone(r.note)),
        )
        for r in records
    )
    return HistoryFound(effect.sku, rows)


# A write to one of these forgets the paces read (in the transaction, and in the process).
_PACE_TABLES = frozenset({"product", "stock_movement"})
# A pace is a forecast over two weeks: one read up to a minute ago serves the next questions
# (a lone message is a transaction of its own, which would read it again); a sale recorded in
# this process is in the next reading at once, one recorded by another process within a minute.
PACE_MAX_AGE_SECONDS = 60.0
_RECENT_PACES: RecentCache[PaceFound] = RecentCache(_PACE_TABLES, PACE_MAX_AGE_SECONDS)


def _find_pace(ctx: EffectContext, effect: FindPace) -> ResultEvent:
    """How fast the products go; read once per transaction (the managers of a store answered in
    one batch ask about the same products at the same moment), and kept a minute across them
    (`bot.db.recent`)."""
    if ctx.store is None:
        return PaceFound(())
    cache = transaction_cache(ctx.session, _PACE_TABLES)
    key = (ctx.store.id, tuple(effect.skus), ctx.now)
    found: PaceFound | None = cache.get(key)
    if found is None:
        found = cache[key] = _RECENT_PACES.get(
            ctx.session.connection(), key[:2], ctx.now, lambda: _read_pace(ctx, effect)
        )
    return found


def _read_pace(ctx: EffectContext, effect: FindPace) -> PaceFound:
    assert ctx.store is not None
    products = ctx.session.exec(
        select(Product.id, Product.sku).where(
            Product.store_id == ctx.store.id, col(Product.sku).in_(effect.skus)
        )
    ).all()
    ids = {pid: sku for pid, sku in products if pid is not None}
    found = paces(ctx.session, list(ids), ctx.now)
    return PaceFound(
        tuple(
            Pace(sku, found[pid].per_day, found[pid].usual_max)
            if pid in found
            else Pace(sku, None, None)
            for pid, sku in ids.items()
        )
    )


def _set_language(ctx: EffectContext, effect: SetLanguage) -> ResultEvent:
    if effect.as_written:
        follow_written(ctx.manager, effect.language)
    else:
        set_language(ctx.manager, effect.language, chosen=not effect.followed)
    ctx.session.add(ctx.manager)
    ctx.session.flush()
    return LanguageSet(ctx.manager.language, effect.followed, effect.as_written)


def _find_stores(ctx: EffectContext, effect: FindStores) -> ResultEvent:
    codes = stores_having(ctx.session, ctx.manager, effect.text, besides=ctx.store)
    return StoresFound(effect.text, codes)


def _find_store_named(ctx: EffectContext, effect: FindStoreNamed) -> ResultEvent:
    return StoreNamed(effect.text, other_store_named(ctx.session, ctx.manager, effect.words))


def _switch_store(ctx: EffectContext, effect: SwitchStore) -> ResultEvent:
    store = ctx.session.exec(select(Store).where(Store.code == effect.code)).first()
    if store is None or ctx.session.get(ManagerStore, (ctx.manager.id, store.id)) is None:
        return AlreadyHandled()
    ctx.make_current(store)
    return StoreSwitched(store.code, store.name)


_HANDLERS: dict[type, Callable[[Any, Any], ResultEvent]] = {
    RecordMovement: _record,
    SetCount: _count,
    FindLastMovement: _last_movement,
    ReverseMovement: _reverse,
    PlanCount: _plan,
    SwitchStore: _switch_store,
    FindStores: _find_stores,
    FindStoreNamed: _find_store_named,
    SetLanguage: _set_language,
    Summarize: _summarize,
    FindHistory: _history,
    FindPace: _find_pace,
}
