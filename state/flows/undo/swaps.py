"""A sale or an arrival recorded of the wrong product: `erreur c'est fanta pas coca`, the
right one recorded in its place, in one yes."""

from __future__ import annotations

from collections.abc import Sequence

from state.events import LastMovement, MovementView
from state.flows import moves
from state.flows.undo.base import WHOLE, ask_yes, say_sold
from state.flows.undo.wording import kind_word
from state.turn import Turn


def swap_named(turn: Turn, event: LastMovement, text: str) -> tuple[str, int | None] | None:
    """The product (and quantity, if said) a correction says a sale or an arrival was of:
    `erreur c'est fanta pas coca`, `c'était du fer 10 pas 8` (the 10 is Fer 10mm's), `c'était
    3 fanta`; None when it names none, or several."""
    latest = event.movement
    if latest is None or latest.kind not in WHOLE or not text:
        return None
    items = moves.commanded(turn, latest.kind, text)
    if len(items) != 1 or items[0].product is None or not turn.product(items[0].product):
        return None
    return items[0].product, items[0].quantity


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
