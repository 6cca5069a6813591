"""One message, several kinds of movement: a sale and a loss (`vendu 2 riz et perdu 1 savon`,
`sold 2 rice and 1 soap was stolen`, `jaay naa 2 riz te 1 saabu yàqu na`), a sale and a return
to the supplier, a loss and an arrival. Each kind is its own movement, with its own note in the
history, asked in turn as a sale and an arrival are (`Draft.then`): the first written now, the
rest read once it is recorded or declined, which is said (`one_at_a_time`). Nothing is recorded
before its confirmation. Goods out of the stock without a sale go one product at a time (a loss
is of one product), so `perdu 1 savon et 2 sucre` is two losses in turn too.

A loss or a return to the supplier is told by an item's own words (the request they make:
`perdu 1 savon`, `1 soap was stolen`, `rendu 3 huile au fournisseur`); a sale, an arrival or a
purchase by its own verb; an item with neither (`et 2 sucre`) is of the kind before it, and
when that kind is goods out, it is read next with those words (`perdu 2 sucre`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from intents import ParsedIntent
from intents.answers import keys_of
from intents.numbers import is_number_word
from intents.requests import Request, RequestKind
from intents.requests.supplier_returns import sends_back, supplier_said_last
from state.drafts import OUT, Action
from state.flows.moves.settle import TRANSACTIONS, action_of, start, start_count
from state.turn import Reading, Turn

# The kinds said by a verb: a sale, an arrival, a purchase.
_MOVEMENTS: dict[str, Action] = {a: a for a in map(action_of, TRANSACTIONS) if a is not None}


@dataclass(frozen=True, slots=True)
class _Item:
    parsed: ParsedIntent
    kind: str  # an action of `_MOVEMENTS`, or a reason out (`OUT`)
    text: str  # as it reads alone (`perdu 2 sucre` for the `2 sucre` of `perdu 1 savon et 2 sucre`)


def mixed(turn: Turn, reading: Reading) -> bool:
    """Whether `reading` lists goods out of the stock without a sale (a loss, a return to the
    supplier) beside another movement or other goods out; if so, the first movement written is
    asked now and the others after it, in the order written."""
    many = reading.many
    items = _items(turn, many, _supplier_first(reading.text, many)) if len(many) > 1 else None
    if items is None:
        return False
    out = [item for item in items if item.kind in OUT]
    if not out or (len({item.kind for item in items}) < 2 and len(out) < 2):
        return False
    first = items[0]
    now = [first] if first.kind in OUT else [i for i in items if i.kind == first.kind]
    then = " ; ".join(item.text for item in items if not any(item is n for n in now))
    since = len(turn.conv.actions)
    if first.kind in OUT:
        request = Reading(first.text, turn.view).request
        assert request is not None  # `_items` read it
        start_count(
            turn, request.counts, first.text, change=request.change, out=request.out, then=then
        )
    else:
        typed = " ; ".join(item.text for item in now)
        start(turn, _MOVEMENTS[first.kind], [i.parsed for i in now], typed, then=then)
    turn.ctx["misses"] = 0
    turn.lead(turn.t("one_at_a_time", text=then), since=since)
    return True


def _supplier_first(text: str, many: Sequence[ParsedIntent]) -> list[str]:
    """The items' texts; when the message closes on the supplier the goods went to (`j'ai
    retourné 2 savon et 3 riz au fournisseur`), said with the first item instead of the last
    (`j'ai retourné 2 savon au fournisseur`, `3 riz`), so that each is a return to the supplier
    (the soap was a customer's return, the rice an arrival: the stock went up)."""
    texts = [parsed.text for parsed in many]
    said = supplier_said_last(text)
    last = supplier_said_last(texts[-1])
    if said is None or last is None or supplier_said_last(texts[0]) is not None:
        return texts
    if not sends_back(texts[0]) or sends_back(last[0]):
        return texts  # `vendu 2 riz, rendu 3 huile au fournisseur`: the oil's own words
    return [f"{texts[0]} {said[1]}", *texts[1:-1], last[0]]


def _items(turn: Turn, many: Sequence[ParsedIntent], texts: Sequence[str]) -> list[_Item] | None:
    """Each item with its kind and the text it reads as alone; None when one is no movement."""
    items: list[_Item] = []
    leader: tuple[ParsedIntent, Request] | None = None  # the goods out whose words are borrowed
    for parsed, typed in zip(many, texts, strict=True):
        parsed = replace(parsed, text=typed) if typed != parsed.text else parsed
        own = Reading(parsed.text, turn.view)
        request = own.request
        if request is not None and request.kind is RequestKind.COUNT and request.out:
            leader = (parsed, request)
            items.append(_Item(parsed, request.out, parsed.text))
            continue
        if request is not None:
            return None
        verb = action_of(own.parsed.intent) if own.parsed is not None else None
        if verb in _MOVEMENTS:
            leader = None
            items.append(_Item(parsed, verb, parsed.text))
        elif not items:  # the first item borrows a verb written after it (`2 riz vendus`)
            kind = action_of(parsed.intent)
            if kind not in _MOVEMENTS:
                return None
            items.append(_Item(parsed, kind, parsed.text))
        elif leader is None:
            items.append(_Item(parsed, items[-1].kind, parsed.text))
        else:  # `2 sucre` after `perdu 1 savon`: lost too, read as `perdu 2 sucre`
            text = _with_words_of(*leader, parsed.text)
            again = Reading(text, turn.view).request
            if again is None or again.out != leader[1].out:
                return None
            items.append(_Item(parsed, items[-1].kind, text))
    return items


def _with_words_of(leader: ParsedIntent, request: Request, text: str) -> str:
    """`text` (goods and their number) between the words the leader says around its own (`perdu
    … `, `j'ai retourné … au fournisseur`, `… was stolen`)."""
    goods = set(request.rest.split())
    words = leader.text.split()
    marks = [
        i
        for i, word in enumerate(words)
        if any(k in goods or k.isdigit() or is_number_word(k) for k in keys_of(word))
    ]
    if not marks:
        return text
    before, after = words[: marks[0]], words[marks[-1] + 1 :]
    return " ".join([*before, text, *after])
