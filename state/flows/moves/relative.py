"""A quantity said relative to the one asked about: `2 de plus`, `il y en a 3 de moins`, `non 2
de plus`, `2 more`, typed while a line's quantity, its unit or the yes of its draft is asked.

The line's quantity (the count offered, the sale refused) moves by that much; a count with none
yet counts from the stock recorded. One rule for all (`settle.from_stock`, through the line's
`change` settled by `advance`), the one a count command said relative to the stock follows.
"""

from __future__ import annotations

from dataclasses import replace

from intents.answers import ACTUALLY_WORDS, keys_of, numbers_in
from intents.normalize import word_keys
from intents.requests import RequestKind, relative_count
from state.drafts import Draft
from state.flows.moves.acts import drop_line
from state.flows.moves.settle import (
    CONFIRM,
    LARGE_CHECK,
    QUANTITY,
    SKIP_WORDS,
    TRANSACTIONS,
    UNIT,
    action_of,
    advance,
    count_line,
    counts_of,
    names_something,
)
from state.matching import Offered
from state.turn import Reading, Turn

_ASKS = (QUANTITY, UNIT, CONFIRM, LARGE_CHECK)
# Words around such an answer that name nothing: `non 2 de plus`, `en fait il y en a 2 de moins`.
_AROUND = (
    word_keys(
        "non no nope nan deet dedet deedeet oui yes waaw ok mais but plutot rather c est cest "
        "it is its il y en a there are am na moi me je j ai i we nous on avons have has compte "
        "counted trouve found"
    )
    | ACTUALLY_WORDS
)


def answer_relative(turn: Turn, draft: Draft, reading: Reading) -> bool:
    """`2 de plus` under "Riz : combien ?", "Enregistrer l'inventaire ?"…: the line asked about
    (the one of a draft confirmed, or the one its words name) takes its quantity and that much
    more or fewer, asked about again as any quantity (over the stock, far above the usual);
    when nothing makes sense to count from (a sale with no quantity yet), the whole number is
    asked for. False when the text is no such answer, or names another product."""
    ask = turn.ctx.get("ask")
    if ask not in _ASKS:
        return False
    request, parsed = reading.request, reading.parsed
    if request is not None and request.kind is not RequestKind.COUNT:
        return False
    commands = parsed is not None and parsed.intent in TRANSACTIONS
    if commands and action_of(parsed.intent) != draft.action:  # type: ignore[union-attr]
        return False  # `vendu 2 de plus` while a count waits: a command of its own
    found = relative_count(reading.text)
    if found is None and ask == CONFIRM:
        found = taken_off(reading.text)  # `enlève 1 savon` under 3 soaps: 2 of them
    if found is None:
        return False
    change, rest = found
    index = _line_of(turn, draft, rest, None if ask == CONFIRM else int(turn.ctx.get("line", 0)))
    if index is None:
        return False
    move_line(turn, draft, index, change)
    return True


def taken_off(text: str) -> tuple[int, str] | None:
    """`enlève 1 savon`, `retire 2 riz`, `remove 1 soap`: as many fewer (-1, `1 savon`), a
    message that opens with the removing word and holds one number (without one, the line goes:
    `removals`)."""
    keys = keys_of(text)
    numbers = numbers_in(keys).values
    if len(keys) < 2 or keys[0] not in SKIP_WORDS or len(numbers) != 1:
        return None
    start, end, value = numbers[0]
    if start != 1 or not value:
        return None
    return -value, " ".join(keys[start:])  # its number kept: read as a count of the line


def move_line(turn: Turn, draft: Draft, index: int, change: int) -> None:
    """The line at `index` moved by `change` from its quantity (or from the stock, for a count
    with none yet), asked about again as any quantity."""
    line = draft.lines[index]
    if draft.action != "count" and line.quantity is not None and line.quantity + change == 0:
        drop_line(turn, draft, index)  # `enlève 3` of 3 sacs: none of it, not a sale of 0
        return
    turn.answered()
    moved = replace(line, change=change, issue=None, checked=False, converted=None)
    advance(turn, replace(draft, agreed=False).with_line(index, moved))


def _line_of(turn: Turn, draft: Draft, rest: str, asked: int | None) -> int | None:
    """The line `rest` is about: `asked` (or the only one) when it names no product, else the
    line of the product it names (`savon` of the black soap and the shea one: the line's);
    None when it names another."""
    counts = counts_of(turn, rest)
    words = counts[0][0][0] if len(counts) == 1 else ""
    if not names_something(words, _AROUND):
        if asked is not None:
            return asked
        return 0 if len(draft.lines) == 1 else None
    sku = count_line(turn, counts[0]).sku
    if sku is None:  # `savon` of two soaps: the one among the draft's lines
        picked = Offered([line.sku for line in draft.lines if line.sku], turn.view.matcher)
        found = picked.pick(words)
        sku = found[0] if len(found) == 1 else None
    return next(
        (i for i, line in enumerate(draft.lines) if sku and line.sku == sku),
        None,
    )
