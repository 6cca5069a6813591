"""The orders asked about (`mes commandes`, `commande 3 reçue`, `ma commande de ciment`): found,
then listed to pick one, or the one acted on at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from intents import ParsedIntent
from intents.answers import keys_of, position
from intents.requests import Request, RequestKind
from state.effects import FindOrders
from state.events import OrdersFound, OrderView
from state.flows.moves.reasons import reason_of
from state.flows.moves.units import typed_unit
from state.flows.orders.act import ACTIONS, act, product_movement, said_arrived
from state.flows.orders.several import ask_cancel_all
from state.flows.orders.views import FLOW, PICK, amount_of, describe, from_dict, view_dict
from state.machine import State
from state.matching import Offered
from state.turn import Reading, Turn


def start(turn: Turn, request: Request, text: str = "") -> None:
    """`mes commandes`, an order arrived, an order to cancel: find the orders first; `text`,
    the message, says the unit of its quantity (`reçu 2 cartons de la commande 1`)."""
    skus = _products(turn, request.rest)
    quantity = request.quantity
    named = _named_by(turn, request.rest, quantity, skus)
    if named:  # `la commande de batteries 70 est arrivée`: the 70Ah's, not 70 received
        skus, quantity = named, None
    sku = skus[0] if len(skus) == 1 else None
    kept = _products(turn, request.but)  # `sauf le riz`: the rice's orders stay open
    turn.ctx["want"] = {
        "kind": request.kind.value,
        "quantity": quantity,
        "unit": typed_unit(turn, text, quantity) if quantity is not None else None,
        "short": request.short and quantity is not None,
        "of": request.of,
        "sku": sku,
        "skus": list(skus),
        "words": request.rest,
        "order": request.order,
        "every": request.every and bool(kept or not request.but),  # `sauf …` naming nothing
        "kept": list(kept),
    }
    turn.do(FindOrders(sku=sku, order_id=request.order))


def awaited(turn: Turn, request: Request) -> bool:
    """Whether what `request` says arrived may be an open order's: a delivery said arrived
    (`la livraison de sucre est arrivée`) of products none of whose orders is open is a plain
    arrival, read as one."""
    if not request.delivery:
        return True
    skus = _products(turn, request.rest) or tuple(p.sku for p in turn.view.products)
    return any((p := turn.product(s)) is not None and p.order_id is not None for s in skus)


def arrived_awaited(turn: Turn, items: Sequence[ParsedIntent], typed: str) -> bool:
    """`le lait est arrivé`, `l'huile est arrivée`, `the oil came`, no amount, of a product (or
    of goods several products share) of which one only is awaited: its order arrived, asked as
    `commande n°1 reçue` is (it asked how many, or which product and then how many, and
    recorded a plain arrival beside the order still open)."""
    if len(items) != 1 or reason_of("receipt", typed) is not None:
        return False
    item = items[0]
    if item.quantity is not None or item.quantity_issue is not None:
        return False
    named = (item.product,) if item.product is not None else tuple(item.candidates)
    awaited = [s for s in named if (p := turn.product(s)) and p.order_id is not None]
    if len(awaited) != 1:
        return False
    start(turn, Request(RequestKind.ORDER_RECEIVED, rest=turn.name(awaited[0])))
    return True


def cancel_placed(turn: Turn, order_ids: list[int]) -> None:
    """`annule` right after several orders were placed in one message: those still open."""
    turn.ctx["want"] = {"kind": RequestKind.ORDER_CANCEL.value, "placed": order_ids}
    turn.do(FindOrders())


def _named_by(turn: Turn, words: str, number: int | None, skus: tuple[str, ...]) -> tuple[str, ...]:
    """The products of `skus` that `number` tells apart as a number of their names (the 70 of
    Batterie 12V 70Ah among three batteries), or () when it is no such number."""
    if number is None or len(skus) < 2:
        return ()
    named = _products(turn, f"{words} {number}")
    if not named or len(named) >= len(skus) or not set(named) <= set(skus):
        return ()
    offered = Offered(named, turn.view.matcher)
    return named if offered.sized(float(number)) or _all_hold(turn, named, number) else ()


def _all_hold(turn: Turn, skus: tuple[str, ...], number: int) -> bool:
    return all(Offered([s], turn.view.matcher).holds_numbers(str(number)) for s in skus)


def _products(turn: Turn, words: str) -> tuple[str, ...]:
    """The products `words` name: one, or those it may mean (`ma commande de ciment` with three
    cements: the orders of any of them)."""
    matcher = turn.view.matcher
    if not words or matcher is None:
        return ()
    parsed = matcher.parse(words)
    if parsed.product and turn.product(parsed.product):
        return (parsed.product,)
    return tuple(s for s in parsed.candidates if turn.product(s))


def found(turn: Turn, event: OrdersFound) -> None:
    want = turn.ctx.pop("want", None) or {"kind": RequestKind.ORDERS.value}
    kind = RequestKind(want["kind"])
    sku = want.get("sku")
    orders = event.orders
    asked = want.get("order")
    if asked is not None:
        chosen = [o for o in orders if o.order_id == asked]
        if not chosen:
            turn.finish()
            turn.say("order_unknown", order=asked)
            return
        if chosen[0].status != "confirmed":
            turn.finish()
            turn.say(f"order_is_{chosen[0].status}", order=asked)
            return
        orders = tuple(chosen)
    orders = tuple(o for o in orders if o.status == "confirmed")
    if want.get("placed"):
        orders = tuple(o for o in orders if o.order_id in want["placed"])
    if want.get("kept"):
        orders = tuple(o for o in orders if o.sku not in want["kept"])
    everything = orders
    if asked is None and want.get("skus"):
        orders = tuple(o for o in orders if o.sku in want["skus"])
    if not orders and want.get("others") and (near := _ordered_named(turn, everything, want)):
        orders, sku = near, near[0].sku if len({o.sku for o in near}) == 1 else None
    if not orders and sku and kind in ACTIONS and not want.get("others"):
        # No order of the product named arrived or to cancel: the others, to ask which.
        turn.ctx["want"] = {**want, "others": True}
        turn.do(FindOrders())
        return
    if not orders:
        turn.finish()
        if want.get("skus"):
            name = turn.name(sku) if sku else str(want.get("words") or "")
            turn.say("orders_none_for", name=name)
        else:
            turn.say("orders_none")
        if want.get("skus") and everything and kind in ACTIONS:
            # `commande sucre reçue` with no order of sugar: which of those open, then?
            list_orders(
                turn,
                everything,
                then=kind.value,
                quantity=want.get("quantity"),
                unit=want.get("unit"),
            )
        return
    if kind is RequestKind.ORDERS and asked is None:
        list_orders(turn, orders)
    elif len(orders) == 1:
        act(turn, orders[0], kind, want.get("quantity"), want.get("unit"), bool(want.get("short")))
    elif kind is RequestKind.ORDER_CANCEL and (want.get("placed") or _all_said(want, orders)):
        ask_cancel_all(turn, orders)  # `annule les commandes`: all of them, once confirmed
    else:
        list_orders(
            turn,
            orders,
            then=kind.value,
            quantity=want.get("quantity"),
            unit=want.get("unit"),
            short=bool(want.get("short")),
        )


def _ordered_named(
    turn: Turn, orders: tuple[OrderView, ...], want: dict[str, Any]
) -> tuple[OrderView, ...]:
    """The open orders whose products the words typed also name, when the product they were
    read as has none (`la commande de riz est arrivée`: `riz` is the broken rice, the order
    open is of the scented rice)."""
    words = str(want.get("words") or "")
    pool = list(dict.fromkeys(o.sku for o in orders))
    picked = Offered(pool, turn.view.matcher).pick(words) if words and pool else ()
    # every word typed is the order's product's (`riz brisé` is no order of scented rice)
    said = [s for s in picked if Offered([s], turn.view.matcher).describes_all(words)]
    return tuple(o for o in orders if o.sku in said)


def _all_said(want: dict[str, Any], orders: tuple[OrderView, ...]) -> bool:
    """`annule les commandes`, `les 3 commandes` with 3 open: every one (`les 2 commandes` with
    3 open: which, asked)."""
    said = want.get("quantity")
    return bool(want.get("every")) and (said is None or said == len(orders))


def list_orders(
    turn: Turn,
    orders: tuple[OrderView, ...],
    then: str = "",
    quantity: int | None = None,
    unit: str | None = None,
    short: bool = False,
) -> None:
    """The open `orders` to tap one; `then`: what for (an arrival, a cancel), asked as the
    question ("Quelle commande est arrivée ?"), else the list of the orders under way;
    `quantity` (typed in `unit`) is what arrived of the one picked (`short`: what did not)."""
    token = turn.new_token()
    lines = [describe(turn, o) for o in orders]
    if then:
        body = "\n".join([turn.t(f"orders_which_{then}"), *lines])
    else:
        body = "\n".join([turn.t("orders_title", count=len(orders)), *lines, turn.t("orders_pick")])
    items = [
        (
            str(o.order_id),
            turn.t("order_row", order=o.order_id, name=o.name),
            amount_of(turn, o.quantity - o.received, o),
        )
        for o in orders
    ]
    reply = turn.choices_reply(body, "order", token, items, "orders_button")
    turn.ask(
        State.AWAITING_CHOICE,
        reply,
        flow=FLOW,
        token=token,
        ask=PICK,
        orders=[view_dict(o) for o in orders],
        then=then,
        quantity=quantity,
        unit=unit,
        short=short,
    )


def answer_pick(turn: Turn, reading: Reading) -> bool:
    if product_movement(reading):
        return False
    orders = list(turn.ctx.get("orders", ()))
    keys = keys_of(reading.text)
    chosen = None
    found = position(reading.text, len(orders))
    ids = [int(o["order_id"]) for o in orders]
    if found is not None and not (len(keys) == 1 and keys[0].isdigit() and int(keys[0]) in ids):
        chosen = orders[found - 1]
    else:
        numbers = [int(k) for k in keys if k.isdigit()]
        chosen = next((o for o in orders if int(o["order_id"]) in numbers), None)
    if chosen is None:
        skus = [str(o["sku"]) for o in orders]
        named = Offered(skus, turn.view.matcher).pick(reading.text)
        holding = [o for o in orders if o["sku"] in named]
        if len(holding) > 1:  # `le riz est arrivé` with two orders of rice: which of them
            _which_of(turn, reading, holding)
            return True
        chosen = holding[0] if holding else None
    if chosen is None:
        return False
    kind, quantity, short = _said(reading)
    # `la commande 3 est arrivée`, `annule la 2`, `le riz est arrivé` while the list waits:
    # that, on that order (else what the list was for).
    picked(turn, int(chosen["order_id"]), kind, quantity, short)
    return True


def _said(reading: Reading) -> tuple[RequestKind | None, int | None, bool]:
    """What a reply picking an order says to do with it, how much arrived and whether that is
    what did not (`short`) (None: what the list was for)."""
    request = reading.request
    if request is not None and request.kind in ACTIONS:
        return request.kind, request.quantity, request.short
    return (RequestKind.ORDER_RECEIVED if said_arrived(reading) else None), None, False


def _which_of(turn: Turn, reading: Reading, holding: list[dict[str, Any]]) -> None:
    """The orders a reply names several of (two orders of rice), listed to pick one, for what
    the reply says (`le riz est arrivé`) or else what the list was for."""
    kind, quantity, short = _said(reading)
    unit = None
    if kind is None:
        kept = turn.ctx.get("quantity")
        quantity = int(kept) if kept is not None else None
        unit = turn.ctx.get("unit")
        short = bool(turn.ctx.get("short"))
    then = kind.value if kind is not None else str(turn.ctx.get("then") or "")
    turn.answered()
    orders = tuple(from_dict(o) for o in holding)
    unit = unit if isinstance(unit, str) else None
    list_orders(turn, orders, then=then, quantity=quantity, unit=unit, short=short)


def picked(
    turn: Turn,
    order_id: int,
    kind: RequestKind | None = None,
    quantity: int | None = None,
    short: bool = False,
) -> None:
    """Order `order_id` picked from the list: what the listing was for (`then`), or `kind`."""
    orders = {int(o["order_id"]): o for o in turn.ctx.get("orders", ())}
    data = orders.get(order_id)
    if data is None:
        turn.say("already_handled")
        return
    unit: object = None
    if kind is None:
        then = str(turn.ctx.get("then") or "")
        kind = RequestKind(then) if then else RequestKind.ORDERS
        kept = turn.ctx.get("quantity")
        quantity = int(kept) if kept is not None else None
        unit = turn.ctx.get("unit")
        short = bool(turn.ctx.get("short"))
    turn.answered()
    act(turn, from_dict(data), kind, quantity, unit if isinstance(unit, str) else None, short)
