"""Lines of what was just recorded, named to take back: `annule le sucre`, `supprime le sucre`,
`remove the sugar` take back that line (of a sale of several, that line only); `enlève 1 savon`
right after a sale of 3 soaps corrects that line to 2. Each is shown and confirmed first, as any
undo (`state.flows.undo`)."""

from __future__ import annotations

from intents import Intent
from intents.answers import Correction, keys_of, numbers_in
from intents.cue_words import UNDO_VERBS
from intents.requests import Request, RequestKind
from state.flows import moves
from state.flows.undo import correct_done, done_kind, product_named, recent_done, start
from state.matching import Offered
from state.turn import Reading, Turn

_PARTS = frozenset({"sale", "receipt"})  # what a number of a product is taken out of
# What a removing verb is otherwise read as (`supprime le sucre`: a stock question); not help
# (`comment supprimer une ligne ?`) nor a greeting.
_MISREAD = frozenset({Intent.STOCK_QUERY, Intent.STOCK_OVERVIEW, Intent.UNKNOWN})


def removes(reading: Reading) -> bool:
    """`annule`, `supprime le sucre`, `enlève ça`, `remove the sugar`, `dindi sukar bi`: a
    cancel, or a removing verb and no number, which no request read (`annule la vente de riz`
    is one)."""
    parsed = reading.parsed
    if parsed is None or parsed.intent is Intent.CANCEL:
        return parsed is not None
    keys = keys_of(reading.text)
    removing = any(k in UNDO_VERBS for k in keys) and not numbers_in(keys).values
    return removing and parsed.intent in _MISREAD


def takes_back_named(turn: Turn, reading: Reading) -> bool:
    """`annule le sucre`, `cancel the sugar`, nothing waiting: that product's last movement
    (of the kind just recorded, if anything was) asked to be taken back, as `annule la vente de
    sucre` is; right after a sale of several lines, that line only, not the whole sale."""
    words = _product_words(reading.text)
    kind = done_kind(turn)
    if kind == "order" or not words or not product_named(turn, words):
        return False  # `annule`, `annule stp`, orders just placed: what was just done, whole
    start(turn, Request(RequestKind.UNDO, words, movement=kind))
    return True


def takes_out_some(turn: Turn, reading: Reading) -> bool:
    """`enlève 1 savon`, `retire 1 savon de la vente`, `remove 1 soap` right after a sale (an
    arrival) of 3 soaps: that line corrected to 2 (all of it: that line taken back). It was a
    stock question, or another sale of 1."""
    done = recent_done(turn)
    keys = keys_of(reading.text)
    numbers = numbers_in(keys).values
    if done is None or done.get("kind") not in _PARTS or len(numbers) != 1:
        return False
    if not any(k in UNDO_VERBS for k in keys):
        return False
    words = _product_words(reading.text)
    lines = {str(sku): int(quantity) for sku, quantity in done.get("lines", ())}
    picked = Offered(list(lines), turn.view.matcher).pick(words) if words else []
    if len(picked) != 1:
        return False
    left = lines[picked[0]] - numbers[0][2]
    if left < 0:
        return False
    if left == 0:
        start(turn, Request(RequestKind.UNDO, words, movement=str(done["kind"])))
        return True
    return correct_done(turn, Correction(quantity=left, rest=words), reading.text)


def _product_words(typed: str) -> str:
    return " ".join(word for word in moves.product_words(typed).split() if word not in UNDO_VERBS)
