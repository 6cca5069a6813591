"""Low-stock alert pushes as questions: [Commander] [Plus tard], tapped or typed (`oui`, `ok`,
`waaw`, `commande 30 seulement`, `plus tard`, `deedeet`, the button's title).

The push is sent by `bot/` to every manager of the store; when a manager's next message may
answer it, `bot/` restores it as this flow's question. [Commander] asks one question,
"Commander 20 sacs de Riz ?" [Oui] [Autre quantité] [Non] (an order draft tied to the alert);
a quantity typed with the answer orders it at once. The first order decides for everyone told.
A push left for another command (a stock looked up, a sale recorded) is still answered by the
next `oui`, `plus tard` or `commande 30` that answers nothing else, for as long as a question
waits (`left_push`, for a summary of several too); the product is named again before anything
is ordered.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from intents import Intent
from intents.answers import (
    ORDER_WORDS,
    Answer,
    correction,
    holds_on,
    keys_of,
    names_a_day_to_come,
    ordered_amount,
    refuses_order,
)
from intents.normalize import word_keys
from intents.requests import RequestKind
from state.choices import ChoiceId
from state.drafts import Draft, Line
from state.effects import AnswerAlert
from state.events import AlertOpen, AlertPostponed, AlreadyOrdered, PushAsked
from state.flows import moves, undo
from state.flows.moves.aside import stock_of
from state.flows.moves.settle import TRANSACTIONS, names_other, worded_as
from state.flows.moves.units import foreign, measured, typed_unit
from state.machine import LEFT_KEY, Left, State
from state.matching import measure_of, unit_amount
from state.turn import Reading, Turn
from state.values import Reply

FLOW = "alert"
KINDS = frozenset({"alert"})
# Words that answer an alert push (one product or a summary of several): later (order:
# `intents.answers.ORDER_WORDS`); words that name the push itself.
LATER_WORDS = word_keys("tard later attendre wait")
PUSH_WORDS = word_keys("alerte alertes alert alerts notification rappel reminder")


def pushed(turn: Turn, event: PushAsked) -> None:
    """The push is the question waiting (the conversation had nothing else waiting, or the
    manager quoted the push: see `replaces_waiting`)."""
    if not replaces_waiting(turn, f"alert-{event.alert_id}", event.alert_id):
        return
    turn.ask(
        State.AWAITING_CONFIRMATION,
        event.question,
        flow=FLOW,
        token=f"alert-{event.alert_id}",
        alert_id=event.alert_id,
        sku=event.sku,
        at=turn.conv.now.isoformat(),
        wording=event.wording,
    )


def replaces_waiting(turn: Turn, token: str, alert_id: int | None = None) -> bool:
    """Whether the push asking `token` (of `alert_id`, one product's) becomes the question
    waiting. A push is restored while nothing waits, or when the manager quotes it (WhatsApp's
    reply to a message) while another question waits: that one is dropped, said so as when a
    new command replaces it (« La vente de … est annulée »); one past its time, quietly. False
    when the question waiting is the push itself, or the order it opened: kept as it is."""
    if not turn.conv.waiting:
        return True
    draft = turn.draft
    if turn.ctx.get("token") == token or (
        alert_id is not None and draft is not None and draft.alert_id == alert_id
    ):
        return False
    if turn.conv.expired:
        turn.conv.leaving = Left.EXPIRED
        turn.conv.expire()
    else:
        turn.drop_question(Left.REPLACED)
    return True


def answer(turn: Turn, reading: Reading) -> bool:
    """A typed answer to the push waiting (its alert id is in the context)."""
    alert_id = int(turn.ctx["alert_id"])
    sku = str(turn.ctx.get("sku", ""))
    shown = stock_of(turn, reading, (sku,))
    if shown is not None:  # `il en reste combien ?`, `stock riz`: checked before answering
        parsed = reading.parsed
        family = parsed is not None and not parsed.product and len(parsed.candidates) > 1
        _ask_again(turn, shown, turn.name(sku) if family else "")
        return True
    if names_other(turn, reading, sku):
        return False  # about another product: a new command (`commande 20 riz`: its own)
    request = reading.request
    if request is not None and request.kind is RequestKind.ORDERS:
        return False  # `mes commandes`, `my orders`: the orders listed, a command of its own
    corrects = (
        _corrects(reading) and not _replaces_the_offer(turn, reading, sku)
    ) or _replaces_its_recording(turn, reading, sku)
    if corrects and _follows_its_recording(turn, sku) and undo.corrects(turn, reading):
        return True  # `en fait 2` under the alert the sale just recorded raised: that sale
    return _answered(turn, reading, alert_id, sku)


def resumed(turn: Turn, reading: Reading) -> bool:
    """With nothing waiting, the answer to the push the last command replaced (`left_push`):
    an order always asked first (its product named again: the manager may have meant something
    else)."""
    old = left_push(turn, reading, FLOW)
    if old is None:
        return False
    return _answered(turn, reading, int(old["alert_id"]), str(old.get("sku", "")), confirm=True)


def left_push(turn: Turn, reading: Reading, flow: str) -> dict[str, Any] | None:
    """The push of `flow` (one product's, or a summary of several) that the last command
    replaced (`stock sucre`, a sale recorded in between), when `reading` answers it (`oui`,
    `plus tard`, `ok commande`, `commande 30 au lieu de 20`) while it could still be waiting;
    taken from what was left (a second `oui` is not about it)."""
    old = set_aside(turn)
    if old is None or old.get("flow") != flow:
        return None
    parsed = reading.parsed
    if reading.request is not None or parsed is None or parsed.intent not in _ANSWERS:
        return None
    if {parsed.product, *parsed.candidates} - {None, old.get("sku")}:
        return None  # `commande 10 sucre`: an order of its own
    keys = keys_of(reading.text)
    if reading.answer is None and not any(k in ORDER_WORDS | LATER_WORDS for k in keys):
        return None
    if _corrects(reading) and not any(k in ORDER_WORDS for k in keys):
        return None  # `non c'est 3` after a sale: about the sale, not the push
    turn.ctx[LEFT_KEY] = list(turn.ctx[LEFT_KEY])[:-1]
    return dict(old)


def set_aside(turn: Turn) -> dict[str, Any] | None:
    """The push (one product's or a summary of several) the last command replaced, while it
    could still be waiting; None when there is none (it is left where it is)."""
    left = list(turn.ctx.get(LEFT_KEY) or ())
    old = left[-1] if left else None
    if old is None or old.get("flow") not in _PUSHES or old.get("why") != Left.REPLACED.value:
        return None
    try:
        at = datetime.fromisoformat(str(old.get("at")))
    except ValueError:
        return None
    if not at <= turn.conv.now <= at + turn.conv.timeout:
        return None
    return dict(old)


_PUSHES = frozenset({FLOW, "alerts"})  # `alert_summary.FLOW` (which imports this module)


# What a typed answer to a push reads as (`oui`, `plus tard`, `commande 30`, `later`).
_ANSWERS = frozenset({Intent.YES, Intent.NO, Intent.RESTOCK, Intent.UNKNOWN})


def _corrects(reading: Reading) -> bool:
    found = correction(reading.text)
    return found is not None and (found.negated or found.marked)


def _answered(
    turn: Turn, reading: Reading, alert_id: int, sku: str, *, confirm: bool = False
) -> bool:
    """Order (the quantity typed, or the one offered) or later; `confirm`: an order is asked
    first even with its quantity."""
    said = reading.answer
    parsed = reading.parsed
    keys = keys_of(reading.text)
    holding = holds_on(reading.text)  # `xaaral`, `hold on`: what the push offers, later
    found = correction(reading.text)
    corrects = found is not None and (found.negated or found.marked)
    if corrects and found is not None and found.quantity is not None and not found.rest:
        # `non c'est 20`, `no, 20`: not the quantity offered, this one (asked again, as a
        # correction of a confirmation is).
        unit = _foreign_unit(turn, reading, sku, found.quantity)
        _answer(turn, AnswerAlert(alert_id, "order", found.quantity, ask=True, unit=unit))
        return True
    later = any(k in LATER_WORDS for k in keys) or names_a_day_to_come(reading.text)
    if said in (Answer.NO, Answer.LATER) or later or holding:  # `je commande 30 demain`
        _answer(turn, AnswerAlert(alert_id, "later"))
        return True
    if refuses_order(reading.text):  # `ne commande pas`, `don't order`, `bul komande`
        _answer(turn, AnswerAlert(alert_id, "later"))
        return True
    ordering = any(k in ORDER_WORDS for k in keys) or (
        parsed is not None and parsed.intent is Intent.RESTOCK
    )
    quantity = found.quantity if found is not None else None
    if quantity is None and ordering:  # `ne commande pas 20, commande 30`: the order said last
        quantity = ordered_amount(reading.text)
    unit = _foreign_unit(turn, reading, sku, quantity)
    if quantity is None:
        quantity = unit_amount(reading.text, turn.unit(sku))  # `commande 15 kg` of a kg
    if quantity is None and (said is Answer.YES or ordering):
        quantity, unit = measured(turn, sku, reading.text) or (None, None)  # `100 kg` of sacs
    if said is Answer.YES and quantity is None and turn.then:
        product = turn.product(sku)  # `oui et vendu 2 savon`: the yes to "Commander 20 … ?"
        quantity = product.reorder_quantity if product is not None else None
    if (
        said is Answer.YES
        or ordering
        or (quantity is not None and _amount_alone(turn, reading, sku))
    ):
        # Asked again: a push set aside (`oui` may be about something else), unless the message
        # went on (`oui et vendu 2 savon`: final); an order added to (`oui et ajoute 10 sucre`).
        ask = (confirm and not turn.then) or unit is not None or turn.adds is not None
        _answer(turn, AnswerAlert(alert_id, "order", quantity, ask=ask, unit=unit))
        return True
    return False


def _amount_alone(turn: Turn, reading: Reading, sku: str) -> bool:
    """An amount said with nothing else (`mets 100`, `100`) or only the push's product (`mets 100
    bazin rouge` under the red bazin's push: it was its stock), no other command (`vendu 3 …`)."""
    found = correction(reading.text, measure=measure_of(turn.unit(sku)))  # `100 m` of metres
    if found is None or (reading.parsed is not None and reading.parsed.intent in TRANSACTIONS):
        return False
    return not found.rest or worded_as(turn, sku, found.rest)


def _ask_again(turn: Turn, lead: str, name: str = "") -> None:
    """The push's question again under `lead`, in short: its last line ("Commander 20 sacs
    ?") and its buttons (the news above it is in the stock answer), in the language of now
    (`how many left?` under a French push: in English); under the stock of a family, with the
    `name` of the product it is about (`stock gaz`: « Bouteille de gaz 12kg : Commander 8
    bouteilles ? »)."""
    turn.reword_question()
    question = Reply.from_dict(turn.ctx["question"])
    asked = question.text.strip().rsplit("\n", 1)[-1]
    asked = f"{name} : {asked}" if name else asked
    turn.reply(Reply(f"{lead}\n{asked}", question.buttons, question.rows, question.list_button))


def raised_by_recording(turn: Turn, reading: Reading) -> bool:
    """Whether the question waiting is the push that came with what the manager just recorded
    of its product: a cancel typed then (`annule ça`, `oops cancel that`) is about that
    recording, not the bot's push, unless it names the push (`annule l'alerte`, `pas de
    commande`)."""
    if turn.ctx.get("flow") != FLOW or not _follows_its_recording(turn, str(turn.ctx.get("sku"))):
        return False
    return not any(k in ORDER_WORDS | PUSH_WORDS for k in keys_of(reading.text))


def _replaces_its_recording(turn: Turn, reading: Reading, sku: str) -> bool:
    """`4 au lieu de 2` under the alert that the sale of 2 raised: the number replaced is the
    sale's, not the order's offered (`30 au lieu de 20` under "Commander 20 ?" answers it)."""
    found = correction(reading.text)
    if found is None or not undo.replaces_recorded(turn, found):
        return False
    product = turn.product(sku)
    return product is None or found.was != product.reorder_quantity


def _replaces_the_offer(turn: Turn, reading: Reading, sku: str) -> bool:
    """`pas 6, 20`, `no be 6, na 20` under "Commander 6 ?" that the sale of 7 raised: the number
    replaced is the order's offered, not the sale's: the order is answered."""
    found = correction(reading.text)
    product = turn.product(sku)
    return (
        found is not None
        and product is not None
        and found.was == product.reorder_quantity
        and not undo.replaces_recorded(turn, found)
    )


def _follows_its_recording(turn: Turn, sku: str) -> bool:
    """Whether the alert came with what the manager just recorded of its product (`vendu 11
    savon`, then "Stock bas … Commander ?"): a correction typed then (`en fait 2`, `non c'est
    6`, `plutôt 3`) is of that recording, as with nothing waiting; an order is asked with its
    words (`commande 20`), a bare number or a yes."""
    done = undo.recent_done(turn)
    return done is not None and any(line[0] == sku for line in done.get("lines", ()))


def _foreign_unit(turn: Turn, reading: Reading, sku: str, quantity: int | None) -> str | None:
    """The unit `quantity` was typed in when it is not the product's (`2 tonnes` of rice
    counted in sacs): the order question asks how many sacs that makes before anything."""
    unit = typed_unit(turn, reading.text, quantity)
    if unit is None or not foreign(turn, Line(sku=sku, quantity=quantity, unit=unit)):
        return None
    return unit


def choose(turn: Turn, chosen: ChoiceId) -> None:
    """A tap on a push's button (`alert:v1:<alert id>:order|later`), whatever waits."""
    key = chosen.key
    if not (key.isascii() and key.isdigit()) or chosen.value not in ("order", "later"):
        turn.say("already_handled")
        return
    alert_id = int(chosen.key)
    _answer(turn, AnswerAlert(alert_id, "order" if chosen.value == "order" else "later"))


def _answer(turn: Turn, effect: AnswerAlert) -> None:
    if turn.adds is not None:  # `oui et ajoute 10 sucre`: added to the order asked (`opened`)
        turn.settle(effect, adds=turn.adds)
        return
    if turn.flow == FLOW:
        turn.answered()
        turn.finish()
    turn.do(effect)


def opened(turn: Turn, event: AlertOpen) -> None:
    """[Commander] on an open alert: "Commander 20 sacs de Riz ?" [Oui] [Autre quantité]
    [Non]."""
    turn.drop_question(Left.REPLACED)  # whatever waited: the order question replaces it
    if event.switched:
        turn.say(
            "store_switched",
            name=event.switched,
            code=turn.view.store.code if turn.view.store else "",
        )
    if turn.product(event.sku) is None:
        turn.say("already_handled")
        return
    if event.postponed_by:
        turn.say("alert_postponed_by", by=event.postponed_by, at=event.postponed_at)
    adds = turn.recall().get("adds")
    line = Line(sku=event.sku, quantity=event.quantity, unit=event.unit)
    moves.advance(turn, Draft("restock", (line,), alert_id=event.alert_id))
    if adds:
        moves.amend(turn, str(adds))


def postponed(turn: Turn, event: AlertPostponed) -> None:
    turn.say(
        "alert_later_ack",
        product=turn.name(event.sku),
        quantity=turn.amount(event.left, event.sku),
    )


def already_ordered(turn: Turn, event: AlreadyOrdered) -> None:
    adds = turn.recall().get("adds")  # `oui et ajoute 10 sucre`: the sugar asked alone, below
    if turn.conv.waiting:
        turn.answered()
        turn.finish()
    key = "already_ordered_by" if event.by else "already_ordered"
    turn.say(
        key,
        by=event.by,
        at=event.at,
        order=event.order_id,
        quantity=turn.amount(event.quantity, event.sku),
        name=turn.name(event.sku),
    )
    if adds:
        moves.amend(turn, str(adds))
