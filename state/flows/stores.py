"""Which store a manager of several stores works in: asked once (the message that needed it is
read again once chosen), switched with `MAGASIN <code>`."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from intents.answers import position
from state.choices import ChoiceId, by_words, fold
from state.effects import FindStores, SwitchStore
from state.events import StoresFound, StoreSwitched
from state.machine import MEMO_KEY, Left, State
from state.messages import shorten
from state.turn import Turn
from state.values import Reply, StoreView

FLOW = "store"
KINDS = frozenset({"store"})
_STORE_WORDS = frozenset({"magasin", "boutique", "store", "shop", "depot", "dépôt"})
# The words that say "store" before its code, folded once (not for every message).
STORE_KEYS = frozenset(fold(w) for w in _STORE_WORDS)
_NAMED = "store_named"  # the memo of a switch to a store named in a message
_LOOKED = "looked_elsewhere"  # the message whose product was looked for in the other stores
_LINK_WORDS = frozenset({"celui", "celle", "the", "one", "les", "des", "pour", "for", "dans"})


def store_command(typed: str) -> str | None:
    """`MAGASIN DK2` → `DK2`."""
    words = typed.split()
    if len(words) == 2 and fold(words[0]) in STORE_KEYS:
        return words[1]
    return None


def look_elsewhere(turn: Turn, typed: str) -> bool:
    """A manager of several stores names a product: which of their stores have it (the message
    is read again once known, `found`). False when they have one store, or it was looked for."""
    if len(turn.view.stores) < 2:
        return False
    if turn.ctx.get(_LOOKED) == typed:
        del turn.ctx[_LOOKED]
        return False
    turn.ctx[_LOOKED] = typed
    turn.do(FindStores(typed))
    return True


def stay(turn: Turn, typed: str) -> None:
    """`typed` is read where the manager is, not looked for in their other stores."""
    turn.ctx[_LOOKED] = typed


def found(turn: Turn, event: StoresFound) -> None:
    """Only one store has it: work there (said) and read the message again; several (and no
    store chosen yet): ask among them; none: read it again where the manager is."""
    if len(event.codes) == 1:
        switch(turn, event.codes[0])
        turn.replay = event.text
    elif turn.view.store is None:
        turn.ctx.pop(_LOOKED, None)
        ask_store(turn, pending=event.text, among=event.codes)
    else:
        turn.replay = event.text


def ask_store(turn: Turn, pending: str, among: Sequence[str] = ()) -> None:
    if not turn.view.stores:
        turn.finish()
        turn.say("no_store")
        return
    token = turn.new_token()
    offered = [s for s in turn.view.stores if not among or s.code in among]
    items = [(s.code, s.name, s.code) for s in offered]
    reply = turn.choices_reply(turn.t("which_store"), "store", token, items, "stores_button")
    turn.ask(State.AWAITING_STORE, reply, flow=FLOW, token=token, pending=pending)


def switch(turn: Turn, code: str) -> None:
    turn.finish()
    for store in turn.view.stores:
        if fold(store.code) == fold(code):
            turn.do(SwitchStore(store.code))
            return
    codes = ", ".join(s.code for s in turn.view.stores)
    turn.say("store_unknown", code=shorten(code, 32), codes=codes)


def switch_named(turn: Turn, code: str, *, back: str) -> None:
    """Switch to `code`, named in a message: the reply says the next messages are about it
    too, and how to come `back`."""
    turn.drop_question(Left.REPLACED)
    turn.finish()
    turn.do(SwitchStore(code))
    turn.ctx[MEMO_KEY] = {"flow": _NAMED, "back": back}


def answer(turn: Turn, typed: str) -> bool:
    offered = {choice.id.rsplit(":", 1)[-1] for choice in turn.offered()}
    stores = [s for s in turn.view.stores if s.code in offered] or list(turn.view.stores)
    at = position(typed, len(stores))
    code: str | None = stores[at - 1].code if at is not None else None
    if code is None:
        folded = fold(typed)
        code = next((s.code for s in stores if fold(s.code) == folded), None)
    if code is None:
        choice = by_words(turn.offered(), typed)
        code = choice.id.rsplit(":", 1)[-1] if choice is not None else None
    if code is None:
        code = _by_name_words(stores, typed)
    if code is None:
        return False
    _chosen(turn, code)
    return True


def _by_name_words(stores: Sequence[StoreView], typed: str) -> str | None:
    """`celui de thies`, `la boutique de Pikine`: the one store whose name or code has a word
    typed (accents, case and small typos ignored)."""
    words = [w for w in fold(typed).split() if len(w) >= 3 and w not in _LINK_WORDS]
    found = [
        s.code
        for s in stores
        if any(fuzz.ratio(w, n) >= 80 for w in words for n in fold(f"{s.name} {s.code}").split())
    ]
    return found[0] if len(found) == 1 else None


def choose(turn: Turn, chosen: ChoiceId) -> None:
    _chosen(turn, chosen.value)


def _chosen(turn: Turn, code: str) -> None:
    pending = turn.ctx.get("pending")
    turn.answered()
    switch(turn, code)
    turn.replay = str(pending) if pending else None


def switched(turn: Turn, event: StoreSwitched) -> None:
    said = turn.t("store_switched", name=event.name, code=event.code)
    memo = turn.ctx.get(MEMO_KEY) or {}
    if memo.get("flow") == _NAMED:
        turn.recall()
        if memo.get("back"):
            said += " " + turn.t("store_switched_back", code=memo["back"])
    turn.reply(Reply(said))
