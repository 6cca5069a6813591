"""What the manager asks to take back or correct: `annule ma dernière vente`, `c'était 3
pas 5`, a bare `annule` or `non c'est 4` right after a recording; the movement is then looked
up (`FindLastMovement`), and its question asked by `question`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from intents import Intent
from intents.answers import (
    Correction,
    corrected_words,
    correction,
    keys_of,
    puts_off,
    says_later,
    sets_amount,
    size_wish,
    wants_other,
)
from intents.other_kind import kind_meant
from intents.requests import Request, RequestKind
from intents.requests.losses import tells_loss
from intents.units import UNIT_WORDS
from state.flows import moves, orders
from state.flows.moves.corrections.additions import says_too
from state.flows.moves.units import counted_in_unit
from state.flows.stated import says_finished
from state.flows.undo.base import WHOLE, ask_yes, done_kind, look_up, recent_done
from state.machine import DONE_KEY
from state.matching import Offered, one_measure
from state.turn import Reading, Turn

_CORRECTING = frozenset({Intent.NO, Intent.UNKNOWN, Intent.STOCK_QUERY})
# The kind of recording a command's verb says, as `done_kind` names it.
_DONE_AS = {"sale": "sale", "receipt": "receipt", "restock": "order"}


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
    want = {"fix": request.quantity, "was": request.was, "words": request.rest, "text": text}
    look_up(turn, request.movement, want)


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
        look_up(turn, None, {"whole": True, "exchange": True}, key=str(key))
        return True
    if len(done.get("lines", ())) > 1 and key and kind in WHOLE:
        look_up(turn, kind, {"whole": True}, key=str(key))  # a sale of several lines: all
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
    naming no product (`en fait 4`, `en fait 4 cartons`) is such a correction too; a product
    said to be out (`le lait est fini`: `est` marks corrections) is not."""
    if not turn.ctx.get(DONE_KEY):
        return False  # nothing recorded to correct (`correct_done`): the text is not read for one
    if says_finished(reading.text):
        return False  # `le lait est fini`, `gazelle bi dafa jeex`: its stock, a count
    if done_kind(turn) != "loss" and tells_loss(keys_of(reading.text)):
        return False  # `on a jeté 4 kg de thiof, c'était gâté` after an arrival: a loss
    if _other_kind(turn, reading.text):
        return True  # `oups c'était une livraison pas une vente`
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
        action = _DONE_AS.get(moves.action_of(parsed.intent) or "")
        if action is not None and action == done_kind(turn):
            # `non j'ai vendu 3`, `no I sold 3` right after a sale, `commande 12 au lieu de
            # 20` right after 20 were ordered: its quantity, said again
            found = correction(reading.text, measure=_measure_done(turn))
            if found is None or not (found.negated or replaces_recorded(turn, found)):
                return False
            if moves.product_words(found.rest):
                return False  # `non j'ai vendu 3 savon`: a sale of soap, read as such
            return correct_done(turn, replace(found, rest=""))
        if parsed.intent not in _CORRECTING:
            return False
    found = correction(reading.text, measure=_measure_done(turn))
    return (
        found is not None
        and (
            found.negated
            or found.marked
            or sets_amount(reading.text)  # `make it 4` right after a sale of 2
            or replaces_recorded(turn, found)
        )
        and correct_done(turn, found, reading.text)
    )


def replaces_recorded(turn: Turn, found: Correction) -> bool:
    """`12 au lieu de 20`, `3 pas 5`: the number said to be replaced is the quantity of a line
    just recorded (or ordered), so the message corrects it, though it opens with no `non`."""
    done = recent_done(turn)
    if found.was is None or done is None:
        return False
    return any(int(quantity) == found.was for _, quantity in done.get("lines", ()))


def _other_kind(turn: Turn, text: str) -> bool:
    """`oups c'était une livraison pas une vente`, `it was a sale not a delivery` right after a
    sale or an arrival (all its lines): it is offered as the other kind (`swaps.ask_kind_swap`)."""
    done = recent_done(turn)
    meant = kind_meant(text)
    if done is None or meant not in WHOLE or done.get("kind") not in WHOLE or done["kind"] == meant:
        return False
    if done.get("exchange"):
        return False
    if len(done.get("lines", ())) > 1 and done.get("key"):  # the lines of one sale: all of them
        look_up(turn, str(done["kind"]), {"whole": True, "kind_meant": meant}, key=str(done["key"]))
        return True
    look_up(turn, str(done["kind"]), {"kind_meant": meant, "seen": _seen_keys(done)})
    return True


def _measure_done(turn: Turn) -> str:
    """The size unit the products just recorded are counted in (`m` of fabric by the metre: `en
    fait 4 mètres` is 4, of the one line in metres among several: `_line_meant`), or '' when
    none is, or they are counted in two."""
    lines = list((recent_done(turn) or {}).get("lines") or [])
    return one_measure(turn.unit(str(sku)) for sku, _ in lines)


def _names_a_product(words: str) -> bool:
    """A count's words name a product, not only a unit (`en fait 4 cartons`: the amount)."""
    return any(word not in UNIT_WORDS for word in words.split())


def correct_done(turn: Turn, found: Correction, text: str = "") -> bool:
    """`non c'est 4` with nothing waiting, right after something was recorded: correct it; `non
    c'était le sucre morceaux` (`text`) names the product it should have been."""
    done = recent_done(turn)
    if done is not None and found.quantity is None and _order_swapped(turn, done, text):
        return True  # `non le S`, `l'autre` right after 20 T-shirts M were ordered
    if done is None or (found.other and not _names_another(turn, done, text)):
        return False
    if found.quantity is None and not _names_another(turn, done, text):
        return False
    order = done.get("kind") == "order" and not found.rest and "order_id" in done
    if order and found.quantity is not None:
        order_id = int(done["order_id"])
        sku, quantity = done["lines"][0]
        if _ask_order_swap(turn, order_id, str(sku), int(quantity), found):
            return True
        if quantity == found.quantity:
            return False
        token = turn.new_token()
        body = turn.t(
            "confirm_order_change",
            order=order_id,
            quantity=turn.amount(found.quantity, str(sku)),
            name=turn.name(str(sku)),
        )
        ask_yes(
            turn,
            body,
            token,
            order_id=order_id,
            sku=sku,
            quantity=found.quantity,
        )
        return True
    words = found.rest
    if not words and len(done.get("lines", ())) != 1:
        meant = _line_meant(turn, done, found, text)  # `c'était 3 sacs pas 5`: of the rice
        words = turn.name(meant) if meant is not None else ""
    elif size_wish(words) is not None and len(done.get("lines", ())) > 1:
        # `la petite c'était 2` after the big and the small water: the small one's line (the
        # words alone named the smallest of the whole shop, and another sale was corrected)
        picked = Offered([str(sku) for sku, _ in done["lines"]], turn.view.matcher).pick(words)
        if len(picked) != 1:
            return False
        words = turn.name(picked[0])
    if done.get("kind") == "order" or (not words and len(done.get("lines", ())) != 1):
        return False  # which line of several? (`non c'est 4 riz` says)
    want = {
        "fix": found.quantity,
        "was": found.was,  # `pas le 10 le 20` after 2 of Spark 10: the numbers name products
        "words": words,
        "text": text,
        "seen": _seen_keys(done),
    }
    look_up(turn, str(done["kind"]), want)
    return True


def _line_meant(turn: Turn, done: dict[str, Any], found: Correction, text: str) -> str | None:
    """The product of the one line of several just recorded that a correction naming none is
    about: the line of the number it replaces (`3 pas 5` after 5 rice and 2 oil), else the one
    counted in the unit it says (`c'était 3 sacs`); None when that is not one line."""
    lines = [(str(sku), int(quantity)) for sku, quantity in done.get("lines", ())]
    if found.was is not None:
        lines = [(sku, quantity) for sku, quantity in lines if quantity == found.was]
    if len(lines) > 1 and found.quantity is not None:
        kept = counted_in_unit(turn, [sku for sku, _ in lines], text, found.quantity)
        lines = [(sku, quantity) for sku, quantity in lines if sku in kept]
    return lines[0][0] if len(lines) == 1 else None


def _ask_order_swap(turn: Turn, order_id: int, sku: str, quantity: int, found: Correction) -> bool:
    """`pas le 2000 le 5000`, `non celle de 5000` right after 50 Orange 2000 F cards were
    ordered: the numbers name a sibling, not a quantity; offered to order it instead (the
    order cancelled, the sibling ordered in the same quantity)."""
    meant = moves.sibling_meant(turn, sku, quantity, found)
    if meant is None:
        return False
    _offer_order_swap(turn, order_id, sku, quantity, meant)
    return True


def _order_swapped(turn: Turn, done: dict[str, Any], text: str) -> bool:
    """`non le S`, `non c'était le sucre morceaux`, `l'autre` right after one product was
    ordered: words that name another product (a sibling, or one named whole) offer to order it
    instead, as the numbers of `_ask_order_swap` do."""
    lines = list(done.get("lines", ()))
    if done.get("kind") != "order" or "order_id" not in done or len(lines) != 1 or not text:
        return False
    sku, quantity = str(lines[0][0]), int(lines[0][1])
    items = moves.commanded(turn, "restock", text)
    named = items[0].product if len(items) == 1 else None
    meant = named if named is not None else moves.sibling_named(turn, sku, text)
    if meant is None or meant == sku or _more_than_named(turn, meant, text):
        return False
    _offer_order_swap(turn, int(done["order_id"]), sku, quantity, meant)
    return True


def _more_than_named(turn: Turn, meant: str, text: str) -> bool:
    """Whether `text` says more than the product it names after its no: it puts off (`non
    merci, le savon je verrai demain`, `le savon on verra`), adds (`le savon aussi`) or holds
    words of no product (`le savon de Touba`, not a word of the soap)."""
    if puts_off(text) or says_later(text) or says_too(text):  # `le savon aussi`: more
        return True
    if wants_other(text):  # `l'autre`, `the other one`: the product meant, nothing more
        return False
    return bool(Offered([meant], turn.view.matcher).unnamed(corrected_words(text)))


def _offer_order_swap(turn: Turn, order_id: int, sku: str, quantity: int, meant: str) -> None:
    body = turn.t(
        "confirm_order_swap",
        order=order_id,
        new=turn.line_text(meant, quantity),
        old=turn.line_text(sku, quantity),
    )
    ask_yes(turn, body, turn.new_token(), order_id=order_id, reorder=[meant, quantity])


def _names_another(turn: Turn, done: dict[str, Any], text: str) -> bool:
    """Whether `text` names one product, not the one recorded (`non c'était le sucre
    morceaux` right after a sale of sugar in powder, `non le 5l` after one of oil 1L)."""
    kind = str(done.get("kind"))
    if kind not in WHOLE or not text:
        return False
    items = moves.commanded(turn, kind, text)
    recorded = [str(sku) for sku, _ in done.get("lines", ())]
    if len(items) == 1 and items[0].product is not None:
        return items[0].product not in recorded
    if len(recorded) != 1:
        return False
    # `non le 5l`, `l'autre`; `pas le blanc le noir` after white thread (black voile aside)
    return moves.sibling_among(turn, recorded[0], text, items) is not None
