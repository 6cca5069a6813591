"""Undo and correction after the fact: `annule ma dernière vente`, `je me suis trompé, c'était 3
pas 5`, or `non c'est 4` right after something was recorded. The manager's last movement is
shown and, once confirmed, taken back by a compensating movement (the ledger is never edited);
a quantity that was too small gets a movement for the difference; an order just placed gets its
quantity changed.

This module only routes what answers the undo question (a yes, a no, the undo typed again, a
number of the product's unit); the flow's parts:
- `asked`: what the manager asks to take back or correct, and the movement looked up for it;
- `question`: the movement found, shown to be taken back or corrected (`swaps`: of the wrong
  product; `fixes`: in another unit, of a count or a loss);
- `applied`: the yes, the effect it asks for and what is said of its result;
- `base`: what they share (what was just recorded, how a question is asked)."""

from __future__ import annotations

from intents.answers import NOT_WORDS, Answer, correction, keys_of, numbers_in
from intents.cue_words import WORDS, Cue
from intents.missing import BUT_WORDS
from intents.requests import Request, RequestKind
from state.choices import ChoiceId
from state.flows.moves.settle import says_stock
from state.flows.undo.applied import added, changed, decide, refused, reversed_, short
from state.flows.undo.asked import (
    correct_done,
    corrects,
    replaces_recorded,
    start,
    take_back_recent,
)
from state.flows.undo.base import (
    FLOW,
    KINDS,
    REASONS,
    RECENT,
    UNIT,
    done_kind,
    look_up,
    product_named,
    recent_done,
)
from state.flows.undo.fixes import answer_unit
from state.flows.undo.question import found
from state.matching import Offered
from state.turn import Reading, Turn

__all__ = [
    "FLOW",
    "KINDS",
    "RECENT",
    "added",
    "answer",
    "changed",
    "choose",
    "correct_done",
    "corrects",
    "done_kind",
    "found",
    "one_line_of_all",
    "product_named",
    "recent_done",
    "refused",
    "replaces_recorded",
    "reversed_",
    "short",
    "start",
    "take_back_recent",
]


def answer(turn: Turn, reading: Reading) -> bool:
    if turn.ctx.get("ask") == UNIT:
        return answer_unit(turn, reading)
    if _corrected_instead(turn, reading) or one_line_of_all(turn, reading):
        return True
    said = reading.answer
    if said is Answer.YES:
        decide(turn, True)
        return True
    if said in (Answer.NO, Answer.LATER):
        decide(turn, False)
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
        and _same_movement(turn, request.movement)
    )


def _same_movement(turn: Turn, movement: str | None) -> bool:
    """Whether `movement` said (a kind, a reason of `REASONS`, or none) is the one the question
    waiting is about (`annule la perte` under « Annuler l'inventaire … ? » is not)."""
    if movement is None:
        return True
    kind, why = turn.ctx.get("kind"), turn.ctx.get("why") or ""
    if movement in REASONS:
        return kind == REASONS[movement] and why == movement
    return kind == movement and not why


def _corrected_instead(turn: Turn, reading: Reading) -> bool:
    """`non c'est 3`, `c'était 3 pas 2` while « Annuler la vente de 2 … ? » waits: the movement
    is not to be taken back but corrected, asked as such (one movement; of several lines, which
    one is not said)."""
    if turn.ctx.get("fix") is not None or turn.ctx.get("more") or turn.ctx.get("exchange"):
        return False
    found = correction(reading.text)
    if found is None or found.quantity is None or found.other:
        return False
    if not (found.negated or found.marked or found.was is not None):
        return False  # `3`: no correction said
    sku = str(turn.ctx.get("sku") or "")
    if found.rest and sku not in Offered([sku], turn.view.matcher).pick(found.rest):
        return False  # `non c'est 3 savon` about the rice: another command
    seen = list(turn.ctx.get("seen") or [])
    kind = str(turn.ctx.get("kind") or "") or None
    want = {"fix": found.quantity, "was": found.was, "words": turn.name(sku), "text": reading.text}
    look_up(turn, kind, {**want, "seen": seen})
    return True


def one_line_of_all(turn: Turn, reading: Reading) -> bool:
    """`non juste le savon`, `annule le savon`, `le savon seulement` under « Annuler toute la
    vente : 2 sacs de riz, 3 cartons de savon ? »: that line alone is asked to be taken back
    (it was « rien n'est annulé », or the soap's stock); `annule tout`: all of it (it was
    « rien n'est annulé »); `tout sauf le riz`: the other line, asked (never all of it).
    Not a number (a correction), not a line said to be kept (`pas le
    riz`), not a stock question."""
    skus = [str(sku) for sku in turn.ctx.get("skus") or ()]
    if len(skus) < 2 or turn.ctx.get("exchange") or turn.ctx.get("fix") is not None:
        return False
    keys = keys_of(reading.text)
    if numbers_in(keys).values or says_stock(reading.text):
        return False
    but = next((i for i, k in enumerate(keys) if k in BUT_WORDS), None)
    if but is not None:  # `tout sauf le riz`: the other lines, asked
        kept = set(Offered(skus, turn.view.matcher).pick(" ".join(keys[but + 1 :])))
        picked = [sku for sku in skus if sku not in kept]
        if not kept or not picked:
            return False
        if len(picked) > 1:
            return _all_but(turn, kept)
    elif any(k in NOT_WORDS for k in keys):
        return False
    elif any(k in WORDS[Cue.ALL] for k in keys) and reading.answer is not Answer.NO:
        decide(turn, True)  # `annule tout`, `oui tout`: all of it, as asked
        return True
    else:
        picked = list(Offered(skus, turn.view.matcher).pick(reading.text))
        if len(picked) != 1:
            return False
    kind = str(turn.ctx.get("kind") or "") or None
    turn.answered()
    start(turn, Request(RequestKind.UNDO, turn.name(picked[0]), movement=kind))
    return True


def _all_but(turn: Turn, kept: set[str]) -> bool:
    """The lines of the recording asked about other than those `kept`, asked to be taken back
    together (looked up again: the question shows them)."""
    recording = str(turn.ctx.get("recording") or "")
    if not recording:
        return False
    kind = str(turn.ctx.get("kind") or "") or None
    turn.answered()
    look_up(turn, kind, {"whole": True, "but": sorted(kept)}, key=recording)
    return True


def choose(turn: Turn, chosen: ChoiceId) -> None:
    decide(turn, chosen.value == "yes")
