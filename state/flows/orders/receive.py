"""An order arrived: the receipt confirmed (in full, or another quantity), how many arrived
when only part did, then the rest awaited or the order closed, as the manager chooses."""

from __future__ import annotations

from intents.answers import RECEIVED_WORDS, Answer, correction, keys_of
from intents.missing import says_short
from intents.normalize import word_keys
from intents.plans import tells_to_come
from state.choices import choice_id
from state.drafts import Line
from state.effects import ReceiveOrder
from state.events import OrderReceived, OrderView
from state.flows import undo
from state.flows.moves.settle import names_other
from state.flows.moves.units import foreign, held, typed_unit
from state.flows.orders.views import (
    FLOW,
    HOW_MANY,
    PARTIAL_WORDS,
    RECEIVE,
    REST,
    amount_of,
    ask_about,
    key_of,
    order_of,
    units,
)
from state.machine import Left, State
from state.messages import typed_amount
from state.turn import Reading, Turn, worded_later
from state.values import Choice, Reply

_WAIT_WORDS = word_keys("attendre attend attends attente wait reste patienter garder garde open")
_CLOSE_WORDS = word_keys(
    "cloturer cloture clotures fermer ferme close closed termine terminer fini"
)


def ask_receive(turn: Turn, order: OrderView, quantity: int | None) -> None:
    left = max(order.quantity - order.received, 0)
    token = turn.new_token()
    if quantity is None or quantity == left:
        body = turn.t(
            "confirm_order_received",
            order=order.order_id,
            quantity=amount_of(turn, left, order),
            name=order.name,
        )
        buttons = turn.yes_no("order", token, middle="other")
        quantity = left
    else:
        body = turn.t(
            "confirm_order_partial",
            order=order.order_id,
            quantity=amount_of(turn, quantity, order),
            ordered=amount_of(turn, left, order),
            name=order.name,
        )
        buttons = turn.yes_no("order", token)
    ask_about(
        turn,
        State.AWAITING_CONFIRMATION,
        Reply(body, buttons=buttons),
        token,
        RECEIVE,
        order,
        quantity=quantity,
        dropped=worded_later("order_receive_dropped", order=order.order_id),
    )


def ask_how_many(turn: Turn, order: OrderView) -> None:
    token = turn.new_token()
    body = turn.t("order_how_many_received", order=order.order_id, unit=units(turn, order))
    dropped = worded_later("order_receive_dropped", order=order.order_id)
    ask_about(turn, State.AWAITING_QUANTITY, Reply(body), token, HOW_MANY, order, dropped=dropped)


def in_other_unit(turn: Turn, order: OrderView, quantity: int, unit: str | None) -> bool:
    """`reçu 1 carton seulement` (`unit`: the one typed) of an order counted in boîtes: how many
    boîtes that makes is asked (« 1 carton de Paracétamol, ça fait combien de boîtes ? »), as
    for any arrival; it offered to receive 1 boîte. False in the order's own unit."""
    if unit is None or not foreign(turn, Line(sku=order.sku, quantity=quantity, unit=unit)):
        return False
    turn.answered()
    body = turn.t(
        "unit_how_many",
        quantity=typed_amount(turn.lang, quantity, unit),
        name=order.name,
        unit=units(turn, order),
    )
    dropped = worded_later("order_receive_dropped", order=order.order_id)
    token = turn.new_token()
    ask_about(
        turn,
        State.AWAITING_QUANTITY,
        Reply(body),
        token,
        HOW_MANY,
        order,
        dropped=dropped,
        typed=[quantity, unit],
    )
    return True


def answer_receive(turn: Turn, reading: Reading) -> bool:
    """`oui`, `non`, another quantity (`18 seulement`), or `en partie` to the receipt asked."""
    order = order_of(turn)
    if _short(turn, order, reading):
        return True
    said = reading.answer
    fix = correction(reading.text, neutral=RECEIVED_WORDS)
    if fix is not None and fix.quantity is not None and not fix.rest:
        if in_other_unit(turn, order, fix.quantity, typed_unit(turn, reading.text, fix.quantity)):
            return True
        turn.answered()
        ask_receive(turn, order, fix.quantity)
        return True
    if said is Answer.YES:
        receive(turn, order, int(turn.ctx["quantity"]))
        return True
    if said in (Answer.NO, Answer.LATER):
        _declined(turn)
        return True
    keys = keys_of(reading.text)
    if any(k in PARTIAL_WORDS for k in keys) or "autre" in keys:
        turn.answered()
        ask_how_many(turn, order)
        return True
    return False


def answer_rest(turn: Turn, reading: Reading) -> bool:
    """The rest of a partial delivery: awaited (`on attend`) or the order closed (`clôture`);
    `non c'est 12`, `actually it was 12` correct the quantity that arrived (the rest stays
    awaited)."""
    order = order_of(turn)
    said = reading.answer
    fix = correction(reading.text, neutral=RECEIVED_WORDS)
    if fix is not None and fix.quantity is not None and not fix.rest and not fix.other:
        turn.answered()
        if undo.correct_done(turn, fix):
            return True
        turn.conv.leaving = Left.REPLACED
    keys = keys_of(reading.text)
    if any(k in _CLOSE_WORDS for k in keys) or said is Answer.NO:
        close(turn, order)
        return True
    coming = tells_to_come(keys)  # `les 2 autres viendront demain`, `the rest will come`
    if any(k in _WAIT_WORDS for k in keys) or coming or said in (Answer.LATER, Answer.YES):
        keep(turn, order)
        return True
    return False


def answer_how_many(turn: Turn, reading: Reading) -> bool:
    order = order_of(turn)
    typed = turn.ctx.get("typed")
    if typed:  # `10 par carton` under "1 carton de Paracétamol, ça fait combien de boîtes ?"
        line = Line(sku=order.sku, quantity=int(typed[0]), unit=str(typed[1]))
        total = held(turn, line, reading.text)
        if total == 0:  # no whole number of boîtes
            turn.repeat_question(turn.t("unit_number_of", unit=units(turn, order)))
            return True
        if total is not None:
            turn.answered()
            ask_receive(turn, order, total)
            return True
    if _short(turn, order, reading):
        return True
    fix = correction(reading.text, neutral=RECEIVED_WORDS)
    if fix is None or fix.quantity is None or fix.rest:
        return False
    if in_other_unit(turn, order, fix.quantity, typed_unit(turn, reading.text, fix.quantity)):
        return True
    turn.answered()
    ask_receive(turn, order, fix.quantity)
    return True


def _short(turn: Turn, order: OrderView, reading: Reading) -> bool:
    """`il manque 2`, `2 missing`, `sauf 2 sacs` under the arrival asked (or how many came):
    what did not come; the rest of what is awaited is offered as the delivery (nothing left,
    or a number in another unit: how many came, asked). Not of another product (`il manque 2
    cadenas` under the wheelbarrows: a message of its own)."""
    if not says_short(keys_of(reading.text)):
        return False
    fix = correction(reading.text, neutral=RECEIVED_WORDS)
    if fix is None or fix.quantity is None or names_other(turn, reading, order.sku):
        return False
    left = max(order.quantity - order.received, 0) - fix.quantity
    unit = typed_unit(turn, reading.text, fix.quantity)
    other = unit is not None and foreign(
        turn, Line(sku=order.sku, quantity=fix.quantity, unit=unit)
    )
    turn.answered()
    if left <= 0 or other:
        ask_how_many(turn, order)
    else:
        ask_receive(turn, order, left)
    return True


def choose_receive(turn: Turn, order: OrderView, value: str) -> None:
    if value == "yes":
        receive(turn, order, int(turn.ctx["quantity"]))
    elif value == "other":
        turn.answered()
        ask_how_many(turn, order)
    else:
        _declined(turn)


def choose_rest(turn: Turn, order: OrderView, value: str) -> None:
    if value == "close":
        close(turn, order)
    else:
        keep(turn, order)


def _declined(turn: Turn) -> None:
    turn.declined()
    turn.finish()
    turn.say("receipt_no")


def receive(turn: Turn, order: OrderView, quantity: int) -> None:
    effect = ReceiveOrder(order.order_id, quantity, key=key_of(turn))
    turn.answered()
    turn.finish()
    turn.do(effect)


def close(turn: Turn, order: OrderView) -> None:
    effect = ReceiveOrder(order.order_id, 0, key=key_of(turn), close=True)
    turn.answered()
    turn.finish()
    turn.do(effect)


def keep(turn: Turn, order: OrderView) -> None:
    turn.answered()
    turn.finish()
    left = max(order.quantity - order.received, 0)
    turn.say("order_waits", order=order.order_id, quantity=amount_of(turn, left, order))


def received(turn: Turn, event: OrderReceived) -> None:
    name = turn.name(event.sku)
    if event.quantity:
        turn.note_done("receipt", [(event.sku, event.quantity)])
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
        dropped=worded_later("order_rest_dropped", order=event.order_id),
        order={
            "order_id": event.order_id,
            "sku": event.sku,
            "name": name,
            "unit": product.unit if product else "",
            "quantity": event.ordered,
            "received": event.received,
        },
    )
