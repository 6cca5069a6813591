"""The language the bot answers a manager in: the one they asked for, else the one they write.

`english please`, `parle français`, `wax ci wolof` choose it: stored, said, and kept whatever the
manager writes afterwards (`CatalogView.language_chosen`: on the manager's row, as a language the
owner sets is). Until then, a message written clearly in English or French
(`intents.written_language`: `how much rice is left`, `il reste combien de riz`, not `ok`,
`stock riz` or a product's name) is answered in that language, and the language is stored for
what follows (the next `yes`, alert pushes, digests), without a word about it.
Wolof is never followed nor left this way: it is only ever chosen (or set by the owner).

`réponds dans la langue où j'écris`, `parle comme moi`, `answer in the language I write` undo a
choice (as the owner's `auto` does, `bot.managers.follow_written`): answered in the language
that message is written in (else the one they have, French for Wolof), then followed.
A language asked for while a question waits keeps it: the question is asked again, in the new
language (`Turn.reword_question`: whatever the question, its buttons and rows too; the answer
reads as before).
"""

from __future__ import annotations

from intents.requests import RequestKind
from intents.written_language import firm_language, written_language
from state.effects import SetLanguage
from state.events import LanguageSet
from state.machine import WRITTEN_KEY
from state.turn import Reading, Turn
from state.values import Reply

# The languages followed when the manager writes in them (Wolof is only ever chosen).
FOLLOWED = frozenset({"fr", "en"})


def choose(turn: Turn, reading: Reading) -> None:
    """The manager asks for a language (`Request.language`): from now on, whatever they write;
    or for none (`parle comme moi`): from now on, the one they write. A question waiting is
    kept (`set_` asks it again)."""
    request = reading.request
    assert request is not None
    if not turn.conv.waiting:
        turn.finish()
    if request.language is not None:
        turn.do(SetLanguage(request.language))
        return
    written = written_language(reading.text)  # words of the request only: no product's
    turn.do(SetLanguage(written or turn.lang, as_written=True))


def chosen_aside(turn: Turn, reading: Reading) -> bool:
    """A language asked for while a question waits: chosen, and the question kept."""
    request = reading.request
    if request is None or request.kind is not RequestKind.LANGUAGE or not turn.conv.waiting:
        return False
    choose(turn, reading)
    return True


def set_(turn: Turn, event: LanguageSet) -> None:
    """The language stored: said (the view is read again: in the new language), with the
    question waiting under it, in that language too."""
    if event.followed:
        return
    said = turn.t("language_as_written" if event.as_written else "language_set")
    if turn.conv.waiting:
        turn.repeat_question(said)
    else:
        turn.reply(Reply(said))


def follow(turn: Turn, reading: Reading) -> None:
    """Answer `reading` (and what follows) in the language it is clearly written in, when the
    manager has chosen none and is answered in French or English."""
    if turn.view.language_chosen or turn.lang not in FOLLOWED:
        return
    request = reading.request
    if request is not None and request.kind is RequestKind.LANGUAGE:
        return  # a choice: `choose` answers it
    # before any word of a language was seen written, the default one is no language followed
    current = turn.lang if turn.ctx.get(WRITTEN_KEY) else None
    names = _names(turn)
    written = written_language(reading.text, names, current)
    seen = written or firm_language(reading.text, names)
    if seen is not None:
        turn.ctx[WRITTEN_KEY] = seen
    if written is None or written == turn.lang:
        return
    turn.lang = written
    turn.do(SetLanguage(written, followed=True))


def _names(turn: Turn) -> frozenset[str]:
    matcher = turn.view.matcher
    return matcher.name_words if matcher is not None else frozenset()
