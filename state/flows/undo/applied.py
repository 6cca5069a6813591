"""The yes to an undo question: the effect that takes back or corrects the movement, and
what is said once its result comes back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from state.effects import (
    NOTES,
    CancelOrder,
    ChangeOrderQuantity,
    Effect,
    MovementKindName,
    ReceiveOrder,
    RecordMovement,
    ReverseMovement,
    SetCount,
)
from state.events import (
    MovementRecorded,
    MovementRefused,
    MovementReversed,
    OrderChanged,
    ReversalRefused,
)
from state.flows.undo.base import FLOW, WHOLE, say_sold
from state.flows.undo.swaps import swap_kind
from state.flows.undo.wording import exchange_lines, kind_word
from state.turn import Turn


def decide(turn: Turn, yes: bool) -> None:
    ctx = turn.ctx
    if not yes:
        turn.declined()
        turn.finish()
        turn.say("undo_no")
        return
    key = f"whatsapp:{ctx['token']}"
    effect: Effect
    if "count_fix" in ctx:  # a count corrected: counted again
        sku, count_to = ctx["count_fix"]
        memo = {"loss_fix": ctx["loss_fix"]} if ctx.get("loss_fix") else {}
        why = str(ctx["loss_fix"][3]) if ctx.get("loss_fix") else "count"  # `loss`, `supplier`
        count = SetCount(((str(sku), int(count_to)),), key, note=NOTES.get(why, NOTES["count"]))
        turn.settle(count, flow=FLOW, key=key, **memo)
        return
    if ctx.get("reorder"):  # another product ordered instead: cancelled, then ordered
        turn.settle(CancelOrder(int(ctx["order_id"])), reorder=ctx["reorder"])
        return
    if "order_id" in ctx:
        effect = ChangeOrderQuantity(int(ctx["order_id"]), int(ctx["quantity"]))
    elif int(ctx.get("add", 0)) > 0 and ctx.get("order_of") is not None:
        # More of an order arrived than recorded: the difference is the order's too.
        turn.answered()
        turn.finish()
        turn.do(ReceiveOrder(int(ctx["order_of"]), int(ctx["add"]), key=key))
        return
    elif int(ctx.get("add", 0)) > 0:
        line = ((str(ctx["sku"]), int(ctx["add"])),)
        sale = ctx["kind"] == "sale"
        adds_to = int(ctx["movement_id"]) if ctx.get("movement_id") is not None else None
        note = NOTES.get(str(ctx.get("why") or ""), "")  # more came back: a customer's return
        effect = RecordMovement("sale" if sale else "receipt", line, key, adds_to, note)
    elif ctx.get("swap") and ctx["kind"] == swap_kind(ctx["swap"], ctx["kind"]) == "sale":
        # The right product first: when it is refused (sold out meanwhile) nothing has changed
        # and the manager is told why; the wrong sale taken back next is never refused.
        sku, quantity = ctx["swap"]
        line = ((str(sku), int(quantity)),)
        back = [int(ctx["movement_id"]), int(ctx["quantity"]), list(ctx.get("more", ()))]
        old = [ctx.get("sku"), ctx.get("shown", ctx.get("quantity"))]
        effect = RecordMovement("sale", line, f"{key}:swap")
        turn.settle(effect, flow=FLOW, swap=ctx["swap"], old=old, key=key, back=back)
        return
    else:
        more = tuple((int(m), int(q)) for m, q in ctx.get("more", ()))
        effect = ReverseMovement(int(ctx["movement_id"]), int(ctx["quantity"]), key, more)
    old = [ctx.get("sku"), ctx.get("shown", ctx.get("quantity"))]
    turn.settle(
        effect,
        flow=FLOW,
        fix=ctx.get("fix"),
        swap=ctx.get("swap"),
        old=old,
        key=key,
        seen=ctx.get("seen") or [],
        exchange=bool(ctx.get("exchange")),
        kinds=ctx.get("kinds") or [],
        why=ctx.get("why") or "",
        lines=ctx.get("lines") or [],
    )


def reversed_(turn: Turn, event: MovementReversed) -> None:
    memo = turn.recall()
    fix = memo.get("fix")
    if memo.get("swapped"):  # a sale: the right product was recorded first
        _say_swapped(turn, memo, event.kind, *memo["swapped"])
        return
    if memo.get("swap") and event.kind in WHOLE:  # the right product recorded in its place
        sku, quantity = memo["swap"][:2]
        kind = swap_kind(memo["swap"], event.kind)
        recorded: MovementKindName = "sale" if kind == "sale" else "receipt"
        lines = memo.get("lines") or [(sku, quantity)]  # all the lines of one, as another kind
        line = tuple((str(s), int(q)) for s, q in lines)
        note = NOTES.get(str(memo.get("why") or ""), "")  # a customer's return stays one
        turn.settle(RecordMovement(recorded, line, f"{memo['key']}:swap", note=note), **memo)
        return
    if fix is None:
        turn.forget_done()
    moved = ((event.sku, event.quantity, event.after), *event.more)
    if memo.get("exchange"):  # each line said as what it was: brought back, or sold
        kinds = list(memo.get("kinds") or [])
        lines = exchange_lines(turn, [(k, *line) for k, line in zip(kinds, moved, strict=True)])
        turn.say("undone_many_exchange", lines=lines)
        return
    kind = kind_word(event.kind, str(memo.get("why") or ""))
    if len({sku for sku, _, _ in moved}) > 1:
        lines = "\n".join(
            turn.t("undone_line", line=turn.line_text(sku, quantity), after=turn.amount(after, sku))
            for sku, quantity, after in moved
        )
        turn.say(f"undone_many_{kind}", lines=lines)
        return
    # One product: the parts of one line (a sale and the difference a correction added)
    after = moved[-1][2]
    values = {"name": turn.name(event.sku), "after": turn.amount(after, event.sku)}
    if fix is None:
        total = sum(quantity for _, quantity, _ in moved)
        turn.say(f"undone_{kind}", quantity=turn.amount(total, event.sku), **values)
    else:
        turn.say(f"fixed_{kind}", quantity=turn.amount(int(fix), event.sku), **values)
        _note_fixed(turn, event.kind, event.sku, int(fix), list(memo.get("seen") or []))


def added(turn: Turn, event: MovementRecorded) -> None:
    """The difference recorded for a quantity that was too small, or the right product
    recorded in place of the one taken back."""
    memo = turn.recall()
    fix = int(memo.get("fix") or 0)
    sku, _, after = event.lines[0]
    kind = kind_word(event.kind, str(memo.get("why") or ""))
    if memo.get("back"):  # the right product recorded: now the wrong sale taken back
        movement_id, quantity, more = memo["back"]
        back = ReverseMovement(
            int(movement_id),
            int(quantity),
            str(memo["key"]),
            tuple((int(m), int(q)) for m, q in more),
        )
        memo = {k: v for k, v in memo.items() if k != "back"}
        turn.settle(back, **memo, swapped=[sku, after])
        return
    if len(event.lines) > 1:  # the lines of one movement as another kind
        moved = [(str(s), int(q)) for s, q, _ in event.lines]
        turn.note_done(event.kind, moved, f"{memo['key']}:swap")
        done = "\n".join(
            turn.t("undone_line", line=turn.line_text(s, q), after=turn.amount(a, s))
            for s, q, a in event.lines
        )
        turn.say(f"kind_swapped_many_{event.kind}", lines=done)
        return
    if memo.get("swap"):
        _say_swapped(turn, memo, event.kind, sku, after)
        return
    turn.say(
        f"fixed_{kind}",
        quantity=turn.amount(fix, sku),
        name=turn.name(sku),
        after=turn.amount(after, sku),
    )
    _note_fixed(turn, event.kind, sku, fix, [*(memo.get("seen") or []), str(memo["key"])])


def _note_fixed(turn: Turn, kind: str, sku: str, quantity: int, seen: list[str]) -> None:
    """A line corrected to `quantity`: what the manager now sees confirmed, recorded by the
    `seen` recordings (a `non c'est 6` or an `annule` right after is about all of it)."""
    seen = [str(key) for key in dict.fromkeys(seen) if key]
    turn.note_done(kind, [(sku, quantity)], seen[0] if seen else None, seen=seen)


def _say_swapped(turn: Turn, memo: Mapping[str, Any], kind: str, sku: str, after: int) -> None:
    old_sku, old_quantity = memo["old"]
    # What the manager now sees confirmed is the right product's movement: a `non c'est 4` or
    # an `annule` right after is about it, not the one taken back.
    turn.note_done(kind, [(str(sku), int(memo["swap"][1]))], f"{memo['key']}:swap")
    if len(memo["swap"]) > 2:  # the same goods, as the other kind
        new = turn.line_text(str(sku), int(memo["swap"][1]))
        turn.say(f"kind_swapped_{kind}", new=new, after=turn.amount(int(after), str(sku)))
        return
    turn.say(
        f"swapped_{kind_word(kind, str(memo.get('why') or ''))}",
        new=turn.line_text(str(sku), int(memo["swap"][1])),
        old=turn.line_text(str(old_sku), int(old_quantity)),
        after=turn.amount(int(after), str(sku)),
    )


def short(turn: Turn, event: MovementRefused) -> None:
    """The right product of a sale corrected was sold out between the question and the yes:
    nothing has changed (the wrong sale is taken back only once the right one is recorded)."""
    turn.recall()
    available = turn.amount(max(event.available, 0), event.sku)
    turn.say("swap_short", available=available, name=turn.name(event.sku))


def refused(turn: Turn, event: ReversalRefused) -> None:
    memo = turn.recall()
    wrong = turn.product(event.sku)
    if (
        memo.get("swap")
        and not memo.get("swapped")
        and wrong is not None
        and wrong.quantity < event.quantity
    ):
        # The wrong arrival is taken back first (what can be refused): its units were sold
        # since, nothing has changed and the right one is not recorded.
        shown = memo.get("old") or [event.sku, event.quantity]
        say_sold(turn, event.sku, event.available, int(shown[1]))
        return
    if event.available <= 0:
        turn.say("already_handled")
    else:
        available = turn.amount(event.available, event.sku)
        turn.say("undo_refused", available=available, name=turn.name(event.sku))


def changed(turn: Turn, event: OrderChanged) -> None:
    turn.recall()
    turn.say(
        "order_changed",
        order=event.order_id,
        quantity=turn.amount(event.quantity, event.sku),
        name=turn.name(event.sku),
    )
