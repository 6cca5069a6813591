"""Orders followed in chat: the open orders (`mes commandes`), an order arrived (`commande 3
reçue`, `reçu 18 sacs sur les 20 de la commande 3`), in full or in part (then the rest is
awaited or the order closed, as the manager chooses), an order cancelled.

Every change goes through `bot.orders` (the same rules as the API and the back office): an
order is received once whatever the path. The question waiting (`ask` in the context) says
which module reads its answer:

    listing  the orders found, listed to pick one
    act      what to do with the order picked
    receive  a receipt to confirm, how many arrived, the rest of a partial delivery
    cancel   a cancellation to confirm
    several  the cancel of several orders placed together
    views    the order kept in the context, and the texts every question uses
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from state.choices import ChoiceId
from state.events import OrderView
from state.flows.orders.act import answer_act, choose_act, movement_with_amount
from state.flows.orders.cancel import answer_cancel, cancelled, choose_cancel, not_open
from state.flows.orders.listing import (
    answer_pick,
    arrived_awaited,
    awaited,
    cancel_placed,
    found,
    picked,
    start,
)
from state.flows.orders.receive import (
    answer_how_many,
    answer_receive,
    answer_rest,
    choose_receive,
    choose_rest,
    received,
)
from state.flows.orders.several import answer_cancel_all, choose_cancel_all
from state.flows.orders.views import (
    ACT,
    CANCEL,
    CANCEL_ALL,
    FLOW,
    HOW_MANY,
    KINDS,
    PICK,
    RECEIVE,
    REST,
    about_another_order,
    order_of,
)
from state.turn import Reading, Turn

_ANSWERS: Mapping[str, Callable[[Turn, Reading], bool]] = {
    PICK: answer_pick,
    RECEIVE: answer_receive,
    REST: answer_rest,
    HOW_MANY: answer_how_many,
    CANCEL: answer_cancel,
    ACT: answer_act,
    CANCEL_ALL: answer_cancel_all,
}
_TAPS: Mapping[str, Callable[[Turn, OrderView, str], None]] = {
    RECEIVE: choose_receive,
    REST: choose_rest,
    CANCEL: choose_cancel,
    ACT: choose_act,
}


def answer(turn: Turn, reading: Reading) -> bool:
    """Read `reading` as the answer to this flow's question; False when it is not one."""
    ask = str(turn.ctx.get("ask"))
    if ask not in (PICK, CANCEL_ALL) and about_another_order(turn, reading):
        return False
    if ask in (ACT, REST) and not movement_with_amount(reading):  # a button's title typed
        tapped = turn.choice_at(reading.text)
        if tapped is not None:
            choose(turn, tapped)
            return True
    reader = _ANSWERS.get(ask)
    return reader is not None and reader(turn, reading)


def takes_yes_no(turn: Turn) -> bool:
    """Whether the question waiting outside a confirmation takes a yes or a no: the rest of a
    partial delivery (« On attend le reste ? »: yes waits, no closes the order)."""
    return turn.ctx.get("ask") == REST


def choose(turn: Turn, chosen: ChoiceId) -> None:
    ask = str(turn.ctx.get("ask"))
    if ask == PICK and chosen.value.isdigit():
        picked(turn, int(chosen.value))
        return
    if ask == CANCEL_ALL:
        choose_cancel_all(turn, chosen.value)
        return
    tap = _TAPS.get(ask)
    if tap is None or "order" not in turn.ctx:
        turn.say("already_handled")
        return
    tap(turn, order_of(turn), chosen.value)


__all__ = [
    "FLOW",
    "KINDS",
    "answer",
    "arrived_awaited",
    "awaited",
    "cancel_placed",
    "cancelled",
    "choose",
    "found",
    "not_open",
    "received",
    "start",
    "takes_yes_no",
]
