"""A question worded again in another language from how it was written: while a step runs
(`recording`), every text of the catalogues filled in, amount, unit or title cut short
(`state.messages`, marked `@worded`) is noted with what it was made of; when a question is
asked, its text, button and row titles are kept as those pieces (`wording_of`: what is no
piece, a product's name, a new line, stays as it is), and said again in any language
(`reworded`) with the same choices. Any flow's question, a push built by `bot/` too
(`recording` around it), is asked again this way after the manager switches language.

A piece is `[function, args, values]`; an argument that is itself a piece made before it
(`3 sacs` in « Annuler la vente de 3 sacs de Riz ? ») is `{"$": piece}`, one that joins
pieces (`3 sacs de Riz, 2 cartons de Savon`) `{"$$": segments}`: worded again too.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, ParamSpec

from state.values import (
    BUTTON_TITLE_MAX,
    INTERACTIVE_BODY_MAX,
    ROW_DESCRIPTION_MAX,
    ROW_TITLE_MAX,
    Choice,
    Reply,
    text_length,
)

P = ParamSpec("P")
Piece = list[Any]  # [function name, args, values]
Segment = str | dict[str, Any]  # a literal, or {"$": piece}
_Noted = tuple[str, str, tuple[Any, ...], dict[str, Any]]  # output, function, args, values

_LOG: ContextVar[deque[_Noted] | None] = ContextVar("wording_log", default=None)
_MAKERS: dict[str, tuple[Callable[..., str], bool]] = {}  # name -> function, language first
_PLAIN = (int, float, bool, type(None))
NOTED_MAX = 2000  # the last texts noted in a step (a long listing's first lines: kept as said)
# A question longer than this (characters) is not worded again: cutting it into the texts it
# was made of costs more than the rest of a message (0.05 s at 300 lines, 1.1 s at 1,000).
WORDED_MAX = 2000


def worded(*, language_first: bool = True) -> Callable[[Callable[P, str]], Callable[P, str]]:
    """Note each text `function` makes while a step records (`language_first`: its first
    argument is the language, replaced when it is worded again)."""

    def mark(function: Callable[P, str]) -> Callable[P, str]:
        name = function.__name__

        @wraps(function)
        def noted(*args: P.args, **values: P.kwargs) -> str:
            made = function(*args, **values)
            log = _LOG.get()
            if log is not None and made:
                log.append((made, name, args, dict(values)))
            return made

        _MAKERS[name] = (function, language_first)
        return noted

    return mark


@contextmanager
def recording() -> Iterator[deque[_Noted]]:
    """Note the texts made inside the block (a step, a push being built), the last
    `NOTED_MAX`."""
    log: deque[_Noted] = deque(maxlen=NOTED_MAX)
    token = _LOG.set(log)
    try:
        yield log
    finally:
        _LOG.reset(token)


def noted() -> deque[_Noted] | None:
    """What the block running has noted so far (None outside `recording`)."""
    return _LOG.get()


def wording_of(reply: Reply, log: Sequence[_Noted]) -> dict[str, Any] | None:
    """`reply`'s texts as the pieces `log` noted; None when no piece of it was noted, or when
    the question is too long to be cut into pieces at each message (`WORDED_MAX`: a count of
    hundreds of lines; it is then kept as it was said)."""
    if len(reply.text) > WORDED_MAX or len(log) > WORDED_MAX // 5:
        return None
    pieces = _pieces(log)
    if not pieces:
        return None
    order = sorted(pieces, key=len, reverse=True)

    def split(said: str) -> list[Segment]:
        return _split(said, pieces, order)

    return {
        "text": split(reply.text),
        "buttons": [split(c.title) for c in reply.buttons],
        "rows": [[split(c.title), split(c.description)] for c in reply.rows],
        "list_button": split(reply.list_button),
    }


def reworded(question: Reply, wording: Mapping[str, Any], language: str) -> Reply | None:
    """`question` said again in `language` from its `wording` (the same choices); None when
    the wording does not fit the question any more."""
    buttons, rows = wording.get("buttons", ()), wording.get("rows", ())
    if len(buttons) != len(question.buttons) or len(rows) != len(question.rows):
        return None
    try:
        again = _reply(question, wording, language)
    except (KeyError, IndexError, TypeError, ValueError):
        return None  # made of texts this version no longer has: kept as it was said
    return again if _fits(again) else None  # longer in that language: kept as it was said


def _fits(reply: Reply) -> bool:
    """Whether `reply` keeps within WhatsApp's limits on a question's body and choices."""
    buttons, rows = reply.buttons, reply.rows
    return (
        all(text_length(c.title) <= BUTTON_TITLE_MAX for c in buttons)
        and len({c.title for c in buttons}) == len(buttons)
        and all(text_length(c.title) <= ROW_TITLE_MAX for c in rows)
        and all(text_length(c.description) <= ROW_DESCRIPTION_MAX for c in rows)
        and text_length(reply.list_button) <= BUTTON_TITLE_MAX
        and (not (buttons or rows) or text_length(reply.text) <= INTERACTIVE_BODY_MAX)
    )


def _reply(question: Reply, wording: Mapping[str, Any], language: str) -> Reply:
    buttons, rows = wording.get("buttons", ()), wording.get("rows", ())
    return Reply(
        _said(wording.get("text", ()), language),
        buttons=tuple(
            Choice(c.id, _said(title, language), c.description)
            for c, title in zip(question.buttons, buttons, strict=True)
        ),
        rows=tuple(
            Choice(c.id, _said(title, language), _said(description, language))
            for c, (title, description) in zip(question.rows, rows, strict=True)
        ),
        list_button=_said(wording.get("list_button", ()), language),
    )


def _pieces(log: Sequence[_Noted]) -> dict[str, Piece]:
    """Each text noted, as the piece that made it (the latest, when made twice); an argument
    made before it is that piece, one made of pieces (`3 sacs de Riz, 2 cartons de Savon`)
    those pieces."""
    pieces: dict[str, Piece] = {}
    for made, name, args, values in log:
        piece = [
            name,
            [_argument(a, pieces) for a in args],
            {k: _argument(v, pieces) for k, v in values.items()},
        ]
        pieces[made] = piece
    return pieces


def _argument(value: Any, pieces: Mapping[str, Piece]) -> Any:
    if not isinstance(value, str):
        return value if isinstance(value, _PLAIN) else str(value)
    piece = pieces.get(value)
    if piece is not None:
        return {"$": piece}
    if not any(mark in value for mark in _JOINED):
        return value  # a name, a date: no piece of text
    held = sorted((made for made in pieces if made in value), key=len, reverse=True)
    segments = _split(value, pieces, held)
    return {"$$": segments} if any(not isinstance(s, str) for s in segments) else value


_JOINED = (", ", "\n", " — ")  # how pieces are put together into one value


def _split(said: str, pieces: Mapping[str, Piece], order: Sequence[str]) -> list[Segment]:
    """`said` cut into the longest pieces it holds (whole words only) and what lies between."""
    if not said:
        return []
    for made in order:
        if len(made) > len(said):
            continue
        at = _found(said, made)
        if at < 0:
            continue
        before, after = said[:at], said[at + len(made) :]
        return [
            *_split(before, pieces, order),
            {"$": pieces[made]},
            *_split(after, pieces, order),
        ]
    return [said]


def _found(said: str, made: str) -> int:
    """Where `made` stands in `said` as whole words (`Non`, not the start of `Noix`); -1."""
    at = said.find(made)
    while at >= 0:
        end = at + len(made)
        if not _joins(said, at - 1, made[0]) and not _joins(said, end, made[-1]):
            return at
        at = said.find(made, at + 1)
    return -1


def _joins(said: str, index: int, edge: str) -> bool:
    """Whether the character at `index` continues the word `edge` ends or starts."""
    return 0 <= index < len(said) and said[index].isalnum() and edge.isalnum()


def _said(segments: Sequence[Segment], language: str) -> str:
    return "".join(s if isinstance(s, str) else _made(s["$"], language) for s in segments)


def _made(piece: Sequence[Any], language: str) -> str:
    name, args, values = piece
    function, language_first = _MAKERS[name]
    shown = [_value(a, language) for a in args]
    if language_first and shown:
        shown[0] = language
    return function(*shown, **{k: _value(v, language) for k, v in values.items()})


def _value(value: Any, language: str) -> Any:
    if isinstance(value, dict) and "$" in value:
        return _made(value["$"], language)
    if isinstance(value, dict) and "$$" in value:
        return _said(value["$$"], language)
    return value
