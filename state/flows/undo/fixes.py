"""Corrections that need more than a number: one in another unit (`c'était 4 cartons`,
how many of the product's unit asked), and one of a count or a loss (counted again)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from intents import read_quantity
from intents.quantity_units import unit_class
from state.drafts import Line
from state.events import MovementView
from state.flows.moves.answers.replies import commands_else
from state.flows.moves.reasons import say_above_stock
from state.flows.moves.units import foreign, held, typed_unit
from state.flows.undo.base import FLOW, UNIT, ask_yes, look_up, recent_done
from state.machine import DONE_KEY, State
from state.messages import number, typed_amount
from state.quantities import MAX_QUANTITY
from state.turn import Reading, Turn, worded_later
from state.values import Reply


def in_its_unit(
    turn: Turn, want: Mapping[str, Any], movement: MovementView, fix: int
) -> int | None:
    """The quantity a correction says (`c'était 4 cartons pas 5`) in the product's unit: as
    said, when said in it; converted when the movement's quantity was typed in that unit and
    said to make so many (5 cartons, 120 canettes: 96); else None, and how many of the
    product's unit that makes is asked (its answer looks the movement up again)."""
    unit = typed_unit(turn, str(want.get("text") or ""), fix)
    if unit is None or not foreign(turn, Line(sku=movement.sku, quantity=fix, unit=unit)):
        return fix
    done = recent_done(turn) or {}
    same = done.get("kind") == movement.kind
    made = (done.get("converted") or {}).get(movement.sku) if same else None
    if made and unit_class(str(made[1])) == unit_class(unit):
        total = Fraction(int(made[2]), int(made[0])) * fix
        if total.denominator == 1 and 0 < total <= MAX_QUANTITY:
            return int(total)
    token = turn.new_token()
    body = turn.t(
        "unit_how_many",
        quantity=typed_amount(turn.lang, fix, unit),
        name=turn.name(movement.sku),
        unit=turn.units(movement.sku),
    )
    turn.ask(
        State.AWAITING_QUANTITY,
        Reply(body),
        flow=FLOW,
        token=token,
        ask=UNIT,
        dropped=worded_later("undo_dropped"),
        want={**want, "text": ""},
        kind=movement.kind,
        sku=movement.sku,
        typed=[fix, unit],
    )
    return None


def answer_unit(turn: Turn, reading: Reading) -> bool:
    """The answer to "4 cartons de Red Bull, ça fait combien de canettes ?" asked about a
    correction after the fact: the total (`96`, `96 canettes`) or what one holds (`24 par
    carton`); the movement is then looked up again, to be corrected by it."""
    ctx = turn.ctx
    quantity, unit = ctx["typed"]
    line = Line(sku=str(ctx["sku"]), quantity=int(quantity), unit=str(unit))
    if commands_else(reading, str(ctx["sku"]), str(ctx["kind"])):
        return False  # `vendu 2 cadenas` under "4 barres de Ciment, ça fait combien de sacs ?"
    total = held(turn, line, reading.text)
    if total is None:
        read = read_quantity(reading.text)
        if read.value is None or read.issue is not None:
            return False
        typed = typed_unit(turn, reading.text, read.value)
        if typed is not None and foreign(turn, replace(line, unit=typed)):
            return False  # `4 cartons` again: not in the product's unit
        total = read.value
    if not 0 < total <= MAX_QUANTITY:
        turn.repeat_question(turn.t("unit_number_of", unit=turn.units(line.sku or "")))
        return True
    want = dict(ctx["want"])
    kind = str(ctx["kind"])
    turn.answered()
    look_up(turn, kind, {**want, "fix": total})
    return True


def ask_count_fix(turn: Turn, sku: str, fix: int, was: object, what: str) -> None:
    """`je me suis trompé, c'était 30 clou pas 28` after a count: "Corriger l'inventaire : Clou
    10cm 30 kg au lieu de 28 ?"; yes counts it again, the movements since kept (the stock moves
    by the difference). The count corrected is the one just noted done, else the number said
    wrong (`pas 28`); without either, how to count again is said."""
    done = turn.ctx.get(DONE_KEY) or {}
    counted = next(
        (int(q) for s, q in done.get("lines", ()) if s == sku and done.get("kind") == "adjustment"),
        int(was) if isinstance(was, int) else None,
    )
    product = turn.product(sku)
    if counted is None or product is None:
        turn.say("undo_count_hint", name=turn.name(sku))
        return
    lost = done.get("lost") if done.get("kind") == "adjustment" else None
    if lost is not None and lost[0] == sku:  # a loss recorded: `non c'est 3` is 3 lost
        why = str(lost[2]) if len(lost) > 2 else "loss"  # `OUT`: lost or sent back
        _ask_loss_fix(turn, sku, int(lost[1]), fix, counted, why)
        return
    if counted == fix:
        turn.say("undo_same", what=what)
        return
    body = turn.t(
        "confirm_count_fix", name=product.name, quantity=turn.amount(fix, sku), counted=counted
    )
    count_to = max(0, product.quantity + fix - counted)
    ask_yes(turn, body, turn.new_token(), count_fix=[sku, count_to])


def _ask_loss_fix(turn: Turn, sku: str, before: int, lost: int, counted: int, why: str) -> None:
    """`non c'est 3` right after a loss of 2 of 7 was recorded: "Corriger la perte : 3 sacs de
    Farine au lieu de 2 (stock 7 → 4) ?"; it was read as a count of 3 (`why`: the reason out,
    said in its words: a loss, a return to the supplier)."""
    product = turn.product(sku)
    assert product is not None
    if lost > before:
        turn.reply(Reply(say_above_stock(turn, sku, before, why)))
        return
    was = before - counted
    if lost == was:
        turn.say(
            "undo_same", what=turn.t("line", quantity=turn.amount(lost, sku), name=turn.name(sku))
        )
        return
    body = turn.t(
        f"confirm_{why}_fix",
        quantity=turn.amount(lost, sku),
        name=product.name,
        was=number(turn.lang, was),
        before=number(turn.lang, before),
        after=turn.amount(before - lost, sku),
    )
    count_to = max(0, product.quantity + before - lost - counted)
    ask_yes(
        turn, body, turn.new_token(), count_fix=[sku, count_to], loss_fix=[sku, before, lost, why]
    )
