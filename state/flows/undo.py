"""Undo and correction after the fact: `annule ma dernière vente`, `je me suis trompé, c'était 3
pas 5`, or `non c'est 4` right after something was recorded. The manager's last movement is
shown and, once confirmed, taken back by a compensating movement (the ledger is never edited);
a quantity that was too small gets a movement for the difference; an order just placed gets its
quantity changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from intents import Intent, read_quantity
from intents.answers import Answer, Correction, correction
from intents.quantity_units import unit_class
from intents.requests import Request, RequestKind
from intents.units import UNIT_WORDS
from state.choices import ChoiceId
from state.drafts import Line
from state.effects import (
    NOTES,
    ChangeOrderQuantity,
    Effect,
    FindLastMovement,
    MovementKindName,
    ReceiveOrder,
    RecordMovement,
    ReverseMovement,
    SetCount,
)
from state.events import (
    LastMovement,
    MovementRecorded,
    MovementRefused,
    MovementReversed,
    MovementView,
    OrderChanged,
    ReversalRefused,
)
from state.flows import moves, orders
from state.flows.moves.reasons import say_above_stock
from state.flows.moves.units import foreign, held, typed_unit
from state.machine import DONE_KEY, State
from state.matching import Offered
from state.messages import number, typed_amount
from state.quantities import MAX_QUANTITY
from state.turn import Reading, Turn, worded_later
from state.values import Reply

FLOW = "undo"
KINDS = frozenset({"undo"})
# How long after a recording a bare `non c'est 4` corrects it.
RECENT = timedelta(minutes=15)
_KIND_WORD = {"sale": "sale", "receipt": "receipt", "adjustment": "count"}
_CORRECTING = frozenset({Intent.NO, Intent.UNKNOWN, Intent.STOCK_QUERY})
_WHOLE = frozenset({"sale", "receipt"})  # taken back whole when recorded in several lines
UNIT = "unit"  # how many of the product's unit a correction in another makes


def start(turn: Turn, request: Request, text: str = "") -> None:
    """`annule ma dernière vente` (quantity None) or `c'était 3 pas 5` (quantity 3); `text`, the
    message, may name the product it should have been (`erreur c'est fanta pas coca`). Right
    after orders were placed, `je me suis trompé` is about them: their cancellation asked,
    or with a number (`je me suis trompé, c'était 15`) its quantity changed."""
    if request.movement is None and not request.rest and done_kind(turn) == "order":
        if request.kind is RequestKind.UNDO and _cancels_order(turn, recent_done(turn)):
            return
        fix = Correction(quantity=request.quantity, was=request.was, marked=True)
        if request.quantity is not None and correct_done(turn, fix):
            return
    turn.finish()
    turn.ctx["want_undo"] = {
        "fix": request.quantity,
        "was": request.was,
        "words": request.rest,
        "text": text,
    }
    turn.do(FindLastMovement(request.movement))


def recent_done(turn: Turn) -> dict[str, Any] | None:
    """What was recorded last in this conversation, when it was less than `RECENT` ago."""
    done = turn.ctx.get(DONE_KEY)
    if not done or turn.conv.now - datetime.fromisoformat(str(done["at"])) > RECENT:
        return None
    return dict(done)


def take_back_recent(turn: Turn) -> bool:
    """`annule` with no question waiting, right after a sale, an arrival or a count was recorded:
    that movement is shown for confirmation, to be taken back; right after orders were placed,
    their cancellation is asked."""
    done = recent_done(turn)
    if done is None:
        return False
    if done.get("kind") == "order":
        return _cancels_order(turn, done)
    kind, key = str(done["kind"]), done.get("key")
    if done.get("exchange") and key:  # a customer's return and a sale: both, as one
        turn.finish()
        turn.ctx["want_undo"] = {"whole": True, "exchange": True}
        turn.do(FindLastMovement(None, key=str(key)))
        return True
    if len(done.get("lines", ())) > 1 and key and kind in _WHOLE:
        turn.finish()  # a sale of several lines: all of them, as one
        turn.ctx["want_undo"] = {"whole": True}
        turn.do(FindLastMovement(kind, key=str(key)))
        return True
    start(turn, Request(RequestKind.UNDO, movement=kind))
    turn.ctx["want_undo"]["seen"] = _seen_keys(done)
    return True


def _cancels_order(turn: Turn, done: Mapping[str, Any] | None) -> bool:
    """The orders just placed, asked to cancel (several: all of them, or which one)."""
    if done is None or done.get("kind") != "order":
        return False
    placed = [int(i) for i in done.get("order_ids") or [done.get("order_id") or 0] if i]
    if len(placed) == 1:
        orders.start(turn, Request(RequestKind.ORDER_CANCEL, order=placed[0]))
    elif placed:
        orders.cancel_placed(turn, placed)
    return bool(placed)


def _seen_keys(done: Mapping[str, Any]) -> list[str]:
    """The recordings of what the manager last saw confirmed: the message's, and those of the
    differences a correction of it recorded (`non c'est 5` after 3 sold: 3, then 2 more)."""
    keys = done.get("seen") or ([done["key"]] if done.get("key") else [])
    return [str(key) for key in keys]


def corrects(turn: Turn, reading: Reading) -> bool:
    """`non c'est 4`, `c'était 4`, `it was 4`, `en fait 4` (or `non c'est 4 riz`, read as a
    stock question) with nothing waiting, right after a recording: it is corrected. A count
    naming no product (`en fait 4`, `en fait 4 cartons`) is such a correction too."""
    if not turn.ctx.get(DONE_KEY):
        return False  # nothing recorded to correct (`correct_done`): the text is not read for one
    request = reading.request
    if request is not None:
        if request.kind is not RequestKind.COUNT or any(
            _names_a_product(words) for readings in request.counts for words, _ in readings
        ):
            return False
    else:
        parsed = reading.parsed
        if parsed is None:
            return False
        action = moves.action_of(parsed.intent)
        if action in ("sale", "receipt") and action == done_kind(turn):
            # `non j'ai vendu 3`, `no I sold 3` right after a sale: its quantity, said again
            found = correction(reading.text)
            if found is None or not found.negated or moves.product_words(found.rest):
                return False  # `non j'ai vendu 3 savon`: a sale of soap, read as such
            return correct_done(turn, replace(found, rest=""))
        if parsed.intent not in _CORRECTING:
            return False
    found = correction(reading.text)
    return (
        found is not None
        and (found.negated or found.marked)
        and correct_done(turn, found, reading.text)
    )


def _names_a_product(words: str) -> bool:
    """A count's words name a product, not only a unit (`en fait 4 cartons`: the amount)."""
    return any(word not in UNIT_WORDS for word in words.split())


def done_kind(turn: Turn) -> str | None:
    done = recent_done(turn)
    return None if done is None else str(done.get("kind"))


def correct_done(turn: Turn, found: Correction, text: str = "") -> bool:
    """`non c'est 4` with nothing waiting, right after something was recorded: correct it; `non
    c'était le sucre morceaux` (`text`) names the product it should have been."""
    done = recent_done(turn)
    if done is None or found.other:
        return False
    if found.quantity is None and not _names_another(turn, done, text):
        return False
    order = done.get("kind") == "order" and not found.rest and "order_id" in done
    if order and found.quantity is not None:
        order_id = int(done["order_id"])
        sku, quantity = done["lines"][0]
        if quantity == found.quantity:
            return False
        token = turn.new_token()
        body = turn.t(
            "confirm_order_change",
            order=order_id,
            quantity=turn.amount(found.quantity, str(sku)),
            name=turn.name(str(sku)),
        )
        _ask_yes(
            turn,
            body,
            token,
            order_id=order_id,
            sku=sku,
            quantity=found.quantity,
        )
        return True
    if done.get("kind") == "order" or (len(done.get("lines", ())) != 1 and not found.rest):
        return False  # which line of several? (`non c'est 4 riz` says)
    turn.finish()
    turn.ctx["want_undo"] = {
        "fix": found.quantity,
        "was": None,
        "words": found.rest,
        "text": text,
        "seen": _seen_keys(done),
    }
    kind = str(done["kind"])
    turn.do(FindLastMovement(kind))
    return True


def found(turn: Turn, event: LastMovement) -> None:
    want = turn.ctx.pop("want_undo", None) or {}
    fix, was = want.get("fix"), want.get("was")
    words = str(want.get("words") or "")
    if want.get("whole") and len(event.recent) > 1:
        _ask_whole(turn, event.recent, exchange=bool(want.get("exchange")))
        return
    if fix is None and not words and event.movement is not None:
        recorded = _recorded_with(event.movement, event.recent)
        if len(recorded) > 1:  # `annule ma dernière vente` of several lines: all of them
            _ask_whole(turn, recorded)
            return
    seen = _seen(event, want.get("seen"))
    swap = _swap_named(turn, event, str(want.get("text") or ""))
    movement = _named(turn, event, words, was) if words else None
    if movement is None and (not words or swap is not None):
        # The movement the manager last saw confirmed (its parts, when a correction of it
        # recorded a difference), else the latest.
        movement = _whole_of(seen) if seen else event.movement
    parts = _parts(movement, seen)
    if swap is None and movement is not None and fix is not None and was is not None:
        # `c'est le 32 pas le 40` after 5 of Tuyau PVC 40: the numbers name products, not counts
        meant = moves.sibling_meant(
            turn, movement.sku, movement.left, Correction(quantity=int(fix), was=int(was))
        )
        swap = (meant, None) if meant is not None else None
    if swap is None and movement is not None and fix is not None and was is None:
        # `je me suis trompé, c'était la taille 4` after 2 of Couches taille 3: that sibling
        found = correction(str(want.get("text") or ""))
        if found is not None and found.quantity == int(fix) and found.before:
            said = Correction(quantity=found.quantity, before=found.before)
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
        _ask_swap(turn, movement, parts, swap[0], swap[1] or movement.left)
        return
    if movement is None:
        if event.movement is not None:  # there are movements, none of the product named
            turn.say("undo_none_named", words=product_named(turn, words) or words)
        else:
            turn.say(f"undo_none_{_KIND_WORD.get(event.kind or '', 'any')}")
        return
    name = turn.name(movement.sku)
    what = turn.t(
        f"undo_what_{_KIND_WORD.get(movement.kind, 'sale')}",
        quantity=turn.amount(movement.left, movement.sku),
        name=name,
        when=movement.when,
    )
    token = turn.new_token()
    if fix is None:
        body = turn.t("confirm_undo", what=what)
        quantity, add = movement.left, 0
    else:
        fix = _in_its_unit(turn, want, movement, int(fix))
        if fix is None:
            return  # `c'était 2 tonnes` of cement sold by the sac: how many sacs, asked
        if movement.kind == "adjustment":  # a count (a loss) says what is the same itself
            _ask_count_fix(turn, movement.sku, fix, was, what)
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
    _ask_yes(
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
    )


def _in_its_unit(
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
        want={**want, "text": ""},
        kind=movement.kind,
        sku=movement.sku,
        typed=[fix, unit],
    )
    return None


def _answer_unit(turn: Turn, reading: Reading) -> bool:
    """The answer to "4 cartons de Red Bull, ça fait combien de canettes ?" asked about a
    correction after the fact: the total (`96`, `96 canettes`) or what one holds (`24 par
    carton`); the movement is then looked up again, to be corrected by it."""
    ctx = turn.ctx
    quantity, unit = ctx["typed"]
    line = Line(sku=str(ctx["sku"]), quantity=int(quantity), unit=str(unit))
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
    turn.finish()
    turn.ctx["want_undo"] = {**want, "fix": total}
    turn.do(FindLastMovement(kind))
    return True


def _ask_count_fix(turn: Turn, sku: str, fix: int, was: object, what: str) -> None:
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
    _ask_yes(turn, body, turn.new_token(), count_fix=[sku, count_to])


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
    _ask_yes(
        turn, body, turn.new_token(), count_fix=[sku, count_to], loss_fix=[sku, before, lost, why]
    )


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


def _names_another(turn: Turn, done: dict[str, Any], text: str) -> bool:
    """Whether `text` names one product, not the one recorded (`non c'était le sucre
    morceaux` right after a sale of sugar in powder)."""
    kind = str(done.get("kind"))
    if kind not in _WHOLE or not text:
        return False
    items = moves.commanded(turn, kind, text)
    recorded = {str(sku) for sku, _ in done.get("lines", ())}
    return len(items) == 1 and items[0].product is not None and items[0].product not in recorded


def _swap_named(turn: Turn, event: LastMovement, text: str) -> tuple[str, int | None] | None:
    """The product (and quantity, if said) a correction says a sale or an arrival was of:
    `erreur c'est fanta pas coca`, `c'était du fer 10 pas 8` (the 10 is Fer 10mm's), `c'était
    3 fanta`; None when it names none, or several."""
    latest = event.movement
    if latest is None or latest.kind not in _WHOLE or not text:
        return None
    items = moves.commanded(turn, latest.kind, text)
    if len(items) != 1 or items[0].product is None or not turn.product(items[0].product):
        return None
    return items[0].product, items[0].quantity


def _ask_swap(
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
        _say_sold(turn, movement.sku, wrong.quantity, movement.left)
        return
    token = turn.new_token()
    body = turn.t(
        f"confirm_swap_{movement.kind}",
        new=turn.line_text(sku, quantity),
        old=turn.line_text(movement.sku, movement.left),
        when=movement.when,
    )
    (movement_id, first), *more = parts
    _ask_yes(
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
        fix=None,
        swap=[sku, quantity],
    )


def _say_sold(turn: Turn, sku: str, available: int, quantity: int) -> None:
    """An arrival of the wrong product cannot be taken back: its units were sold since."""
    turn.say(
        "swap_sold",
        available=turn.amount(max(available, 0), sku),
        name=turn.name(sku),
        old=turn.line_text(sku, quantity),
    )


def _ask_yes(turn: Turn, body: str, token: str, **context: Any) -> None:
    """Ask "`body` [Oui] [Non]" for this flow; `context` is what the yes then does."""
    turn.ask(
        State.AWAITING_CONFIRMATION,
        Reply(body, buttons=turn.yes_no("undo", token)),
        flow=FLOW,
        token=token,
        dropped=worded_later("undo_dropped"),
        **context,
    )


def _recorded_with(movement: MovementView, recent: Sequence[MovementView]) -> list[MovementView]:
    """`movement` and the others the same message recorded (newest first), for a sale or an
    arrival."""
    if movement.kind not in _WHOLE or not movement.recording:
        return [movement]
    return [m for m in recent if m.recording == movement.recording and m.kind == movement.kind]


def _ask_whole(turn: Turn, recent: Sequence[MovementView], *, exchange: bool = False) -> None:
    """Take back every line of one recording (`recent`, newest first), in the order written;
    `exchange`: a customer's return and a sale recorded together."""
    # An exchange: what was sold comes back first (the same product brought back may be in it).
    first, *more = written = list(recent) if exchange else list(reversed(recent))
    lines = turn.lines_text([(m.sku, m.left) for m in written])
    token = turn.new_token()
    said = "exchange" if exchange else first.kind
    body = turn.t(f"confirm_undo_whole_{said}", when=first.when, lines=lines)
    _ask_yes(
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


def product_named(turn: Turn, words: str) -> str:
    """What `words` call a product of the catalogue: its name (or the words, for several)."""
    matcher = turn.view.matcher
    if matcher is None:
        return ""
    parsed = matcher.parse(words)
    if parsed.product is not None:
        return turn.name(parsed.product)
    return words if parsed.candidates else ""


def answer(turn: Turn, reading: Reading) -> bool:
    if turn.ctx.get("ask") == UNIT:
        return _answer_unit(turn, reading)
    said = reading.answer
    if said is Answer.YES:
        _decide(turn, True)
        return True
    if said in (Answer.NO, Answer.LATER):
        _decide(turn, False)
        return True
    if _asked_again(turn, reading.request):
        turn.repeat_question()  # not "Rien n'est annulé" then the same question
        return True
    return False


def _asked_again(turn: Turn, request: Request | None) -> bool:
    """`annule ma dernière vente` retyped while its own question waits: the same undo (no
    quantity, no product, the same kind of movement or none said)."""
    return (
        request is not None
        and request.kind is RequestKind.UNDO
        and request.quantity is None
        and not product_named(turn, request.rest)  # `undo the last one`: no product
        and turn.ctx.get("fix") is None
        and request.movement in (None, turn.ctx.get("kind"))
    )


def choose(turn: Turn, chosen: ChoiceId) -> None:
    _decide(turn, chosen.value == "yes")


def _decide(turn: Turn, yes: bool) -> None:
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
        effect = RecordMovement("sale" if sale else "receipt", line, key, adds_to)
    elif ctx.get("swap") and ctx["kind"] == "sale":
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
    )


def reversed_(turn: Turn, event: MovementReversed) -> None:
    memo = turn.recall()
    fix = memo.get("fix")
    if memo.get("swapped"):  # a sale: the right product was recorded first
        _say_swapped(turn, memo, event.kind, *memo["swapped"])
        return
    if memo.get("swap") and event.kind in _WHOLE:  # the right product recorded in its place
        sku, quantity = memo["swap"]
        recorded: MovementKindName = "sale" if event.kind == "sale" else "receipt"
        line = ((str(sku), int(quantity)),)
        turn.settle(RecordMovement(recorded, line, f"{memo['key']}:swap"), **memo)
        return
    kind = "exchange" if memo.get("exchange") else _KIND_WORD.get(event.kind, "sale")
    if fix is None:
        turn.forget_done()
    moved = ((event.sku, event.quantity, event.after), *event.more)
    if len({sku for sku, _, _ in moved}) > 1 or kind == "exchange":
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
    kind = _KIND_WORD.get(event.kind, "sale")
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
    turn.say(
        f"swapped_{_KIND_WORD.get(kind, 'sale')}",
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
        _say_sold(turn, event.sku, event.available, int(shown[1]))
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
