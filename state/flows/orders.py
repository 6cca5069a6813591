"""Orders followed in chat: the open orders (`mes commandes`), an order arrived (`commande 3
reçue`, `reçu 18 sacs sur les 20 de la commande 3`), in full or in part (then the rest is
awaited or the order closed, as the manager chooses), an order cancelled.

Every change goes through `bot.orders` (the same rules as the API and the back office): an
order is received once whatever the path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from intents.answers import RECEIVED_WORDS, Answer, correction, keys_of, position
from intents.normalize import word_keys
from intents.requests import Request, RequestKind
from state.choices import ChoiceId, choice_id
from state.effects import CancelOrder, FindOrders, ReceiveOrder
from state.events import OrderCancelled, OrderNotOpen, OrderReceived, OrdersFound, OrderView
from state.machine import State
from state.matching import Offered
from state.messages import amount, plural_unit
from state.turn import Reading, Turn
from state.values import Choice, Reply

FLOW = "order"
KINDS = frozenset({"order"})
# What waits: an order to pick, a receipt to confirm, what to do with the rest, a cancel to
# confirm, what to do with one order.
PICK, RECEIVE, REST, CANCEL, ACT, HOW_MANY = "pick", "receive", "rest", "cancel", "act", "how_many"
_WAIT_WORDS = word_keys("attendre attend attends attente wait reste patienter garder garde open")
_CLOSE_WORDS = word_keys(
    "cloturer cloture clotures fermer ferme close closed termine terminer fini"
)
_PARTIAL_WORDS = word_keys("partie partiel partielle part partial some")


def start(turn: Turn, request: Request) -> None:
    """`mes commandes`, an order arrived, an order to cancel: find the orders first."""
    skus = _products(turn, request.rest)
    sku = skus[0] if len(skus) == 1 else None
    turn.ctx["want"] = {
        "kind": request.kind.value,
        "quantity": request.quantity,
        "of": request.of,
        "sku": sku,
        "skus": list(skus),
        "order": request.order,
    }
    turn.do(FindOrders(sku=sku, order_id=request.order))


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
    if asked is None and want.get("skus"):
        orders = tuple(o for o in orders if o.sku in want["skus"])
    if not orders:
        turn.finish()
        if sku:
            turn.say("orders_none_for", name=turn.name(sku))
        else:
            turn.say("orders_none")
        return
    if kind is RequestKind.ORDERS and asked is None:
        _list(turn, orders)
    elif len(orders) == 1:
        _act(turn, orders[0], kind, want.get("quantity"))
    else:
        _list(turn, orders, then=kind.value, quantity=want.get("quantity"))


def _ask(
    turn: Turn, state: State, reply: Reply, token: str, ask: str, order: OrderView, **more: Any
) -> None:
    """Wait in `state` for the answer about `order` (`ask` names the question)."""
    turn.ask(state, reply, flow=FLOW, token=token, ask=ask, order=_view_dict(order), **more)


def _view_dict(order: OrderView) -> dict[str, object]:
    return {
        "order_id": order.order_id,
        "sku": order.sku,
        "name": order.name,
        "unit": order.unit,
        "quantity": order.quantity,
        "received": order.received,
        "status": order.status,
        "date": order.date,
    }


def _from_dict(data: Mapping[str, Any]) -> OrderView:
    return OrderView(
        order_id=int(data["order_id"]),
        sku=str(data["sku"]),
        name=str(data.get("name", data["sku"])),
        unit=str(data.get("unit", "")),
        quantity=int(data["quantity"]),
        received=int(data.get("received", 0)),
        status=str(data.get("status", "confirmed")),
        date=str(data.get("date", "")),
    )


def _describe(turn: Turn, order: OrderView) -> str:
    line = turn.t(
        "order_line",
        order=order.order_id,
        quantity=_amount(turn, order.quantity, order),
        name=order.name,
        date=order.date,
    )
    if order.received:
        line += " " + turn.t("order_part", received=_amount(turn, order.received, order))
    return line


def _amount(turn: Turn, quantity: int, order: OrderView) -> str:
    return amount(turn.lang, quantity, order.unit)


def _list(
    turn: Turn, orders: tuple[OrderView, ...], then: str = "", quantity: int | None = None
) -> None:
    token = turn.new_token()
    body = "\n".join(
        [turn.t("orders_title", count=len(orders)), *(_describe(turn, o) for o in orders)]
    )
    body += "\n" + turn.t("orders_pick")
    items = [
        (
            str(o.order_id),
            turn.t("order_row", order=o.order_id, name=o.name),
            _amount(turn, o.quantity - o.received, o),
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
        orders=[_view_dict(o) for o in orders],
        then=then,
        quantity=quantity,
    )


def _act(turn: Turn, order: OrderView, kind: RequestKind, quantity: int | None) -> None:
    if kind is RequestKind.ORDER_RECEIVED:
        _ask_receive(turn, order, quantity)
    elif kind is RequestKind.ORDER_CANCEL:
        _ask_cancel(turn, order)
    else:
        _ask_action(turn, order)


def _ask_receive(turn: Turn, order: OrderView, quantity: int | None) -> None:
    left = max(order.quantity - order.received, 0)
    token = turn.new_token()
    if quantity is None or quantity == left:
        body = turn.t(
            "confirm_order_received",
            order=order.order_id,
            quantity=_amount(turn, left, order),
            name=order.name,
        )
        buttons = turn.yes_no("order", token, middle="other")
        quantity = left
    else:
        body = turn.t(
            "confirm_order_partial",
            order=order.order_id,
            quantity=_amount(turn, quantity, order),
            ordered=_amount(turn, left, order),
            name=order.name,
        )
        buttons = turn.yes_no("order", token)
    _ask(
        turn,
        State.AWAITING_CONFIRMATION,
        Reply(body, buttons=buttons),
        token,
        RECEIVE,
        order,
        quantity=quantity,
        dropped=turn.t("order_receive_dropped", order=order.order_id),
    )


def _ask_cancel(turn: Turn, order: OrderView) -> None:
    token = turn.new_token()
    body = turn.t(
        "confirm_order_cancel",
        order=order.order_id,
        quantity=_amount(turn, order.quantity, order),
        name=order.name,
    )
    _ask(
        turn,
        State.AWAITING_CONFIRMATION,
        Reply(body, buttons=turn.yes_no("order", token)),
        token,
        CANCEL,
        order,
        dropped=turn.t("order_cancel_dropped", order=order.order_id),
    )


def _ask_action(turn: Turn, order: OrderView) -> None:
    token = turn.new_token()
    body = _describe(turn, order) + "\n" + turn.t("order_what")
    buttons = (
        Choice(choice_id("order", token, "received"), turn.t("button_received")),
        Choice(choice_id("order", token, "partial"), turn.t("button_partial")),
        Choice(choice_id("order", token, "cancel"), turn.t("button_cancel_order")),
    )
    _ask(turn, State.AWAITING_CHOICE, Reply(body, buttons=buttons), token, ACT, order)


def _order(turn: Turn) -> OrderView:
    return _from_dict(turn.ctx["order"])


# --- answers -------------------------------------------------------------------------------


def _about_another_order(turn: Turn, reading: Reading) -> bool:
    """A reply about another product or order (`la commande de lait est arrivée ?` while the
    rice order's question waits), or a question about orders: not an answer to this one."""
    request = reading.request
    if request is not None and request.kind is RequestKind.ORDERS:
        return True
    order = _order(turn)
    if request is not None and request.order is not None and request.order != order.order_id:
        return True
    parsed = reading.parsed
    named = set() if parsed is None else {parsed.product, *parsed.candidates} - {None}
    return bool(named) and order.sku not in named


def answer(turn: Turn, reading: Reading) -> bool:
    ask = turn.ctx.get("ask")
    said = reading.answer
    keys = keys_of(reading.text)
    if ask == PICK:
        return _answer_pick(turn, reading)
    if _about_another_order(turn, reading):
        return False
    if ask in (ACT, REST):
        tapped = turn.choice_at(reading.text)
        if tapped is not None:
            choose(turn, tapped)
            return True
    if ask == RECEIVE:
        order = _order(turn)
        fix = correction(reading.text, neutral=RECEIVED_WORDS)
        if fix is not None and fix.quantity is not None and not fix.rest:
            turn.answered()
            _ask_receive(turn, order, fix.quantity)
            return True
        if said is Answer.YES:
            _receive(turn, order, int(turn.ctx["quantity"]))
            return True
        if said in (Answer.NO, Answer.LATER):
            turn.declined()
            turn.finish()
            turn.say("receipt_no")
            return True
        if any(k in _PARTIAL_WORDS for k in keys) or "autre" in keys:
            turn.answered()
            _ask_how_many(turn, order)
            return True
        return False
    if ask == REST:
        order = _order(turn)
        if any(k in _CLOSE_WORDS for k in keys) or said is Answer.NO:
            _close(turn, order)
            return True
        if any(k in _WAIT_WORDS for k in keys) or said in (Answer.LATER, Answer.YES):
            _keep(turn, order)
            return True
        return False
    if ask == HOW_MANY:
        fix = correction(reading.text, neutral=RECEIVED_WORDS)
        if fix is None or fix.quantity is None or fix.rest:
            return False
        turn.answered()
        _ask_receive(turn, _order(turn), fix.quantity)
        return True
    if ask == CANCEL:
        if said is Answer.YES:
            order = _order(turn)
            turn.answered()
            turn.finish()
            turn.do(CancelOrder(order.order_id))
            return True
        if said in (Answer.NO, Answer.LATER):
            turn.answered()
            turn.finish()
            turn.say("order_kept_open", order=_order(turn).order_id)
            return True
        return False
    if ask == ACT:
        order = _order(turn)
        if any(k in _PARTIAL_WORDS for k in keys):
            turn.answered()
            _ask_how_many(turn, order)
            return True
        if any(k in word_keys("recue recu arrivee arrive received tout") for k in keys):
            turn.answered()
            _ask_receive(turn, order, None)
            return True
        if any(k in word_keys("annule annuler annulez cancel") for k in keys):
            turn.answered()
            _ask_cancel(turn, order)
            return True
        return False
    return False


def _answer_pick(turn: Turn, reading: Reading) -> bool:
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
        picked = Offered(skus, turn.view.matcher).pick(reading.text)
        if len(set(picked)) == 1:
            chosen = next(o for o in orders if o["sku"] == picked[0])
    if chosen is None:
        return False
    _picked(turn, int(chosen["order_id"]))
    return True


def _picked(turn: Turn, order_id: int) -> None:
    orders = {int(o["order_id"]): o for o in turn.ctx.get("orders", ())}
    data = orders.get(order_id)
    if data is None:
        turn.say("already_handled")
        return
    then = str(turn.ctx.get("then") or "")
    quantity = turn.ctx.get("quantity")
    turn.answered()
    kind = RequestKind(then) if then else RequestKind.ORDERS
    _act(turn, _from_dict(data), kind, int(quantity) if quantity is not None else None)


def _ask_how_many(turn: Turn, order: OrderView) -> None:
    token = turn.new_token()
    body = turn.t("order_how_many_received", order=order.order_id, unit=_units(turn, order))
    dropped = turn.t("order_receive_dropped", order=order.order_id)
    _ask(turn, State.AWAITING_QUANTITY, Reply(body), token, HOW_MANY, order, dropped=dropped)


def _units(turn: Turn, order: OrderView) -> str:
    return plural_unit(turn.lang, order.unit)


def _receive(turn: Turn, order: OrderView, quantity: int) -> None:
    effect = ReceiveOrder(order.order_id, quantity, key=_key(turn))
    turn.answered()
    turn.finish()
    turn.do(effect)


def _key(turn: Turn) -> str:
    return f"whatsapp:{turn.ctx['token']}"


def _close(turn: Turn, order: OrderView) -> None:
    effect = ReceiveOrder(order.order_id, 0, key=_key(turn), close=True)
    turn.answered()
    turn.finish()
    turn.do(effect)


def _keep(turn: Turn, order: OrderView) -> None:
    turn.answered()
    turn.finish()
    left = max(order.quantity - order.received, 0)
    turn.say("order_waits", order=order.order_id, quantity=_amount(turn, left, order))


# --- taps ----------------------------------------------------------------------------------


def choose(turn: Turn, chosen: ChoiceId) -> None:
    ask = turn.ctx.get("ask")
    if ask == PICK and chosen.value.isdigit():
        _picked(turn, int(chosen.value))
        return
    order = _order(turn) if "order" in turn.ctx else None
    if order is None:
        turn.say("already_handled")
        return
    value = chosen.value
    if ask == RECEIVE:
        if value == "yes":
            _receive(turn, order, int(turn.ctx["quantity"]))
        elif value == "other":
            turn.answered()
            _ask_how_many(turn, order)
        else:
            turn.declined()
            turn.finish()
            turn.say("receipt_no")
    elif ask == REST:
        if value == "close":
            _close(turn, order)
        else:
            _keep(turn, order)
    elif ask == CANCEL:
        turn.answered()
        turn.finish()
        if value == "yes":
            turn.do(CancelOrder(order.order_id))
        else:
            turn.say("order_kept_open", order=order.order_id)
    elif ask == ACT:
        turn.answered()
        if value == "received":
            _ask_receive(turn, order, None)
        elif value == "partial":
            _ask_how_many(turn, order)
        else:
            _ask_cancel(turn, order)
    else:
        turn.say("already_handled")


# --- results -------------------------------------------------------------------------------


def received(turn: Turn, event: OrderReceived) -> None:
    name = turn.name(event.sku)
    if event.quantity == 0:
        turn.say(
            "order_closed",
            order=event.order_id,
            received=turn.amount(event.received, event.sku),
            ordered=turn.amount(event.ordered, event.sku),
        )
        return
    if event.received >= event.ordered or event.closed:
        turn.say(
            "order_received_done",
            order=event.order_id,
            quantity=turn.amount(event.quantity, event.sku),
            name=name,
            after=turn.amount(event.after, event.sku),
        )
        return
    turn.say(
        "order_received_part",
        order=event.order_id,
        quantity=turn.amount(event.quantity, event.sku),
        name=name,
        after=turn.amount(event.after, event.sku),
    )
    left = event.ordered - event.received
    token = turn.new_token()
    body = turn.t("order_rest", quantity=turn.amount(left, event.sku))
    buttons = (
        Choice(choice_id("order", token, "wait"), turn.t("button_wait_rest")),
        Choice(choice_id("order", token, "close"), turn.t("button_close_order")),
    )
    product = turn.product(event.sku)
    turn.ask(
        State.AWAITING_CHOICE,
        Reply(body, buttons=buttons),
        flow=FLOW,
        token=token,
        ask=REST,
        dropped=turn.t("order_rest_dropped", order=event.order_id),
        order={
            "order_id": event.order_id,
            "sku": event.sku,
            "name": name,
            "unit": product.unit if product else "",
            "quantity": event.ordered,
            "received": event.received,
        },
    )


def cancelled(turn: Turn, event: OrderCancelled) -> None:
    key = "order_closed_instead" if event.closed else "order_cancelled"
    turn.say(
        key,
        order=event.order_id,
        quantity=turn.amount(event.quantity, event.sku),
        name=turn.name(event.sku),
    )


def not_open(turn: Turn, event: OrderNotOpen) -> None:
    turn.say(f"order_is_{event.status}", order=event.order_id)
