"""What the effects of a draft say once run: recorded, refused, counted, ordered."""

from __future__ import annotations

from state.drafts import OUT, Draft
from state.events import (
    CountRecorded,
    MovementRecorded,
    MovementRefused,
    OrderPlaced,
    StockFull,
)
from state.flows.moves.reasons import loss_words
from state.flows.moves.settle import ask_quantity
from state.messages import number
from state.turn import Turn


def recorded(turn: Turn, event: MovementRecorded) -> None:
    memo = turn.recall()
    key = memo.get("key")
    draft = _draft(memo.get("draft"))
    said = draft.wording if draft is not None and draft.action == event.kind else event.kind
    if event.returned:  # a customer's return and a sale: both, one message
        lines = "\n".join(
            [
                turn.t("exchange_back_line", line=turn.line_text(s, q), after=turn.amount(a, s))
                for s, q, a in event.returned
            ]
            + [
                turn.t("exchange_sold_line", line=turn.line_text(s, q), after=turn.amount(a, s))
                for s, q, a in event.lines
            ]
        )
        turn.say("exchange_done", lines=lines)
    elif len(event.lines) == 1:
        sku, quantity, after = event.lines[0]
        turn.say(
            f"{said}_done",
            quantity=turn.amount(quantity, sku),
            name=turn.name(sku),
            after=turn.amount(after, sku),
        )
    else:
        lines = "\n".join(
            turn.t(f"{said}_done_line", line=turn.line_text(sku, q), after=turn.amount(a, sku))
            for sku, q, a in event.lines
        )
        turn.say(f"{said}_done_many", lines=lines)
    done = [(sku, quantity) for sku, quantity, _ in event.lines]
    exchange = {"exchange": True} if event.returned else {}  # `annule`: both taken back
    turn.note_done(event.kind, done, key, converted=_converted(draft), **exchange)
    if draft is not None and draft.then:  # `vendu 2 riz et reçu 10 sucre`: the arrival now
        turn.replay = draft.then
    turn.note_subject([sku for sku, _, _ in (*event.returned, *event.lines)])


def _draft(data: object) -> Draft | None:
    return Draft.from_dict(data) if isinstance(data, dict) else None


def _converted(draft: Draft | None) -> dict[str, list[object]]:
    """What the draft's quantities typed in another unit were said to make, by product (`10
    cartons` of milk: 240 boîtes), for a correction in that unit after the fact."""
    if draft is None:
        return {}
    return {line.sku: list(line.converted) for line in draft.lines if line.sku and line.converted}


def refused(turn: Turn, event: MovementRefused) -> None:
    """A sale over the stock at the time of recording: nothing recorded; that line is asked
    again (the other lines wait)."""
    data = turn.recall().get("draft")
    draft = Draft.from_dict(data) if data else None
    if draft is None:
        if event.available <= 0:
            turn.say("sale_refused_out", name=turn.name(event.sku))
        else:
            available = turn.amount(event.available, event.sku)
            turn.say("sale_refused", available=available, name=turn.name(event.sku))
        return
    index = next((i for i, line in enumerate(draft.lines) if line.sku == event.sku), 0)
    ask_quantity(turn, draft, index, refused=True)


def full(turn: Turn, event: StockFull) -> None:
    turn.recall()
    turn.say(
        "receipt_refused",
        quantity=turn.amount(event.quantity, event.sku),
        name=turn.name(event.sku),
        maximum=number(turn.lang, event.maximum),
    )


def counted(turn: Turn, event: CountRecorded) -> None:
    memo = turn.recall()
    draft = _draft(memo.get("draft"))
    loss = loss_words(turn, *event.lines[0]) if len(event.lines) == 1 else None
    # [sku, the stock before the loss, the amount lost, the reason out (`OUT`)]
    fixed = memo.get("loss_fix")
    if fixed is not None:  # `non c'est 3` after a loss of 2 recorded: "Perte corrigée : 3…"
        sku, before, lost = str(fixed[0]), int(fixed[1]), int(fixed[2])
        why = str(fixed[3]) if len(fixed) > 3 else "loss"
        after = event.lines[0][2]
        turn.say(
            f"{why}_fixed",
            quantity=turn.amount(lost, sku),
            name=turn.name(sku),
            after=turn.amount(after, sku),
        )
        turn.note_done("adjustment", [(sku, after)], memo.get("key"), lost=[sku, before, why])
        return
    if draft is not None and draft.reason in OUT and loss is not None:
        turn.say(
            f"{draft.wording}_done", **loss
        )  # `j'ai perdu 2 savons`: "Perte enregistrée : 2 cartons…"
        sku, before, after = event.lines[0]
        why = draft.wording
        turn.note_done("adjustment", [(sku, after)], memo.get("key"), lost=[sku, before, why])
        if draft.then:  # `perdu 2 riz et reçu 10 sucre`: the arrival now
            turn.replay = draft.then
        return
    lines = "\n".join(
        turn.t(
            "count_done_line",
            name=turn.name(sku),
            after=turn.amount(after, sku),
            delta=_delta(after - before),
        )
        for sku, before, after in event.lines
    )
    turn.say("count_done", lines=lines)
    done = [(sku, after) for sku, _, after in event.lines]
    turn.note_done("adjustment", done, memo.get("key"))


def _delta(delta: int) -> str:
    return f"+{delta}" if delta > 0 else (f"−{-delta}" if delta < 0 else "±0")


def ordered(turn: Turn, event: OrderPlaced) -> None:
    turn.recall()
    for order_id, sku, quantity in event.orders:
        turn.say(
            "order_confirmed",
            order=order_id,
            quantity=turn.amount(quantity, sku),
            name=turn.name(sku),
        )
    turn.note_subject([sku for _, sku, _ in event.orders])
    # `non c'est 30` right after one order changes that order; `annule` cancels what was placed
    placed: dict[str, object] = {"order_ids": [order_id for order_id, _, _ in event.orders]}
    if len(event.orders) == 1:
        placed["order_id"] = event.orders[0][0]
    turn.note_done("order", [(sku, quantity) for _, sku, quantity in event.orders], **placed)
