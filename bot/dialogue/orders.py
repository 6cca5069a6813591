"""Order and alert effects of a conversation, on the one implementation of orders
(`bot.orders`): what chat does is what the API and the back office do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import col, select

from bot.alerts.orders import order_since
from bot.clock import format_local, local_time
from bot.db.models import (
    Alert,
    Manager,
    ManagerStore,
    MovementSource,
    Product,
    RestockOrder,
    Store,
)
from bot.dialogue.context import EffectContext
from bot.dialogue.order_template import note_placed
from bot.errors import NotFound, ValidationError
from bot.orders import (
    OrderClosed,
    OrderFacts,
    cancel_order,
    change_quantity,
    open_alert_facts,
    order_facts,
    place_order,
    postpone_alert,
    postponed_by,
    receive_order,
)
from bot.orders import open_orders as open_orders_of
from state import (
    AlertOpen,
    AlertPostponed,
    AlertsPostponed,
    AlertsToOrder,
    AlreadyHandled,
    AlreadyOrdered,
    AnswerAlert,
    AnswerAlerts,
    CancelOrder,
    ChangeOrderQuantity,
    FindOrders,
    OrderCancelled,
    OrderChanged,
    OrderNotOpen,
    OrderPlaced,
    OrderReceived,
    OrdersFound,
    OrderView,
    PlaceOrder,
    ReceiveOrder,
    ResultEvent,
)


def _already(ctx: EffectContext, facts: OrderFacts, by: Manager | None) -> AlreadyOrdered:
    order = facts.order
    assert order.id is not None
    who = _other_name(ctx, by)
    at = local_time(order.created_at, facts.store.timezone).strftime("%H:%M")
    return AlreadyOrdered(order.id, facts.product.sku, order.quantity, who, at)


def _other_name(ctx: EffectContext, by: Manager | None) -> str:
    """How the manager acting is told of another one ("" when it is them or nobody)."""
    if by is None or by.id == ctx.manager.id:
        return ""
    return by.name or by.phone[:-4] + "****"


def _place(ctx: EffectContext, effect: PlaceOrder) -> ResultEvent:
    placed: list[tuple[int, str, int]] = []
    for sku, quantity in effect.lines:
        product = ctx.product(sku)
        if product is None:
            return AlreadyHandled()
        try:
            done = place_order(
                ctx.session,
                product,
                quantity,
                source=MovementSource.WHATSAPP,
                now=ctx.now,
                manager=ctx.manager,
                alert_id=effect.alert_id,
            )
        except ValidationError:
            return AlreadyHandled()
        if done.already:
            return _already(ctx, done.facts, done.by)
        assert done.facts.order.id is not None
        placed.append((done.facts.order.id, sku, quantity))
        note_placed(ctx.session, done.facts)
    return OrderPlaced(tuple(placed))


def _answer_alert(ctx: EffectContext, effect: AnswerAlert) -> ResultEvent:
    found = open_alert_facts(ctx.session, effect.alert_id, ctx.manager)
    if found is None:
        return AlreadyHandled()
    alert, product = found
    store = ctx.session.get(Store, product.store_id)
    assert store is not None
    placed = order_since(ctx.session, alert)
    if placed is not None:
        by = ctx.session.get(Manager, placed.manager_id) if placed.manager_id else None
        return _already(ctx, OrderFacts(placed, product, store), by)
    switched = ""
    if ctx.store is None or ctx.store.id != store.id:
        ctx.make_current(store)
        switched = store.name
    if effect.choice == "later":
        postpone_alert(ctx.session, alert, ctx.manager, ctx.now)
        return AlertPostponed(product.sku, product.quantity)
    if effect.quantity is not None and not effect.ask:
        ctx_in_store = EffectContext(ctx.session, ctx.manager, store, ctx.settings, ctx.now)
        return _place(ctx_in_store, PlaceOrder(((product.sku, effect.quantity),), alert.id))
    assert alert.id is not None
    quantity = effect.quantity if effect.quantity is not None else product.reorder_quantity
    # Another manager's "plus tard" does not bar ordering (a low stock is worth an order), but
    # the one ordering is told who answered first, as after an order.
    later_id = postponed_by(alert)
    later = ctx.session.get(Manager, later_id) if later_id is not None else None
    later_name = _other_name(ctx, later)
    at = ""
    if later_name and alert.answered_at is not None:
        at = local_time(alert.answered_at, store.timezone).strftime("%H:%M")
    return AlertOpen(
        alert.id,
        product.sku,
        quantity,
        switched,
        postponed_by=later_name,
        postponed_at=at,
        unit=effect.unit,
    )


def _answer_alerts(ctx: EffectContext, effect: AnswerAlerts) -> ResultEvent:
    """A yes or a no to a grouped push: of its alerts, those still open (the product still
    low), of the manager's stores and not on order since they opened. A yes lists them with
    their reorder quantities, in one store (the current one when it has some); a no puts
    them all off."""
    still: list[tuple[Alert, Product]] = []
    for alert_id in dict.fromkeys(effect.alert_ids):
        found = open_alert_facts(ctx.session, alert_id, ctx.manager)
        if found is not None and order_since(ctx.session, found[0]) is None:
            still.append(found)
    if not still:
        return AlreadyHandled()
    if effect.choice == "later":
        for alert, _ in still:
            postpone_alert(ctx.session, alert, ctx.manager, ctx.now)
        return AlertsPostponed(len(still))
    stores = [product.store_id for _, product in still]
    here = ctx.store.id if ctx.store is not None else None
    store_id = here if here in stores else stores[0]
    switched = ""
    if store_id != here:
        store = ctx.session.get(Store, store_id)
        assert store is not None
        ctx.make_current(store)
        switched = store.name
    lines = tuple(
        (product.sku, product.reorder_quantity)
        for _, product in still
        if product.store_id == store_id
    )
    return AlertsToOrder(lines, switched)


def _order_view(facts: OrderFacts) -> OrderView:
    order = facts.order
    assert order.id is not None
    return OrderView(
        order_id=order.id,
        sku=facts.product.sku,
        name=facts.product.name,
        unit=facts.product.unit,
        quantity=order.quantity,
        received=order.received_quantity,
        status=order.status,
        date=format_local(order.created_at, facts.store.timezone)[:5],
    )


def _find_orders(ctx: EffectContext, effect: FindOrders) -> ResultEvent:
    session = ctx.session
    if effect.order_id is not None:
        try:
            facts = order_facts(session, effect.order_id, ctx.manager)
        except NotFound:
            return OrdersFound(())
        ctx.make_current(facts.store)
        return OrdersFound((_order_view(facts),))
    store_ids = [ctx.store.id] if ctx.store is not None and ctx.store.id is not None else []
    if not store_ids:
        store_ids = list(
            session.exec(
                select(ManagerStore.store_id).where(ManagerStore.manager_id == ctx.manager.id)
            )
        )
    return OrdersFound(
        tuple(_order_view(f) for f in open_orders_of(session, store_ids, effect.sku))
    )


def _receive(ctx: EffectContext, effect: ReceiveOrder) -> ResultEvent:
    session = ctx.session
    if effect.quantity and ctx.done(effect.key):
        return AlreadyHandled()
    try:
        done = receive_order(
            session,
            effect.order_id,
            source=MovementSource.WHATSAPP,
            settings=ctx.settings,
            now=ctx.now,
            quantity=effect.quantity,
            close=effect.close,
            manager=ctx.manager,
            idempotency_key=effect.key if effect.quantity else None,
        )
    except NotFound:
        return AlreadyHandled()
    except OrderClosed as closed:
        assert closed.order.id is not None
        return OrderNotOpen(closed.order.id, closed.order.status)
    except ValidationError:
        return AlreadyHandled()
    order = done.facts.order
    assert order.id is not None
    return OrderReceived(
        order_id=order.id,
        sku=done.facts.product.sku,
        quantity=done.quantity,
        received=order.received_quantity,
        ordered=order.quantity,
        closed=done.closed,
        after=done.facts.product.quantity,
    )


def _cancel(ctx: EffectContext, effect: CancelOrder) -> ResultEvent:
    try:
        facts = cancel_order(ctx.session, effect.order_id, ctx.manager, ctx.now)
    except NotFound:
        return AlreadyHandled()
    except OrderClosed as closed:
        assert closed.order.id is not None
        return OrderNotOpen(closed.order.id, closed.order.status)
    order = facts.order
    assert order.id is not None
    return OrderCancelled(order.id, facts.product.sku, order.quantity, order.status == "received")


def _change(ctx: EffectContext, effect: ChangeOrderQuantity) -> ResultEvent:
    try:
        facts = change_quantity(ctx.session, effect.order_id, effect.quantity, ctx.manager)
    except NotFound:
        return AlreadyHandled()
    except (OrderClosed, ValidationError):
        order = ctx.session.get(RestockOrder, effect.order_id)
        status = order.status if order is not None else "cancelled"
        return OrderNotOpen(effect.order_id, status)
    return OrderChanged(effect.order_id, facts.product.sku, facts.order.quantity)


HANDLERS: dict[type, Callable[[Any, Any], ResultEvent]] = {
    PlaceOrder: _place,
    AnswerAlert: _answer_alert,
    AnswerAlerts: _answer_alerts,
    FindOrders: _find_orders,
    ReceiveOrder: _receive,
    CancelOrder: _cancel,
    ChangeOrderQuantity: _change,
}

__all__ = ["HANDLERS", "col"]
