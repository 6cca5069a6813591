"""An answer and a command in one message (`oui et vendu 2 riz`, `yes and stock sugar`, `waaw
te jaay naa 2 saabu`, `plus tard et reçu 10 savon`), wherever a question takes a yes or a no.

The answer answers the question; the rest is read next, once the answer's effects ran, as a
command of its own (`Turn.replay`), and the answer is final (`Turn.then`: nothing is asked
again, so the command cannot drop it). The questions that take a yes or a no: every
confirmation, the `ALERTES` list's « Commander maintenant ? », the rest of a partial delivery
(« On attend le reste ? »), a count of the guided tour (« C'est juste »), and the alert push
the last command set aside (`alerts.resumed`).

`ajoute`, `add` after a yes to what offers an order (a push, the `ALERTES` list) add to that
order: the order is asked, the addition read under it (as under any draft waiting).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from intents import MIDDLING, Intent
from intents.answers import Answer, answer, answer_then
from intents.requests import RequestKind
from state.flows import alert_summary, alerts, moves, orders, talk, tour
from state.machine import State
from state.turn import Reading, Turn

COMMANDS = frozenset(
    {
        Intent.STOCK_QUERY,
        Intent.STOCK_OVERVIEW,
        Intent.LOW_STOCK,
        Intent.RESTOCK,
        Intent.SALE,
        Intent.RECEIPT,
    }
)
# The flows with questions outside `awaiting_confirmation` that take a yes or a no.
_YES_NO: Mapping[str, Callable[[Turn], bool]] = {
    moves.FLOW: moves.offers_order,
    orders.FLOW: orders.takes_yes_no,
    tour.FLOW: tour.takes_yes_no,
}
# The flows whose question offers an order (a yes orders what it offered).
_OFFERS_ORDER = frozenset({alerts.FLOW, alert_summary.FLOW})


def is_command(reading: Reading) -> bool:
    if reading.request is not None:
        return reading.request.kind is not RequestKind.THANKS
    parsed = reading.parsed
    return parsed is not None and parsed.intent in COMMANDS and parsed.score >= MIDDLING


def answered_then(turn: Turn, reading: Reading, read: Callable[[Turn, str], None]) -> bool:
    """`oui et ajoute 10 sucre`, `ok, vendu 2 riz`, `non et stock sucre` under a question that
    takes a yes or a no: the answer is read (`read`), the rest next. The rest is joined by
    `et`, `and`, `ak`, `te`, `puis`…: without (`non, vendu 3 riz`, `oui commande 20 savon`)
    the message corrects or agrees as before. Not either when the rest is the question's own
    command about its own products (`oui et commande 30 riz` under the push of rice)."""
    if not _takes_yes_no(turn):
        return False
    split = answer_then(reading.text)
    if split is None or turn.replay is not None:
        return False
    if not split.joined and not moves.put_off_order(turn, split.answer):
        return False  # `oui commande 20 savon`: the yes agrees to the command (`talk.agreeing`)
    if not turn.conv.waiting and talk.acknowledges(Reading(split.answer, turn.view)):
        return False  # `ok et stock lait` after `stock sucre`: that answer noted, no yes to a push
    said = answer(split.answer)
    if said is None and not _offers_order(turn):
        return False  # `commande tout et …` answers only what offers an order
    if said is Answer.YES and _offers_order(turn) and moves.adding(split.rest):
        turn.adds = split.rest  # `oui et ajoute 10 sucre` under a push: the order asked with
        read(turn, split.answer)  # the sugar (once the push's order is opened: `alerts`)
        if turn.flow == moves.FLOW:  # asked at once (`ALERTES`)
            moves.amend(turn, split.rest)
        return True
    if moves.adds_to_draft(turn.draft, split.rest):
        return False  # `oui et ajoute 2 savon` under a sale: 2 soap more in it, asked again
    rest = Reading(split.rest, turn.view)
    if not _own_command(rest) or _about_the_question(turn, rest, joined=split.joined):
        return False
    turn.then = turn.replay = split.rest
    read(turn, split.answer)
    if said is Answer.YES and moves.asks_confirmation(turn):
        # `oui et vendu 2 savon` under « 500 sacs, c'est beaucoup : vous confirmez ? »: the yes
        # is to the movement, recorded before the rest is read (not asked, then dropped)
        turn.withdraw_question()
        read(turn, split.answer)
    return True


def _takes_yes_no(turn: Turn) -> bool:
    """Whether the question waiting takes a yes or a no (with nothing waiting: whether the
    push the last command replaced may still be answered)."""
    if not turn.conv.waiting:
        return alerts.set_aside(turn) is not None
    if turn.conv.state == State.AWAITING_CONFIRMATION:
        return True
    takes = _YES_NO.get(turn.flow or "")
    return takes is not None and takes(turn)


def _offers_order(turn: Turn) -> bool:
    if not turn.conv.waiting:
        return True  # the push set aside
    return turn.flow in _OFFERS_ORDER or moves.offers_order(turn)


def _own_command(reading: Reading) -> bool:
    """A command said with its own words (`ajoute 10 sucre`, `stock riz`, `bilan`), not
    a product and a number alone (`3 riz` corrects what was asked)."""
    if not is_command(reading):
        return False
    parsed = reading.parsed
    return (
        reading.request is not None
        or parsed is None
        or parsed.intent is not Intent.STOCK_QUERY
        or moves.asks_stock(reading)
    )


def _about_the_question(turn: Turn, reading: Reading, *, joined: bool = True) -> bool:
    """Whether `reading` is the command the question waiting is about, of its products: `oui et
    commande 30 riz` under the push of rice (an order), `oui et vendu 3 riz` under a sale of
    rice; `oui et vendu 2 riz` under the push of rice is a sale of its own. Not `joined`, the
    question's own action with no product is about it too (`pas maintenant, demain je commande
    30` under the order a push opened)."""
    draft = turn.draft
    question = turn.ctx if turn.conv.waiting else alerts.set_aside(turn) or {}
    asked = set(draft.skus if draft is not None else ())
    asked |= {str(question["sku"])} if question.get("sku") else set()
    parsed = reading.parsed
    if reading.request is not None or parsed is None:
        return False
    action = draft.action if draft is not None else "restock"
    if moves.action_of(parsed.intent) != action:
        return False
    named = {
        sku for item in [parsed, *reading.many] for sku in (item.product, *item.candidates) if sku
    }
    return bool(asked & named) or (not joined and not named)
