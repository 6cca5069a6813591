"""A sale or an arrival recorded of the wrong product (`erreur c'est fanta pas coca`) or as the
wrong kind (`oups c'était une livraison pas une vente`): the right one recorded in its place, in
one yes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from state.events import LastMovement, MovementView
from state.flows import moves
from state.flows.undo.base import WHOLE, ask_yes, say_sold
from state.flows.undo.wording import kind_word
from state.turn import Turn


def swap_named(turn: Turn, event: LastMovement, text: str) -> tuple[str, int | None] | None:
    """The product (and quantity, if said) a correction says a sale or an arrival was of:
    `erreur c'est fanta pas coca`, `c'était du fer 10 pas 8` (the 10 is Fer 10mm's), `c'était
    3 fanta`, or a product near it (`non le 5l`, `l'autre`); None when it names none, or
    several."""
    latest = event.movement
    if latest is None or latest.kind not in WHOLE or not text:
        return None
    items = moves.commanded(turn, latest.kind, text)
    if len(items) == 1 and items[0].product is not None and turn.product(items[0].product):
        return items[0].product, items[0].quantity
    if any(item.product or item.candidates for item in items):
        return None
    near = moves.sibling_named(turn, latest.sku, text)  # `non le 5l`, `l'autre`, `la grande`
    return (near, None) if near is not None else None


def ask_swap(
    turn: Turn, movement: MovementView, parts: Sequence[tuple[int, int]], sku: str, quantity: int
) -> None:
    """Offer to record `quantity` of `sku` in place of `movement` (taken back, its `parts`), in
    one yes. What would be refused is said now: a sale of more than the right product has, an
    arrival whose units were sold since (it cannot be taken back)."""
    product = turn.product(sku)
    if movement.kind == "sale" and product is not None and product.quantity < quantity:
        available = turn.amount(max(product.quantity, 0), sku)
        turn.say("swap_short", available=available, name=turn.name(sku))
        return
    wrong = turn.product(movement.sku)
    if movement.kind == "receipt" and wrong is not None and wrong.quantity < movement.left:
        say_sold(turn, movement.sku, wrong.quantity, movement.left)
        return
    token = turn.new_token()
    body = turn.t(
        f"confirm_swap_{kind_word(movement.kind, movement.why)}",
        new=turn.line_text(sku, quantity),
        old=turn.line_text(movement.sku, movement.left),
        when=movement.when,
    )
    (movement_id, first), *more = parts
    ask_yes(
        turn,
        body,
        token,
        movement_id=movement_id,
        kind=movement.kind,
        sku=movement.sku,
        quantity=first,
        more=[list(part) for part in more],
        shown=movement.left,
        add=0,
        why=movement.why,
        fix=None,
        swap=[sku, quantity],
    )


def swap_kind(swap: Sequence[Any], kind: str) -> str:
    """The kind the right movement is recorded as: the one said instead (`c'était une
    livraison`), else the wrong one's."""
    return str(swap[2]) if len(swap) > 2 else kind


def ask_kind_swap(
    turn: Turn, movement: MovementView, parts: Sequence[tuple[int, int]], kind: str
) -> bool:
    """Offer to record `movement` as `kind` (a sale as an arrival, an arrival as a sale), in one
    yes; False when it is no plain sale or arrival (a customer's return, an order's arrival:
    it is offered to be taken back instead). A sale in place of an arrival needs the goods
    twice over: when they are not there, said now."""
    if movement.kind not in WHOLE or movement.kind == kind or movement.why:
        return False
    if movement.order_id is not None:
        return False
    product = turn.product(movement.sku)
    stock = product.quantity if product is not None else 0
    if kind == "sale" and stock < 2 * movement.left:
        if stock < movement.left:
            say_sold(turn, movement.sku, stock, movement.left)
        else:
            available = turn.amount(stock - movement.left, movement.sku)
            turn.say("swap_short", available=available, name=turn.name(movement.sku))
        return True
    body = turn.t(
        f"confirm_kind_{kind}",
        new=turn.line_text(movement.sku, movement.left),
        when=movement.when,
    )
    (movement_id, first), *more = parts
    ask_yes(
        turn,
        body,
        turn.new_token(),
        movement_id=movement_id,
        kind=movement.kind,
        sku=movement.sku,
        quantity=first,
        more=[list(part) for part in more],
        shown=movement.left,
        add=0,
        why="",
        fix=None,
        swap=[movement.sku, movement.left, kind],
    )
    return True
