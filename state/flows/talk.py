"""Small talk and the answers that need no question: greetings, thanks, help, the whole stock,
what to reorder, a message not understood, a cancel. Politeness never drops a question waiting:
the question is shown again under the answer."""

from __future__ import annotations

from intents import MIDDLING, Intent
from intents.answers import Answer, answer, holds_on, keys_of, opens_holding, puts_off
from intents.cue_words import COURTESY, WORDS, Cue
from intents.normalize import word_keys
from intents.question_forms import asks_which_one
from intents.requests import RequestKind
from intents.stopwords import STOPWORDS
from state.answers import alerts_text, overview_text, to_reorder
from state.choices import parse_choice_id
from state.drafts import Draft, Line
from state.flows import moves, orders, undo
from state.flows.alerts import FLOW as ALERT_FLOW
from state.flows.alerts import raised_by_recording
from state.flows.orders.views import CANCEL_ALL
from state.machine import Left, State
from state.messages import shorten
from state.turn import Reading, Turn
from state.values import Reply

# Replies that never answer a question and never drop it: thanks, a greeting, help, an emoji.
_KEEPING = frozenset({Intent.GREETING, Intent.HELP})
_AGREED_TO = frozenset({Intent.RESTOCK, Intent.SALE, Intent.RECEIPT, Intent.STOCK_QUERY})
NUDGES_KEY = "nudges"  # `oui` to a question it does not answer, this question
_YES = WORDS[Cue.YES]


def agreeing(reading: Reading) -> Reading:
    """`oui commande 20`, `ok vendu 3`: a yes before a command agrees to it; the command is read
    without it (the yes is no product's word)."""
    said = reading.text.split(maxsplit=1)
    if len(said) < 2 or answer(said[0].rstrip(",.!")) is not Answer.YES:
        return reading
    rest = Reading(said[1].lstrip(" ,.!"), reading.view, agreed=True, waiting=reading.waiting)
    parsed = rest.parsed
    if parsed is None or parsed.intent not in _AGREED_TO or parsed.score < MIDDLING:
        return reading
    return rest


def keeps_question(turn: Turn, reading: Reading) -> bool:
    """Thanks, a greeting, help, `ok` or an emoji while a question waits: answered, and the
    question shown again (a yes/no question reads `ok` as yes: not here)."""
    request = reading.request
    parsed = reading.parsed
    yes_no = turn.conv.state == State.AWAITING_CONFIRMATION
    if _holds_on(reading) and not _offers_waiting(turn):
        turn.remind_question(turn.t("take_your_time"))  # `attends je vérifie`: not a no
        return True
    thanked = request is not None and request.kind is RequestKind.THANKS
    if thanked and turn.flow == ALERT_FLOW and not _says_yes(reading):
        # `merci`, `ok merci` under a low-stock push: thanks for the news, no answer to it; the
        # push stays above, its buttons (or `commande`, `plus tard`, `oui merci`) answer it.
        turn.say("you_are_welcome")
        return True
    if yes_no and reading.answer is not None:
        return False  # "ok merci" to "Enregistrer … ?" is a yes
    if thanked:
        turn.remind_question(turn.t("you_are_welcome"))
        return True
    if request is not None and request.kind is RequestKind.PRICE and not request.figure:
        turn.remind_question(turn.t("prices_unknown"))
        return True
    if not any(c.isalnum() for c in reading.text):  # an emoji, `?`, `...`
        turn.remind_question()
        return True
    if asks_which_one(keys_of(reading.text)):
        turn.repeat_question()  # `which one?`, `lequel ?`: what can be chosen, whole again
        return True
    if request is not None and request.kind is RequestKind.ORDERS:
        return False  # `les commandes ?`: the orders asked for, not the bot's commands (help)
    if parsed is not None and parsed.intent in _KEEPING and not says_more(reading):
        kept(turn, reading)
        return True
    return False


def kept(turn: Turn, reading: Reading) -> bool:
    """A greeting or help that answered nothing: answered, and the question shown again."""
    parsed = reading.parsed
    if parsed is None or parsed.intent not in _KEEPING:
        return False
    turn.remind_question(turn.t("help" if parsed.intent is Intent.HELP else "hello_again"))
    return True


_COURTESY = frozenset().union(*(WORDS[cue] for cue in COURTESY))
# What goes around an answer without changing it (not a yes or a no): `bonjour`, `merci`, `boss`.
_AROUND = WORDS[Cue.GREET] | WORDS[Cue.THANKS] | WORDS[Cue.POLITE]


def ungreeted(reading: Reading) -> Reading:
    """`bonjour 5 sacs`, `salam le petit`, `hello, the small one`: the reply without the
    greeting or thanks around it, to be read as the answer (read whole, it was a greeting and
    the answer was lost); `reading` itself when there is none, or nothing else."""
    if not says_more(reading):
        return reading
    words = reading.text.split()
    plain = [all(k in _AROUND for k in keys_of(word)) for word in words]
    start = plain.index(False)
    stop = len(words) - plain[::-1].index(False)
    if (start, stop) == (0, len(words)):
        return reading
    rest = " ".join(words[start:stop]).strip(" ,;:.!")
    return Reading(rest, reading.view, agreed=reading.agreed, waiting=reading.waiting)


def says_more(reading: Reading) -> bool:
    """A greeting or thanks with other words (`le petit merci`, `le 2e merci`, `the small one
    thanks`, `bi ndaw jërëjëf`): those may answer the question, read first (`kept` after)."""
    parsed = reading.parsed
    if parsed is None or parsed.intent is not Intent.GREETING:
        return False
    return any(k not in _COURTESY and k not in STOPWORDS for k in keys_of(reading.text))


def _says_yes(reading: Reading) -> bool:
    """`oui merci`, `yes thanks`, `waaw jërëjëf`: a yes said with thanks, not an `ok` taking note
    of the news."""
    keys = keys_of(reading.text)
    return reading.answer is Answer.YES and any(k in _YES and k not in _NOTED for k in keys)


def _holds_on(reading: Reading) -> bool:
    """`attends je vérifie`, or `attends le client hésite`: a wait naming no product (not `pas
    pour l'instant`, which puts the question off: its own answer)."""
    if puts_off(reading.text):
        return False
    if holds_on(reading.text):
        return True
    parsed = reading.parsed
    named = parsed is not None and bool(parsed.product or parsed.candidates)
    return opens_holding(reading.text) and not named


def _offers_waiting(turn: Turn) -> bool:
    """The question itself offers to wait (an order's rest, an alert's "later")."""
    return any(
        (chosen := parse_choice_id(c.id)) is not None and chosen.value in ("wait", "later")
        for c in turn.offered()
    )


def nudged(turn: Turn, reading: Reading) -> bool:
    """`ok` or `oui` that answers nothing asked (`Quel produit ?`): the question again, from
    the second time with how to answer it or leave it."""
    parsed = reading.parsed
    if reading.answer is Answer.YES and parsed is not None and parsed.product is None:
        nudges = int(turn.ctx.get(NUDGES_KEY, 0)) + 1
        turn.ctx[NUDGES_KEY] = nudges
        if turn.offered_as_list():
            turn.remind_question()  # one short line, the list is above
        else:
            turn.repeat_question(turn.t("answer_or_cancel") if nudges > 1 else None)
        return True
    return False


def cancels(turn: Turn, reading: Reading) -> bool:
    """An explicit cancel (`annule`, `laisse tomber`) drops the question waiting; one that names
    lines of a draft (`annule le sucre`) drops only those."""
    parsed = reading.parsed
    if parsed is None or parsed.intent is not Intent.CANCEL or reading.request is not None:
        return False
    if turn.ctx.get("ask") == CANCEL_ALL and orders.answer(turn, reading):
        return True  # `annule tout`, `annule juste le savon` under « Annuler ces 2 commandes ? »
    if turn.flow == undo.FLOW and undo.one_line_of_all(turn, reading):
        return True  # `annule le savon` under « Annuler toute la vente : riz, savon ? »
    if moves.drops_lines(turn, reading):
        return True
    if raised_by_recording(turn, reading) and undo.take_back_recent(turn):
        return True  # `annule ça` under the alert the arrival just recorded raised: the arrival
    cancel(turn)
    return True


def cancel(turn: Turn) -> None:
    if not turn.conv.waiting:
        if not undo.take_back_recent(turn):
            turn.say("nothing_to_cancel")
        return
    notice = turn.dropped_notice()
    turn.conv.leaving = Left.CANCELLED
    turn.finish()
    turn.reply(Reply(notice) if notice else Reply(turn.t("cancelled")))


def other(turn: Turn) -> None:
    """A photo, a voice note, an emoji alone: the question again, or what the bot reads."""
    if turn.conv.waiting:
        turn.remind_question()
    else:
        turn.say("unsupported")


def thanks(turn: Turn) -> None:
    turn.finish()
    turn.say("you_are_welcome")


def greeting(turn: Turn) -> None:
    turn.finish()
    turn.say("greeting")


def help_(turn: Turn) -> None:
    turn.finish()
    turn.say("help")


def overview(turn: Turn) -> None:
    turn.finish()
    assert turn.view.store is not None
    turn.reply(Reply(overview_text(turn.lang, turn.view.store.name, turn.view.products)))


def alerts(turn: Turn) -> None:
    """What to reorder, and the products not on order yet offered to order."""
    turn.finish()
    low = to_reorder(turn.view.products)
    if not low:
        turn.say("alerts_none")
        return
    turn.reply(Reply(alerts_text(turn.lang, low)))
    to_order = [p.sku for p in low if p.order_id is None]
    if to_order:
        line = Line(candidates=tuple(to_order[:10]), words="")
        moves.ask_product_for(turn, Draft("restock", (line,)), "alerts_order", yes_orders_all=True)


def misunderstood(turn: Turn, typed: str) -> None:
    misses = int(turn.ctx.get("misses", 0)) + 1
    turn.finish()
    if misses >= 2:
        turn.ctx["misses"] = 0
        turn.say("help")
    else:
        turn.ctx["misses"] = misses
        turn.say("not_understood", text=shorten(typed, 60))


# `ok`, `d'accord`, `c'est bon`, `très bien`, `all good`, `baax na`, `👍` with nothing waiting
# take note of the last answer; `oui` expects a question, and is told there is none.
_NOTED = word_keys(
    "ok okay okey oki dac daccord accord parfait super cool noted compris bien marche bon note "
    "top nickel impeccable recu voila fine good great nice perfect alright right got baax"
)
_AROUND_NOTED = word_keys("d c est cest ca tres that s thats it is all na oui yes waaw merci")


def acknowledges(reading: Reading) -> bool:
    """`c bon`, `ok c'est noté`, `très bien`, `that's fine`: an acknowledgement, no answer."""
    keys = keys_of(reading.text)
    return any(k in _NOTED for k in keys) and all(k in _NOTED or k in _AROUND_NOTED for k in keys)


def noted(turn: Turn) -> None:
    turn.finish()
    turn.say("noted")


def nothing_pending(turn: Turn) -> None:
    turn.finish()
    turn.say("nothing_pending")
