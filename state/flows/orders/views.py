"""What the orders flow keeps while a question waits: the order asked about (as a dict in the
context), the question's name (`ask`), and the few texts every question about an order uses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from intents.normalize import word_keys
from intents.requests import RequestKind
from state.events import OrderView
from state.flows.moves.settle import names_other
from state.machine import State
from state.messages import amount, plural_unit
from state.turn import Reading, Turn
from state.values import Reply

FLOW = "order"
KINDS = frozenset({"order"})
# What waits: an order to pick, a receipt to confirm, what to do with the rest, a cancel to
# confirm, what to do with one order, how many arrived, the cancel of several orders just placed.
PICK, RECEIVE, REST, CANCEL, ACT, HOW_MANY = "pick", "receive", "rest", "cancel", "act", "how_many"
CANCEL_ALL = "cancel_all"
PARTIAL_WORDS = word_keys("partie partiel partielle part partial some")


def ask_about(
    turn: Turn, state: State, reply: Reply, token: str, ask: str, order: OrderView, **more: Any
) -> None:
    """Wait in `state` for the answer about `order` (`ask` names the question)."""
    turn.ask(state, reply, flow=FLOW, token=token, ask=ask, order=view_dict(order), **more)


def view_dict(order: OrderView) -> dict[str, object]:
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


def from_dict(data: Mapping[str, Any]) -> OrderView:
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


def describe(turn: Turn, order: OrderView) -> str:
    line = turn.t(
        "order_line",
        order=order.order_id,
        quantity=amount_of(turn, order.quantity, order),
        name=order.name,
        date=order.date,
    )
    if order.received:
        line += " " + turn.t("order_part", received=amount_of(turn, order.received, order))
    return line


def amount_of(turn: Turn, quantity: int, order: OrderView) -> str:
    """The order's amount in its unit, in the English the catalogue gives it when there is one
    (« 30 calculators », not « 30 calculatrices » in an English text)."""
    return amount(turn.lang, quantity, order.unit, _unit_en(turn, order))


def units(turn: Turn, order: OrderView) -> str:
    return plural_unit(turn.lang, order.unit, _unit_en(turn, order))


def _unit_en(turn: Turn, order: OrderView) -> str:
    product = turn.product(order.sku)
    return product.unit_en if product is not None and product.unit == order.unit else ""


def order_of(turn: Turn) -> OrderView:
    return from_dict(turn.ctx["order"])


def key_of(turn: Turn) -> str:
    return f"whatsapp:{turn.ctx['token']}"


def about_another_order(turn: Turn, reading: Reading) -> bool:
    """A reply about another product or order (`la commande de lait est arrivée ?` while the
    rice order's question waits), or a question about orders: not an answer to this one."""
    request = reading.request
    if request is not None and request.kind is RequestKind.ORDERS:
        return True
    order = order_of(turn)
    if request is not None and request.order is not None and request.order != order.order_id:
        return True
    return names_other(turn, reading, order.sku)
