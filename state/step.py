"""`step`: one event in, the next snapshot, the replies and the effects out — the dispatcher.

Pure: the catalog is read from the `CatalogView` given, the time is `now`, and everything that
must happen in the database comes out as effects, whose results come back as events.

A message is read in this order: a store switch; then, while a question waits, politeness and
help (answered, the question kept), an explicit cancel, and the answer to the question, read by
the flow that asked it (among the choices it offered first); only a message that answers
nothing is read as a new command, which replaces the question and says what was dropped. A
grouped alert push waiting is read first and left quietly by any message that answers it not
(`state.flows.alert_summary`). The flows live in `state.flows`, one module each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from types import ModuleType
from typing import Any

from intents import MIDDLING, Intent, ParsedIntent
from intents.requests import RequestKind
from intents.second_thoughts import second_thoughts
from state.choices import by_number, by_words, fold, parse_choice_id
from state.drafts import Action
from state.events import (
    AlertOpen,
    AlertPostponed,
    AlertsPostponed,
    AlertsToOrder,
    AlreadyHandled,
    AlreadyOrdered,
    ChoiceIn,
    CountPlanned,
    CountRecorded,
    Event,
    HistoryFound,
    LanguageSet,
    LastMovement,
    MovementRecorded,
    MovementRefused,
    MovementReversed,
    OrderCancelled,
    OrderChanged,
    OrderNotOpen,
    OrderPlaced,
    OrderReceived,
    OrdersFound,
    OtherIn,
    PaceFound,
    PushAsked,
    ReversalRefused,
    StockFull,
    StoreNamed,
    StoresFound,
    StoreSwitched,
    SummaryFound,
    SummaryPushed,
    TextIn,
)
from state.flows import (
    alert_summary,
    alerts,
    denials,
    designated,
    languages,
    left,
    moves,
    orders,
    places,
    reports,
    reword,
    stores,
    talk,
    tour,
    undo,
    undo_named,
)
from state.flows.answered_then import COMMANDS, answered_then, is_command
from state.flows.stated import count_asked, name_count_asked, of_subject, stated_counts
from state.machine import MEMO_KEY, Left, running
from state.turn import Reading, Turn
from state.values import CatalogView, ConversationSnapshot, Outcome
from state.wording import recording

DEFAULT_TIMEOUT = timedelta(minutes=30)
_BARE_STOCK = frozenset({"stock", "stok", "stocks", "stoc"})
# Context format: a conversation saved by an earlier version is left quietly.
VERSION = 2

_FLOWS: Mapping[str, ModuleType] = {m.FLOW: m for m in (moves, alerts, orders, stores, undo, tour)}
_BY_KIND: Mapping[str, ModuleType] = {
    kind: m for m in (moves, alerts, orders, stores, undo, tour) for kind in m.KINDS
}
_PRODUCT_COMMANDS = COMMANDS - {Intent.STOCK_OVERVIEW, Intent.LOW_STOCK}


def step(
    snapshot: ConversationSnapshot,
    event: Event,
    view: CatalogView,
    now: datetime,
    *,
    timeout: timedelta = DEFAULT_TIMEOUT,
) -> Outcome:
    """The conversation after `event`. A waiting question older than `timeout` is dropped first
    when the event comes from the manager, so the message is read as a new command (an answer
    to the dropped question is told it expired and that nothing was done)."""
    with running(snapshot, now, timeout) as conversation:
        if conversation.waiting and conversation.context.get("v") != VERSION:
            conversation.leaving = Left.EXPIRED
            conversation.finish()
        just_expired = isinstance(event, TextIn | ChoiceIn | OtherIn) and conversation.expired
        if just_expired:
            conversation.leaving = Left.EXPIRED
            conversation.expire()
        turn = Turn(conversation, view, just_expired=just_expired, rewords=reword.rewords)
        with recording():  # what texts are made of: a question said again in another language
            _dispatch(turn, event)
        if conversation.waiting:
            conversation.context["v"] = VERSION
        return Outcome(
            snapshot=conversation.snapshot(),
            actions=tuple(conversation.actions),
            replay=turn.replay,
        )


def _dispatch(turn: Turn, event: Event) -> None:
    if isinstance(event, TextIn):
        _on_text(turn, event.text.strip())
    elif isinstance(event, ChoiceIn):
        _on_choice(turn, event.id)
    elif isinstance(event, OtherIn):
        talk.other(turn)
    else:
        _RESULTS[type(event)](turn, event)


# --- text ----------------------------------------------------------------------------------


def _on_text(turn: Turn, typed: str) -> None:
    if not typed:
        talk.other(turn)
        return
    code = stores.store_command(typed)
    if code is not None:
        turn.drop_question(Left.REPLACED)
        stores.switch(turn, code)
        return
    if turn.flow == stores.FLOW and stores.answer(turn, typed):
        return
    typed = places.read(turn, typed)  # "" when the place named was handled
    if not typed:
        return
    typed = second_thoughts(typed)  # `3 non 4`: 4
    if turn.view.store is None or turn.view.matcher is None:
        if not stores.look_elsewhere(turn, typed):
            stores.ask_store(turn, pending=typed)
        return
    reading = Reading(typed, turn.view, waiting=turn.conv.waiting)
    languages.follow(turn, reading)
    if answered_then(turn, reading, _on_text):
        return
    if turn.flow == alert_summary.FLOW:
        if alert_summary.answer(turn, reading):
            return
        alert_summary.leave(turn)  # no answer to a list nobody asked for: a message of its own
    if turn.conv.waiting and turn.view.numbered:
        picked = by_number(turn.offered(), typed)
        if picked is not None:
            _on_choice(turn, picked.id)
            return
    titled = by_words(turn.offered(), typed, cut=False) if turn.conv.waiting else None
    if titled is not None:  # a button's title typed (`other quantity`, `ci kanam`): tapped
        _on_choice(turn, titled.id)
        return
    if turn.conv.waiting:
        if tour.controls(turn, reading):
            return  # `passer`, `stop` under a question about a count typed during the tour
        if talk.keeps_question(turn, reading) or talk.cancels(turn, reading):
            return
        if languages.chosen_aside(turn, reading):
            return  # `english please` while a question waits: it is asked again in English
        if denials.denied(turn, reading):
            return  # `e no enter`, `le gel n'est pas arrivé`: never offered as that movement
        flow = _FLOWS.get(turn.flow or "")
        aside = tour.aside(turn)
        if flow is not None and moves.exchange_items(turn, reading.exchange) is not None:
            turn.drop_question(Left.REPLACED)  # a customer's exchange: a command of its own
            _new_command(turn, reading)
            return
        if flow is not None and flow.answer(turn, talk.ungreeted(reading)):
            if aside:
                tour.declined(turn)
            return
        if turn.flow == moves.FLOW and undo_named.removes(reading):
            talk.cancel(turn)  # `supprime`, `enlève ça` that removed no line: the whole draft
            return
        if talk.nudged(turn, reading) or talk.kept(turn, reading):
            return  # `ok` answering nothing, `salut, le client arrive`: the question again
        if is_command(reading):
            turn.drop_question(Left.REPLACED)
            _new_command(turn, reading)
        else:
            turn.not_understood()
        return
    if turn.just_expired and left.expired_answer(turn, reading):
        return
    if alerts.resumed(turn, reading) or alert_summary.resumed(turn, reading):
        return  # `oui` to the push a stock question or a sale came before
    if left.detour_answer(turn, reading):
        return  # `5` to the « combien ? » a `stock huile ?` came before
    if reports.followed(turn, reading):
        return  # `et hier ?` right after the sales of today
    _new_command(turn, reading)


def _new_command(turn: Turn, reading: Reading) -> None:
    """A command; about products only another store of the manager has, read there."""
    reading = talk.agreeing(reading)
    if _names_unknown_product(reading) and stores.look_elsewhere(turn, reading.text):
        return
    _command(turn, reading)


def _names_unknown_product(reading: Reading) -> bool:
    """A command about products the current store does not have (another store may)."""
    if reading.request is not None:
        return False
    parsed = reading.parsed
    if parsed is None or parsed.intent not in _PRODUCT_COMMANDS:
        return False
    return all(item.product is None and not item.candidates for item in reading.many)


def _command(turn: Turn, reading: Reading) -> None:
    if not turn.conv.waiting and undo.corrects(turn, reading):
        return
    if not turn.conv.waiting and undo_named.takes_out_some(turn, reading):
        return  # `enlève 1 savon` right after a sale of 3 soaps: that line corrected to 2
    if moves.exchanged(turn, reading.exchange):
        return  # `échangé 1 huile 5l contre 1 huile 20l`: a customer return and a sale
    if denials.denied(turn, reading):
        return  # `10 gel no enter`, `je n'ai pas vendu`: nothing to record
    if reading.request is None and (draft := of_subject(turn, reading)) is not None:
        turn.ctx["misses"] = 0  # `il y a 4 cartons`, `plus que 4` right after a sale: a count
        moves.advance(turn, draft)
        return
    if not turn.conv.waiting and moves.more_of(turn, undo.done_kind(turn) or "", reading.text):
        return  # `et 1 savon` right after a sale: another sale
    request = reading.request
    if (request is None or request.kind is RequestKind.COUNT) and moves.mixed(turn, reading):
        return  # `vendu 2 riz et perdu 1 savon`: the sale, then the loss (`Draft.then`)
    if request is not None and orders.awaited(turn, request):
        _request(turn, reading)
        return
    parsed = reading.parsed  # `la livraison de sucre est arrivée`, no order of it: an arrival
    assert parsed is not None
    intent = parsed.intent
    if intent in (Intent.UNKNOWN, Intent.STOCK_QUERY) and designated.answer(turn, reading):
        return  # `le grand`, `le 5L` after `stock huile`, `l'autre` after `stock riz`
    if talk.acknowledges(reading):  # `ok`, `c'est bon`, `bien reçu` after an answer: noted
        talk.noted(turn)
        return
    if undo_named.removes(reading):
        if not turn.conv.waiting and undo_named.takes_back_named(turn, reading):
            return
        talk.cancel(turn)
    elif intent is Intent.GREETING:
        talk.greeting(turn)
    elif intent is Intent.HELP:
        talk.help_(turn)
    elif intent in (Intent.YES, Intent.NO) or parsed.score < MIDDLING:
        if intent in (Intent.YES, Intent.NO) or reading.answer is not None:
            talk.nothing_pending(turn)
        else:
            talk.misunderstood(turn, reading.text)
    elif intent is Intent.STOCK_OVERVIEW and fold(reading.text) in _BARE_STOCK:
        turn.ctx["misses"] = 0
        moves.start(turn, "stock", [replace(parsed, intent=Intent.STOCK_QUERY)], reading.text)
    elif intent is Intent.STOCK_OVERVIEW and (sku := moves.referred(turn, reading.text)):
        turn.ctx["misses"] = 0  # `il en reste combien ?` after an answer about one product
        about = replace(parsed, intent=Intent.STOCK_QUERY, product=sku, candidates=[])
        moves.start(turn, "stock", [about], reading.text)
    elif intent is Intent.STOCK_OVERVIEW:
        turn.ctx["misses"] = 0
        talk.overview(turn)
    elif intent is Intent.LOW_STOCK:
        turn.ctx["misses"] = 0
        talk.alerts(turn)
    else:
        action = moves.action_of(intent)
        if intent is Intent.STOCK_QUERY and fold(reading.text) in _BARE_STOCK:
            parsed = replace(parsed, product=None, candidates=[])  # `STOCK` alone: which one?
        if action is None:
            talk.misunderstood(turn, reading.text)
            return
        turn.ctx["misses"] = 0
        if action == "stock" and (counts := stated_counts(turn, reading)) is not None:
            moves.start_count(turn, counts, reading.text)  # `il reste 30 riz`: a count
            return
        if action == "stock" and count_asked(turn, reading):
            return  # `inventaire riz`: its stock, then how many were counted
        items = [i for i in reading.many if moves.action_of(i.intent) is not None] or [parsed]
        if request is not None and request.short:  # `le riz est arrivé mais il manque 4`, of
            items = [replace(i, quantity=None) for i in items]  # no order: how many came, asked
        if _exchanged(turn, reading, items):
            return
        if action == "receipt" and orders.arrived_awaited(turn, items, reading.text):
            return  # `l'huile est arrivée`, the 20L only ordered: that order arrived
        action, items, later = _one_action(action, items)
        items, other = moves.one_reason(action, items, reading.text)
        if other:  # `reçu 10 sucre et le client a rendu 2 savon`: an arrival, then a return
            written = [i for i in reading.many if i in later or i in other]
            later = written if len(written) == len(later) + len(other) else later + other
        since = len(turn.conv.actions)
        then = " ; ".join(i.text for i in later)
        moves.start(turn, action, items, reading.text, agreed=reading.agreed, then=then)
        if later and action != "stock":  # `vendu 2 riz et reçu 10 sucre`: never one sale
            # (a stock is answered at once, the movement asked right under it: nothing to say)
            turn.lead(turn.t("one_at_a_time", text=then), since=since)


_MOVEMENTS: frozenset[Action] = frozenset({"sale", "receipt", "restock"})
_ONE_AT_A_TIME: frozenset[Action] = _MOVEMENTS | {"stock"}


def _exchanged(turn: Turn, reading: Reading, items: list[ParsedIntent]) -> bool:
    """`le client a rendu 2 savons et pris 2 sucres`, `customer returned 2 soap and bought 2
    sugar`: goods a customer brought back and a sale in one message, one draft of both (the
    arrivals of a message that is no customer's return stay one movement at a time)."""
    back = [i for i in items if i.intent is Intent.RECEIPT]
    sold = [i for i in items if i.intent is Intent.SALE]
    if not back or not sold or len(back) + len(sold) != len(items):
        return False
    if moves.reason_of("receipt", reading.text) != "return":
        return False
    turn.ctx["misses"] = 0
    moves.start_swap(turn, back, sold)
    return True


def _one_action(
    action: Action, items: list[ParsedIntent]
) -> tuple[Action, list[ParsedIntent], list[ParsedIntent]]:
    """The action to do now, its items, and those of another movement (a sale and an arrival in
    one message) or a stock question (`vendu 3 riz. il reste combien de sucre ?`) set aside: one
    at a time, in the order written, said so; they are asked next (`Draft.then`). The question
    was a line of the sale; an arrival before a question was shown as a stock."""
    if action not in _ONE_AT_A_TIME:
        return action, items, []
    kinds = [moves.action_of(i.intent) for i in items]
    first = next((kind for kind in kinds if kind in _ONE_AT_A_TIME), action)
    other = [i for i, kind in zip(items, kinds, strict=True) if kind in _ONE_AT_A_TIME - {first}]
    return first, [i for i in items if i not in other], other


def _request(turn: Turn, reading: Reading) -> None:
    request = reading.request
    assert request is not None
    kind = request.kind
    turn.ctx["misses"] = 0
    if kind is RequestKind.THANKS:
        talk.thanks(turn)
    elif kind is RequestKind.SUMMARY:
        reports.summary(turn, request)
    elif kind is RequestKind.COVER:
        reports.running_out(turn)
    elif kind is RequestKind.HISTORY:
        reports.history(turn, request)
    elif kind is RequestKind.PRICE:
        turn.say("prices_unknown")
        if request.stock:  # `prix du riz et il en reste combien ?`: the stock, which is known
            _stock_too(turn, request.rest)
    elif kind is RequestKind.LANGUAGE:
        languages.choose(turn, reading)
    elif kind in (RequestKind.UNDO, RequestKind.CORRECT):
        undo.start(turn, request, reading.text)
    elif kind is RequestKind.COUNT_TOUR:
        tour.start(turn)
    elif kind is RequestKind.COUNT:
        # `inventaire fer 8`: the 8 names the bars, their count is asked (`name_count_asked`)
        if request.change or request.out or not name_count_asked(turn, reading):
            moves.start_count(
                turn, request.counts, reading.text, change=request.change, out=request.out
            )
    else:
        orders.start(turn, request, reading.text)


def _stock_too(turn: Turn, words: str) -> None:
    """The stock of the product `words` name, asked beside what the bot cannot answer."""
    matcher = turn.view.matcher
    if not words or matcher is None:
        return
    parsed = matcher.parse(words)
    if parsed.product is None and not parsed.candidates:
        return
    asked = replace(parsed, intent=Intent.STOCK_QUERY, quantity=None, score=1.0)
    moves.start(turn, "stock", [asked], words)


# --- taps ----------------------------------------------------------------------------------


def _on_choice(turn: Turn, raw: str) -> None:
    chosen = parse_choice_id(raw)
    if chosen is None:
        turn.say("already_handled")
        return
    if chosen.kind in alerts.KINDS:
        alerts.choose(turn, chosen)
        return
    flow = _BY_KIND.get(chosen.kind)
    if flow is None or not turn.conv.waiting or chosen.key != turn.ctx.get("token"):
        left.old_choice(turn, chosen.kind, chosen.key, chosen.value)
        return
    aside = tour.aside(turn)
    flow.choose(turn, chosen)
    if aside:
        tour.declined(turn)


# --- results -------------------------------------------------------------------------------


def _recorded(turn: Turn, event: MovementRecorded) -> None:
    memo = turn.ctx.get(MEMO_KEY) or {}
    (undo.added if memo.get("flow") == undo.FLOW else moves.recorded)(turn, event)


def _refused(turn: Turn, event: MovementRefused) -> None:
    memo = turn.ctx.get(MEMO_KEY) or {}
    swap = memo.get("flow") == undo.FLOW and memo.get("swap")
    (undo.short if swap else moves.refused)(turn, event)


def _counted(turn: Turn, event: CountRecorded) -> None:
    if turn.flow == tour.FLOW:
        tour.counted(turn, event)
        return
    draft = (turn.ctx.get(MEMO_KEY) or {}).get("draft") or {}
    moves.counted(turn, tour.corrected(turn, event) if draft.get("tour") else event)
    if draft.get("tour"):  # typed during the guided count: it goes on
        tour.went_on(turn, event.lines)


def _paced(turn: Turn, event: PaceFound) -> None:
    memo = turn.recall()
    if memo.get("then") == "cover":
        reports.paced(turn, event)
    else:
        moves.paced(turn, event, memo)


def _handled(turn: Turn, _event: AlreadyHandled) -> None:
    turn.recall()
    if turn.conv.waiting:
        turn.answered()
        turn.finish()
    turn.say("already_handled")


_RESULTS: Mapping[type, Callable[[Turn, Any], None]] = {
    PushAsked: alerts.pushed,
    SummaryPushed: alert_summary.pushed,
    AlertsToOrder: alert_summary.to_order,
    AlertsPostponed: alert_summary.postponed,
    MovementRecorded: _recorded,
    MovementRefused: _refused,
    StockFull: moves.full,
    CountRecorded: _counted,
    OrderPlaced: moves.ordered,
    AlreadyOrdered: alerts.already_ordered,
    AlertOpen: alerts.opened,
    AlertPostponed: alerts.postponed,
    OrdersFound: orders.found,
    OrderReceived: orders.received,
    OrderCancelled: orders.cancelled,
    OrderChanged: undo.changed,
    OrderNotOpen: orders.not_open,
    LastMovement: undo.found,
    MovementReversed: undo.reversed_,
    ReversalRefused: undo.refused,
    CountPlanned: tour.planned,
    StoreSwitched: stores.switched,
    StoreNamed: places.found,
    StoresFound: stores.found,
    LanguageSet: languages.set_,
    SummaryFound: reports.found,
    HistoryFound: reports.history_found,
    PaceFound: _paced,
    AlreadyHandled: _handled,
}
