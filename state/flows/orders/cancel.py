"""An order cancelled: confirmed first; an order no longer open says why."""

from __future__ import annotations

from intents.answers import Answer
from state.drafts import Draft, Line
from state.effects import CancelOrder, PlaceOrder
from state.events import OrderCancelled, OrderNotOpen, OrderView
from state.flows.moves.settle import advance
from state.flows.orders.views import CANCEL, amount_of, ask_about, order_of
from state.machine import State
from state.turn import Reading, Turn, worded_later
from state.values import Reply


def ask_cancel(turn: Turn, order: OrderView) -> None:
    token = turn.new_token()
    body = turn.t(
        "confirm_order_cancel",
        order=order.order_id,
        quantity=amount_of(turn, order.quantity, order),
        name=order.name,
    )
    ask_about(
        turn,
        State.AWAITING_CONFIRMATION,
        Reply(body, buttons=turn.yes_no("order", token)),
        token,
        CANCEL,
        order,
        dropped=worded_later("order_cancel_dropped", order=order.order_id),
    )


def answer_cancel(turn: Turn, reading: Reading) -> bool:
    said = reading.answer
    if said is Answer.YES:
        choose_cancel(turn, order_of(turn), "yes")
        return True
    if said in (Answer.NO, Answer.LATER):
        choose_cancel(turn, order_of(turn), "no")
        return True
    return False


def choose_cancel(turn: Turn, order: OrderView, value: str) -> None:
    turn.answered()
    turn.finish()
    if value == "yes":
        turn.do(CancelOrder(order.order_id))
    else:
        turn.say("order_kept_open", order=order.order_id)


def cancelled(turn: Turn, event: OrderCancelled) -> None:
    """Said once cancelled; the product ordered in its place next, when it was cancelled for
    another (`undo`: `pas le 2000 le 5000` right after the order); asked first when the order
    was closed instead (part of it had arrived meanwhile: the manager may want less)."""
    reorder = turn.recall().get("reorder")
    key = "order_closed_instead" if event.closed else "order_cancelled"
    turn.say(
        key,
        order=event.order_id,
        quantity=turn.amount(event.quantity, event.sku),
        name=turn.name(event.sku),
    )
    if not reorder:
        return
    sku, quantity = str(reorder[0]), int(reorder[1])
    if event.closed:  # part of it arrived meanwhile: the other product is asked, not placed
        advance(turn, Draft("restock", (Line(sku=sku, quantity=quantity),)))
        return
    turn.do(PlaceOrder(((sku, quantity),)))


def not_open(turn: Turn, event: OrderNotOpen) -> None:
    """Said why; the product meant instead of it (`cancelled`) asked, not dropped unsaid."""
    reorder = turn.recall().get("reorder")
    turn.say(f"order_is_{event.status}", order=event.order_id)
    if reorder:
        advance(turn, Draft("restock", (Line(sku=str(reorder[0]), quantity=int(reorder[1])),)))
