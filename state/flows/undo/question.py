"""The movement found (`LastMovement`), shown to be taken back or corrected: which one the
manager meant, how much of it, and the question that waits for a yes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from intents.answers import Correction, correction
from state.drafts import Line
from state.events import LastMovement, MovementView
from state.flows import moves
from state.flows.moves.units import foreign, typed_unit
from state.flows.undo.base import WHOLE, ask_yes, product_named
from state.flows.undo.fixes import ask_count_fix, in_its_unit
from state.flows.undo.swaps import ask_kind_swap, ask_swap, swap_named
from state.flows.undo.wording import KIND_WORD, exchange_lines, kind_word
from state.matching import Offered, measure_of
from state.turn import Turn


def found(turn: Turn, event: LastMovement) -> None:
    want = turn.ctx.pop("want_undo", None) or {}
    fix, was = want.get("fix"), want.get("was")
    words = str(want.get("words") or "")
    but = set(want.get("but") or ())  # `tout sauf le riz`: the lines other than the rice's
    recent = tuple(m for m in event.recent if m.sku not in but)
    if want.get("whole") and len(recent) > 1:
        as_kind = str(want.get("kind_meant") or "")
        if not (as_kind and ask_kind_swap(turn, list(reversed(recent)), as_kind)):
            _ask_whole(turn, recent, exchange=bool(want.get("exchange")))
        return
    if fix is None and not words and event.movement is not None:
        recorded = _recorded_with(event.movement, event.recent)
        if len(recorded) > 1:  # `annule ma dernière vente` of several lines: all of them
            _ask_whole(turn, recorded)
            return
    seen = _seen(event, want.get("seen"))
    swap = swap_named(turn, event, str(want.get("text") or ""))
    movement = _named(turn, event, words, was) if words else None
    if movement is not None and movement in seen:
        movement = _whole_of(seen)  # `non c'était 5 savon` after the soap corrected: all of it
    if movement is None and (not words or swap is not None):
        # The movement the manager last saw confirmed (its parts, when a correction of it
        # recorded a difference), else the latest.
        movement = _whole_of(seen) if seen else event.movement
    parts = _parts(movement, seen)
    as_kind = str(want.get("kind_meant") or "")  # `oups c'était une livraison pas une vente`
    if as_kind and movement is not None and ask_kind_swap(turn, [movement], as_kind, parts):
        return
    if movement is not None and want.get("text"):
        fix, was = _in_measure(turn, movement.sku, str(want["text"]), fix, was)
    if swap is None and movement is not None and fix is not None and was is not None:
        # `c'est le 32 pas le 40` after 5 of Tuyau PVC 40: the numbers name products, not counts
        meant = moves.sibling_meant(
            turn, movement.sku, movement.left, Correction(quantity=int(fix), was=int(was))
        )
        swap = (meant, None) if meant is not None else None
    if swap is None and movement is not None and fix is not None and was is None:
        # `je me suis trompé, c'était la taille 4` after 2 of Couches taille 3: that sibling
        found = correction(str(want.get("text") or ""))
        if found is not None and found.quantity == int(fix) and (found.before or found.after):
            said = Correction(
                quantity=found.quantity, before=found.before, sized=found.sized, after=found.after
            )
            meant = moves.sibling_meant(turn, movement.sku, movement.left, said)
            swap = (meant, None) if meant is not None else None
    if swap is None and movement is not None and fix is not None:
        # `je me suis trompé, c'était 3 cartons` after 3 pièces of Savon Dermo 125g: the
        # product that is those goods by the carton, 3 of it
        typed = typed_unit(turn, str(want.get("text") or ""), int(fix))
        here = Line(sku=movement.sku, quantity=movement.left, unit=typed)
        packed = moves.packed_sibling(turn, here, typed) if foreign(turn, here) else None
        swap = (packed, int(fix)) if packed is not None else None
    if swap is not None and movement is not None and movement.sku != swap[0]:
        ask_swap(turn, movement, parts, swap[0], swap[1] or movement.left)
        return
    if movement is None:
        if event.movement is not None:  # there are movements, none of the product named
            turn.say("undo_none_named", words=product_named(turn, words) or words)
        else:
            turn.say(f"undo_none_{KIND_WORD.get(event.kind or '', 'any')}")
        return
    name = turn.name(movement.sku)
    what = turn.t(
        f"undo_what_{kind_word(movement.kind, movement.why)}",
        quantity=turn.amount(movement.left, movement.sku),
        name=name,
        when=movement.when,
    )
    token = turn.new_token()
    if fix is None:
        body = turn.t("confirm_undo", what=what)
        quantity, add = movement.left, 0
    else:
        fix = in_its_unit(turn, want, movement, int(fix))
        if fix is None:
            return  # `c'était 2 tonnes` of cement sold by the sac: how many sacs, asked
        if movement.kind == "adjustment":  # a count (a loss) says what is the same itself
            ask_count_fix(turn, movement.sku, fix, was, what)
            return
        if fix == movement.left:
            turn.say("undo_same", what=what)
            return
        body = turn.t("confirm_fix", what=what, quantity=turn.amount(fix, movement.sku))
        quantity, add = (
            (movement.left - fix, 0) if fix < movement.left else (0, fix - movement.left)
        )
    del was
    (movement_id, first), *more = _taken(parts, quantity) or [(movement.movement_id, 0)]
    ask_yes(
        turn,
        body,
        token,
        movement_id=movement_id,
        kind=movement.kind,
        sku=movement.sku,
        quantity=first,
        more=[list(part) for part in more],
        add=add,
        fix=fix,
        order_of=movement.order_id,
        seen=_recordings(event, parts),
        why=movement.why,
    )


def _in_measure(turn: Turn, sku: str, text: str, fix: Any, was: Any) -> tuple[Any, Any]:
    """`je me suis trompé, c'était 4 mètres (pas 3)` about fabric sold by the metre: 4 is the
    amount (as a size, `4 mètres` was no number: the sale was offered to be taken back, or
    the 3 was taken for it)."""
    measure = measure_of(turn.unit(sku))
    found = correction(text, measure=measure) if measure else None
    if found is None or found.quantity is None or found == correction(text):
        return fix, was
    return found.quantity, found.was


def _recordings(event: LastMovement, parts: Sequence[tuple[int, int]]) -> list[str]:
    """The recordings `parts` were moved by, for what is noted done once corrected."""
    ids = {movement_id for movement_id, _ in parts}
    return list(dict.fromkeys(m.recording for m in event.recent if m.movement_id in ids))


def _seen(event: LastMovement, keys: object) -> list[MovementView]:
    """The recent movements of what the manager last saw confirmed (`_seen_keys`), newest
    first, when they are of one product (one line)."""
    if not isinstance(keys, list) or not keys:
        return []
    seen = [m for m in event.recent if m.recording and m.recording in keys]
    if len({(m.sku, m.kind) for m in seen}) != 1:
        return []
    return seen


def _whole_of(seen: Sequence[MovementView]) -> MovementView:
    """One view of the parts of one line (newest first): its first movement, with what all of
    them moved and have left."""
    first = seen[-1]
    return replace(
        first,
        quantity=sum(m.quantity for m in seen),
        left=sum(m.left for m in seen),
    )


def _parts(movement: MovementView | None, seen: Sequence[MovementView]) -> list[tuple[int, int]]:
    """What can be taken back of `movement`, (id, units) newest first: the parts of what the
    manager last saw when it is that, else the movement alone."""
    if movement is None:
        return []
    if seen and movement == _whole_of(seen):
        return [(m.movement_id, m.left) for m in seen]
    return [(movement.movement_id, movement.left)]


def _taken(parts: Sequence[tuple[int, int]], quantity: int) -> list[tuple[int, int]]:
    """`quantity` units taken back from `parts`, the newest first: (id, units) of each."""
    taken: list[tuple[int, int]] = []
    for movement_id, left in parts:
        if quantity <= 0:
            break
        units = min(left, quantity)
        taken.append((movement_id, units))
        quantity -= units
    return taken


def _recorded_with(movement: MovementView, recent: Sequence[MovementView]) -> list[MovementView]:
    """`movement` and the others the same message recorded (newest first), for a sale or an
    arrival."""
    if movement.kind not in WHOLE or not movement.recording:
        return [movement]
    return [m for m in recent if m.recording == movement.recording and m.kind == movement.kind]


def _ask_whole(turn: Turn, recent: Sequence[MovementView], *, exchange: bool = False) -> None:
    """Take back every line of one recording (`recent`, newest first), in the order written;
    `exchange`: a customer's return and a sale recorded together, each line said as what it
    was (the goods brought back, the goods sold)."""
    # An exchange: what was sold comes back first (the same product brought back may be in it).
    first, *more = written = list(recent) if exchange else list(reversed(recent))
    token = turn.new_token()
    # A customer's return of several lines is one, not an arrival (every line says it).
    why = "" if exchange or any(m.why != first.why for m in written) else first.why
    if exchange:
        lines = exchange_lines(turn, [(m.kind, m.sku, m.left, None) for m in written])
        body = turn.t("confirm_undo_whole_exchange", when=first.when, lines=lines)
    else:
        lines = turn.lines_text([(m.sku, m.left) for m in written])
        said = kind_word(first.kind, why)
        body = turn.t(f"confirm_undo_whole_{said}", when=first.when, lines=lines)
    ask_yes(
        turn,
        body,
        token,
        movement_id=first.movement_id,
        kind=first.kind,
        sku=first.sku,
        quantity=first.left,
        more=[[m.movement_id, m.left] for m in more],
        add=0,
        fix=None,
        exchange=exchange,
        kinds=[m.kind for m in written],
        skus=[m.sku for m in written],
        why=why,
        recording=first.recording,
    )


def _named(turn: Turn, event: LastMovement, words: str, was: object) -> MovementView | None:
    """The latest of the recent movements whose product `words` names (`la vente de riz` when
    the last sale was of gas); with `was` (`3 pas 5`), the one of that quantity first."""
    skus = list(dict.fromkeys(m.sku for m in event.recent))
    picked = set(Offered(skus, turn.view.matcher).pick(words))
    if not picked and not product_named(turn, words):
        return event.movement  # words around the request, no product: the latest movement
    named = [m for m in event.recent if m.sku in picked]
    if was is not None:
        named.sort(key=lambda m: m.left != was and m.quantity != was)  # stable: newest first
    return named[0] if named else None
