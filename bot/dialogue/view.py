"""The catalog the state machine reads: the manager's stores, the current one, its products.

Intent matchers are cached per catalog (names, aliases, units): a sale changes quantities, not
the words managers use, so it does not rebuild the matcher. A store's product views are read once
per transaction (`bot.db.cache`): the inbound processor answers a batch of messages in one
transaction, and until something in it writes products, movements or orders, every manager of the
store sees the same catalog. A manager's stores are read once per transaction too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlmodel import Session, col

from bot.clock import format_local
from bot.db.cache import transaction_cache
from bot.db.models import (
    Manager,
    ManagerStore,
    OrderStatus,
    Product,
    RestockOrder,
    StockMovement,
    Store,
)
from bot.managers import manager_stores
from intents import IntentMatcher
from intents import Product as CatalogEntry
from state import CatalogView, ProductView, StoreView

# A write to one of these in the transaction forgets the stores of managers read in it.
_STORE_TABLES = frozenset({"manager_store", "store"})


def current_store(session: Session, manager: Manager) -> tuple[list[Store], Store | None]:
    """The manager's stores, and the one they work in (their only store, or the one chosen).

    The stores are read once per transaction (a message's view is read again after each of
    its effects)."""
    cache = transaction_cache(session, _STORE_TABLES)
    stores: list[Store] | None = cache.get(manager.id)
    if stores is None:
        stores = cache[manager.id] = manager_stores(session, manager.id)  # type: ignore[arg-type]
    current = next((s for s in stores if s.id == manager.current_store_id), None)
    if current is None and len(stores) == 1:
        current = stores[0]
    return stores, current


def stores_ahead(session: Session, manager_ids: Collection[int]) -> None:
    """Read the stores of several managers in one statement, for their `current_store`."""
    cache = transaction_cache(session, _STORE_TABLES)
    wanted = [manager_id for manager_id in manager_ids if manager_id not in cache]
    if not wanted:
        return
    found: dict[int, list[Store]] = {manager_id: [] for manager_id in wanted}
    query = (
        select(ManagerStore.manager_id, Store)  # type: ignore[call-overload]
        .join(ManagerStore, col(ManagerStore.store_id) == col(Store.id))
        .where(col(ManagerStore.manager_id).in_(wanted))
        .order_by(col(Store.code))
    )
    for manager_id, store in session.execute(query):
        found[manager_id].append(store)
    cache.update(found)  # each in code order, as `manager_stores` gives them


def load_view(session: Session, manager: Manager) -> CatalogView:
    assert manager.id is not None
    stores, current = current_store(session, manager)
    store_views = tuple(StoreView(s.code, s.name, s.timezone) for s in stores)
    if current is None:
        return CatalogView(manager.id, manager.language, store_views, None)
    views, matcher = _store_catalog(session, current)
    return CatalogView(
        manager_id=manager.id,
        language=manager.language,
        stores=store_views,
        store=StoreView(current.code, current.name, current.timezone),
        products=views,
        matcher=matcher,
    )


def stores_having(
    session: Session, manager: Manager, text: str, *, besides: Store | None
) -> tuple[str, ...]:
    """The codes of the manager's stores (but `besides`) whose catalogue has a product `text`
    names (a product, or candidates, for one of its items)."""
    assert manager.id is not None
    codes = []
    for store in manager_stores(session, manager.id):
        if besides is not None and store.id == besides.id:
            continue
        _, matcher = _store_catalog(session, store)
        if any(item.product or item.candidates for item in matcher.parse_many(text)):
            codes.append(store.code)
    return tuple(codes)


# A write to one of these in the transaction forgets the product views read in it.
_CATALOG_TABLES = frozenset({"product", "stock_movement", "restock_order", "store"})


def _store_catalog(session: Session, store: Store) -> tuple[tuple[ProductView, ...], IntentMatcher]:
    """The store's product views and matcher, read once per transaction."""
    cache = transaction_cache(session, _CATALOG_TABLES)
    catalog: tuple[tuple[ProductView, ...], IntentMatcher] | None = cache.get(store.id)
    if catalog is None:
        catalog = cache[store.id] = _read_catalog(session, store)
    return catalog


def _read_catalog(session: Session, store: Store) -> tuple[tuple[ProductView, ...], IntentMatcher]:
    """Three statements built once, read as plain rows (an ORM object per product and order cost
    more than the rest of the view)."""
    params = {"store_id": store.id}
    connection = session.connection()
    products = connection.execute(_STORE_PRODUCTS, params).all()
    last: dict[int, datetime] = {
        product_id: moment
        for product_id, moment in connection.execute(_LAST_MOVEMENTS, params)
        if moment is not None
    }
    orders = {row.product_id: row for row in connection.execute(_ORDERS_ON_THEIR_WAY, params)}
    views = tuple(
        ProductView(
            sku=p.sku,
            name=p.name,
            unit=p.unit,
            unit_en=p.unit_en,
            quantity=p.quantity,
            threshold=p.threshold,
            reorder_quantity=p.reorder_quantity,
            last_movement=format_local(last[p.id], store.timezone) if p.id in last else "",
            order_id=orders[p.id].id if p.id in orders else None,
            order_quantity=orders[p.id].quantity if p.id in orders else 0,
            order_received=orders[p.id].received_quantity if p.id in orders else 0,
        )
        for p in products
    )
    return views, matcher_for(catalog_entries(products))


def catalog_entries(products: Sequence[Any]) -> tuple[CatalogEntry, ...]:
    """The matcher's entries for products (rows or `Product`s: sku, name, aliases, units)."""
    # The sku is an alias too: alert pushes tell managers to type `COMMANDER <sku> <quantité>`.
    return tuple(
        CatalogEntry(p.sku, p.name, (*p.aliases, p.sku), p.unit, p.unit_en or None)
        for p in products
    )


_PRODUCT = Product.__table__  # type: ignore[attr-defined]
_MOVEMENT = StockMovement.__table__  # type: ignore[attr-defined]
_ORDER = RestockOrder.__table__  # type: ignore[attr-defined]
_OF_STORE = _PRODUCT.c.store_id == bindparam("store_id")
_STORE_PRODUCTS = (
    select(
        _PRODUCT.c.id,
        _PRODUCT.c.sku,
        _PRODUCT.c.name,
        _PRODUCT.c.unit,
        _PRODUCT.c.unit_en,
        _PRODUCT.c.quantity,
        _PRODUCT.c.threshold,
        _PRODUCT.c.reorder_quantity,
        _PRODUCT.c.aliases,
    )
    .where(_OF_STORE)
    .order_by(_PRODUCT.c.name)
)
_LAST_MOVEMENTS = (
    select(_MOVEMENT.c.product_id, func.max(_MOVEMENT.c.created_at))
    .join(_PRODUCT, _PRODUCT.c.id == _MOVEMENT.c.product_id)
    .where(_OF_STORE)
    .group_by(_MOVEMENT.c.product_id)
)
# The latest confirmed (not yet received) restock order of each product that has one: by id,
# the latest wins.
_ORDERS_ON_THEIR_WAY = (
    select(_ORDER.c.product_id, _ORDER.c.id, _ORDER.c.quantity, _ORDER.c.received_quantity)
    .join(_PRODUCT, _PRODUCT.c.id == _ORDER.c.product_id)
    .where(_OF_STORE, _ORDER.c.status == OrderStatus.CONFIRMED)
    .order_by(_ORDER.c.id)
)


@lru_cache(maxsize=64)
def matcher_for(catalog: tuple[CatalogEntry, ...]) -> IntentMatcher:
    return IntentMatcher(catalog)
