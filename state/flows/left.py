"""What was left unanswered: an answer to a question that just expired, or a tap on one no
longer waiting, is told why nothing was done and the command that does it now; the answer to a
question a detour replaced (`stock huile ?` at « combien de sacs ? », nothing asked since) takes
it up again."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from intents.answers import Answer
from state.drafts import Draft
from state.flows import listed, moves, talk
from state.flows.moves.settle import TRANSACTIONS
from state.machine import LEFT_KEY, Left, State
from state.matching import Offered
from state.quantities import read_answer
from state.turn import Reading, Turn


def expired_answer(turn: Turn, reading: Reading) -> bool:
    """`oui`, `non`, a number, or a pick among the products offered (`2`, `le petit`) answering
    the question that just expired: say it expired."""
    old = dict(turn.ctx[LEFT_KEY][-1])
    state = old.get("state")
    said = reading.answer
    if state == State.AWAITING_CONFIRMATION and said in (Answer.YES, Answer.NO):
        if said is Answer.NO:
            _said_no(turn, old)  # `non`: nothing recorded, as asked (not "type it again")
        else:
            say_left(turn, old)
        return True
    parsed = reading.parsed
    if state == State.AWAITING_QUANTITY and parsed is not None:
        quantity = read_answer(parsed, reading.text)
        if isinstance(quantity, int):
            say_left(turn, old, quantity=quantity)
            return True
    offer = [str(s) for s in old.get("offer", ())]
    # A product named on its own (`le 5l`) is a new question about it, as any message after an
    # expiry: only a pick that means nothing else (`2`, `le 2e`, `le petit`) is told it expired.
    if state == State.AWAITING_PRODUCT and offer and (parsed is None or parsed.product is None):
        picked = Offered(offer, turn.view.matcher).pick(reading.text)
        if len(picked) == 1:
            say_left(turn, old, sku=picked[0])
            return True
    return False


def _said_no(turn: Turn, old: Mapping[str, Any]) -> None:
    """A no to a question left unanswered: what it would have recorded is not, as asked."""
    data = old.get("draft")
    draft = Draft.from_dict(data) if isinstance(data, Mapping) else None
    if draft is not None and draft.action != "stock":
        turn.say(f"{draft.wording}_no")
    else:
        turn.say(f"left_{old.get('why', Left.REPLACED.value)}_short")


def say_left(
    turn: Turn, old: Mapping[str, Any], *, sku: str | None = None, quantity: int | None = None
) -> None:
    """Nothing was done, why, and the command that does it now when there is one."""
    why = old.get("why", Left.REPLACED.value)
    data = old.get("draft")
    draft = Draft.from_dict(data) if isinstance(data, Mapping) else None
    if draft is not None and len(draft.lines) == 1:
        line = draft.lines[0]
        sku = sku or line.sku
        quantity = quantity or line.quantity
        if sku and turn.product(sku):
            words = [turn.t(f"verb_{draft.action}"), turn.name(sku)]
            if quantity and draft.action != "stock":
                words.append(str(quantity))
            turn.say(f"left_{why}", command=" ".join(words))
            return
    turn.say(f"left_{why}_short")


def old_choice(turn: Turn, kind: str, key: str, value: str) -> None:
    """A tap on a question no longer waiting: why nothing was done if it was left unanswered,
    else (it was answered, or is not this manager's) that it was handled."""
    old = turn.left(kind, key)
    if old is None:
        turn.say("already_handled")
    elif value == "no":
        _said_no(turn, old)
    else:
        say_left(turn, old, sku=value if kind == "product" else None)


def detour_answer(turn: Turn, reading: Reading) -> bool:
    """A number to « combien ? », a pick among the products offered (`le petit`, `2`), or a
    yes to « Enregistrer … ? », right after a detour replaced that question of a sale or an
    arrival (`stock huile ?`, `bilan`: no question asked since, the question not yet expired):
    it is taken up with that answer (offered again for a yes). A product named on its own is a
    question of its own."""
    left = list(turn.ctx.get(LEFT_KEY) or ())
    old = dict(left[-1]) if left else {}
    data = old.get("draft")
    draft = Draft.from_dict(data) if isinstance(data, Mapping) else None
    if draft is None or draft.action == "stock" or not _detoured(turn, old):
        return False
    index = int(old.get("line", 0))
    if not 0 <= index < len(draft.lines):
        return False
    line = draft.lines[index]
    parsed = reading.parsed
    if parsed is not None and parsed.intent in TRANSACTIONS:
        return False  # `reçu 10`, `vendu 2`: a command of its own (the question was said dropped)
    state = old.get("state")
    if state == State.AWAITING_QUANTITY and parsed is not None and line.sku:
        if listed.picked(turn, reading.text):
            return False  # `2` right after `stock huile`: the second oil's stock
        quantity = read_answer(parsed, reading.text)
        if not isinstance(quantity, int) or quantity <= 0:
            return False
        line = replace(line, quantity=quantity)
    elif state == State.AWAITING_PRODUCT and (parsed is None or parsed.product is None):
        if listed.picked(turn, reading.text):
            return False  # `le petit` right after `stock huile`: the small oil's stock
        offer = [str(s) for s in old.get("offer", ())]
        picked = Offered(offer, turn.view.matcher).pick(reading.text) if offer else ()
        if len(picked) != 1:
            return False
        line = replace(line, sku=picked[0], guessed=False)
    elif state != State.AWAITING_CONFIRMATION or not _says_yes(reading):
        return False  # `oui` to « Enregistrer la vente … ? » a `stock bazin` dropped: asked again
    turn.ctx[LEFT_KEY] = left[:-1]
    turn.ctx["misses"] = 0
    moves.advance(turn, draft.with_line(index, line))
    return True


def _says_yes(reading: Reading) -> bool:
    """A yes, not an acknowledgement of the detour's answer (`ok`, `c bon` after a stock)."""
    return reading.answer is Answer.YES and not talk.acknowledges(reading)


def _detoured(turn: Turn, old: Mapping[str, Any]) -> bool:
    """Whether `old`, a question of a sale or an arrival, was replaced by the last command, no
    question asked since, and would still be waiting."""
    if old.get("why") != Left.REPLACED.value or old.get("flow") != moves.FLOW:
        return False
    token = str(old.get("token") or "")
    if token.rpartition("-")[2] != str(turn.ctx.get("asked", "")):
        return False  # another question was asked since
    try:
        expires = datetime.fromisoformat(str(old.get("expires")))
    except ValueError:
        return False
    return turn.conv.now < expires
