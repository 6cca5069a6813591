"""A movement said not to have happened: `le gel n'est pas arrivé`, `je n'ai pas vendu`, `the
gel didn't come`, `not yet delivered`, Pidgin `e no enter`, `10 gel no enter`, `dem no return
am`, `we no sell am`. Nothing of it is recorded: no sale, no arrival, no customer's return
offered (a yes asked) for it. Only when every word of a movement in the message is negated
(`reçu 10 riz mais pas le sucre`, `non reçu pas vendu` say what happened) and none other is
there; the word that says it is no such word (`pas une vente` names the kind of a movement,
`intents.other_kind`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from intents.answers import keys_of
from intents.cue_words import WORDS, Cue
from intents.missing import CAME_WORDS
from intents.normalize import word_keys

Denied = Literal["sale", "receipt"]
# Words of a movement that are no everyday words beside a negation (`pas entre 5 et 10`, `not
# the supplier`); a customer's return comes in, as an arrival does.
_NOT_MOVES = word_keys("fournisseur supplier entre entree ajoute ajouter ajout add added got")
_MOVES: dict[str, Denied] = {
    **dict.fromkeys(WORDS[Cue.SELL], "sale"),
    **dict.fromkeys((WORDS[Cue.RECEIVE] | CAME_WORDS | WORDS[Cue.RETURN]) - _NOT_MOVES, "receipt"),
}
# Negations right before the verb (`pas reçu`, `never came`, Pidgin `no enter`); `non` answers.
_NEGATIONS = word_keys("pas not never jamais no rien nothing")
# What says the movement happened otherwise (`pas vendu 3 mais 2`, `not received, sold`): a
# correction, no denial.
_OTHERWISE = word_keys("mais but plutot rather instead lieu")
# Words between a negation and its verb: `pas encore reçu`, `not yet delivered`, `has not been
# delivered`, the `t` of `didn't`.
_BETWEEN = word_keys("encore yet been ever even still t")


@dataclass(frozen=True, slots=True)
class Denial:
    """The kind of movement denied, and the message's words without its negations (`gel enter`
    of `the gel no enter`: read as a command, the goods it was about)."""

    kind: Denied
    affirmed: str


def denial(text: str) -> Denial | None:
    """The movement `text` says did not happen, or None."""
    keys = keys_of(text)
    said = [i for i, k in enumerate(keys) if k in _MOVES]
    if not said or any(k in _OTHERWISE for k in keys):
        return None
    negations = [_negation_of(keys, i) for i in said]
    kinds = {_MOVES[keys[i]] for i in said}
    if len(kinds) != 1:
        return None
    dropped: set[int] = set()
    for at, verb in zip(negations, said, strict=True):
        if at is None:
            return None
        dropped.update(range(at, verb))
    return Denial(kinds.pop(), " ".join(k for i, k in enumerate(keys) if i not in dropped))


def _negation_of(keys: Sequence[str], at: int) -> int | None:
    """Where the negation of the verb at `at` stands, or None when it is not negated. A `no`
    opening the message answers a question (`no, received 10`), it negates nothing; a `t` after
    a word ending in n is the negation of `didn't`, `haven't`, `wasn't`, `don't`."""
    before = at - 1
    while before >= 0 and keys[before] in _BETWEEN:
        if keys[before] == "t" and before and keys[before - 1].endswith("n"):
            return before - 1
        before -= 1
    if before < 0 or keys[before] not in _NEGATIONS:
        return None
    if keys[before] == "no" and before == 0:
        return None
    return before
