"""Several orders placed in one message, then `annule`: all of them cancelled, once confirmed,
or the one named (`juste le riz`, `la 2`), or one picked from them ([Une seule])."""

from __future__ import annotations

from intents.answers import Answer, keys_of
from intents.normalize import word_keys
from intents.requests import RequestKind
from state.choices import choice_id
from state.effects import CancelOrder
from state.events import OrderView
from state.flows.orders import listing  # the module: listing asks this flow too
from state.flows.orders.views import CANCEL_ALL, FLOW, describe, from_dict, view_dict
from state.machine import State
from state.turn import Reading, Turn, worded_later
from state.values import Choice, Reply

_ALL_WORDS = word_keys("tout tous toute toutes all both everything lepp yepp yeep")
_TWO = word_keys("deux two naar")  # `les deux`: all of two
_ONE_WORDS = word_keys("une seule seulement un one just only benn rekk")
_NOT = word_keys("pas not du dul")  # `pas toutes`, `not all`: not every one of them


def ask_cancel_all(turn: Turn, orders: tuple[OrderView, ...]) -> None:
    """ "Annuler les 3 commandes ?" with each listed: [Oui, toutes] [Une seule] [Non]."""
    token = turn.new_token()
    body = "\n".join(
        [turn.t("confirm_orders_cancel", count=len(orders)), *(describe(turn, o) for o in orders)]
    )
    buttons = (
        Choice(choice_id(FLOW, token, "all"), turn.t("button_cancel_all")),
        Choice(choice_id(FLOW, token, "one"), turn.t("button_cancel_one")),
        Choice(choice_id(FLOW, token, "no"), turn.t("no")),
    )
    turn.ask(
        State.AWAITING_CONFIRMATION,
        Reply(body, buttons=buttons),
        flow=FLOW,
        token=token,
        ask=CANCEL_ALL,
        orders=[view_dict(o) for o in orders],
        then=RequestKind.ORDER_CANCEL.value,  # what an order named or picked is for
        dropped=worded_later("orders_cancel_dropped", count=len(orders)),
    )


def answer_cancel_all(turn: Turn, reading: Reading) -> bool:
    """`oui`, `toutes`: all; `non`: none; an order named (`le riz`, `la 2`): that one asked;
    `une seule`: the list to pick it from."""
    keys = set(keys_of(reading.text))
    said = reading.answer
    if keys & _NOT and keys & (_ALL_WORDS | _TWO):
        choose_cancel_all(turn, "one")  # `pas toutes`, `not both`: which one, asked
        return True
    if said in (Answer.NO, Answer.LATER):
        choose_cancel_all(turn, "no")
        return True
    if keys & _ALL_WORDS or (keys & _TWO and len(turn.ctx.get("orders", ())) == 2):
        choose_cancel_all(turn, "all")
        return True
    if listing.answer_pick(turn, reading):
        return True
    if keys & _ONE_WORDS:
        choose_cancel_all(turn, "one")
        return True
    if said is Answer.YES:
        choose_cancel_all(turn, "all")
        return True
    return False


def choose_cancel_all(turn: Turn, value: str) -> None:
    orders = tuple(from_dict(o) for o in turn.ctx.get("orders", ()))
    turn.answered()
    if value == "one":
        listing.list_orders(turn, orders, then=RequestKind.ORDER_CANCEL.value)
        return
    turn.finish()
    if value == "all":
        for order in orders:
            turn.do(CancelOrder(order.order_id))
    else:
        turn.say("orders_kept_open", count=len(orders))
