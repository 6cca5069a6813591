"""One order picked: what to do with it (received in full, in part, or cancelled), asked when
the request did not say."""

from __future__ import annotations

from intents.answers import keys_of
from intents.models import QUANTITY_INTENTS, Intent
from intents.normalize import word_keys
from intents.requests import RequestKind
from state.choices import choice_id
from state.events import OrderView
from state.flows.orders.cancel import ask_cancel
from state.flows.orders.receive import ask_how_many, ask_receive, in_other_unit
from state.flows.orders.views import ACT, PARTIAL_WORDS, ask_about, describe, order_of
from state.machine import State
from state.turn import Reading, Turn
from state.values import Choice, Reply

_RECEIVED_WORDS = word_keys(
    "recue recu arrivee arrive received arrived delivered livree livre tout agsi agsina"
)
_CANCEL_WORDS = word_keys("annule annuler annulez cancel")
# What a typed request may do to the order shown (the rest are questions about orders).
ACTIONS = frozenset({RequestKind.ORDER_RECEIVED, RequestKind.ORDER_CANCEL})


def movement_with_amount(reading: Reading) -> bool:
    """`reçu 15`, `vendu 2 gazelle`: a movement and its amount (no button's title, `Tout
    reçu`, and no order's number: `reçu la commande 1` is a request)."""
    parsed = reading.parsed
    return (
        reading.request is None
        and parsed is not None
        and parsed.intent in QUANTITY_INTENTS
        and parsed.quantity is not None
    )


def product_movement(reading: Reading) -> bool:
    """`reçu 15 casiers gazelle`, `vendu 2 gazelle` while orders are shown: a product's movement
    with its amount, read as it would be without them (a receipt then asks whether it is the
    order), not the order of that product picked (which lost the amount)."""
    parsed = reading.parsed
    return (
        movement_with_amount(reading)
        and parsed is not None
        and bool(parsed.product or parsed.candidates)  # `reçue la 1` is order n°1
    )


def said_arrived(reading: Reading) -> bool:
    """`le riz est arrivé`, `j'ai reçu le sucre`, `the rice arrived`: goods said arrived, no
    amount (`reçu 12 sacs de riz` is `product_movement`)."""
    parsed = reading.parsed
    return parsed is not None and parsed.intent is Intent.RECEIPT and parsed.quantity is None


def act(
    turn: Turn,
    order: OrderView,
    kind: RequestKind,
    quantity: int | None,
    unit: str | None = None,
    short: bool = False,
) -> None:
    """What a request does to `order`; `unit`: the one `quantity` was typed in (`reçu 2
    cartons de la commande 1`), asked about when the order's product is not counted in it;
    `short`: `quantity` is what did not come (`il manque 2 sacs`), the rest of it arrived."""
    if kind is RequestKind.ORDER_RECEIVED:
        if quantity is not None and in_other_unit(turn, order, quantity, unit):
            return
        if short and quantity is not None:
            left = order.quantity - order.received - quantity
            if left <= 0:  # more missing than awaited: which is it, asked
                ask_action(turn, order)
                return
            quantity = left
        ask_receive(turn, order, quantity)
    elif kind is RequestKind.ORDER_CANCEL:
        ask_cancel(turn, order)
    else:
        ask_action(turn, order)


def ask_action(turn: Turn, order: OrderView) -> None:
    token = turn.new_token()
    body = describe(turn, order) + "\n" + turn.t("order_what")
    buttons = (
        Choice(choice_id("order", token, "received"), turn.t("button_received")),
        Choice(choice_id("order", token, "partial"), turn.t("button_partial")),
        Choice(choice_id("order", token, "cancel"), turn.t("button_cancel_order")),
    )
    ask_about(turn, State.AWAITING_CHOICE, Reply(body, buttons=buttons), token, ACT, order)


def answer_act(turn: Turn, reading: Reading) -> bool:
    order = order_of(turn)
    request = reading.request
    if request is not None and request.kind in ACTIONS:
        # `komande bi agsi na`, `la commande 3 est arrivée`, `reçu 15 seulement`, `annule la
        # commande`: about the order shown (another one's was not read as an answer).
        turn.answered()
        act(turn, order, request.kind, request.quantity, short=request.short)
        return True
    if product_movement(reading):
        return False
    parsed = reading.parsed
    if parsed is not None and parsed.intent is Intent.RECEIPT and parsed.quantity is not None:
        turn.answered()  # `reçu 15`: that much of the order shown arrived
        ask_receive(turn, order, parsed.quantity)
        return True
    keys = keys_of(reading.text)
    if any(k in PARTIAL_WORDS for k in keys):
        choose_act(turn, order, "partial")
    elif any(k in _RECEIVED_WORDS for k in keys):
        choose_act(turn, order, "received")
    elif any(k in _CANCEL_WORDS for k in keys):
        choose_act(turn, order, "cancel")
    else:
        return False
    return True


def choose_act(turn: Turn, order: OrderView, value: str) -> None:
    turn.answered()
    if value == "received":
        ask_receive(turn, order, None)
    elif value == "partial":
        ask_how_many(turn, order)
    else:
        ask_cancel(turn, order)
