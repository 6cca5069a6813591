"""The catalog the state machine reads: the manager's stores, the current one, its products.

A store's catalog is its words (each product's sku, name, aliases, units, threshold and reorder
quantity, and the intent matcher built from them) and its stock (quantities, last movements,
restock orders on their way). The words are kept in the process across transactions, by the
store's catalog version, which the database changes with every change of them whoever makes it
(`bot.db.catalog_version`); the stock is read by every transaction, in one statement that also
reads the version, so another process's change is seen at the next transaction, never a stale
catalog. The words are read again (one more statement) only when the version moved.

The product views are built once per transaction (`bot.db.cache`): the inbound processor answers
a batch of messages in one transaction, and until something in it writes products, movements or
orders, every manager of the store sees the same catalog. A manager's stores are read once per
transaction too.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, select
from sqlmodel import Session, col

from bot.clock import format_local
from bot.db.cache import transaction_cache
from bot.db.lists import any_of
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
from state.flows.places import named as stores_named

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
        .where(any_of(ManagerStore.manager_id, "managers", wanted))
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
        return CatalogView(
            manager.id,
            manager.language,
            store_views,
            None,
            language_chosen=manager.language_chosen,
        )
    views, matcher = _store_catalog(session, current)
    return CatalogView(
        manager_id=manager.id,
        language=manager.language,
        stores=store_views,
        store=StoreView(current.code, current.name, current.timezone),
        products=views,
        matcher=matcher,
        language_chosen=manager.language_chosen,
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


def other_store_named(session: Session, manager: Manager, words: Sequence[str]) -> str | None:
    """The name of a store that is not the manager's whose name or code `words` name (read
    only when a message names a place that is none of theirs)."""
    assert manager.id is not None
    mine = {store.id for store in manager_stores(session, manager.id)}
    rows = session.execute(select(Store.id, Store.code, Store.name)).all()  # type: ignore[call-overload]
    others = [StoreView(code, name) for store_id, code, name in rows if store_id not in mine]
    found = stores_named(others, words)
    return found[0].name if found else None


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
    """One statement (the stock, and the catalog's version), plus one when the catalog's words
    are not kept for that version (`_words`); read as plain rows (an ORM object per product and
    order cost more than the rest of the view)."""
    connection = session.connection()
    stock = {row.id: row for row in connection.execute(_STOCK, {"store_id": store.id}).all()}
    words = _words(connection, store, stock)
    products = [p for p in words.products if p.id in stock]
    views = tuple(_view_of(words, p, stock[p.id], store.timezone) for p in products)
    if len(products) == len(words.products):
        return views, words.matcher
    # Products added or deleted between the two statements (PostgreSQL, another process).
    return views, matcher_for(catalog_entries(products))


def _view_of(words: _Words, product: Any, stock: Any, timezone: str) -> ProductView:
    """The product's view, built again only when its stock row (or the store's zone) changed:
    every write of a batch's transaction (a sale) has its next message read the whole stock
    again, hundreds of products of which one or two changed."""
    read = (tuple(stock), timezone)
    kept = words.views.get(product.id)
    if kept is not None and kept[0] == read:
        return kept[1]
    view = _product_view(product, stock, timezone)
    words.views[product.id] = (read, view)
    return view


def _product_view(product: Any, stock: Any, timezone: str) -> ProductView:
    last = stock.last_movement
    return ProductView(
        sku=product.sku,
        name=product.name,
        unit=product.unit,
        unit_en=product.unit_en,
        quantity=stock.quantity,
        threshold=product.threshold,
        reorder_quantity=product.reorder_quantity,
        last_movement=format_local(last, timezone) if last is not None else "",
        order_id=stock.order_id,
        order_quantity=stock.order_quantity or 0,
        order_received=stock.order_received or 0,
    )


@dataclass(frozen=True, slots=True)
class _Words:
    """What a store's catalog is made of but its stock, as read under `version`: the products
    (sku, name, units, threshold, reorder quantity, aliases; by name) and their matcher."""

    version: int
    products: tuple[Any, ...]
    ids: frozenset[int]
    matcher: IntentMatcher
    # Each product's view with the stock row and zone it was built from (`_view_of`).
    views: dict[int, tuple[tuple[Any, ...], ProductView]] = field(
        default_factory=dict, compare=False
    )


# By engine, then store id: the words of each store's catalog, kept across transactions.
_KEPT: weakref.WeakKeyDictionary[Engine, dict[int, _Words]] = weakref.WeakKeyDictionary()
MAX_STORES_KEPT = 256


def _words(connection: Connection, store: Store, stock: dict[int, Any]) -> _Words:
    """The store's words, kept in the process while the database's catalog version (read with
    the stock, in the same statement) is the one they were read under, else read again."""
    assert store.id is not None
    if not stock:
        return _Words(0, (), frozenset(), matcher_for(()))
    version = next(iter(stock.values())).catalog_version
    kept_here = _KEPT.setdefault(connection.engine, {})
    kept = kept_here.get(store.id)
    if kept is not None and kept.version == version and kept.ids == stock.keys():
        return kept
    rows = connection.execute(_WORDS, {"store_id": store.id}).all()
    if not rows:  # all deleted since the stock was read
        return _Words(0, (), frozenset(), matcher_for(()))
    words = _Words(
        # The version read with these rows: a change committed between the two statements is in
        # the rows, and only makes the next transaction read them again.
        rows[0].catalog_version,
        tuple(rows),
        frozenset(row.id for row in rows),
        matcher_for(catalog_entries(rows)),
    )
    if len(kept_here) >= MAX_STORES_KEPT:
        kept_here.clear()
    kept_here[store.id] = words
    return words


def catalog_entries(products: Sequence[Any]) -> tuple[CatalogEntry, ...]:
    """The matcher's entries for products (rows or `Product`s: sku, name, aliases, units)."""
    # The sku is an alias too: alert pushes tell managers to type `COMMANDER <sku> <quantité>`.
    return tuple(
        CatalogEntry(p.sku, p.name, (*p.aliases, p.sku), p.unit, p.unit_en or None)
        for p in products
    )


_PRODUCT = Product.__table__  # type: ignore[attr-defined]
_STORE = Store.__table__  # type: ignore[attr-defined]
_MOVEMENT = StockMovement.__table__  # type: ignore[attr-defined]
_ORDER = RestockOrder.__table__  # type: ignore[attr-defined]
_OF_STORE = _PRODUCT.c.store_id == bindparam("store_id")
_WITH_STORE = _PRODUCT.join(_STORE, _STORE.c.id == _PRODUCT.c.store_id)
_WORDS = (
    select(
        _PRODUCT.c.id,
        _PRODUCT.c.sku,
        _PRODUCT.c.name,
        _PRODUCT.c.unit,
        _PRODUCT.c.unit_en,
        _PRODUCT.c.threshold,
        _PRODUCT.c.reorder_quantity,
        _PRODUCT.c.aliases,
        _STORE.c.catalog_version,
    )
    .select_from(_WITH_STORE)
    .where(_OF_STORE)
    .order_by(_PRODUCT.c.name)
)
# The latest confirmed (not yet received) restock order of each product that has one: by id,
# the latest wins.
_ON_ITS_WAY = _ORDER.alias("on_its_way")
_LATEST_ORDER = (
    select(func.max(_ON_ITS_WAY.c.id))
    .where(
        _ON_ITS_WAY.c.product_id == _PRODUCT.c.id,
        _ON_ITS_WAY.c.status == OrderStatus.CONFIRMED,
    )
    .scalar_subquery()
)
_STOCK = (
    select(
        _PRODUCT.c.id,
        _PRODUCT.c.quantity,
        select(func.max(_MOVEMENT.c.created_at))
        .where(_MOVEMENT.c.product_id == _PRODUCT.c.id)
        .scalar_subquery()
        .label("last_movement"),
        _ORDER.c.id.label("order_id"),
        _ORDER.c.quantity.label("order_quantity"),
        _ORDER.c.received_quantity.label("order_received"),
        _STORE.c.catalog_version,
    )
    .select_from(_WITH_STORE.outerjoin(_ORDER, _ORDER.c.id == _LATEST_ORDER))
    .where(_OF_STORE)
)


@lru_cache(maxsize=64)
def matcher_for(catalog: tuple[CatalogEntry, ...]) -> IntentMatcher:
    return IntentMatcher(catalog)
