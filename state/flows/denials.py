"""A movement said not to have happened (`le gel n'est pas arrivé`, `e no enter`, `dem no
return am`, `je n'ai pas vendu`; `intents.denials`): never offered as that movement. Under a
sale, an arrival or a return of that kind waiting, it is its no (the lines of the goods it
names, when others are left), or what did not come of its line when it counts fewer (`2 sacs
ne sont pas arrivés` of 10: 8, as `il manque 2`); with another question waiting, that question
again under « rien n'est enregistré »; with nothing waiting, right after that movement was
recorded, its cancellation asked (later, said to stay recorded); else nothing recorded said."""

from __future__ import annotations

from collections.abc import Sequence

from intents.denials import Denial, denial
from state.drafts import Line
from state.flows import undo
from state.flows.moves.acts import decline, drop_lines
from state.flows.moves.relative import move_line
from state.flows.moves.settle import FLOW
from state.machine import DONE_KEY
from state.turn import Reading, Turn


def denied(turn: Turn, reading: Reading) -> bool:
    """Whether `reading` denies a movement; if so, answered as above."""
    said = denial(reading.text)
    if said is None:
        return False
    turn.ctx["misses"] = 0
    draft = turn.draft if turn.conv.waiting and turn.flow == FLOW else None
    if draft is not None and draft.action == said.kind:
        named = _named(turn, said.affirmed)
        lines = {
            index
            for index, line in enumerate(draft.lines)
            if line.sku in named or named & set(line.candidates)
        }
        if not named:
            lines = set(range(len(draft.lines)))
        count = said.count
        if count is not None and (short := _short_line(draft.lines, lines, count)) is not None:
            move_line(turn, draft, short, -count)  # `2 sacs ne sont pas arrivés` of 10: 8
            return True
        if len(lines) == len(draft.lines):
            decline(turn, draft)  # `e no enter`, `le gel n'est pas arrivé` under its arrival
            return True
        if lines:
            drop_lines(turn, draft, lines)  # `le savon n'est pas venu` of 10 gel and 5 savons
            return True
    if turn.conv.waiting:
        turn.remind_question(turn.t("nothing_recorded"))
    elif not _of_recorded(turn, said):
        turn.say("nothing_recorded")
    return True


def _of_recorded(turn: Turn, said: Denial) -> bool:
    """`en fait je n'ai pas vendu` right after a sale was recorded (the last recording, of the
    goods named if any): its cancellation asked, as `annule` would (`undo.take_back_recent`);
    later than that, said to stay recorded. False when nothing of that kind was recorded last."""
    done = turn.ctx.get(DONE_KEY)
    if not done or done.get("kind") != said.kind:
        return False
    named = _named(turn, said.affirmed)
    if named and not named & {str(sku) for sku, _ in done.get("lines", ())}:
        return False  # `le sucre n'est pas arrivé` after an arrival of rice
    if not undo.take_back_recent(turn):
        turn.say(f"recorded_stays_{said.kind}")
    return True


def _named(turn: Turn, words: str) -> set[str]:
    """The products the words of the movement name (`10 gel enter`: the gel)."""
    matcher = turn.view.matcher
    if matcher is None:
        return set()
    return {
        sku
        for item in matcher.parse_many(words)
        for sku in (item.product, *item.candidates)
        if sku is not None
    }


def _short_line(lines: Sequence[Line], named: set[int], count: int) -> int | None:
    """The one line named whose quantity is more than the `count` said not to have happened:
    the rest of it happened (`2 didn't come` of 10)."""
    if len(named) != 1:
        return None
    (index,) = named
    quantity = lines[index].quantity
    return index if quantity is not None and quantity > count else None
