"""A store named in a message (`stock riz a mbacke`, `vendu 3 a la boutique de touba`).

The place is the end of the message: a preposition (`a`, `au`, `chez`, `at`, `ci`…), then maybe
an article, a store word (`boutique`, `depot`, `shop`…) and `de`, then one to three words of a
store's name or code (or the name then the store word: `at the Touba shop`). What a manager
expects:

- one of their stores, the current one: the message is read without the place;
- another of their stores: they work there from now on (as `MAGASIN <code>` would, and the reply
  says so and how to come back), and the message is read there without the place;
- a store that is not theirs: nothing is done and nothing of that store is shown;
- no store at all (`vendu 2 pneus a moussa`): the message is read as it was typed.

The manager's own stores are in the view; another store is looked up (`FindStoreNamed`) only
when the place's words are not the catalogue's (`vendu 2 pots a peinture` names no place).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from state.choices import fold
from state.effects import FindStoreNamed
from state.events import StoreNamed
from state.flows import stores
from state.turn import Turn
from state.values import StoreView

_PREPOSITIONS = frozenset({"a", "au", "aux", "chez", "at", "in", "dans", "ci"})
_ARTICLES = frozenset({"la", "le", "l", "the", "our", "notre", "mon", "ma", "my"})
# A store's own words, and two more that name one in a sentence (not in `MAGASIN <code>`).
_STORE_WORDS = stores.STORE_KEYS | {"entrepot", "bitik"}
_OF = frozenset({"de", "du", "d", "of"})
_WORD = re.compile(r"\w+")
_MAYBE = re.compile(r"(?<!\w)(?:a|à|au|aux|chez|at|in|dans|ci)(?!\w)", re.IGNORECASE)
_NAME_MAX = 3  # words of a store's name
_CHECKED = "place_checked"  # the message whose place was looked up and named no store
_SIMILAR = 85  # rapidfuzz ratio from which a typed word is a word of the store's name


@dataclass(frozen=True, slots=True)
class Place:
    """The words naming a store and the message without them."""

    words: tuple[str, ...]
    rest: str
    store_word: bool  # `boutique`, `depot`… said: surely a store


def place_of(text: str) -> Place | None:
    """The place at the end of `text`, if any (`vendu 3 a la boutique de touba` → `touba`)."""
    if _MAYBE.search(text) is None:  # most messages: no preposition of a place at all
        return None
    found = list(_WORD.finditer(text))
    tokens = [fold(m.group()) for m in found]
    for start in range(len(tokens) - 2, 0, -1):
        if tokens[start] not in _PREPOSITIONS:
            continue
        tail = tokens[start + 1 :]
        if len(tail) > _NAME_MAX + 3:
            return None
        while tail and tail[0] in _ARTICLES:
            tail = tail[1:]
        said_store = bool(tail) and tail[0] in _STORE_WORDS
        if said_store:
            tail = tail[1:]
            if tail and tail[0] in _OF:
                tail = tail[1:]
        elif len(tail) > 1 and tail[-1] in _STORE_WORDS:  # `at the Mbacke shop`
            said_store, tail = True, tail[:-1]
        if not tail or len(tail) > _NAME_MAX:
            return None
        if not all(w.isalpha() and len(w) >= 3 for w in tail):
            return None
        rest = text[: found[start].start()].rstrip(" ,;:-")
        return Place(tuple(tail), rest, said_store)
    return None


def named(stores: Iterable[StoreView], words: Sequence[str]) -> list[StoreView]:
    """The stores whose name or code has every word typed (accents, case, small typos
    ignored)."""
    found = []
    for store in stores:
        own = fold(f"{store.name} {store.code}").split()
        if all(any(fuzz.ratio(w, n) >= _SIMILAR for n in own) for w in words):
            found.append(store)
    return found


def read(turn: Turn, typed: str) -> str:
    """`typed` to read on (without the place when it names the current store), or "" when
    this message was handled here (switched and read again, or looked up)."""
    if turn.ctx.get(_CHECKED) == typed:
        del turn.ctx[_CHECKED]
        return typed
    place = place_of(typed)
    if place is None or not place.rest:
        return typed
    mine = named(turn.view.stores, place.words)
    if len(mine) == 1:
        return _mine(turn, mine[0], place)
    if mine:
        return typed
    if not place.store_word and _catalog_words(turn) & set(place.words):
        return typed  # `vendu 2 pots a peinture`: the product's words, not a place
    turn.ctx[_CHECKED] = typed
    turn.do(FindStoreNamed(typed, place.words))
    return ""


def _mine(turn: Turn, store: StoreView, place: Place) -> str:
    current = turn.view.store
    stores.stay(turn, place.rest)  # the store was named: its products are not looked for elsewhere
    if current is not None and current.code == store.code:
        return place.rest
    stores.switch_named(turn, store.code, back=current.code if current is not None else "")
    turn.replay = place.rest
    return ""


def _catalog_words(turn: Turn) -> set[str]:
    matcher = turn.view.matcher
    if matcher is None:
        return set()
    words: set[str] = set()
    for product in matcher.products:
        for name in (product.name, *product.aliases):
            words.update(fold(name).split())
    return words


def found(turn: Turn, event: StoreNamed) -> None:
    """Another manager's store: refused, nothing of it shown; no store: read as typed."""
    if event.name is None:
        turn.replay = event.text
        return
    turn.ctx.pop(_CHECKED, None)
    turn.say("store_not_yours", name=event.name)
