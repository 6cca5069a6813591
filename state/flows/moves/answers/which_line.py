"""Answers to "Quelle ligne modifier ?": a line by its product or position, with its new
quantity if one is said, or a product the line picked will take."""

from __future__ import annotations

from intents import Intent, ParsedIntent, read_quantity
from intents.answers import Answer, Correction, correction, keys_of, numbers_in, position
from intents.cue_words import EDIT_WORDS
from intents.normalize import has_phrase, word_keys
from intents.requests import RequestKind
from intents.stopwords import STOPWORDS
from state.drafts import Draft
from state.flows.moves.corrections.correct import correct
from state.flows.moves.corrections.editing import ask_which_line, edit_line
from state.flows.moves.corrections.lines import line_of, line_picked
from state.flows.moves.settle import TRANSACTIONS, WHICH_LINE, advance, asks_stock, count_lines
from state.matching import Offered
from state.messages import number
from state.turn import Reading, Turn


def answer_which_line(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """A line, by its product or its position: its new quantity (the one said before, if any)
    or the question of it. A new quantity (`plutôt 6`, `actually 6`, `non 6`): for the line it
    names (`6 riz`, `le riz c'est 6`), else kept while the lines are offered again. A number of
    the line's name (`la 45` for the 45Ah battery) or its position (`2`) only picks it."""
    text = reading.text
    parsed = reading.parsed
    if _nothing_to_change(reading, len(draft.lines)):  # `oui`, `rien`: as it is, confirmed
        since = len(turn.conv.actions)
        turn.answered()
        advance(turn, draft)
        turn.lead(turn.t("nothing_changed"), since=since)
        return True
    if _every_line(reading):  # `les deux`, `both`: not a quantity of 2
        turn.repeat_question(turn.t("one_line_at_a_time"))
        return True
    if parsed is not None and parsed.intent in TRANSACTIONS and _elsewhere(draft, parsed):
        return False  # `vendu 5 huile` while the rice's or the soap's line is asked: a command
    request = reading.request
    if request is not None and request.kind is RequestKind.COUNT:
        counted = count_lines(turn, request.counts, text)
        if any((line.sku or line.candidates) and line_of(draft, line) is None for line in counted):
            return False  # `inventaire 30 huile` while a count of rice and soap is edited
    index = line_picked(turn, draft, text)
    instead = _product_instead(turn, draft, reading) if index is None else None
    if instead is not None:  # `lait` under "Quelle ligne modifier ?" of rice and sugar
        since = len(turn.conv.actions)
        turn.answered()
        ask_which_line(turn, draft, Correction(quantity=turn.ctx.get("fix")), product=instead)
        turn.lead(turn.t("line_for_product", name=turn.name(instead)), since=since)
        return True
    found = correction(text)
    sku = draft.lines[index].sku if index is not None else None
    of_its_name = sku is not None and Offered([sku], turn.view.matcher).holds_numbers(text)
    token, since = turn.ctx.get("token"), len(turn.conv.actions)
    if (
        found is not None
        and found.quantity is not None
        and not found.other
        and position(text, len(draft.lines)) is None
        and not of_its_name
        and correct(turn, draft, found, text=text)
    ):
        if turn.ctx.get("ask") == WHICH_LINE and turn.ctx.get("token") != token:
            said = number(turn.lang, found.quantity)
            turn.lead(turn.t("fix_noted", what=said), since=since)  # the same question
        return True
    if index is None:
        return False
    edit_line(turn, draft, index)
    return True


# Saying there is nothing to change: `rien`, `aucune`, `laisse comme ça`, `keep it as is`,
# `none`, Wolof `dara`; a yes or a no too (`oui c'est bon`, `non rien à modifier`).
_AS_IS = word_keys(
    "rien aucune aucun none nothing neither dara laisse laissez garde garder keep tel telle bon "
    "ok oui yes non no waaw deedeet"
)
_AROUND = EDIT_WORDS | STOPWORDS | word_keys("comme as is c est ca a")


def _nothing_to_change(reading: Reading, lines: int) -> bool:
    """A reply to "Quelle ligne modifier ?" that names no line: nothing is to change (`oui` was
    the question again, `non` not understood)."""
    keys = keys_of(reading.text)
    parsed = reading.parsed
    if not keys or numbers_in(keys).values or position(reading.text, lines) is not None:
        return False
    if parsed is not None and (parsed.product is not None or parsed.candidates):
        return False
    if reading.answer in (Answer.YES, Answer.NO):
        return True
    return any(k in _AS_IS for k in keys) and all(k in _AS_IS or k in _AROUND for k in keys)


# Every line (`les deux`, `tous`, `both`, `all of them`): one is changed at a time.
_EVERY = word_keys("tout tous toute toutes both all ensemble")
_TWO = tuple(
    tuple(keys_of(pair))
    for pair in ("les deux", "les 2", "ces deux", "ces 2", "tous les deux", "the two", "the 2")
)
_AROUND_EVERY = STOPWORDS | word_keys("of them lignes lines")


def _every_line(reading: Reading) -> bool:
    keys = keys_of(reading.text)
    pairs = {k for pair in _TWO if has_phrase(keys, pair) for k in pair}
    return bool(pairs or set(keys) & _EVERY) and all(
        k in _EVERY or k in pairs or k in _AROUND_EVERY for k in keys
    )


def _product_instead(turn: Turn, draft: Draft, reading: Reading) -> str | None:
    """A product alone, none of the lines' (`lait`, `le savon`), typed while the line to change
    is asked: the product that line will take. Not a stock question (`stock lait`), not a
    command, not a number."""
    parsed = reading.parsed
    if (
        parsed is None
        or parsed.product is None
        or parsed.intent not in (Intent.STOCK_QUERY, Intent.UNKNOWN)
        or reading.request is not None
        or read_quantity(reading.text).value is not None
        or asks_stock(reading)
        or any(
            parsed.product == line.sku or parsed.product in line.candidates for line in draft.lines
        )
    ):
        return None
    return parsed.product


def _elsewhere(draft: Draft, parsed: ParsedIntent) -> bool:
    """Whether a command names products and none of them is one of the draft's lines."""
    named = {parsed.product} if parsed.product else set(parsed.candidates)
    return bool(named) and not any(
        line.sku in named or named & set(line.candidates) for line in draft.lines
    )
