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
    near = moves.sibling_among(turn, latest.sku, text, items)  # `non le 5l`, `l'autre`
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
    turn: Turn,
    written: Sequence[MovementView],
    kind: str,
    parts: Sequence[tuple[int, int]] = (),
) -> bool:
    """Offer to record the movements `written` (one line, or the lines of one recording in the
    order written; `parts`: of one line, what can be taken back of it) as `kind`, a sale as an
    arrival or an arrival as a sale, in one yes; False when one is no plain sale or arrival (a
    customer's return, an order's arrival: taking it back is offered instead). A sale in place
    of an arrival needs the goods twice over: when they are not there, said now."""
    if any(m.kind not in WHOLE or m.kind == kind or m.why or m.order_id for m in written):
        return False
    lines = [(m.sku, m.left) for m in written]
    if kind == "sale" and _short_twice(turn, lines):
        return True
    first, *more = written
    taken = list(parts) or [
        (first.movement_id, first.left),
        *((m.movement_id, m.left) for m in more),
    ]
    body = turn.t(f"confirm_kind_{kind}", new=turn.lines_text(lines), when=first.when)
    (movement_id, quantity), *rest = taken
    ask_yes(
        turn,
        body,
        turn.new_token(),
        movement_id=movement_id,
        kind=first.kind,
        sku=first.sku,
        quantity=quantity,
        more=[list(part) for part in rest],
        shown=first.left,
        add=0,
        why="",
        fix=None,
        swap=[first.sku, first.left, kind],
        lines=[list(line) for line in lines],
    )
    return True


def _short_twice(turn: Turn, lines: Sequence[tuple[str, int]]) -> bool:
    """Whether an arrival of `lines` cannot be a sale instead (the goods needed twice over: once
    taken back, once sold); if so, said."""
    for sku, left in lines:
        product = turn.product(sku)
        stock = product.quantity if product is not None else 0
        if stock >= 2 * left:
            continue
        if stock < left:
            say_sold(turn, sku, stock, left)
        else:
            available = turn.amount(stock - left, sku)
            turn.say("swap_short", available=available, name=turn.name(sku))
        return True
    return False
