"""A guided stock count (`INVENTAIRE` alone): the store's products one question at a time, low
and most-moved first; each count typed is recorded at once (an adjustment setting the counted
quantity). The manager can stop (`stop`, [Arrêter]) and resume later (`INVENTAIRE` again, the
same day); another command in between pauses it."""

from __future__ import annotations

from datetime import datetime, timedelta

from intents import read_quantity
from intents.answers import Answer, keys_of
from intents.normalize import word_keys
from state.choices import ChoiceId, choice_id
from state.effects import PlanCount, SetCount
from state.events import CountPlanned, CountRecorded
from state.machine import TOUR_KEY, State
from state.turn import Reading, Turn
from state.values import Choice, Reply

FLOW = "tour"
KINDS = frozenset({"tour"})
RESUMABLE = timedelta(hours=24)
_SKIP = word_keys("passer passe skip suivant next apres")
_STOP = word_keys("stop arrete arreter arretons fin fini termine terminer pause quit quitter")
_SAME = word_keys("juste pareil meme same correct exact bon ok")


def start(turn: Turn) -> None:
    tour = turn.ctx.get(TOUR_KEY)
    if tour and int(tour["at"]) < len(tour["plan"]) and _recent(turn, tour):
        turn.finish()
        turn.say("tour_resumed", at=int(tour["at"]) + 1, count=len(tour["plan"]))
        _ask(turn)
        return
    turn.finish()
    turn.do(PlanCount())


def _recent(turn: Turn, tour: dict[str, object]) -> bool:
    return turn.conv.now - datetime.fromisoformat(str(tour["started"])) < RESUMABLE


def planned(turn: Turn, event: CountPlanned) -> None:
    skus = [s for s in event.skus if turn.product(s)]
    if not skus:
        assert turn.view.store is not None
        turn.say("overview_empty", store=turn.view.store.name)
        return
    turn.ctx[TOUR_KEY] = {
        "plan": skus,
        "at": 0,
        "changed": 0,
        "started": turn.conv.now.isoformat(),
    }
    turn.say("tour_started", count=len(skus))
    _ask(turn)


def _tour(turn: Turn) -> dict[str, object]:
    tour: dict[str, object] = turn.ctx[TOUR_KEY]
    return tour


def _ask(turn: Turn) -> None:
    tour = _tour(turn)
    plan = [str(s) for s in tour["plan"]]  # type: ignore[attr-defined]
    at = int(tour["at"])  # type: ignore[call-overload]
    while at < len(plan) and turn.product(plan[at]) is None:
        at += 1
    tour["at"] = at
    if at >= len(plan):
        _finished(turn)
        return
    product = turn.product(plan[at])
    assert product is not None
    token = turn.new_token()
    body = turn.t(
        "tour_question",
        at=at + 1,
        count=len(plan),
        name=product.name,
        unit=turn.units(product.sku),
        quantity=turn.amount(product.quantity, product.sku),
    )
    buttons = (
        Choice(choice_id("tour", token, "same"), turn.t("button_same")),
        Choice(choice_id("tour", token, "skip"), turn.t("button_skip")),
        Choice(choice_id("tour", token, "stop"), turn.t("button_stop")),
    )
    turn.ask(
        State.AWAITING_QUANTITY,
        Reply(body, buttons=buttons),
        flow=FLOW,
        token=token,
        sku=product.sku,
        dropped=turn.t("tour_stopped", at=at + 1, count=len(plan)),
    )


def answer(turn: Turn, reading: Reading) -> bool:
    keys = keys_of(reading.text)
    if any(k in _STOP for k in keys):
        _stop(turn)
        return True
    if any(k in _SKIP for k in keys):
        _next(turn)
        return True
    quantity = 0 if keys[:1] in (["0"], ["zero"], ["rien"]) else read_quantity(reading.text).value
    if quantity is not None:
        _count(turn, quantity)
        return True
    if reading.answer is Answer.YES or any(k in _SAME for k in keys):
        _next(turn)
        return True
    return False


def choose(turn: Turn, chosen: ChoiceId) -> None:
    if chosen.value == "stop":
        _stop(turn)
    else:
        _next(turn)


def _count(turn: Turn, counted: int) -> None:
    turn.answered()
    turn.do(SetCount(((str(turn.ctx["sku"]), counted),), key=f"whatsapp:{turn.ctx.get('token')}"))


def counted(turn: Turn, event: CountRecorded) -> None:
    tour = _tour(turn)
    for sku, before, after in event.lines:
        if before != after:
            tour["changed"] = int(tour.get("changed", 0)) + 1  # type: ignore[call-overload]
            turn.say(
                "tour_counted", name=turn.name(sku), before=before, after=turn.amount(after, sku)
            )
    _next(turn)


def _next(turn: Turn) -> None:
    tour = _tour(turn)
    tour["at"] = int(tour["at"]) + 1  # type: ignore[call-overload]
    turn.answered()
    _ask(turn)


def _stop(turn: Turn) -> None:
    tour = _tour(turn)
    turn.answered()
    turn.finish()
    turn.say("tour_stopped", at=int(tour["at"]) + 1, count=len(tour["plan"]))  # type: ignore[arg-type, call-overload]


def _finished(turn: Turn) -> None:
    tour = turn.ctx.pop(TOUR_KEY)
    turn.answered()
    turn.finish()
    turn.say("tour_done", count=len(tour["plan"]), changed=int(tour.get("changed", 0)))
