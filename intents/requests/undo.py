"""Taking back or correcting the last movement (`annule ma dernière vente`, `je me suis trompé`)."""

from __future__ import annotations

from collections.abc import Sequence

from intents.answers import ACTUALLY_WORDS, numbers_in
from intents.cue_words import UNDO_VERBS
from intents.normalize import has_phrase, phrase_keys
from intents.requests.base import (
    LAST,
    Request,
    RequestKind,
    rest_words,
    word_set,
)

_MOVEMENT_NOUNS = {
    **dict.fromkeys(word_set("vente vendu sale sold jaay jaaye"), "sale"),
    **dict.fromkeys(
        word_set("arrivage arrivee reception livraison entree recu receipt delivery received"),
        "receipt",
    ),
    **dict.fromkeys(word_set("inventaire comptage count ajustement adjustment"), "adjustment"),
    # a loss is a count's kind with its reason (`state.flows.undo.base.look_up`)
    **dict.fromkeys(word_set("perte pertes casse loss losses"), "loss"),
    **dict.fromkeys(
        word_set("operation mouvement saisie enregistrement transaction entry record action"), ""
    ),
}
_MISTAKE = word_set("trompe trompee erreur errone erronee mistake wrong juum juumna faux tromper")
_MISTAKE_PHRASES = phrase_keys("me suis trompe", "made a mistake", "juum naa")
# Words of an undo or a correction that are not the product's.
_UNDO_DROP = (
    _MISTAKE
    | LAST
    | frozenset(_MOVEMENT_NOUNS)
    | word_set(
        "suis trompe made mistake naa non no pas not c etait etais was were it its mais but "
        "plutot rather oups oops sorry pardon desole celle celui ce cette that this ai j "
        "avais had have au lieu instead "
        # Pidgin `I make mistake`, `i don make mistake`, Wolof `dama juum` (I erred)
        "make don dama"
    )
    | ACTUALLY_WORDS
)


def read_undo(keys: Sequence[str], text: str) -> Request | None:
    """`annule ma dernière vente`, `supprime l'arrivage`, `cancel last sale`, `je me suis
    trompé` (an undo), `je me suis trompé, c'était 3 pas 5` (a correction); the words left
    (`rest`) may name the product (`annule la vente de riz`, `c'était 3 riz pas 5`)."""
    mistake = any(k in _MISTAKE for k in keys) or any(has_phrase(keys, p) for p in _MISTAKE_PHRASES)
    verbs = [i for i, k in enumerate(keys) if k in UNDO_VERBS]
    if not mistake and not verbs:
        return None  # most messages: their numbers and words left are not read
    last = any(k in LAST for k in keys)
    kinds = [_MOVEMENT_NOUNS[k] for k in keys if k in _MOVEMENT_NOUNS]
    movement = next((k for k in kinds if k), None)
    numbers = numbers_in(keys)
    used = set(numbers.positions) | set(verbs)
    rest = rest_words(keys, used, _UNDO_DROP)
    if mistake:
        values = [v for _, _, v in numbers.values]
        if values:
            was = values[1] if len(values) > 1 else None
            return Request(
                RequestKind.CORRECT, rest, quantity=values[0], was=was, movement=movement
            )
        return Request(RequestKind.UNDO, rest, movement=movement, last=True)
    if not verbs or not (last or kinds):
        return None
    if numbers.values and not last:  # `annule 3 ventes`? not an undo of the last one
        return None
    return Request(RequestKind.UNDO, rest, movement=movement, last=last)
