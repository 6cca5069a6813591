"""A grouped low-stock push as a question: several products low in one message ("📋 Stock à
surveiller … Répondez OUI pour les commander"), answered by typing (it has no buttons).

A yes (`oui`, `ok`, `waaw`, `vas-y`, `yes go`, `commande`) drafts one order of the products it
lists that are still low and not on order then, each with its reorder quantity, confirmed as
any order; a no or a "later" (`non`, `plus tard`, `deedeet`) puts them off. Anything else is no
answer to it: the summary is left quietly and the message read as if nothing waited (`stock
riz`, `merci`, a sale), so a list nobody asked for never holds a message up; a yes or a no
typed after that command still answers it, as a single product's push is (`alerts.left_push`).
"""

from __future__ import annotations

from collections.abc import Iterable

from intents import Intent
from intents.answers import ORDER_WORDS, Answer, holds_on, keys_of
from intents.requests import RequestKind
from state.drafts import Draft, Line
from state.effects import AnswerAlerts
from state.events import AlertsPostponed, AlertsToOrder, SummaryPushed
from state.flows import moves
from state.flows.alerts import LATER_WORDS, left_push, replaces_waiting
from state.machine import Left, State
from state.turn import Reading, Turn

FLOW = "alerts"
KINDS: frozenset[str] = frozenset()  # no buttons: typed answers only


def pushed(turn: Turn, event: SummaryPushed) -> None:
    """The summary is the question waiting (the conversation had nothing else waiting, or the
    manager quoted it: `alerts.replaces_waiting`)."""
    token = f"alerts-{event.alert_ids[0]}"
    if not replaces_waiting(turn, token):
        return
    turn.ask(
        State.AWAITING_CONFIRMATION,
        event.question,
        flow=FLOW,
        token=token,
        alert_ids=list(event.alert_ids),
        at=turn.conv.now.isoformat(),
    )


def answer(turn: Turn, reading: Reading) -> bool:
    """A yes or a no to the summary waiting; False for anything else (the caller leaves the
    summary and reads the message as a new one)."""
    request = reading.request
    if request is not None and not (request.kind is RequestKind.THANKS and reading.answer):
        return False  # `mes commandes`, `ventes du jour`: a request of its own (`ok merci`: a yes)
    parsed = reading.parsed
    if parsed is not None and parsed.product is not None and parsed.score > 0:
        return False  # `oui commande 20 riz`: a command about one product
    return _answered(turn, reading, turn.ctx.get("alert_ids", ()))


def resumed(turn: Turn, reading: Reading) -> bool:
    """With nothing waiting, `oui`, `plus tard` to the summary the last command replaced (`stock
    riz`, a sale recorded in between), while it could still be waiting."""
    old = left_push(turn, reading, FLOW)
    return old is not None and _answered(turn, reading, old.get("alert_ids", ()))


def _answered(turn: Turn, reading: Reading, listed: Iterable[int]) -> bool:
    """Order the alerts `listed` (of those still low) or put them off; False for no answer."""
    parsed = reading.parsed
    keys = keys_of(reading.text)
    holding = holds_on(reading.text)  # `xaaral`, `hold on`: what the push offers, later
    said = reading.answer
    alert_ids = tuple(int(i) for i in listed)
    if said in (Answer.NO, Answer.LATER) or any(k in LATER_WORDS for k in keys) or holding:
        _answer(turn, AnswerAlerts(alert_ids, "later"))
        return True
    ordering = any(k in ORDER_WORDS for k in keys) or (
        parsed is not None and parsed.intent is Intent.RESTOCK and parsed.quantity is None
    )
    if said is Answer.YES or ordering:
        _answer(turn, AnswerAlerts(alert_ids, "order"))
        return True
    return False


def leave(turn: Turn) -> None:
    """The message answers nothing of the summary: it no longer waits (nothing is lost)."""
    turn.drop_question(Left.REPLACED)


def _answer(turn: Turn, effect: AnswerAlerts) -> None:
    if turn.then:  # `oui et vendu 2 savon`: the order is placed, not asked again
        turn.settle(effect, agreed=True)
        return
    if turn.adds is not None:  # `oui et ajoute 10 sucre`: the order asked with the sugar
        turn.settle(effect, adds=turn.adds)
        return
    turn.answered()
    turn.finish()
    turn.do(effect)


def to_order(turn: Turn, event: AlertsToOrder) -> None:
    """The products still low: one order of them all, each with its reorder quantity, asked
    as any order is ("Commander : 10 bidons de …, 30 paquets de … ?"); placed at once when the
    yes came with another command (`oui et vendu 2 savon`: nothing asked again); asked with
    what the yes added (`oui et ajoute 10 sucre`)."""
    memo = turn.recall()
    agreed = bool(memo.get("agreed"))
    if event.switched:
        turn.say(
            "store_switched",
            name=event.switched,
            code=turn.view.store.code if turn.view.store else "",
        )
    lines = tuple(
        Line(sku=sku, quantity=quantity or None)
        for sku, quantity in event.lines
        if turn.product(sku) is not None
    )
    if not lines:
        turn.say("already_handled")
        return
    moves.advance(turn, Draft("restock", lines, agreed=agreed))
    if memo.get("adds"):
        moves.amend(turn, str(memo["adds"]))


def postponed(turn: Turn, _event: AlertsPostponed) -> None:
    turn.say("alerts_later_ack")
