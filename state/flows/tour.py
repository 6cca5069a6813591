"""A guided stock count (`INVENTAIRE` alone): the store's products one question at a time, low
and most-moved first; each count typed is recorded at once (an adjustment setting the counted
quantity). The manager can stop (`stop`, [Arrêter]) and resume later (`INVENTAIRE` again, the
same day); another command in between (a sale, an arrival, an order, a stock question) pauses
it, and is done.

A number, alone or with the product's name or unit (`40`, `40 boîtes`, `lait 40`), counts the
product asked about. A count naming other products (`riz 40`, `riz 40 et savon 12`) counts
them, asking which when a name fits several, and the tour then asks again about its product.
A correction right after an answer (`oups c'était 25`, `non 25`, `correction : 25 pour le
gaz`) counts again the product answered before, not the one asked about now."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from intents import MIDDLING, Intent, read_quantity
from intents.answers import Answer, correction, keys_of, numbers_in
from intents.normalize import word_keys
from intents.numbers import MAX_QUANTITY
from intents.requests import Readings, RequestKind, relative_count
from intents.stopwords import STOPWORDS
from state.choices import ChoiceId, choice_id
from state.drafts import Draft, Line
from state.effects import PlanCount, SetCount
from state.events import CountPlanned, CountRecorded
from state.flows import moves
from state.machine import TOUR_KEY, State
from state.messages import shorten
from state.turn import Reading, Turn, worded_later
from state.values import Choice, Reply

FLOW = "tour"
KINDS = frozenset({"tour"})
RESUMABLE = timedelta(hours=24)
_SKIP = word_keys("passer passe skip suivant next apres")
_STOP = word_keys("stop arrete arreter arretons fin fini termine terminer pause quit quitter")
_SAME = word_keys("juste pareil meme same correct exact bon ok")
# What says the count just typed was wrong (`oups c'était 25`, `sorry it was 25`, `dafa doon
# 25`), and a no opening a reply (`non 25`, `déedéet, 25 la`).
_FIXING = word_keys(
    "oups oops pardon desole sorry erreur error trompe trompee mistake wrong correction corrige "
    "corriger etait etaient cetait was were meant voulais baal njuumte doon"
)
_NO = word_keys("non no nope nan deet dedet deedeet")
_NOT_NAMING = _FIXING | _NO
# Words around a count that name nothing (`il y en avait 3`, `j'en ai trouvé 3`, `3 en tout`,
# `environ 3`, `3 en réserve`).
_FILLER = (
    _NOT_NAMING
    | STOPWORDS
    | word_keys("avait avais avaient trouve trouves tout environ pres peu reserve dedans compte")
)
# The commands that pause the tour (a stock question only when it holds no count: `riz 40`
# reads as one).
_PAUSING = frozenset({Intent.SALE, Intent.RECEIPT, Intent.RESTOCK})
_ASKING = frozenset({Intent.STOCK_QUERY, Intent.STOCK_OVERVIEW, Intent.LOW_STOCK})


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


def ask_again(turn: Turn) -> None:
    """The product counted now, asked again (`Turn.reword_question`: in the language of now)."""
    _ask(turn)


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
        dropped=worded_later("tour_stopped", at=at + 1, count=len(plan)),
    )


def answer(turn: Turn, reading: Reading) -> bool:
    keys = keys_of(reading.text)
    if _skipped_or_stopped(turn, keys):
        return True
    request = reading.request
    if request is not None and request.kind is RequestKind.COUNT_TOUR:
        turn.repeat_question()  # `inventaire` again: the tour is here
        return True
    if _fixed(turn, reading):
        return True
    if (request is not None and request.kind is not RequestKind.COUNT) or _pauses(reading):
        return False  # another command: the tour pauses (`step` says so) and it is done
    if _relative(turn, reading.text):
        return True
    counts = request.counts if request is not None else moves.counts_of(turn, reading.text)
    if counts:
        _counted(turn, counts)
        return True
    quantity = 0 if keys[:1] in (["0"], ["zero"], ["rien"]) else read_quantity(reading.text).value
    if quantity is not None:
        _count(turn, quantity)
        return True
    if reading.answer is Answer.YES or any(k in _SAME for k in keys):
        _next(turn, last=_asked(turn))
        return True
    return False


def takes_yes_no(_turn: Turn) -> bool:
    """The count's question takes a yes: « [C'est juste] », the stock recorded is what was
    counted (`oui et vendu 2 savon`: that, then the sale)."""
    return True


def choose(turn: Turn, chosen: ChoiceId) -> None:
    if chosen.value == "stop":
        _stop(turn)
    else:
        _next(turn, last=_asked(turn) if chosen.value == "same" else None)


def _asked(turn: Turn) -> str:
    """The product the question waiting is about."""
    return str(turn.ctx["sku"])


def _pauses(reading: Reading) -> bool:
    """A sale, an arrival, an order; a stock question holding no number."""
    parsed = reading.parsed
    if parsed is None or parsed.score < MIDDLING:
        return False
    if parsed.intent in _PAUSING:
        return True
    return parsed.intent in _ASKING and not numbers_in(keys_of(reading.text)).values


def _fixed(turn: Turn, reading: Reading) -> bool:
    """`oups c'était 25`, `non 25`, `correction : 25 pour le gaz`, `je me suis trompé, c'était
    25`, `25 pas 12` right after an answer (a count, or "c'est juste"): that product is counted
    again (not the one asked about now); a product named that is not it makes it no correction."""
    last = _tour(turn).get("last")
    if not isinstance(last, str) or turn.product(last) is None:
        return False
    request = reading.request
    if request is not None and request.kind is RequestKind.CORRECT:
        fixed, words = request.quantity, request.rest
    else:
        keys = keys_of(reading.text)
        found = correction(reading.text)
        if found is None or found.other:
            return False
        if not (found.was is not None or any(k in _FIXING for k in keys) or keys[0] in _NO):
            return False
        fixed, words = found.quantity, found.rest
    if fixed is None:
        return False
    matcher = turn.view.matcher
    parsed = matcher.parse(words) if matcher is not None and words else None
    named = [parsed.product] if parsed and parsed.product else (parsed.candidates if parsed else [])
    if named and last not in named:
        return False
    _tour(turn)["fixing"] = True  # its change told from the stock before the count it corrects
    _aside(turn, (Line(sku=last, quantity=fixed),))
    return True


def _counted(turn: Turn, counts: tuple[Readings, ...]) -> None:
    """A count of the product asked about is recorded at once; counts of others are a draft of
    their own (`_aside`)."""
    asked = _asked(turn)
    lines = tuple(_count_line(turn, readings, asked) for readings in counts)
    skus = [line.sku for line in lines if line.sku is not None]
    if len(set(skus)) < len(skus):  # `2 cartons et 5 boîtes`: two counts of one product
        turn.repeat_question(turn.t("not_an_answer"))
        return
    if len(lines) == 1 and lines[0].sku == asked and not moves.foreign(turn, lines[0]):
        _count(turn, int(lines[0].quantity or 0))
        return
    unknown = next((line.words for line in lines if _unknown(turn, line)), None)
    if unknown is not None:  # `banane 4`: nothing recorded, the tour's question again
        turn.repeat_question(turn.t("fix_unknown", text=shorten(moves.shown_words(unknown), 40)))
        return
    _aside(turn, lines)


def _relative(turn: Turn, text: str) -> bool:
    """`2 de plus`, `il y en a 2 de moins`, `il en manque 3`, `flag 2 de plus`: the count is the
    stock recorded and that many more or less, recorded as any count (`_counted`). In another
    unit than the product's (`2 cartons de plus` of what is counted in casiers) the total is
    asked for; below zero it is refused."""
    found = relative_count(text)
    if found is None:
        return False
    delta, rest = found
    counts = moves.counts_of(turn, rest)
    if len(counts) != 1:
        return False
    line = _count_line(turn, counts[0], _asked(turn))
    product = turn.product(line.sku)
    if product is None:  # a family, or a product the shop has not: the total, asked
        turn.repeat_question(turn.t("count_relative_total"))
        return True
    if moves.foreign(turn, line):
        turn.repeat_question(turn.t("count_relative_unit", unit=turn.units(product.sku)))
        return True
    total = moves.from_stock(turn, "count", Line(sku=product.sku), delta)
    if total is None:
        turn.repeat_question(
            turn.t(
                "count_relative_below",
                name=product.name,
                quantity=turn.amount(product.quantity, product.sku),
            )
        )
        return True
    _counted(turn, (((line.words, total),),))
    return True


def _unknown(turn: Turn, line: Line) -> bool:
    """A line whose words name no product of the shop, nor resemble one."""
    matcher = turn.view.matcher
    if line.sku is not None or line.candidates or matcher is None:
        return False
    return not matcher.suggest(line.words, 1)


def _count_line(turn: Turn, readings: Readings, asked: str) -> Line:
    """The line of one count: of the product asked about when its words name no other (none,
    its name, a unit, `il y en a`, `am na`), else of the product they name (or to ask about,
    when they name several, or one the shop does not have)."""
    words, counted = readings[0]
    unit = moves.unit_said(turn, words)  # `2 cartons` of what is counted in casiers: asked
    if not moves.names_something(words, _NOT_NAMING):
        return Line(sku=asked, quantity=counted, unit=unit)
    line = moves.count_line(turn, readings)
    if line.sku == asked or (line.sku is None and asked in line.candidates):
        return replace(line, sku=asked, guessed=False)
    if line.sku is None and not line.candidates and not moves.names_something(words, _FILLER):
        return Line(sku=asked, quantity=counted, unit=unit)  # function words only: `am na 40`
    return line


def _aside(turn: Turn, lines: tuple[Line, ...]) -> None:
    """Counts of other products than the one asked about: settled as any count (which product,
    when a name fits several), recorded without a confirmation as the tour's own, then the
    tour goes on (`went_on`)."""
    turn.answered()
    moves.advance(turn, Draft("count", lines, agreed=True, tour=True))


def _count(turn: Turn, counted: int) -> None:
    if counted > MAX_QUANTITY:
        turn.say_problem("quantity_too_big")
        turn.repeat_question()
        return
    product = turn.product(_asked(turn))
    usual = max(product.quantity, product.reorder_quantity) if product is not None else 0
    if moves.far_above(counted, usual or None):  # far above the stock: checked first
        _aside(turn, (Line(sku=_asked(turn), quantity=counted),))
        return
    turn.answered()
    turn.do(SetCount(((_asked(turn), counted),), key=f"whatsapp:{turn.ctx.get('token')}"))


def counted(turn: Turn, event: CountRecorded) -> None:
    tour = _tour(turn)
    for sku, before, after in event.lines:
        if before == after:  # the count the stock says: told too, not passed over in silence
            turn.say("tour_unchanged", name=turn.name(sku), after=turn.amount(after, sku))
            continue
        tour["changed"] = int(tour.get("changed", 0)) + 1  # type: ignore[call-overload]
        turn.say("tour_counted", name=turn.name(sku), before=before, after=turn.amount(after, sku))
    _next(turn, last=_asked(turn))
    _remember_before(tour, event.lines)


def _remember_before(tour: dict[str, object], lines: Sequence[tuple[str, int, int]]) -> None:
    """The stock before the last count (`oups c'était 45` corrects it: told from there)."""
    if lines:
        sku, before, _ = lines[-1]
        tour["before"] = [sku, before]


def corrected(turn: Turn, event: CountRecorded) -> CountRecorded:
    """`event`, a correction of the last count (`oups c'était 45` after 20 → 48), told from the
    stock before that count (20 → 45, not 48 → 45): each is one count of the manager's."""
    tour = turn.ctx.get(TOUR_KEY)
    if not tour or not tour.get("fixing") or not tour.get("before"):
        return event
    sku, before = tour["before"]
    lines = tuple((s, int(before) if s == sku else b, a) for s, b, a in event.lines)
    return replace(event, lines=lines)


def aside(turn: Turn) -> bool:
    """Whether the question waiting is about a count typed during the tour (`_aside`)."""
    draft = turn.draft
    return turn.conv.waiting and draft is not None and draft.tour


def controls(turn: Turn, reading: Reading) -> bool:
    """`passer`, `stop` while a question about a count typed during the tour waits (its unit:
    "2 cartons, ça fait combien de boîtes ?", a guess): the tour's own buttons, typed; that
    question is dropped with the product it was about."""
    keys = keys_of(reading.text)
    if not aside(turn) or any(k.isdigit() for k in keys):
        return False
    return _skipped_or_stopped(turn, keys)


def _skipped_or_stopped(turn: Turn, keys: Sequence[str]) -> bool:
    """`stop` pauses the tour, `passer` goes to the next product (the buttons, typed)."""
    if any(k in _STOP for k in keys):
        _stop(turn)
        return True
    if any(k in _SKIP for k in keys):
        _next(turn, last=None)
        return True
    return False


def declined(turn: Turn) -> None:
    """The question about a count typed during the tour was answered, and nothing is left to
    wait for or to record (`non` to "Vouliez-vous dire … ?"): the tour asks again."""
    if not turn.conv.waiting and all(isinstance(a, Reply) for a in turn.conv.actions):
        went_on(turn, ())
    tour = turn.ctx.get(TOUR_KEY)
    if tour:
        tour.pop("fixing", None)


def went_on(turn: Turn, lines: Sequence[tuple[str, int, int]]) -> None:
    """A count typed during the tour (`_aside`) is over, `lines` recorded (`CountRecorded`):
    the tour asks again about its product (the next one when that was counted too)."""
    tour = turn.ctx.get(TOUR_KEY)
    if not tour:
        return
    plan = [str(s) for s in tour["plan"]]
    at = int(tour["at"])
    counted = [sku for sku, _, _ in lines]
    tour["changed"] = int(tour.get("changed", 0)) + sum(b != a for _, b, a in lines)
    if counted:
        tour["last"] = counted[-1]
    if not tour.pop("fixing", False):
        _remember_before(tour, lines)
    if at < len(plan) and plan[at] in counted:
        tour["at"] = at + 1
    _ask(turn)


def _next(turn: Turn, *, last: str | None) -> None:
    tour = _tour(turn)
    tour["at"] = int(tour["at"]) + 1  # type: ignore[call-overload]
    tour.pop("before", None)
    if last is None:
        tour.pop("last", None)
    else:
        tour["last"] = last
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
