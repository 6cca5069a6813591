"""The language the bot answers a manager in: the one they asked for, else the one they write.

`english please`, `parle français`, `wax ci wolof` choose it: stored, said, and kept whatever the
manager writes afterwards (`CatalogView.language_chosen`: on the manager's row, as a language the
owner sets is). Until then, a message written clearly in English or French
(`intents.written_language`: `how much rice is left`, `il reste combien de riz`, not `ok`,
`stock riz` or a product's name) is answered in that language, and the language is stored for
what follows (the next `yes`, alert pushes, digests), without a word about it.
Wolof is never followed nor left this way: it is only ever chosen (or set by the owner).
"""

from __future__ import annotations

from intents.requests import RequestKind
from intents.written_language import written_language
from state.effects import SetLanguage
from state.events import LanguageSet
from state.turn import Reading, Turn

_FOLLOWED = frozenset({"fr", "en"})


def choose(turn: Turn, wanted: str) -> None:
    """The manager asks for `wanted`: from now on, whatever they write."""
    turn.finish()
    turn.do(SetLanguage(wanted))


def set_(turn: Turn, event: LanguageSet) -> None:
    if not event.followed:
        turn.say("language_set")  # the view is read again: in the new language


def follow(turn: Turn, reading: Reading) -> None:
    """Answer `reading` (and what follows) in the language it is clearly written in, when the
    manager has chosen none and is answered in French or English."""
    if turn.view.language_chosen or turn.lang not in _FOLLOWED:
        return
    request = reading.request
    if request is not None and request.kind is RequestKind.LANGUAGE:
        return  # a choice: `choose` answers it
    matcher = turn.view.matcher
    names = matcher.name_words if matcher is not None else frozenset()
    written = written_language(reading.text, names)
    if written is None or written == turn.lang:
        return
    turn.lang = written
    turn.do(SetLanguage(written, followed=True))
